"""Three fixture years (2023, 2024, 2025) against hand-computed tables 二, 三 and 四 (RULES.md §4).

The data below is written as readable tables; the EXPECTED tables further down were counted by hand
from them (nothing expected is derived by code from the fixture). The report as computed by the
platform — `services.machine_form(services.build(services.report_for(year)))` — is compared cell
by cell. Then deliberately inconsistent data must make the checks fail, with the numbers and case
numbers in the messages.

Definitions (compute.py, RULES.md §4): 一 new = received in the year; 二 carried in = received before
the year and not concluded on 1 January; 三 results = concluded in the year, by outcome; 四 carried
over = not concluded on 31 December. Letters passed on (not applications) and applications whose
receipt is not yet confirmed (no receipt date) do not count. A correction restarts the clock but not
the receipt date.
"""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.annualreport import services, summary
from gongkai.annualreport.compute import counted_applications
from gongkai.annualreport.models import PUBLISHED
from gongkai.annualreport.tests.official import COLUMN_ORDER, ROW_ORDER, table3
from gongkai.applications import clockdata
from gongkai.applications.models import CorrectionRequest, DisclosureApplication, Remedy
from gongkai.disclosure.models import Category, InformationRecord
from gongkai.workcalendar.services import load_calendar

# --- the applications ------------------------------------------------------------------------------------
# kind: "app" = a disclosure application; "passed_on" = a letter that was not one, passed on elsewhere;
# "pending" = not yet classified. received "-" = receipt not yet confirmed (no receipt date).

CASES = """
number  applicant_type   received    concluded   outcome                               kind
A22-01  natural_person   2022-03-01  2022-03-21  disclosed                             app
A22-02  business         2022-12-15  2023-01-10  partial                               app
A22-03  legal_service    2022-12-28  2023-01-16  withheld.third_party                  app
A22-04  natural_person   2022-11-30  2022-12-31  not_processed.repeat                  app
A23-01  natural_person   2023-01-03  2023-01-30  disclosed                             app
A23-02  natural_person   2023-02-06  2023-03-01  disclosed                             app
A23-03  business         2023-03-13  2023-04-07  withheld.state_secret                 app
A23-04  research         2023-04-03  2023-04-25  withheld.prohibited                   app
A23-05  public_interest  2023-05-08  2023-06-02  withheld.security_stability           app
A23-06  other_org        2023-06-12  2023-07-07  withheld.internal_affairs             app
A23-07  natural_person   2023-07-10  2023-08-04  withheld.process_info                 app
A23-08  natural_person   2023-08-14  2023-09-08  unavailable.not_held                  app
A23-09  business         2023-11-20  2024-01-12  withheld.enforcement_file             app
A23-10  natural_person   2023-12-29  2024-01-26  unavailable.needs_creation            app
A23-11  legal_service    2023-09-04  2023-12-29  not_processed.petition                app
A23-P1  natural_person   2023-05-15  2023-05-16  -                                     passed_on
A24-01  research         2024-01-08  2024-02-02  withheld.registry_query               app
A24-02  natural_person   2024-02-19  2024-03-15  unavailable.unclear_after_correction  app
A24-03  public_interest  2024-03-04  2024-03-29  not_processed.publication             app
A24-04  business         2024-04-08  2024-05-06  not_processed.excessive               app
A24-05  other_org        2024-05-13  2024-06-07  not_processed.confirmation            app
A24-06  natural_person   2024-06-03  2024-07-15  other.correction_overdue              app
A24-07  legal_service    2024-07-01  2024-08-30  other.fee_unpaid                      app
A24-08  natural_person   2024-08-05  2024-08-30  disclosed                             app
A24-09  business         2024-09-02  -           -                                     app
A24-10  natural_person   2024-12-09  2025-02-05  partial                               app
A24-11  other_org        2024-12-23  2025-01-20  other.other                           app
A24-12  public_interest  2024-10-14  2024-12-31  withheld.third_party                  app
A24-P1  business         2024-04-01  -           -                                     passed_on
A25-01  natural_person   2025-01-06  2025-01-24  disclosed                             app
A25-02  natural_person   2025-02-10  2025-03-07  disclosed                             app
A25-03  business         2025-03-03  2025-03-28  partial                               app
A25-04  research         2025-04-07  2025-04-30  unavailable.not_held                  app
A25-05  legal_service    2025-05-12  2025-06-09  not_processed.repeat                  app
A25-06  public_interest  2025-06-16  2025-07-11  withheld.process_info                 app
A25-07  other_org        2025-07-07  2025-08-01  other.other                           app
A25-08  natural_person   2025-12-15  -           -                                     app
A25-09  legal_service    2025-12-22  -           -                                     app
A25-10  natural_person   2025-12-31  -           -                                     app
A25-P1  natural_person   2025-03-10  2025-03-11  -                                     passed_on
A25-U1  natural_person   -           -           -                                     pending
"""

