"""Repeats and requested → proactive (条例第三十六条第（六）项, 第四十四条; RULES.md §2).

Applications for the same information are grouped by document number, or by the information
name with spaces and punctuation ignored. Distinct applicants are counted by the keyed
fingerprint of their ID number; at the configured threshold a proposal to publish the
information proactively enters the queue, once.
"""

import datetime as dt

import pytest

from gongkai.applications import grouping, services
from gongkai.applications.models import InformationGroup, ProactiveProposal
from gongkai.audit.models import AuditEntry
from gongkai.privacy.checksums import id_check_char

DOC = "示市监质〔2026〕8号"


def person_id(seq):
    """A synthetic resident ID with a correct check character: area 320102, born 1980-05-0x."""
    body = f"3201021980050{seq % 10}{seq:03d}"[:17]
    return body + id_check_char(body)


@pytest.fixture
def applicant(register):
    def make(seq, **data):
        return register(id_number=person_id(seq), applicant_name=f"申请人{seq}", **data)

    return make


def test_three_applicants_for_the_same_document_make_one_proposal(applicant, settings):
    settings.APPLICATION_PROACTIVE_THRESHOLD = 3
    first = applicant(1, info_doc_number=DOC, info_title="电动自行车抽查结果")
    second = applicant(2, info_doc_number=DOC, info_title="关于电动自行车质量抽查情况的通报")
    assert first.group_id == second.group_id and first.group_id is not None
    assert not ProactiveProposal.objects.exists()
    applicant(3, info_doc_number=f" {DOC} ")
    proposal = ProactiveProposal.objects.get()
    assert proposal.group_id == first.group_id and proposal.applicant_count == 3
    assert proposal.status == ProactiveProposal.PENDING
    assert InformationGroup.objects.get(pk=first.group_id).proposed_at is not None
    entry = AuditEntry.objects.get(action="application.proactive_proposed")
    assert "3 位不同申请人" in entry.summary and "第四十四条" in entry.summary
    applicant(4, info_doc_number=DOC)
    proposal = ProactiveProposal.objects.get()  # still one proposal, with the new count
    assert proposal.applicant_count == 4
    assert AuditEntry.objects.filter(action="application.proactive_proposed").count() == 1


def test_the_threshold_is_configurable(applicant, settings):
    settings.APPLICATION_PROACTIVE_THRESHOLD = 2
    applicant(1, info_doc_number=DOC)
    assert not ProactiveProposal.objects.exists()
    applicant(2, info_doc_number=DOC)
    assert ProactiveProposal.objects.get().applicant_count == 2


def test_the_same_applicant_asking_twice_counts_once(applicant, register, settings):
    settings.APPLICATION_PROACTIVE_THRESHOLD = 3
    first = applicant(1, info_doc_number=DOC)
    applicant(1, info_doc_number=DOC)
    # The same person again, with the number written differently (spaces, lower-case x are normalised).
    spaced = " ".join(person_id(1)[i:i + 6] for i in range(0, 18, 6)).lower()
    register(id_number=spaced, applicant_name="申请人1", info_doc_number=DOC)
    applicant(2, info_doc_number=DOC)
    group = InformationGroup.objects.get(pk=first.group_id)
    assert group.applications.count() == 4
    assert grouping.distinct_applicants(group) == 2
    assert not ProactiveProposal.objects.exists()


def test_passed_on_letters_do_not_count(applicant, staff, settings):
    settings.APPLICATION_PROACTIVE_THRESHOLD = 3
    first = applicant(1, info_doc_number=DOC)
    services.do_pass_on(staff["ogi_office"], applicant(2, info_doc_number=DOC), "12345 热线")
    group = InformationGroup.objects.get(pk=first.group_id)
    assert grouping.distinct_applicants(group) == 1
    applicant(3, info_doc_number=DOC)
    assert not ProactiveProposal.objects.exists()


def _answer(application, staff, outcome="disclosed"):
    ogi = staff["ogi_office"]
    services.do_classify_application(ogi, application)
    services.do_assign(ogi, application, staff["editor"].staff_profile.department, staff["editor"])
    services.do_draft_reply(staff["editor"], application, outcome, "答复内容。")
    services.do_submit_for_review(staff["editor"], application)
    services.do_review(staff["reviewer"], application, True)
    services.do_approve(staff["head"], application, True)
    return services.do_send_reply(ogi, application, dt.date(2026, 6, 20), "email", dt.date(2026, 6, 20))


def test_asking_again_after_an_answer_is_flagged_as_a_repeat(applicant, staff):
    answered = _answer(applicant(1, info_title="2025 年度电动自行车产品质量监督抽查结果"), staff)
    again = applicant(1, info_title="2025年度电动自行车产品质量监督抽查结果")
    assert again.repeat_of == answered
    again.refresh_from_db()
    assert again.repeat_of_id == answered.pk
    someone_else = applicant(2, info_title="2025年度电动自行车产品质量监督抽查结果")
    assert someone_else.repeat_of is None


def test_asking_again_while_the_first_is_open_is_not_a_repeat(applicant):
    applicant(1, info_doc_number=DOC)
    assert applicant(1, info_doc_number=DOC).repeat_of is None


def test_an_earlier_closure_without_an_answer_is_not_a_repeat(applicant, staff):
    first = applicant(1, info_doc_number=DOC)
    services.do_close_as_petition(staff["ogi_office"], first, "12345 热线", "请拨打热线反映。", dt.date(2026, 6, 2))
    assert applicant(1, info_doc_number=DOC).repeat_of is None


def test_titles_differing_only_by_spaces_and_punctuation_group_together(applicant):
    titles = ["2025年度电动自行车产品质量监督抽查结果", "2025 年度 电动自行车产品质量监督抽查结果。",
              "《2025年度电动自行车产品质量监督抽查结果》", "２０２５年度电动自行车产品质量监督抽查结果！"]
    groups = {applicant(seq, info_title=title).group_id for seq, title in enumerate(titles, start=1)}
    assert len(groups) == 1 and None not in groups
    other = applicant(9, info_title="2024年度电动自行车产品质量监督抽查结果")
    assert other.group_id not in groups


@pytest.mark.parametrize("doc, title, key", [
    ("示市监质〔2026〕8号", "任意名称", "doc:示市监质20268号"),
    ("", "《电动自行车 抽查结果》", "title:电动自行车抽查结果"),
    ("8号", "电动自行车抽查结果", "title:电动自行车抽查结果"),  # a too-short number falls back to the name
    ("", "结果", ""),  # too little to group on
    ("", "", ""),
])
def test_information_key(doc, title, key):
    assert grouping.information_key(doc, title) == key


def test_no_group_without_a_name_or_number(applicant):
    application = applicant(1, info_title="", info_doc_number="", info_description="想了解去年的抽查情况")
    assert application.group_id is None
