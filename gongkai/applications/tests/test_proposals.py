"""Requested → proactive (条例 Art. 44; RULES.md §2): the queue of proposals and the OGI office's decisions."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.models import ProactiveProposal
from gongkai.audit.models import AuditEntry
from gongkai.organisation import roles
from gongkai.privacy.checksums import id_check_char

TITLE = "示范市 2025 年度电动自行车产品质量监督抽查结果"


def person_id(seq):
    first17 = f"11010519850101{seq:03d}"
    return first17 + id_check_char(first17)


@pytest.fixture
def proposal(register):
    """Three different applicants ask for the same information: a proposal is made (threshold 3)."""
    made = [register(received_on=dt.date(2026, 5, 6), id_number=person_id(i), applicant_name=name, info_title=TITLE)
            for i, name in enumerate(("李春华", "周建国", "陈丽"), start=1)]
    proposal = ProactiveProposal.objects.get(group=made[0].group)
    proposal.applications = made
    return proposal


def decide(client, proposal, **data):
    return client.post(reverse("applications_proposal_decide", args=[proposal.pk]), data, follow=True)


def test_the_list_shows_the_group_its_applicants_and_its_applications(client_for, proposal):
    response = client_for(roles.OGI_OFFICE).get(reverse("applications_proposals"))
    assert response.status_code == 200
    html = response.content.decode()
    assert TITLE in html and "不同申请人：3 位" in html and "待处理：1 条" in html
    for application in proposal.applications:
        assert f'href="{reverse("applications_detail", args=[application.pk])}">{application.number}</a>' in html
    assert "转为主动公开" in html and "不宜主动公开的理由（必填）" in html


def test_pending_proposals_come_first(client_for, proposal, register, staff):
    other = [register(received_on=dt.date(2026, 5, 7), id_number=person_id(10 + i), info_title="示范市电梯维保单位名单")
             for i in range(3)]
    second = ProactiveProposal.objects.get(group=other[0].group)
    ProactiveProposal.objects.filter(pk=second.pk).update(created_at=timezone.now() + dt.timedelta(minutes=5))
    client = client_for(roles.OGI_OFFICE)
    decide(client, second, decision="decline", reason="名单每月变化，已在办事指南中说明查询方式。")
    html = client.get(reverse("applications_proposals")).content.decode()
    assert html.index(TITLE) < html.index("示范市电梯维保单位名单")
    assert "名单每月变化" in html


def test_accept_without_a_record(client_for, proposal, staff):
    response = decide(client_for(roles.OGI_OFFICE), proposal, decision="accept", note="下月起在抽查结果栏目公开。")
    assert "已将" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProactiveProposal.ACCEPTED
    assert proposal.decided_by == staff[roles.OGI_OFFICE] and proposal.record is None
    assert proposal.decision_note == "下月起在抽查结果栏目公开。"
    entry = AuditEntry.objects.filter(action="application.proactive_accepted").get()
    assert entry.object_id == str(proposal.pk) and TITLE in entry.summary


def test_accept_linking_a_record_by_index_number_or_id(client_for, proposal, publish, register):
    record = publish(title="示范市 2025 年度电动自行车产品质量监督抽查结果公告")
    assert record.index_number
    decide(client_for(roles.OGI_OFFICE), proposal, decision="accept", record=f"  {record.index_number} ")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.record) == (ProactiveProposal.ACCEPTED, record)
    html = client_for(roles.AUDITOR).get(reverse("applications_proposals")).content.decode()
    assert record.index_number in html and reverse("disclosure_record_detail", args=[record.pk]) in html

    others = [register(received_on=dt.date(2026, 5, 7), id_number=person_id(20 + i),
                       info_title="示范市燃气安全检查结果") for i in range(3)]
    second = ProactiveProposal.objects.get(group=others[0].group)
    decide(client_for(roles.ADMINISTRATOR), second, decision="accept", record=str(record.pk))
    second.refresh_from_db()
    assert (second.status, second.record) == (ProactiveProposal.ACCEPTED, record)


@pytest.mark.parametrize("reference", ["11999900MB0000001X/2099-99999", "999999", "9" * 40, "<script>"])
def test_accept_with_an_unknown_record_is_refused(client_for, proposal, reference):
    response = decide(client_for(roles.OGI_OFFICE), proposal, decision="accept", record=reference)
    assert response.status_code == 200
    assert "没有找到索引号或编号为" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProactiveProposal.PENDING
    assert not AuditEntry.objects.filter(action="application.proactive_accepted").exists()


def test_decline_with_a_reason(client_for, proposal, staff):
    reason = "抽查结果含企业检验数据，已按条例第十五条征求第三方意见，不宜整体主动公开。"
    decide(client_for(roles.OGI_OFFICE), proposal, decision="decline", reason=reason)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision_note) == (ProactiveProposal.DECLINED, reason)
    entry = AuditEntry.objects.filter(action="application.proactive_declined").get()
    assert entry.actor == staff[roles.OGI_OFFICE] and reason in entry.summary


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_decline_without_a_reason_is_refused_in_chinese(client_for, proposal, reason):
    response = decide(client_for(roles.OGI_OFFICE), proposal, decision="decline", reason=reason)
    assert "请填写不宜主动公开的理由。" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProactiveProposal.PENDING
    assert not AuditEntry.objects.filter(action="application.proactive_declined").exists()


@pytest.mark.parametrize("role", [roles.EDITOR, roles.REVIEWER, roles.HEAD, roles.AUDITOR])
def test_other_roles_may_read_but_not_decide(client_for, proposal, role):
    client = client_for(role)
    page = client.get(reverse("applications_proposals")).content.decode()
    assert TITLE in page and "不宜主动公开的理由（必填）" not in page
    for data in ({"decision": "accept"}, {"decision": "decline", "reason": "不宜公开"}):
        response = decide(client, proposal, **data)
        assert "只有政务公开办或系统管理员可以处理转主动公开建议。" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProactiveProposal.PENDING


def test_department_staff_see_links_only_to_their_own_applications(client_for, proposal, staff, departments):
    first, second, _ = proposal.applications
    services.do_classify_application(staff["ogi_office"], first)
    services.do_assign(staff["ogi_office"], first, departments["own"])
    services.do_classify_application(staff["ogi_office"], second)
    services.do_assign(staff["ogi_office"], second, departments["other"])
    html = client_for(roles.EDITOR).get(reverse("applications_proposals")).content.decode()
    assert f'href="{reverse("applications_detail", args=[first.pk])}"' in html
    assert f'href="{reverse("applications_detail", args=[second.pk])}"' not in html
    assert second.number in html


def test_a_decision_is_taken_once(client_for, proposal):
    client = client_for(roles.OGI_OFFICE)
    decide(client, proposal, decision="accept")
    response = decide(client, proposal, decision="decline", reason="改变主意")
    assert "这条建议已经处理过了" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProactiveProposal.ACCEPTED


def test_bad_requests_change_nothing(client_for, proposal):
    client = client_for(roles.OGI_OFFICE)
    response = decide(client, proposal, decision="maybe")
    assert "请选择“转为主动公开”或“不宜主动公开”。" in response.content.decode()
    assert client.get(reverse("applications_proposal_decide", args=[proposal.pk])).status_code == 405
    assert client.post(reverse("applications_proposal_decide", args=[proposal.pk + 1000])).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ProactiveProposal.PENDING


def test_the_list_without_proposals(client_for, db):
    html = client_for(roles.EDITOR).get(reverse("applications_proposals")).content.decode()
    assert "目前没有转主动公开的建议。" in html


def test_staff_without_a_role_cannot_open_the_list(proposal, django_user_model):
    user = django_user_model.objects.create_user("no_role", password="x")
    client = Client()
    client.force_login(user)
    response = client.get(reverse("applications_proposals"))
    assert response.status_code in (302, 403)