# One correction notice per case (补正, RULES.md §3.2): A24-10's notice is sent in December 2024 and the
# corrected application arrives in January 2025 — the clock restarts, the receipt date stays 2024-12-09.
CORRECTIONS = """
number  sent_on     deadline_on  received_on
A24-02  2024-02-22  2024-03-14   2024-03-01
A24-06  2024-06-07  2024-06-28   -
A24-10  2024-12-13  2025-01-06   2025-01-06
"""

# Reconsideration and litigation (table 四): counted in the year filed, with the result as at 31 December.
REMEDIES = """
application  kind               filed_on    result     decided_on
A22-01       reconsideration    2022-05-10  upheld     2022-07-01
A22-03       reconsideration    2023-02-20  upheld     2023-04-20
A23-03       reconsideration    2023-05-10  corrected  2023-07-05
A23-06       litigation_direct  2023-08-01  other      2023-11-15
A23-05       litigation_direct  2023-11-20  upheld     2024-03-01
A23-03       litigation_after   2024-01-15  corrected  2024-06-20
A24-04       reconsideration    2024-06-01  pending    -
A24-07       reconsideration    2024-09-10  other      2024-11-01
A24-04       litigation_after   2024-12-10  upheld     2025-03-10
A24-06       litigation_direct  2024-10-08  upheld     2024-12-31
A25-05       reconsideration    2025-07-01  upheld     2025-08-29
A25-03       reconsideration    2025-04-15  corrected  2025-06-10
A25-06       litigation_direct  2025-08-20  pending    -
A25-04       litigation_after   2025-10-01  other      2025-12-20
A25-07       reconsideration    2025-12-01  corrected  2026-01-15
"""

# Records under Art. 20 item (一) (table 二). A revision draft (revision_of) is never counted on its own;
# a record filed directly under item (一) is neither a 规章 nor a 行政规范性文件.
RECORDS = """
key  category           formed_on   status     validity   changed_on  revision_of
G1   art20-1-rules      2022-06-01  published  valid      -           -
G2   art20-1-rules      2023-03-15  published  abolished  2025-06-30  -
G3   art20-1-rules      2024-05-20  published  valid      -           -
G4   art20-1-rules      2023-09-01  draft      valid      -           -
G5   art20-1-rules      2021-01-10  published  expired    2023-12-31  -
G6   art20-1-rules      2024-05-20  draft      valid      -           G3
N1   art20-1-normative  2023-02-01  published  valid      -           -
N2   art20-1-normative  2023-06-10  published  revised    2024-08-01  -
N3   art20-1-normative  2024-03-01  withdrawn  abolished  2024-11-20  -
N4   art20-1-normative  2024-08-01  published  valid      -           -
N5   art20-1-normative  2025-02-14  published  valid      -           -
N6   art20-1-normative  2025-09-01  submitted  valid      -           -
N7   art20-1-normative  2025-12-31  published  valid      -           -
N8   art20-1-normative  2022-04-01  published  expired    2025-01-31  -
X1   art20-1            2024-04-15  published  valid      -           -
"""

NAMES = {
    "natural_person": "王丽娟", "business": "示范市恒信建材有限公司", "research": "示范大学公共管理研究所",
    "public_interest": "示范市绿源环保志愿者协会", "legal_service": "示范市正衡律师事务所",
    "other_org": "示范市滨江社区居民委员会",
}
FIGURES = {"licensing": ("128", "行政许可办理系统年度统计"), "penalty": ("56", "行政处罚案件管理系统导出"),
           "coercion": ("3", "行政强制措施台账"), "fees": ("1.25", "财务科行政事业性收费台账")}


def rows(text):
    lines = [line.split() for line in text.strip().splitlines()]
    header = lines[0]
    return [{key: (None if value == "-" else value) for key, value in zip(header, line, strict=True)}
            for line in lines[1:]]


