"""Letters issued on applications (RULES.md §3.3): the text is fixed from the template when issued.

Templates are LetterTemplate rows that the administrator and the OGI office edit; when none is
stored for a kind (or, for reply letters, an outcome), the built-in text of letter_defaults.py
is in force. Placeholders are written {name}; rendering leaves unknown names as written, so
a stored template never breaks a letter, and the editor refuses unknown names before saving
(do_save_template). Saving and resetting a template write an audit entry.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from gongkai.applications import choices, letter_defaults, outcomes
from gongkai.applications import permissions as perms
from gongkai.applications.errors import Refused
from gongkai.applications.models import DisclosureApplication, Letter, LetterTemplate
from gongkai.audit.services import record as audit
from gongkai.audit.services import snapshot
from gongkai.organisation.models import Agency

_PLACEHOLDER = re.compile(r"\{([^{}\s]{1,20})\}")
TRACK_PATH = "/yisqgk/track/"
TITLE_MAX = LetterTemplate._meta.get_field("title").max_length
BODY_MAX = 20000


def _chinese_date(day):
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _value(value):
    if isinstance(value, dt.datetime):
        return _chinese_date(timezone.localdate(value) if timezone.is_aware(value) else value.date())
    if isinstance(value, dt.date):
        return _chinese_date(value)
    return "" if value is None else str(value)


def track_url(agency=None):
    """The public tracking page's address, for letters (the site's domain when recorded)."""
    agency = agency if agency is not None else Agency.current()
    domain = (agency.domain if agency else "").strip().rstrip("/")
    if domain:
        base = domain if "://" in domain else f"https://{domain}"
    else:
        base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    return f"{base}{TRACK_PATH}"


def _enquiries(agency):
    """One sentence telling the addressee whom to ask, with only the contact details on record."""
    if agency is None:
        return "如有疑问，请与本机关政府信息公开工作机构联系。"
    office = agency.ogi_office_name or "本机关政府信息公开工作机构"
    details = []
    if agency.ogi_phone:
        details.append(f"联系电话：{agency.ogi_phone}")
    if agency.ogi_address or agency.address:
        details.append(f"地址：{agency.ogi_address or agency.address}")
    return f"如有疑问，请与{office}联系" + (f"（{'；'.join(details)}）" if details else "") + "。"


def _full_outcome_label(outcome):
    """The table 三 label with its group heading, e.g. "（三）不予公开 5.属于三类内部事务信息"."""
    if outcome is None:
        return ""
    if outcome.label.startswith("（"):
        return outcome.label
    first = next(o for o in outcomes.OUTCOMES if o.group == outcome.group)
    heading = first.label.split(" ")[0]
    return f"{heading} {outcome.label}"


def fields_for(application, issued_on, extra=None):
    """The values a template may use, by placeholder name (letter_defaults.PLACEHOLDERS describes them)."""
    agency = Agency.current()
    outcome = outcomes.BY_CODE.get(application.outcome)
    submitted = application.submitted_at
    data = {
        "机关名称": agency.name if agency else "",
        "公开工作机构": (agency.ogi_office_name if agency else "") or "政府信息公开工作机构",
        "机关地址": ((agency.ogi_address or agency.address) if agency else "") or "",
        "联系电话": (agency.ogi_phone if agency else "") or "",
        "咨询方式": _enquiries(agency),
        "申请编号": application.number,
        "查询码": application.tracking_code,
        "查询网址": track_url(agency),
        "申请人": application.applicant_name,
        "申请方式": application.get_channel_display(),
        "收到日期确定方式": choices.RECEIPT_RULES.get(application.channel, ""),
        "所需信息": application.info_summary,
        "信息描述": application.info_description,
        "文号": application.info_doc_number,
        "载体形式": application.get_requested_form_display(),
        "获取途径": application.get_delivery_route_display(),
        "提交日期": _value(submitted),
        "收到日期": _chinese_date(application.received_on) or "待确认",
        "答复期限": _chinese_date(application.due_on) or "自收到申请之日起 20 个工作日内",
        "办理结果": outcome.short if outcome else "",
        "办理结果全称": _full_outcome_label(outcome),
        "法律依据": outcome.article if outcome else "",
        "答复内容": (application.reply_text or "").strip(),
        "落款日期": _chinese_date(issued_on),
        "延长天数": str(application.extension_days),
        "延期理由": (application.extension_reason or "").strip().rstrip("。；，.;,"),
    }
    data.update({key: _value(value) for key, value in (extra or {}).items()})
    return data


def placeholders_in(text):
    """The placeholder names a text uses, in order of first use."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(text or "")))


