"""Letters issued on applications (RULES.md §3.3): the text is fixed from the template when issued.

Templates are administrator-editable LetterTemplate rows; when none is stored for a kind (or
outcome), the built-in default of letter_defaults.py is used. Placeholders are written
{name}; unknown placeholders are left as they are, so a template typo never breaks a letter.
"""

import re

from django.db.models import Count

from gongkai.applications import choices, outcomes
from gongkai.applications.models import Letter, LetterTemplate
from gongkai.organisation.models import Agency

_PLACEHOLDER = re.compile(r"\{([^{}\s]{1,20})\}")


def _chinese_date(day):
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def template_for(kind, outcome=""):
    """(title, body) of the template in force for a kind (and outcome, for reply letters)."""
    from gongkai.applications import letter_defaults

    stored = LetterTemplate.objects.filter(kind=kind, outcome=outcome or "").first()
    if stored is not None:
        return stored.title, stored.body
    return letter_defaults.default(kind, outcome)


def fields_for(application, issued_on, extra=None):
    """The values a template may use, by placeholder name."""
    agency = Agency.current()
    outcome = outcomes.BY_CODE.get(application.outcome)
    data = {
        "机关名称": agency.name if agency else "",
        "公开工作机构": (agency.ogi_office_name if agency else "") or "",
        "机关地址": (agency.ogi_address or agency.address) if agency else "",
        "联系电话": (agency.ogi_phone if agency else "") or "",
        "申请编号": application.number,
        "查询码": application.tracking_code,
        "申请人": application.applicant_name,
        "申请方式": application.get_channel_display(),
        "所需信息": application.info_summary,
        "信息描述": application.info_description,
        "文号": application.info_doc_number,
        "提交日期": _chinese_date(application.submitted_at.date()) if application.submitted_at else "",
        "收到日期": _chinese_date(application.received_on) or "（待确认）",
        "答复期限": _chinese_date(application.due_on) or "（收到申请之日起 20 个工作日内）",
        "办理结果": outcome.short if outcome else "",
        "办理结果全称": outcome.label if outcome else "",
        "法律依据": outcome.article if outcome else "",
        "答复内容": application.reply_text,
        "落款日期": _chinese_date(issued_on),
        "延长天数": str(application.extension_days),
        "延期理由": application.extension_reason,
    }
    data.update({k: (_chinese_date(v) if hasattr(v, "isoformat") else str(v)) for k, v in (extra or {}).items()})
    return data


def render(text, data):
    """Fill {name} placeholders; unknown names stay as written."""
    return _PLACEHOLDER.sub(lambda m: str(data.get(m.group(1), m.group(0))), text)


def issue(application, kind, *, actor, issued_on, addressee=None, to_applicant=True, extra=None):
    """Create a Letter with the template's text filled in; returns it."""
    title, body = template_for(kind, application.outcome if kind == choices.LETTER_REPLY else "")
    data = fields_for(application, issued_on, extra)
    sequence = application.letters.aggregate(n=Count("pk"))["n"] + 1
    return Letter.objects.create(
        application=application, kind=kind, number=f"{application.number}-{sequence:02d}",
        title=render(title, data), addressee=addressee or application.applicant_name, body=render(body, data),
        to_applicant=to_applicant, issued_on=issued_on, created_by=actor,
    )