def day(value):
    return dt.date.fromisoformat(value) if value else None


def make_application(number, applicant_type, received, concluded=None, outcome="", kind="application",
                     submitted=None):
    received, concluded = day(received), day(concluded)
    submitted = submitted or received
    return DisclosureApplication.objects.create(
        number=number, tracking_code=f"T{number.replace('-', '')}", channel="in_person", kind=kind,
        applicant_type=applicant_type, applicant_name=NAMES[applicant_type], id_type="other",
        phone="13800138000", requested_form="paper", delivery_route="post",
        info_title="食品安全监督抽检结果",
        submitted_at=timezone.make_aware(dt.datetime.combine(submitted, dt.time(9, 30))),
        received_on=received, concluded_on=concluded, outcome=outcome or "",
        stage="archived" if concluded else "assigned", stage_entered_on=concluded or submitted,
    )


@pytest.fixture
def dataset(departments, staff, agency):
    """Every application, correction, remedy and record of the tables above."""
    kinds = {"app": "application", "passed_on": "passed_on", "pending": "pending"}
    applications = {}
    for case in rows(CASES):
        applications[case["number"]] = make_application(
            case["number"], case["applicant_type"], case["received"], case["concluded"], case["outcome"],
            kinds[case["kind"]], submitted=dt.date(2025, 12, 30) if case["received"] is None else None)
    for item in rows(CORRECTIONS):
        CorrectionRequest.objects.create(
            application=applications[item["number"]], sent_on=day(item["sent_on"]),
            items="请写明所需信息的文号或发布时间，以及希望获取的具体年份。", deadline_on=day(item["deadline_on"]),
            received_on=day(item["received_on"]))
    for item in rows(REMEDIES):
        Remedy.objects.create(application=applications[item["application"]], kind=item["kind"],
                              filed_on=day(item["filed_on"]), result=item["result"],
                              decided_on=day(item["decided_on"]), note="申请人对答复不服。")
    records = {}
    for item in rows(RECORDS):
        formed = day(item["formed_on"])
        public = item["status"] in ("published", "withdrawn")
        records[item["key"]] = InformationRecord.objects.create(
            title=f"示范市市场监督管理局文件（{item['key']}）",
            document_number=f"示市监规〔{formed.year}〕{item['key']}号",
            issuing_body="示范市市场监督管理局", department=departments["own"],
            category=Category.objects.get(code=item["category"]), formed_on=formed, status=item["status"],
            validity=item["validity"], changed_on=day(item["changed_on"]), drafter=staff["editor"],
            approver=staff["reviewer"] if public else None,
            published_at=timezone.make_aware(dt.datetime.combine(formed, dt.time(10))) if public else None,
            revision_of=records.get(item["revision_of"]),
        )
    records["N2"].replaced_by = records["N4"]
    records["N2"].save(update_fields=["replaced_by"])
    return applications


def enter_figures(user, year):
    report = services.report_for(year)
    services.do_save_figures(user, report, FIGURES)
    return report


def computed(year):
    return services.machine_form(services.build(services.report_for(year)))


# --- the expected tables, counted by hand ----------------------------------------------------------------

