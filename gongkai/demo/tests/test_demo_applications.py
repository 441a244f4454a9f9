"""The demo register of disclosure applications: a few hundred cases in every state, built through the services."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from gongkai.applications import choices, clock, clockdata, outcomes
from gongkai.applications.models import (
    Consultation,
    CorrectionRequest,
    DisclosureApplication,
    Event,
    FeeNotice,
    Letter,
    ProactiveProposal,
    Remedy,
)
from gongkai.audit.models import AuditEntry
from gongkai.demo import data
from gongkai.demo.applications import Days, demo_today
from gongkai.organisation.models import Agency
from gongkai.privacy.checksums import is_valid_resident_id, is_valid_uscc
from gongkai.workcalendar.clock import WorkCalendar


def _totals():
    return (DisclosureApplication.objects.count(), Event.objects.count(), Letter.objects.count(),
            Remedy.objects.count(), ProactiveProposal.objects.count(), AuditEntry.objects.count())


@pytest.mark.django_db
def test_the_demo_register_has_every_state_and_loads_once(capsys):
    call_command("load_demo")
    output = capsys.readouterr().out
    assert "ogi.head" in output and "林文清" in output
    agency = Agency.current()
    assert agency.ogi_department.code == data.OGI_DEPARTMENT
    assert agency.ogi_department.name == "办公室（政务公开办公室）"

    applications = DisclosureApplication.objects.all()
    assert applications.count() >= 300
    assert set(applications.values_list("stage", flat=True)) == {code for code, _ in choices.STAGE_CHOICES}
    by_outcome = dict(applications.exclude(outcome="").values_list("outcome").annotate(n=Count("pk")))
    assert set(by_outcome) == set(outcomes.CODES)
    assert min(by_outcome.values()) >= 3  # every outcome a few times
    assert set(applications.values_list("applicant_type", flat=True)) == set(choices.APPLICANT_TYPES)
    assert set(applications.values_list("channel", flat=True)) == set(choices.CHANNEL_LABELS)
    assert {(k, r) for k, r in Remedy.objects.values_list("kind", "result")} == {
        (kind, result) for kind, _ in choices.REMEDY_CHOICES for result, _ in choices.REMEDY_RESULT_CHOICES}

    # The particular states an OGI office meets.
    open_cases = applications.filter(concluded_on__isnull=True).exclude(stage=choices.ARCHIVED)
    assert open_cases.filter(channel=choices.ONLINE, received_on__isnull=True).exists()  # awaiting confirmation
    assert Consultation.objects.filter(answered_on__isnull=True, application__in=open_cases).exists()
    assert CorrectionRequest.objects.filter(received_on__isnull=True, application__in=open_cases).exists()
    assert FeeNotice.objects.filter(paid_on__isnull=True, application__in=open_cases).exists()
    assert FeeNotice.objects.filter(paid_on__isnull=False).exists()
    assert open_cases.filter(extension_days__gt=0).exists() and open_cases.filter(art35_due_on__isnull=False).exists()
    today = timezone.localdate()
    assert open_cases.filter(due_on__lt=today).exists()  # overdue
    assert applications.filter(kind=choices.KIND_PASSED_ON, stage=choices.ARCHIVED).exists()
    assert applications.filter(repeat_of__isnull=False, outcome="not_processed.repeat").exists()
    assert ProactiveProposal.objects.filter(applicant_count__gte=3).count() >= 3

    # Built through the services: events, letters and audit entries are real.
    concluded = applications.filter(concluded_on__isnull=False)
    assert not concluded.exclude(letters__kind=choices.LETTER_REPLY).exists()
    assert not applications.exclude(letters__kind=choices.LETTER_RECEIPT).exists()
    assert not Event.objects.filter(on__gt=today).exists()
    logged = set(AuditEntry.objects.filter(action__startswith="application.").values_list("object_id", flat=True))
    assert {str(pk) for pk in applications.values_list("pk", flat=True)} <= logged
    assert not applications.filter(extension_days__gt=0).exclude(letters__kind=choices.LETTER_EXTENSION).exists()

    # Synthetic identities with valid check characters, stored encrypted.
    from gongkai.applications import crypto

    for application in applications.order_by("pk")[:40]:
        number = crypto.decrypt_text(application.id_number_cipher)
        assert is_valid_resident_id(number) or is_valid_uscc(number)

    # Cases still open have computable clocks (the calendar covers every running window).
    for application in open_cases.exclude(received_on__isnull=True):
        state = clockdata.state_of(application)
        if state.status == clock.RUNNING:
            assert application.due_on == state.due and state.days_left is not None

    first = _totals()
    call_command("load_demo")
    assert _totals() == first


def _calendar(*years):
    return WorkCalendar(years)


def test_demo_today_is_today_when_the_calendar_covers_it():
    assert demo_today(_calendar(2025, 2026), dt.date(2026, 11, 27)) == dt.date(2026, 11, 27)


def test_demo_today_falls_back_to_the_last_covered_day():
    """Loaded in a year whose schedule is not out yet: the register ends where the calendar does."""
    assert demo_today(_calendar(2025, 2026), dt.date(2027, 3, 1)) == dt.date(2026, 12, 31)


def test_open_cases_start_early_enough_for_their_windows_to_fit_the_calendar():
    days = Days(_calendar(2026), dt.date(2026, 12, 21))
    start = days.latest_start(20)
    assert days.add(start, 20) <= dt.date(2026, 12, 31)
    assert days.add(days.add(start, 1), 20) == dt.date.max  # one day later would need 2027
    assert days.add(dt.date(2026, 12, 30), 5) == dt.date.max
    assert days.back(dt.date(2026, 12, 27), 0) == dt.date(2026, 12, 25)  # Sunday → Friday
    assert days.cap(dt.date(2027, 1, 4), dt.date(2026, 12, 1)) == dt.date(2026, 12, 21)