def unknown_placeholders(kind, *texts):
    """Placeholders in the texts that a letter of this kind does not provide."""
    known = {name for name, _ in letter_defaults.placeholders_for(kind)}
    used = placeholders_in("\n".join(texts))
    return [name for name in used if name not in known]


def render(text, data):
    """Fill {name} placeholders; unknown names stay as written."""
    return _PLACEHOLDER.sub(lambda m: str(data.get(m.group(1), m.group(0))), text)


# --- which template is in force --------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateKey:
    """One editable template: a kind of letter, and for reply letters an outcome."""

    kind: str
    outcome: str = ""

    @property
    def slug(self):
        return f"{self.kind}.{self.outcome}" if self.outcome else self.kind

    @property
    def label(self):
        kind = choices.LETTER_KIND_LABELS[self.kind]
        return f"{kind}：{outcomes.short(self.outcome)}" if self.outcome else kind

    @property
    def outcome_label(self):
        return _full_outcome_label(outcomes.BY_CODE[self.outcome]) if self.outcome else ""


def template_keys():
    """Every editable template: one per kind of letter, and one reply letter per outcome."""
    keys = [TemplateKey(kind) for kind, _ in choices.LETTER_KIND_CHOICES if kind != choices.LETTER_REPLY]
    return keys + [TemplateKey(choices.LETTER_REPLY, code) for code in outcomes.CODES]


def key_from_slug(slug):
    """The TemplateKey named by a slug ("receipt", "reply.partial"); None when there is no such template."""
    kind, _, outcome = (slug or "").partition(".")
    key = TemplateKey(kind, outcome)
    return key if key in template_keys() else None


def stored_template(kind, outcome=""):
    return LetterTemplate.objects.filter(kind=kind, outcome=outcome or "").first()


def template_for(kind, outcome=""):
    """(title, body) of the template in force for a kind (and outcome, for reply letters)."""
    stored = stored_template(kind, outcome)
    if stored is not None:
        return stored.title, stored.body
    return letter_defaults.default(kind, outcome)


def issue(application, kind, *, actor, issued_on, addressee=None, to_applicant=True, extra=None):
    """Create a Letter with the template's text filled in; returns it."""
    title, body = template_for(kind, application.outcome if kind == choices.LETTER_REPLY else "")
    data = fields_for(application, issued_on, extra)
    sequence = application.letters.aggregate(n=Count("pk"))["n"] + 1
    return Letter.objects.create(
        application=application, kind=kind, number=f"{application.number}-{sequence:02d}",
        title=render(title, data)[:TITLE_MAX], addressee=(addressee or application.applicant_name)[:200],
        body=render(body, data), to_applicant=to_applicant, issued_on=issued_on, created_by=actor,
    )


# --- editing templates -----------------------------------------------------------------------------


def check_template(key, title, body):
    """The cleaned (title, body), or Refused with a Chinese message naming what is wrong."""
    title = (title or "").strip()
    body = (body or "").replace("\r\n", "\n").strip()
    if not title:
        raise Refused("请填写文书标题。")
    if len(title) > TITLE_MAX:
        raise Refused(f"标题最多 {TITLE_MAX} 个字，现在是 {len(title)} 个字。")
    if not body:
        raise Refused("正文不能为空。")
    if len(body) > BODY_MAX:
        raise Refused(f"正文最多 {BODY_MAX} 个字，现在是 {len(body)} 个字。")
    unknown = unknown_placeholders(key.kind, title, body)
    if unknown:
        names = "、".join(f"{{{name}}}" for name in unknown)
        raise Refused(f"{key.label}中不能使用这些字段：{names}。"
                      "请对照页面下方的字段说明修改（字段名要完全一致，包括花括号）。")
    return title, body


def _check_editor(actor):
    if not perms.can_edit_letter_templates(actor):
        raise Refused("只有系统管理员和政务公开办可以修改文书模板。")