EXPECTED_TABLE3 = {
    # 2023. New: A23-01..11 (自然人 01 02 07 08 10; 商业企业 03 09). Carried in: A22-02, A22-03 (A22-04 closed
    # on 2022-12-31). Results: A22-02, A22-03 and A23-01..08, A23-11. Carried over: A23-09, A23-10.
    2023: table3({
        "new":                         (5, 2, 1, 1, 1, 1, 11),
        "carried_in":                  (0, 1, 0, 0, 1, 0, 2),
        "disclosed":                   (2, 0, 0, 0, 0, 0, 2),
        "partial":                     (0, 1, 0, 0, 0, 0, 1),
        "withheld.state_secret":       (0, 1, 0, 0, 0, 0, 1),
        "withheld.prohibited":         (0, 0, 1, 0, 0, 0, 1),
        "withheld.security_stability": (0, 0, 0, 1, 0, 0, 1),
        "withheld.third_party":        (0, 0, 0, 0, 1, 0, 1),
        "withheld.internal_affairs":   (0, 0, 0, 0, 0, 1, 1),
        "withheld.process_info":       (1, 0, 0, 0, 0, 0, 1),
        "unavailable.not_held":        (1, 0, 0, 0, 0, 0, 1),
        "not_processed.petition":      (0, 0, 0, 0, 1, 0, 1),
        "total":                       (4, 2, 1, 1, 2, 1, 11),
        "carried_over":                (1, 1, 0, 0, 0, 0, 2),
    }),
    # 2024. New: A24-01..12 (A24-10 received 2024-12-09 although corrected in January 2025). Carried in:
    # A23-09, A23-10. Results: A23-09, A23-10, A24-01..08, A24-12 (closed on 31 December).
    # Carried over: A24-09 (still open), A24-10 (correction received in 2025), A24-11.
    2024: table3({
        "new":                                  (4, 2, 1, 2, 1, 2, 12),
        "carried_in":                           (1, 1, 0, 0, 0, 0, 2),
        "disclosed":                            (1, 0, 0, 0, 0, 0, 1),
        "withheld.third_party":                 (0, 0, 0, 1, 0, 0, 1),
        "withheld.enforcement_file":            (0, 1, 0, 0, 0, 0, 1),
        "withheld.registry_query":              (0, 0, 1, 0, 0, 0, 1),
        "unavailable.needs_creation":           (1, 0, 0, 0, 0, 0, 1),
        "unavailable.unclear_after_correction": (1, 0, 0, 0, 0, 0, 1),
        "not_processed.publication":            (0, 0, 0, 1, 0, 0, 1),
        "not_processed.excessive":              (0, 1, 0, 0, 0, 0, 1),
        "not_processed.confirmation":           (0, 0, 0, 0, 0, 1, 1),
        "other.correction_overdue":             (1, 0, 0, 0, 0, 0, 1),
        "other.fee_unpaid":                     (0, 0, 0, 0, 1, 0, 1),
        "total":                                (4, 2, 1, 2, 1, 1, 11),
        "carried_over":                         (1, 1, 0, 0, 0, 1, 3),
    }),
    # 2025. New: A25-01..10 (A25-10 received on 31 December; A25-U1 has no receipt date; A25-P1 passed on).
    # Carried in: A24-09, A24-10, A24-11. Results: A24-10, A24-11, A25-01..07.
    # Carried over: A24-09, A25-08, A25-09, A25-10.
    2025: table3({
        "new":                   (4, 1, 1, 1, 2, 1, 10),
        "carried_in":            (1, 1, 0, 0, 0, 1, 3),
        "disclosed":             (2, 0, 0, 0, 0, 0, 2),
        "partial":               (1, 1, 0, 0, 0, 0, 2),
        "withheld.process_info": (0, 0, 0, 1, 0, 0, 1),
        "unavailable.not_held":  (0, 0, 1, 0, 0, 0, 1),
        "not_processed.repeat":  (0, 0, 0, 0, 1, 0, 1),
        "other.other":           (0, 0, 0, 0, 0, 2, 2),
        "total":                 (3, 1, 1, 1, 1, 2, 9),
        "carried_over":          (2, 1, 0, 0, 1, 0, 4),
    }),
}

EXPECTED_TABLE4 = {
    # 2023: A22-03 upheld, A23-03 corrected; A23-06 other, A23-05 decided only in March 2024 (pending).
    2023: {
        "reconsideration":   {"upheld": 1, "corrected": 1, "other": 0, "pending": 0, "total": 2},
        "litigation_direct": {"upheld": 0, "corrected": 0, "other": 1, "pending": 1, "total": 2},
        "litigation_after":  {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
    },
    # 2024: A24-07 other, A24-04 pending; A24-06 upheld on 31 December; A23-03 corrected, A24-04 decided 2025.
    2024: {
        "reconsideration":   {"upheld": 0, "corrected": 0, "other": 1, "pending": 1, "total": 2},
        "litigation_direct": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1},
        "litigation_after":  {"upheld": 0, "corrected": 1, "other": 0, "pending": 1, "total": 2},
    },
    # 2025: A25-05 upheld, A25-03 corrected, A25-07 decided January 2026 (pending); A25-06 pending; A25-04 other.
    2025: {
        "reconsideration":   {"upheld": 1, "corrected": 1, "other": 0, "pending": 1, "total": 3},
        "litigation_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
        "litigation_after":  {"upheld": 0, "corrected": 0, "other": 1, "pending": 0, "total": 1},
    },
}

