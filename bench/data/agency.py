"""The benchmark site's agency, departments, staff and site tree: the demo agency of gongkai.demo.data.

Created with the organisation services (so audit entries and role groups are the real ones), but
without the demo's records and applications: the generator writes those in bulk. Staff passwords
are hashed once (gongkai.demo.data.DEMO_PASSWORD) instead of once per account.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from gongkai.demo import data
from gongkai.demo.loader import ensure_organisation
from gongkai.disclosure.site_tree import ensure_disclosure_section
from gongkai.organisation import services
from gongkai.portal.services import ensure_site_tree


@transaction.atomic
def ensure_agency():
    """Agency, departments, staff and site tree of the demo agency; returns (department pk by code, user pk by name).

    Idempotent: what exists is kept.
    """
    agency, by_code = ensure_organisation()
    users = get_user_model().objects
    created = []
    for username, full_name, role, department in data.STAFF:
        if not users.filter(username=username).exists():
            profile = services.do_create_staff(
                None, username=username, password=None, role=role, department=by_code.get(department),
                full_name=full_name, email=f"{username.replace('.', '_')}@scjgj.shifan.gov.cn",
            )
            created.append(profile.user.pk)
    if created:
        users.filter(pk__in=created).update(password=make_password(data.DEMO_PASSWORD))
    home = ensure_site_tree(agency)
    ensure_disclosure_section(home)
    user_ids = dict(users.filter(username__in=[s[0] for s in data.STAFF]).values_list("username", "pk"))
    return {code: d.pk for code, d in by_code.items()}, user_ids
