"""Administrative reconsideration and litigation about an application (条例 Art. 51; table 四 of RULES.md §4)."""

from django.db import transaction

from gongkai.applications import choices
from gongkai.applications import permissions as perms
from gongkai.applications.models import Remedy
from gongkai.applications.services import _check, _earliest, _not_future, event
from gongkai.audit.services import record as audit
from gongkai.audit.services import snapshot


@transaction.atomic
def do_add_remedy(actor, application, kind, filed_on, result="pending", decided_on=None, note=""):
    """Administrative reconsideration or litigation about an application (table 四; 条例第五十一条)."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以登记复议、诉讼。")
    _check(application.kind == choices.KIND_APPLICATION, "只有政府信息公开申请可以登记复议、诉讼。")
    _check(kind in dict(choices.REMEDY_CHOICES), "请选择复议或诉讼类型。")
    _check(result in dict(choices.REMEDY_RESULT_CHOICES), "请选择结果。")
    _not_future(filed_on, "申请或起诉日期")
    _check(filed_on >= _earliest(application), "申请或起诉日期不能早于收到申请之日。")
    _check(result == "pending" or decided_on is not None, "已审结的，请填写结案日期。")
    if result != "pending":
        _not_future(decided_on, "结案日期")
        _check(decided_on >= filed_on, "结案日期不能早于申请或起诉日期。")
    remedy = Remedy.objects.create(application=application, kind=kind, filed_on=filed_on, result=result,
                                   decided_on=decided_on if result != "pending" else None, note=(note or "").strip(),
                                   created_by=actor)
    summary = f"登记{remedy.get_kind_display()}（{remedy.get_result_display()}）。"
    event(application, "remedy_added", summary, actor=actor, on=filed_on, public=False)
    audit("application.remedy_added", actor=actor, obj=application, after=snapshot(remedy), summary=summary)
    return remedy


@transaction.atomic
def do_update_remedy(actor, remedy, result, decided_on=None, note=""):
    """The result of a reconsideration or a lawsuit: 维持, 纠正, 其他, or back to 尚未审结."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以登记复议、诉讼。")
    _check(result in dict(choices.REMEDY_RESULT_CHOICES), "请选择结果。")
    _check(result == "pending" or decided_on is not None, "已审结的，请填写结案日期。")
    remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
    if result != "pending":
        _not_future(decided_on, "结案日期")
        _check(decided_on >= remedy.filed_on, "结案日期不能早于申请或起诉日期。")
    note = (note or "").strip()
    before = snapshot(remedy)
    remedy.result, remedy.decided_on = result, decided_on if result != "pending" else None
    if note:
        remedy.note = note
    remedy.save()
    summary = f"{remedy.get_kind_display()}结果：{remedy.get_result_display()}。"
    event(remedy.application, "remedy_updated", summary, actor=actor, on=remedy.decided_on, public=False)
    audit("application.remedy_updated", actor=actor, obj=remedy.application, before=before, after=snapshot(remedy),
          summary=summary)
    return remedy