ENTERED_TABLE2 = {"licensing": {"decisions": 128}, "penalty": {"decisions": 56}, "coercion": {"decisions": 3},
                  "fees": {"amount": 1.25}}
EXPECTED_TABLE2 = {
    # 规章 2023: issued G2; abolished G5 (expired 31 December); in force G1, G2.
    # 行政规范性文件 2023: issued N1, N2; in force N1, N2, N8.
    2023: {"rules": {"issued": 1, "abolished": 1, "in_force": 2},
           "normative": {"issued": 2, "abolished": 0, "in_force": 3}, **ENTERED_TABLE2},
    # 规章 2024: issued G3; in force G1, G2, G3.
    # 行政规范性文件 2024: issued N3 (since withdrawn), N4; abolished N3; in force N1, N4, N8 (N2 revised by N4).
    2024: {"rules": {"issued": 1, "abolished": 0, "in_force": 3},
           "normative": {"issued": 2, "abolished": 1, "in_force": 3}, **ENTERED_TABLE2},
    # 规章 2025: abolished G2; in force G1, G3.
    # 行政规范性文件 2025: issued N5, N7; abolished N8; in force N1, N4, N5, N7.
    2025: {"rules": {"issued": 0, "abolished": 1, "in_force": 2},
           "normative": {"issued": 2, "abolished": 1, "in_force": 4}, **ENTERED_TABLE2},
}

YEARS = [2023, 2024, 2025]


def differences(expected, actual, path=""):
    """Every cell where the two nested dicts differ, as 'row/column: expected → actual'."""
    found = []
    for key in sorted(set(expected) | set(actual)):
        left, right = expected.get(key, "<missing>"), actual.get(key, "<missing>")
        if isinstance(left, dict) and isinstance(right, dict):
            found += differences(left, right, f"{path}{key}/")
        elif left != right:
            found.append(f"{path}{key}: expected {left!r}, computed {right!r}")
    return found


# --- the three years, cell by cell ------------------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_table3_matches_the_hand_computed_table(dataset, year):
    actual = computed(year)["table3"]
    assert list(actual) == ROW_ORDER
    assert all(list(cells) == COLUMN_ORDER for cells in actual.values())
    assert differences(EXPECTED_TABLE3[year], actual) == []


@pytest.mark.parametrize("year", YEARS)
def test_table4_matches_the_hand_computed_table(dataset, year):
    assert differences(EXPECTED_TABLE4[year], computed(year)["table4"]) == []


@pytest.mark.parametrize("year", YEARS)
def test_table2_matches_the_hand_computed_table(dataset, staff, year):
    enter_figures(staff["ogi_office"], year)
    assert differences(EXPECTED_TABLE2[year], computed(year)["table2"]) == []


def test_table2_figures_not_entered_are_empty_and_block_the_report(dataset):
    data = computed(2025)
    assert {row: data["table2"][row] for row in ENTERED_TABLE2} == {
        "licensing": {"decisions": None}, "penalty": {"decisions": None}, "coercion": {"decisions": None},
        "fees": {"amount": None}}
    assert [check["rule"] for check in data["checks"] if not check["ok"]] == ["table2.entered"]


@pytest.mark.parametrize("year", YEARS)
def test_every_check_passes_for_a_consistent_year(dataset, staff, year):
    enter_figures(staff["ogi_office"], year)
    data = services.build(services.report_for(year))
    assert [(check["rule"], check["message"]) for check in data["checks"] if not check["ok"]] == []
    rules = [check["rule"] for check in computed(year)["checks"]]
    assert {"table2.entered", "table3.balance.total", "table3.results_total.business", "table3.row_totals",
            "table4.total.litigation_after", "table3.carried_in_matches_last_year", "data.no_outcome",
            "data.concluded_before_receipt"} <= set(rules)
    assert services.failed_errors(data) == []


def test_this_years_carried_in_is_last_years_carried_over(dataset):
    forms = {year: computed(year) for year in (2022, *YEARS)}
    for year in YEARS:
        assert forms[year]["table3"]["carried_in"] == forms[year - 1]["table3"]["carried_over"], year
    # and the hand-computed tables agree with each other too
    assert EXPECTED_TABLE3[2024]["carried_in"] == EXPECTED_TABLE3[2023]["carried_over"]
    assert EXPECTED_TABLE3[2025]["carried_in"] == EXPECTED_TABLE3[2024]["carried_over"]


