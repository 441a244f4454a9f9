"""The outcome codebook of disclosure applications (RULES.md §3.3). Pure data, no Django import.

Exactly one code per closed application; the codes drive table 三 of the annual report, in
this order. `article` is the provision the reply letter cites.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    code: str
    label: str  # the table 三 row label, exact
    short: str  # a short name for screens and filters
    article: str  # what the reply letter cites
    group: str  # disclosed, partial, withheld, unavailable, not_processed, other


OUTCOMES = (
    Outcome("disclosed", "（一）予以公开", "予以公开",
            "《中华人民共和国政府信息公开条例》第三十六条第（一）项、第（二）项", "disclosed"),
    Outcome("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开",
            "《中华人民共和国政府信息公开条例》第三十七条", "partial"),
    Outcome("withheld.state_secret", "（三）不予公开 1.属于国家秘密", "不予公开：属于国家秘密",
            "《中华人民共和国政府信息公开条例》第十四条", "withheld"),
    Outcome("withheld.prohibited", "2.其他法律行政法规禁止公开", "不予公开：其他法律行政法规禁止公开",
            "《中华人民共和国政府信息公开条例》第十四条", "withheld"),
    Outcome("withheld.security_stability", "3.危及“三安全一稳定”", "不予公开：危及“三安全一稳定”",
            "《中华人民共和国政府信息公开条例》第十四条", "withheld"),
    Outcome("withheld.third_party", "4.保护第三方合法权益", "不予公开：保护第三方合法权益",
            "《中华人民共和国政府信息公开条例》第十五条", "withheld"),
    Outcome("withheld.internal_affairs", "5.属于三类内部事务信息", "不予公开：属于三类内部事务信息",
            "《中华人民共和国政府信息公开条例》第十六条第一款", "withheld"),
    Outcome("withheld.process_info", "6.属于四类过程性信息", "不予公开：属于四类过程性信息",
            "《中华人民共和国政府信息公开条例》第十六条第二款", "withheld"),
    Outcome("withheld.enforcement_file", "7.属于行政执法案卷", "不予公开：属于行政执法案卷",
            "《中华人民共和国政府信息公开条例》第十六条第二款", "withheld"),
    Outcome("withheld.registry_query", "8.属于行政查询事项", "不予公开：属于行政查询事项",
            "《中华人民共和国政府信息公开条例》第三十六条第（七）项", "withheld"),
    Outcome("unavailable.not_held", "（四）无法提供 1.本机关不掌握相关政府信息", "无法提供：本机关不掌握",
            "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项", "unavailable"),
    Outcome("unavailable.needs_creation", "2.没有现成信息需要另行制作", "无法提供：需要另行制作",
            "《中华人民共和国政府信息公开条例》第三十八条", "unavailable"),
    Outcome("unavailable.unclear_after_correction", "3.补正后申请内容仍不明确", "无法提供：补正后仍不明确",
            "《中华人民共和国政府信息公开条例》第三十条", "unavailable"),
    Outcome("not_processed.petition", "（五）不予处理 1.信访举报投诉类申请", "不予处理：信访举报投诉类",
            "《中华人民共和国政府信息公开条例》第三十九条第一款", "not_processed"),
    Outcome("not_processed.repeat", "2.重复申请", "不予处理：重复申请",
            "《中华人民共和国政府信息公开条例》第三十六条第（六）项", "not_processed"),
    Outcome("not_processed.publication", "3.要求提供公开出版物", "不予处理：要求提供公开出版物",
            "《中华人民共和国政府信息公开条例》第三十九条第二款", "not_processed"),
    Outcome("not_processed.excessive", "4.无正当理由大量反复申请", "不予处理：无正当理由大量反复申请",
            "《中华人民共和国政府信息公开条例》第三十五条", "not_processed"),
    Outcome("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", "不予处理：要求确认或重新出具",
            "《中华人民共和国政府信息公开条例》第三十九条第二款", "not_processed"),
    Outcome("other.correction_overdue",
            "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "逾期不补正",
            "《中华人民共和国政府信息公开条例》第三十条", "other"),
    Outcome("other.fee_unpaid",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "逾期未缴费",
            "《中华人民共和国政府信息公开条例》第四十二条", "other"),
    Outcome("other.other", "3.其他", "其他处理", "《中华人民共和国政府信息公开条例》第三十三条", "other"),
)

BY_CODE = {o.code: o for o in OUTCOMES}
CODES = tuple(o.code for o in OUTCOMES)
CHOICES = [(o.code, o.short) for o in OUTCOMES]

# Outcomes an application may be closed with without the department's review and approval:
# matters that are not disclosure decisions (RULES.md §3.2 correction/fee periods; Art. 39 petitions).
EARLY_CLOSE = ("not_processed.petition", "other.correction_overdue", "other.fee_unpaid")


def label(code):
    return BY_CODE[code].label


def short(code):
    return BY_CODE[code].short


def parse(value):
    """A code from a code or its Chinese label (full table label or short name); None when unknown."""
    text = (value or "").strip()
    if text in BY_CODE:
        return text
    for outcome in OUTCOMES:
        if text in (outcome.label, outcome.short) or text == outcome.label.split(" ")[-1]:
            return outcome.code
    return None
