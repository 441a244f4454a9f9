"""Built-in letter texts, used until an administrator stores an edited template."""

from gongkai.applications import choices

_REPLY = (
    "{申请人}：\n\n本机关于{收到日期}收到您的政府信息公开申请（编号{申请编号}）。经审查，办理结果：{办理结果全称}。"
    "\n\n{答复内容}\n\n依据：{法律依据}。\n\n{机关名称}\n{落款日期}"
)


def default(kind, outcome=""):
    title = choices.LETTER_KIND_LABELS[kind]
    if kind == choices.LETTER_REPLY and outcome:
        return title, _REPLY
    return title, "{申请人}：\n\n（申请编号{申请编号}）\n\n{机关名称}\n{落款日期}"