def test_the_case_numbers_carried_over(dataset):
    assert services.build(services.report_for(2023))["carried_over_numbers"] == ["A23-09", "A23-10"]
    assert services.build(services.report_for(2024))["carried_over_numbers"] == ["A24-09", "A24-10", "A24-11"]
    data = services.build(services.report_for(2025))
    assert data["carried_over_numbers"] == ["A24-09", "A25-08", "A25-09", "A25-10"]
    assert data["carried_in_explanation"] == {"missing_this_year": [], "new_this_year": []}


def test_the_fixture_covers_every_outcome_and_every_applicant_column():
    counted = [case for case in rows(CASES) if case["kind"] == "app"]
    results = {case["outcome"] for case in counted if case["concluded"] and "2023" <= case["concluded"] < "2026"}
    assert results == set(ROW_ORDER[2:23])
    for year in YEARS:
        for row in ("new", "total"):
            assert all(EXPECTED_TABLE3[year][row][column] for column in COLUMN_ORDER), (year, row)


def test_a_correction_across_the_year_end_keeps_the_case_in_the_year_it_was_received(dataset):
    application = dataset["A24-10"]
    assert (application.correction.sent_on, application.correction.received_on) == (
        dt.date(2024, 12, 13), dt.date(2025, 1, 6))
    assert "A24-10" in services.build(services.report_for(2024))["carried_over_numbers"]
    assert computed(2025)["table3"]["new"]["natural_person"] == 4  # A25-01, 02, 08, 10 — not A24-10
    assert computed(2025)["table3"]["carried_in"]["natural_person"] == 1  # A24-10


def test_letters_passed_on_and_unconfirmed_applications_do_not_count_until_they_are_applications(dataset):
    DisclosureApplication.objects.filter(number="A24-P1").update(kind="application")
    table = computed(2024)["table3"]
    assert (table["new"]["business"], table["carried_over"]["business"]) == (3, 2)
    DisclosureApplication.objects.filter(number="A25-U1").update(received_on=dt.date(2025, 12, 30))
    table = computed(2025)["table3"]
    assert (table["new"]["natural_person"], table["carried_over"]["natural_person"]) == (5, 3)


# --- deliberately inconsistent data -------------------------------------------------------------------------


def failed(data):
    return {check["rule"]: check for check in data["checks"] if not check["ok"]}


def test_an_adjustment_without_a_matching_result_breaks_the_balance(dataset, staff):
    office = staff["ogi_office"]
    report = enter_figures(office, 2025)
    adjustment = services.do_add_adjustment(office, report, table="table3", row="new", column="business", delta=1,
                                            reason="线下受理的申请，未录入平台")
    data = services.build(report)
    assert data["table3"]["new"]["business"] == 2 and data["table3"]["new"]["total"] == 11
    assert set(failed(data)) == {"table3.balance.business", "table3.balance.total"}
    assert failed(data)["table3.balance.business"]["message"] == (
        "“商业企业”列：第一项 2 + 第二项 1 = 3，第三项（七）总计 1 + 第四项 1 = 2，两者不相等。")
    assert failed(data)["table3.balance.total"]["message"] == (
        "“总计”列：第一项 11 + 第二项 3 = 14，第三项（七）总计 9 + 第四项 4 = 13，两者不相等。")
    assert {check["rule"]: check["ok"] for check in services.machine_form(data)["checks"]}[
        "table3.balance.business"] is False
    # a cancelled adjustment no longer counts
    services.do_cancel_adjustment(office, adjustment, "重复录入，撤销")
    assert failed(services.build(report)) == {}


def test_an_application_concluded_without_an_outcome_is_named_and_breaks_the_balance(dataset, staff):
    enter_figures(staff["ogi_office"], 2025)
    make_application("A25-90", "natural_person", "2025-09-01", "2025-09-22", "")
    data = services.build(services.report_for(2025))
    problems = failed(data)
    assert set(problems) == {"data.no_outcome", "table3.balance.natural_person", "table3.balance.total"}
    assert "A25-90" in problems["data.no_outcome"]["message"]
    assert problems["table3.balance.natural_person"]["message"] == (
        "“自然人”列：第一项 5 + 第二项 1 = 6，第三项（七）总计 3 + 第四项 2 = 5，两者不相等。")


