"""Loads the demo agency once. Running it again changes nothing."""

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.applications.models import DisclosureApplication
from gongkai.demo import data
from gongkai.demo.annual_reports import load_annual_reports
from gongkai.demo.applications import load_applications
from gongkai.demo.records import demo_records
from gongkai.disclosure import services as disclosure
from gongkai.disclosure.models import Category, InformationRecord
from gongkai.disclosure.site_tree import ensure_disclosure_section
from gongkai.organisation import services
from gongkai.organisation.models import Agency, Department
from gongkai.portal.services import ensure_site_tree


@transaction.atomic
def load_demo():
    """Create the demo agency, departments, staff, site tree, records and application register where missing.

    Returns the staff logins.
    """
    agency, by_code = ensure_organisation()
    users = get_user_model().objects
    for username, full_name, role, department in data.STAFF:
        if not users.filter(username=username).exists():
            services.do_create_staff(
                None, username=username, password=data.DEMO_PASSWORD, role=role,
                department=by_code.get(department), full_name=full_name,
                email=f"{username.replace('.', '_')}@scjgj.shifan.gov.cn",
            )
    home = ensure_site_tree(agency)
    ensure_disclosure_section(home)
    if not InformationRecord.objects.exists():
        _load_records(by_code)
    if not DisclosureApplication.objects.exists():
        load_applications(by_code)
    load_annual_reports()
    return [(u, name, role) for u, name, role, _ in data.STAFF]


def ensure_organisation():
    """The demo agency and its departments (the OGI office's department recorded), where missing.

    Returns (agency, department by code). Shared with the benchmark data generator.
    """
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
    if agency.ogi_department_id is None:
        agency.ogi_department = by_code[data.OGI_DEPARTMENT]
        agency.save(update_fields=["ogi_department"])
    return agency, by_code


def _load_records(departments):
    """Publish the demo records through the real workflow (drafted by one OGI officer, reviewed by another)."""
    users = get_user_model().objects
    drafter, reviewer = users.get(username="ogi"), users.get(username="ogi2")
    categories = {c.code: c for c in Category.objects.all()}
    checklist = dict.fromkeys(disclosure.CHECKLIST, True)
    for values, published in sorted(demo_records(), key=lambda pair: pair[1]):
        fields = {**values, "category": categories[values["category"]],
                  "department": departments[values["department"]]}
        record = disclosure.do_create_record(drafter, fields)
        disclosure.do_submit(drafter, record)
        for finding in record.findings.all():
            disclosure.do_mask_finding(reviewer, finding, "个人信息，公开时遮盖")
        disclosure.do_approve(reviewer, record, checklist=checklist, now=published)
