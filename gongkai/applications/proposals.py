"""The queue of Art. 44 proposals: information several applicants asked for (条例 Art. 44; RULES.md §2).

grouping.py puts a proposal in the queue once enough distinct applicants ask for the same
information; here the OGI office accepts it (optionally linking the record it published) or
declines it with a reason, and each decision is audited.
"""

from django.db import transaction
from django.db.models import Case, IntegerField, Value, When

from gongkai.applications import permissions as perms
from gongkai.applications.errors import Refused
from gongkai.applications.models import DisclosureApplication, ProactiveProposal
from gongkai.audit.services import record as audit
from gongkai.audit.services import snapshot
from gongkai.organisation import roles
from gongkai.organisation.permissions import has_role


def can_view_proposals(user):
    return perms.can_view_applications(user)


def can_decide_proposals(user):
    """The OGI office (and the administrator) decide whether information moves to proactive disclosure."""
    return has_role(user, roles.ADMINISTRATOR, roles.OGI_OFFICE)


def pending_proposals():
    return ProactiveProposal.objects.filter(status=ProactiveProposal.PENDING)


def proposal_list():
    """Every proposal, pending first, newest first within each status."""
    return (ProactiveProposal.objects.select_related("group", "record", "decided_by")
            .annotate(pending_rank=Case(When(status=ProactiveProposal.PENDING, then=Value(0)), default=Value(1),
                                        output_field=IntegerField()))
            .order_by("pending_rank", "-created_at", "-pk"))


def proposal_applications(user, proposals):
    """{group id: [(application, visible to the user)]} for the proposals shown, in two queries."""
    group_ids = [p.group_id for p in proposals]
    applications = list(DisclosureApplication.objects.filter(group_id__in=group_ids)
                        .only("pk", "number", "group_id", "applicant_name", "department_id", "submitted_at")
                        .order_by("submitted_at", "pk"))
    visible = set(perms.visible_applications(user, DisclosureApplication.objects.filter(group_id__in=group_ids))
                  .values_list("pk", flat=True))
    grouped = {group_id: [] for group_id in group_ids}
    for application in applications:
        grouped[application.group_id].append((application, application.pk in visible))
    return grouped


def find_record(reference):
    """The record of government information named by its index number (索引号) or its id; None when blank."""
    from gongkai.disclosure.models import InformationRecord

    text = (reference or "").strip()
    if not text:
        return None
    record = InformationRecord.objects.filter(index_number=text[:100]).first()
    if record is None and text.isdigit() and len(text) <= 12:
        record = InformationRecord.objects.filter(pk=int(text)).first()
    if record is None:
        raise Refused(f"没有找到索引号或编号为“{text[:100]}”的政府信息，请核对后重新填写；"
                      "也可以先不填，只标记为转为主动公开。")
    return record


def _decidable(actor, proposal):
    if not can_decide_proposals(actor):
        raise Refused("只有政务公开办或系统管理员可以处理转主动公开建议。")
    proposal = ProactiveProposal.objects.select_for_update().select_related("group").get(pk=proposal.pk)
    if proposal.status != ProactiveProposal.PENDING:
        raise Refused(f"这条建议已经处理过了（{proposal.get_status_display()}）。")
    return proposal


@transaction.atomic
def do_accept_proposal(actor, proposal, record_reference="", note=""):
    """Move the information to proactive disclosure (条例 Art. 44); optionally link the record published."""
    proposal = _decidable(actor, proposal)
    record = find_record(record_reference)
    before = snapshot(proposal)
    proposal.status, proposal.record = ProactiveProposal.ACCEPTED, record
    proposal.decision_note, proposal.decided_by = (note or "").strip(), actor
    proposal.save()
    linked = f"，关联政府信息“{record.title}”" if record is not None else ""
    audit("application.proactive_accepted", actor=actor, obj=proposal, before=before, after=snapshot(proposal),
          summary=f"“{proposal.group.title}”转为主动公开（条例第四十四条）{linked}。")
    return proposal


@transaction.atomic
def do_decline_proposal(actor, proposal, reason):
    """The information is not suitable for proactive disclosure; the reason is required and audited."""
    proposal = _decidable(actor, proposal)
    reason = (reason or "").strip()
    if not reason:
        raise Refused("请填写不宜主动公开的理由。")
    before = snapshot(proposal)
    proposal.status, proposal.decision_note, proposal.decided_by = ProactiveProposal.DECLINED, reason, actor
    proposal.save()
    audit("application.proactive_declined", actor=actor, obj=proposal, before=before, after=snapshot(proposal),
          summary=f"“{proposal.group.title}”不宜主动公开：{reason}")
    return proposal