def test_an_application_concluded_before_it_was_received_is_named(dataset, staff):
    enter_figures(staff["ogi_office"], 2025)
    make_application("A25-91", "business", "2025-03-10", "2024-12-20", "disclosed")
    data = services.build(services.report_for(2025))
    problems = failed(data)
    assert set(problems) == {"data.concluded_before_receipt", "table3.balance.business", "table3.balance.total"}
    assert "A25-91" in problems["data.concluded_before_receipt"]["message"]
    assert problems["table3.balance.business"]["message"] == (
        "“商业企业”列：第一项 2 + 第二项 1 = 3，第三项（七）总计 1 + 第四项 1 = 2，两者不相等。")


def test_the_year_of_a_reply_dated_before_receipt_names_the_case_too(dataset, staff):
    """The reply is counted in 2024's results though the case was received in 2025: 2024 does not balance,
    and its report must say which case is at fault, not only that the 商业企业 column is off."""
    enter_figures(staff["ogi_office"], 2024)
    make_application("A25-91", "business", "2025-03-10", "2024-12-20", "disclosed")
    problems = failed(services.build(services.report_for(2024)))
    assert {"table3.balance.business", "table3.balance.total"} <= set(problems)
    assert "A25-91" in problems.get("data.concluded_before_receipt", {}).get("message", "")


def test_a_reply_dated_before_receipt_in_the_same_year_is_named(dataset, staff):
    """Within one year the table still balances, but the register is wrong: the check whose message reads
    “答复日期早于收到申请日期的申请” must name the case."""
    enter_figures(staff["ogi_office"], 2025)
    make_application("A25-92", "research", "2025-05-20", "2025-05-06", "unavailable.not_held")
    problems = failed(services.build(services.report_for(2025)))
    assert set(problems) == {"data.concluded_before_receipt"}
    assert "A25-92" in problems["data.concluded_before_receipt"]["message"]


# --- the published report of last year -----------------------------------------------------------------------


def test_a_published_last_year_that_differs_is_a_warning_naming_the_cases(dataset, staff):
    last = services.report_for(2024)
    last.status = PUBLISHED
    last.snapshot = {
        "year": 2024,
        "table3": {"carried_over": {"natural_person": 1, "business": 1, "research": 0, "public_interest": 0,
                                    "legal_service": 1, "other_org": 0, "total": 3}},
        "carried_over_numbers": ["A24-09", "A24-10", "A24-77"],
    }
    last.save()
    enter_figures(staff["ogi_office"], 2025)
    data = services.build(services.report_for(2025))
    check = next(c for c in data["checks"] if c["rule"] == "table3.carried_in_matches_last_year")
    assert check["ok"] is False and check["severity"] == "warning"
    assert check["message"] == (
        "本年“二、上年结转”与已发布的 2024 年度报告“四、结转下年度继续办理”不一致："
        "“法律服务机构”列本年 0，上年 1；“其他”列本年 1，上年 0。")
    assert data["carried_in_explanation"] == {"missing_this_year": ["A24-77"], "new_this_year": ["A24-11"]}
    assert services.failed_errors(data) == []  # a warning does not block the report
    assert {c["rule"]: c["ok"] for c in services.machine_form(data)["checks"]}[
        "table3.carried_in_matches_last_year"] is False
    # the published report itself is read from its snapshot
    assert services.build(last)["carried_over_numbers"] == ["A24-09", "A24-10", "A24-77"]


@pytest.mark.parametrize("year", YEARS)
def test_the_drafted_reply_times_are_each_cases_own_clock(dataset, year):
    """Section 一's average working days and late replies (summary.reply_times, the bulk path) equal
    the clock of each concluded case as its own screen computes it (clockdata.state_of on the reply
    date); a case closed while awaiting its correction ran no reply clock and does not count."""
    calendar = load_calendar()
    used, late = [], 0
    for application in counted_applications().filter(concluded_on__year=year):
        state = clockdata.state_of(application, today=application.concluded_on, calendar=calendar)
        if state.start is None or state.on_time is None:
            continue
        used.append(state.used)
        late += state.on_time is False
    assert used, "every fixture year has replies"
    average, computed_late, _ = summary.reply_times(year)
    assert average == round(sum(used) / len(used), 1)
    assert computed_late == late
