"""Loads the demo agency once. Running it again changes nothing."""

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.demo import data
from gongkai.organisation import services
from gongkai.organisation.models import Agency, Department
from gongkai.portal.services import ensure_site_tree


@transaction.atomic
def load_demo():
    """Create the demo agency, departments, staff and site tree where missing. Returns the staff logins."""
    agency = Agency.current()
    if agency is None:
        agency = Agency.objects.create(**data.AGENCY)
    by_code = {d.code: d for d in Department.objects.all()}
    for order, (code, name, parent, head, phone, functions) in enumerate(data.DEPARTMENTS, start=1):
        if code not in by_code:
            by_code[code] = services.do_create_department(None, {
                "code": code, "name": name, "parent": by_code.get(parent), "head_name": head, "phone": phone,
                "functions": functions, "address": data.AGENCY["address"], "sort_order": order * 10,
            })
    users = get_user_model().objects
    for username, full_name, role, department in data.STAFF:
        if not users.filter(username=username).exists():
            services.do_create_staff(
                None, username=username, password=data.DEMO_PASSWORD, role=role,
                department=by_code.get(department), full_name=full_name,
                email=f"{username.replace('.', '_')}@scjgj.shifan.gov.cn",
            )
    ensure_site_tree(agency)
    return [(u, name, role) for u, name, role, _ in data.STAFF]
