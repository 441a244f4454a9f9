"""Fixtures of the sweep's tests: a warning mail waiting in the task queue, without the applications' fixtures
(their autouse calendar fixture cannot run in transactional tests, which these need for two connections)."""

import secrets

import pytest
from django.utils import timezone

APPLICANT = {
    "applicant_type": "natural_person", "applicant_name": "李春华", "contact_person": "", "id_type": "resident_id",
    "id_number": "11010519491231002X", "phone": "13912345678", "email": "", "address": "", "postcode": "",
    "info_title": "2025 年度电动自行车产品质量监督抽查结果", "info_doc_number": "", "info_description": "",
    "requested_form": "electronic", "delivery_route": "online",
}


@pytest.fixture
def warning(agency):
    """A deadline warning of an application submitted online, not yet mailed."""
    from gongkai.applications import intake
    from gongkai.applications.models import DeadlineWarning

    application, _ = intake.do_submit_online(APPLICANT, [], secrets.token_urlsafe(32))
    return DeadlineWarning.objects.create(application=application, threshold=0, due_on=timezone.localdate(),
                                          recipients="ogi@shifan.gov.invalid")