TEMPLATE_FIELDS = {"kind", "outcome", "title", "body"}


@transaction.atomic
def do_save_template(actor, key, title, body):
    """Store an edited template for a kind (or reply outcome); issue() uses it from now on. RULES.md §3.3."""
    _check_editor(actor)
    title, body = check_template(key, title, body)
    stored = LetterTemplate.objects.select_for_update().filter(kind=key.kind, outcome=key.outcome).first()
    before = snapshot(stored, TEMPLATE_FIELDS)
    if stored is None:
        stored = LetterTemplate(kind=key.kind, outcome=key.outcome)
    stored.title, stored.body, stored.updated_by = title, body, actor
    stored.save()
    audit("application.letter_template_saved", actor=actor, obj=stored, before=before,
          after=snapshot(stored, TEMPLATE_FIELDS), summary=f"修改文书模板：{key.label}")
    return stored


@transaction.atomic
def do_reset_template(actor, key):
    """Delete the edited template, so the built-in text is in force again; False when none was stored."""
    _check_editor(actor)
    stored = LetterTemplate.objects.select_for_update().filter(kind=key.kind, outcome=key.outcome).first()
    if stored is None:
        return False
    before = snapshot(stored, TEMPLATE_FIELDS)
    audit("application.letter_template_reset", actor=actor, obj=stored, before=before, after=None,
          summary=f"文书模板恢复为系统默认文本：{key.label}")
    stored.delete()
    return True


# --- preview --------------------------------------------------------------------------------------

SAMPLE_EXTRA = {
    choices.LETTER_CORRECTION: {
        "补正事项": "1. 请写明所需信息的名称或者文号；\n2. 请说明所需信息的大致形成时间。",
        "补正截止日": dt.date(2026, 6, 23), "补正期限": 15,
    },
    choices.LETTER_EXTENSION: {"新答复期限": dt.date(2026, 7, 28)},
    choices.LETTER_CONSULTATION: {
        "被征求意见方": "示范市某某电动车有限公司", "征求事项": "是否同意公开贵公司产品的抽查检验报告",
        "意见期限": dt.date(2026, 6, 26),
    },
    choices.LETTER_FEE: {"收费金额": 200, "计算过程": "本月第 31 件申请，第 31—40 件每件收费 200 元。",
                         "缴费截止日": dt.date(2026, 7, 1)},
}


def sample_application(outcome=""):
    """An unsaved application with synthetic data, for previews (nothing is written to the database)."""
    return DisclosureApplication(
        number="YSQ2026-00001", tracking_code="ABCD2345EFGH", channel=choices.ONLINE,
        applicant_type=choices.NATURAL_PERSON, applicant_name="王晓明", id_type=choices.RESIDENT_ID,
        phone="13900000000", info_title="2025 年度本市食品安全监督抽检结果",
        info_description="希望获取 2025 年本市食品安全监督抽检的不合格产品名单。", requested_form="electronic",
        delivery_route="email", submitted_at=timezone.make_aware(dt.datetime(2026, 6, 1, 9, 30)),
        received_on=dt.date(2026, 6, 1), due_on=dt.date(2026, 6, 30), extension_days=15,
        extension_reason="所需信息涉及多个部门，需要汇总核对", stage=choices.REPLY,
        stage_entered_on=dt.date(2026, 6, 20),
        outcome=outcome, reply_text="（这里是承办部门拟写并经审批的答复内容。）",
    )


def preview_letter(key, title, body, issued_on=None):
    """An unsaved Letter rendered from the given text with the sample application."""
    application = sample_application(key.outcome)
    issued_on = issued_on or dt.date(2026, 6, 20)
    data = fields_for(application, issued_on, SAMPLE_EXTRA.get(key.kind))
    addressee = SAMPLE_EXTRA[key.kind]["被征求意见方"] if key.kind == choices.LETTER_CONSULTATION \
        else application.applicant_name
    return Letter(kind=key.kind, number=f"{application.number}-01", title=render(title, data)[:TITLE_MAX],
                  addressee=addressee, body=render(body, data), to_applicant=key.kind != choices.LETTER_CONSULTATION,
                  issued_on=issued_on)
