"""Fixtures of the statistics tests: a small register and catalogue of 2025, counted by hand in test_figures.py.

The applications fixtures (agency, OGI office, the calendar around today) are reused from the applications app.
"""

import datetime as dt
import itertools

import pytest

from gongkai.applications.models import Consultation, CorrectionRequest, DisclosureApplication
from gongkai.applications.tests.conftest import (  # noqa: F401 — fixtures used by name
    _calendar_around_today,
    applicant_data,
    assigned,
    office,
    ogi_head,
    register,
)
from gongkai.disclosure import reports
from gongkai.disclosure.models import Category, InformationRecord, Interpretation
from gongkai.organisation import roles

D = dt.date
_numbers = itertools.count(1)


@pytest.fixture
def make_application(departments, agency):
    def make(*, received_on, channel="online", department="own", concluded_on=None, outcome="", kind="application",
             stage=None, due_on=None, **extra):
        n = next(_numbers)
        return DisclosureApplication.objects.create(
            number=f"TEST-{n:05d}", tracking_code=f"TRACK{n:05d}", channel=channel, kind=kind,
            applicant_type="natural_person", applicant_name="周晓梅", id_type="resident_id", phone="13700001234",
            requested_form="electronic", delivery_route="email",
            submitted_at=dt.datetime(2025, 1, 1, 9, tzinfo=dt.UTC), received_on=received_on,
            stage=stage or ("archived" if concluded_on else "assigned"), stage_entered_on=received_on or D(2025, 1, 1),
            department=departments[department] if department else None, concluded_on=concluded_on, outcome=outcome,
            due_on=due_on, **extra)

    return make


@pytest.fixture
def register_2025(make_application, staff):
    """Twelve letters; the comments give the counted working days (WD) and whether replied on time."""
    a = make_application
    a(received_on=D(2025, 3, 3), concluded_on=D(2025, 3, 14), outcome="disclosed")  # 9 WD, on time
    a(received_on=D(2025, 3, 3), concluded_on=D(2025, 3, 31), outcome="partial",
      channel="in_person")  # 20 WD: the due day itself, on time
    a(received_on=D(2025, 3, 3), concluded_on=D(2025, 4, 1), outcome="withheld.state_secret", channel="in_person",
      department="other")  # 21 WD, late
    paused = a(received_on=D(2025, 3, 3), concluded_on=D(2025, 3, 14), outcome="unavailable.not_held")
    Consultation.objects.create(application=paused, kind="third_party", party="某电器有限公司", matter="是否同意公开",
                                sent_on=D(2025, 3, 5), due_on=D(2025, 3, 26), answered_on=D(2025, 3, 7))  # 9 - 3 = 6 WD
    correcting = a(received_on=D(2025, 6, 2), concluded_on=D(2025, 7, 1), outcome="other.correction_overdue",
                   channel="registered_post")  # closed while correcting: no reply clock
    CorrectionRequest.objects.create(application=correcting, sent_on=D(2025, 6, 3), items="请说明所需信息的名称",
                                     deadline_on=D(2025, 6, 24))
    a(received_on=D(2025, 3, 3), kind="passed_on", concluded_on=D(2025, 3, 4), outcome="other.other")  # not counted
    a(received_on=None, kind="pending", stage="registration")  # not received: not counted
    a(received_on=D(2025, 10, 9), channel="fax", due_on=D(2025, 11, 6))  # open and overdue today
    waiting = a(received_on=D(2025, 11, 3), channel="letter", due_on=D(2027, 1, 4))  # open, not overdue
    Consultation.objects.create(application=waiting, kind="agency", party="示范市生态环境局", matter="是否同意公开",
                                sent_on=D(2025, 11, 10), due_on=D(2025, 12, 1))
    a(received_on=D(2024, 12, 20), concluded_on=D(2025, 1, 10), outcome="not_processed.repeat",
      department="child")  # received in 2024; 14 WD (1 January is a holiday), on time
    a(received_on=D(2025, 3, 3), concluded_on=D(2025, 4, 8), outcome="disclosed", channel="oral", extension_days=10,
      extension_reason="需要调取档案", extension_approved_on=D(2025, 3, 28),
      extension_approved_by=staff[roles.HEAD])  # 20 + 3 + 2 (4 April is Qingming) = 25 WD, due 15 April: on time
    a(received_on=D(2025, 2, 3), department=None, stage="registration")  # not yet assigned


@pytest.fixture
def make_record(staff, departments):
    counter = itertools.count(1)

    def make(*, formed_on, published_on=None, department="own", code="art20-15", category=None, status=None,
             kind="document"):
        n = next(counter)
        published_at = reports.local_midnight(published_on) + dt.timedelta(hours=10) if published_on else None
        return InformationRecord.objects.create(
            title=f"测试信息{n}", department=departments[department],
            category=category or Category.objects.get(code=code), drafter=staff[roles.EDITOR], formed_on=formed_on,
            published_at=published_at, status=status or ("published" if published_on else "draft"), kind=kind,
            index_number=f"TEST/2025-{n:05d}" if published_on else None)

    return make


@pytest.fixture
def catalogue_2025(make_record):
    r = make_record
    r(formed_on=D(2025, 3, 3), published_on=D(2025, 3, 10), code="art20-6")  # on time
    r(formed_on=D(2025, 3, 3), published_on=D(2025, 4, 15), code="art20-6", department="other")  # late (due 31 March)
    spot_checks = Category.objects.create(code="spot-checks", name="产品质量监督抽查", parent=Category.objects.get(
        code="art20-13"))
    r(formed_on=D(2025, 5, 6), published_on=D(2025, 5, 8), category=spot_checks)  # counts under item 13
    policy = r(formed_on=D(2025, 6, 2), published_on=D(2025, 6, 3), code="art20-1")
    interpretation = r(formed_on=D(2025, 6, 2), published_on=D(2025, 6, 5), code="art20-1", kind="interpretation")
    Interpretation.objects.create(record=interpretation, policy=policy)  # 2 WD after its policy: late (allowed 0)
    r(formed_on=D(2025, 6, 30), published_on=D(2025, 7, 1), code="art20-1")  # a policy without interpretation
    r(formed_on=D(2024, 12, 20), published_on=D(2024, 12, 30))  # published in 2024
    r(formed_on=D(2025, 8, 1))  # a draft
    r(formed_on=D(2025, 7, 31), published_on=D(2025, 8, 1), status="withdrawn")  # published, withdrawn since
