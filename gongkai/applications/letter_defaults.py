"""Built-in letter texts (RULES.md §3.3), used until an administrator or the OGI office stores an edited template.

Each text is a (title, body) pair. The body holds the paragraphs only, one per line: the
addressee line ("某某："), the agency name and the date are laid out by documents.py, so
they are not part of the text. Placeholders are written {name}; PLACEHOLDERS lists every name
with a Chinese description for the template editor, and EXTRA_PLACEHOLDERS the names that
exist only for one kind of letter (the values services.py passes to letters.issue as `extra`).

Statutory quotations are from the 2019 《中华人民共和国政府信息公开条例》 (Decree 711).
"""

from gongkai.applications import choices, outcomes

REGULATION = "《中华人民共和国政府信息公开条例》"

# Placeholders every letter may use: (name, description). Values come from letters.fields_for.
PLACEHOLDERS = (
    ("机关名称", "本机关名称"),
    ("公开工作机构", "本机关政府信息公开工作机构的名称"),
    ("机关地址", "政府信息公开工作机构的地址（未填写时为机关办公地址）"),
    ("联系电话", "政府信息公开工作机构的联系电话"),
    ("咨询方式", "一句完整的咨询说明，含工作机构名称、电话和地址（未填写的项目自动省略）"),
    ("申请编号", "申请编号，如 YSQ2026-00001"),
    ("查询码", "申请人查询办理进度用的查询码"),
    ("查询网址", "公众查询办理进度的网址"),
    ("申请人", "申请人姓名或名称"),
    ("申请方式", "提出申请的方式，如“网上申请”“当面提交”"),
    ("收到日期确定方式", "按申请方式说明如何确定收到申请之日（条例第三十一条）"),
    ("所需信息", "所申请信息的名称（未填写名称时为文号或内容描述的开头）"),
    ("信息描述", "申请人对所需信息的内容描述"),
    ("文号", "所申请信息的文号"),
    ("载体形式", "申请人要求的载体形式，如“电子文档”"),
    ("获取途径", "申请人要求的获取途径，如“电子邮件”"),
    ("提交日期", "申请提交或登记的日期"),
    ("收到日期", "收到申请之日（尚未确认时为“待确认”）"),
    ("答复期限", "答复期限（尚未确定时为“自收到申请之日起 20 个工作日内”）"),
    ("办理结果", "办理结果的简称，如“部分公开”"),
    ("办理结果全称", "办理结果在年度报告表三中的完整名称"),
    ("法律依据", "答复所依据的条款，如“《中华人民共和国政府信息公开条例》第三十七条”"),
    ("答复内容", "承办部门拟写、经审批的答复正文"),
    ("延长天数", "延长答复期限的工作日数"),
    ("延期理由", "延长答复期限的理由"),
    ("落款日期", "文书的落款日期"),
)

# Placeholders that exist for one kind of letter only (passed by the step that issues it).
EXTRA_PLACEHOLDERS = {
    choices.LETTER_CORRECTION: (
        ("补正事项", "一次性列明的需要补正的全部事项"),
        ("补正期限", "补正期限（工作日数）"),
        ("补正截止日", "补正的截止日期"),
    ),
    choices.LETTER_EXTENSION: (
        ("新答复期限", "延长后的答复期限"),
    ),
    choices.LETTER_CONSULTATION: (
        ("被征求意见方", "被征求意见的第三方名称"),
        ("征求事项", "征求意见的事项"),
        ("意见期限", "提出意见的截止日期（发出后 15 个工作日）"),
    ),
    choices.LETTER_FEE: (
        ("收费金额", "信息处理费金额（元）"),
        ("计算过程", "按收费标准计算金额的过程"),
        ("缴费截止日", "缴纳费用的截止日期"),
    ),
}

# The remedy notice closing every reply letter (条例 Art. 51; 行政复议法 Art. 20; 行政诉讼法 Art. 46).
REMEDY_NOTICE = (
    "如您对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，"
    "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
)

_REPLY_OPENING = (
    "本机关于{收到日期}收到您提出的政府信息公开申请（申请编号：{申请编号}），您申请获取的信息为：{所需信息}。"
)
_REPLY_RESULT = "办理结果：{办理结果全称}。"

# Per outcome: the paragraphs between the opening and the remedy notice. {答复内容} is the department's text.
_REPLY_MIDDLE = {
    "disclosed": (
        "经审查，您申请获取的信息属于本机关可以公开的政府信息。根据{法律依据}的规定，本机关决定予以公开。",
        "{答复内容}",
        "已经主动公开的信息，请按上述方式和途径获取；本机关向您提供的信息，按您选择的载体形式（{载体形式}）"
        "和获取途径（{获取途径}）提供。",
    ),
    "partial": (
        "经审查，您申请获取的信息中有部分内容不应当公开或者不属于政府信息，但能够作区分处理。"
        "根据{法律依据}“申请公开的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理的，"
        "行政机关应当向申请人提供可以公开的政府信息内容，并对不予公开的内容说明理由”的规定，"
        "本机关向您提供可以公开的部分，并对不予公开的部分说明理由如下：",
        "{答复内容}",
    ),
    "withheld.state_secret": (
        "经审查，您申请获取的信息属于依法确定为国家秘密的政府信息。根据{法律依据}“依法确定为国家秘密的政府信息……"
        "不予公开”的规定，本机关决定不予公开。",
        "{答复内容}",
    ),
    "withheld.prohibited": (
        "经审查，您申请获取的信息属于法律、行政法规禁止公开的政府信息。根据{法律依据}“法律、行政法规禁止公开的政府信息"
        "……不予公开”的规定，本机关决定不予公开。",
        "{答复内容}",
    ),
    "withheld.security_stability": (
        "经审查，您申请获取的信息公开后可能危及国家安全、公共安全、经济安全或者社会稳定。根据{法律依据}"
        "“公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开”的规定，本机关决定不予公开。",
        "{答复内容}",
    ),
    "withheld.third_party": (
        "经审查，您申请获取的信息涉及商业秘密、个人隐私等内容，公开会对第三方合法权益造成损害。根据{法律依据}"
        "“涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开”的规定，"
        "本机关决定不予公开。",
        "{答复内容}",
    ),
    "withheld.internal_affairs": (
        "经审查，您申请获取的信息属于本机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）。"
        "根据{法律依据}的规定，本机关决定不予公开。",
        "{答复内容}",
    ),
    "withheld.process_info": (
        "经审查，您申请获取的信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。"
        "根据{法律依据}的规定，本机关决定不予公开。",
        "{答复内容}",
    ),
    "withheld.enforcement_file": (
        "经审查，您申请获取的信息属于行政执法案卷信息。根据{法律依据}的规定，本机关决定不予公开。",
        "{答复内容}",
    ),
    "withheld.registry_query": (
        "经审查，您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对这类信息的获取有特别规定。"
        "根据{法律依据}的规定，请您依照有关法律、行政法规的规定办理查询。",
        "{答复内容}",
    ),
    "unavailable.not_held": (
        "经检索，本机关没有您申请获取的政府信息，或者该信息不属于本机关负责公开。根据{法律依据}的规定，"
        "本机关无法向您提供。",
        "{答复内容}",
        "该信息由其他机关负责公开的，您可以向上述机关提出申请。",
    ),
    "unavailable.needs_creation": (
        "经审查，本机关没有您所需的现成信息，向您提供需要对现有政府信息进行加工、分析或者另行制作。"
        "根据{法律依据}“行政机关向申请人提供的信息，应当是已制作或者获取的政府信息”的规定，本机关不予提供。",
        "{答复内容}",
    ),
    "unavailable.unclear_after_correction": (
        "本机关已就您的申请一次性告知需要补正的事项。经审查，补正后的申请内容仍不明确，本机关无法确定您所需的政府信息。"
        "根据{法律依据}的规定，本机关无法向您提供。",
        "{答复内容}",
        "如您仍需获取有关信息，可以写明信息的名称、文号或者便于查找的其他特征，重新提出申请。",
    ),
    "not_processed.petition": (
        "经审查，您以政府信息公开申请的形式提出的是信访、投诉、举报等诉求。根据{法律依据}的规定，"
        "本机关不作为政府信息公开申请处理。",
        "{答复内容}",
    ),
    "not_processed.repeat": (
        "经查，本机关已就您提出的相同政府信息公开申请作出答复，您本次申请公开的是相同的政府信息。根据{法律依据}的规定，"
        "本机关不予重复处理。",
        "{答复内容}",
    ),
    "not_processed.publication": (
        "经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。根据{法律依据}的规定，本机关告知您获取的途径，"
        "不作为政府信息公开申请处理。",
        "{答复内容}",
    ),
    "not_processed.excessive": (
        "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，本机关认为申请理由不合理。"
        "根据{法律依据}的规定，本机关对您的申请不予处理。",
        "{答复内容}",
    ),
    "not_processed.confirmation": (
        "经审查，您的申请是要求本机关确认有关信息，或者重新出具您已经获取的信息，不属于申请获取政府信息。"
        "根据{法律依据}的规定，本机关不作为政府信息公开申请处理。",
        "{答复内容}",
    ),
    "other.correction_overdue": (
        "本机关已告知您需要补正的事项和补正期限。您在补正期限内没有补正，也没有说明正当理由。根据{法律依据}"
        "“申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请”的规定，"
        "本机关不再处理您的这一申请。",
        "{答复内容}",
        "如您仍需获取有关信息，可以重新提出申请。",
    ),
    "other.fee_unpaid": (
        "本机关已向您发出收费通知。您没有在缴费期限内缴纳信息处理费。根据{法律依据}和《国务院办公厅关于印发〈政府信息公开"
        "信息处理费管理办法〉的通知》（国办函〔2020〕109号）的规定，本机关不再处理您的这一申请。",
        "{答复内容}",
        "如您仍需获取有关信息，可以重新提出申请。",
    ),
    "other.other": (
        "经审查，根据{法律依据}的规定，本机关对您的申请作如下处理：",
        "{答复内容}",
    ),
}


def _reply_body(outcome):
    return "\n".join((_REPLY_OPENING, *_REPLY_MIDDLE[outcome], _REPLY_RESULT, REMEDY_NOTICE, "{咨询方式}"))


REPLY_BODIES = {code: _reply_body(code) for code in outcomes.CODES}

RECEIPT_BODY = "\n".join((
    "您于{提交日期}以{申请方式}方式提出的政府信息公开申请，本机关已经登记。现将有关事项告知如下：",
    "一、申请编号：{申请编号}；查询码：{查询码}。查询码用于查询办理进度，请妥善保管，不要告诉他人。",
    "二、您申请获取的信息：{所需信息}。",
    "三、收到申请之日：{收到日期}。{收到日期确定方式}（{法规}第三十一条）",
    "四、本机关自收到申请之日起 20 个工作日内予以答复，答复期限：{答复期限}。需要延长答复期限的，"
    "经政府信息公开工作机构负责人同意并告知您，延长的期限最长不超过 20 个工作日；"
    "需要补正的，答复期限自收到补正后的申请之日起计算；"
    "征求第三方或者其他机关意见所需时间不计算在答复期限内（{法规}第三十条、第三十三条）。",
    "五、您可以登录{查询网址}，输入查询码和申请时所留联系电话的后四位，查询办理进度和答复文书。",
    "{咨询方式}",
)).replace("{法规}", REGULATION)

CORRECTION_BODY = "\n".join((
    "本机关于{收到日期}收到您提出的政府信息公开申请（申请编号：{申请编号}），您申请获取的信息为：{所需信息}。",
    "经审查，您的申请内容不够明确，本机关无法据此确定您所需的政府信息。根据{法规}第三十条的规定，"
    "现一次性告知您需要补正的事项如下：",
    "{补正事项}",
    "请您自收到本告知书之日起 {补正期限} 个工作日内，即在{补正截止日}前，按上述事项补正后提交本机关。"
    "补正可以写明所需信息的名称、文号、形成时间或者便于查找的其他特征。答复期限自本机关收到补正后的申请之日起计算。",
    "您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    "{咨询方式}",
)).replace("{法规}", REGULATION)

EXTENSION_BODY = "\n".join((
    "本机关于{收到日期}收到您提出的政府信息公开申请（申请编号：{申请编号}），您申请获取的信息为：{所需信息}。",
    "因{延期理由}，本机关不能在规定期限内作出答复。根据{法规}第三十三条第二款的规定，"
    "经本机关政府信息公开工作机构负责人同意，答复期限延长 {延长天数} 个工作日，延长后的答复期限为{新答复期限}。",
    "本机关将在延长后的期限内作出答复。给您带来不便，敬请谅解。",
    "{咨询方式}",
)).replace("{法规}", REGULATION)

CONSULTATION_BODY = "\n".join((
    "本机关于{收到日期}收到一件政府信息公开申请（申请编号：{申请编号}），申请公开的信息为：{所需信息}。"
    "经审查，该信息的公开可能损害贵方的合法权益。根据{法规}第三十二条的规定，现书面征求贵方意见。",
    "征求意见的事项：{征求事项}",
    "请贵方自收到本意见书之日起 15 个工作日内，即在{意见期限}前，以书面形式提出是否同意公开的意见；"
    "不同意公开的，请说明理由，并提供相关证明材料。",
    "贵方逾期未提出意见的，由本机关依照{法规}的规定决定是否公开。贵方不同意公开且有合理理由的，本机关不予公开；"
    "本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。",
    "{咨询方式}",
)).replace("{法规}", REGULATION)

FEE_BODY = "\n".join((
    "本机关于{收到日期}收到您提出的政府信息公开申请（申请编号：{申请编号}），您申请获取的信息为：{所需信息}。",
    "您申请公开政府信息的数量、频次明显超过合理范围。根据{法规}第四十二条和《国务院办公厅关于印发〈政府信息公开"
    "信息处理费管理办法〉的通知》（国办函〔2020〕109号）的规定，本机关对这一申请收取信息处理费。",
    "收费金额：人民币 {收费金额} 元。",
    "计算过程：{计算过程}",
    "请您在{缴费截止日}前缴纳。自本机关发出收费通知之日起至您缴纳费用之日止的时间，不计算在答复期限内。",
    "您逾期未缴纳费用的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    "{咨询方式}",
)).replace("{法规}", REGULATION)

_TITLES = {
    choices.LETTER_RECEIPT: "政府信息公开申请登记回执",
    choices.LETTER_CORRECTION: "政府信息公开申请补正告知书",
    choices.LETTER_EXTENSION: "政府信息公开申请延期答复告知书",
    choices.LETTER_CONSULTATION: "政府信息公开征求第三方意见书",
    choices.LETTER_FEE: "政府信息公开信息处理费收费通知书",
    choices.LETTER_REPLY: "政府信息公开申请答复书",
}

_BODIES = {
    choices.LETTER_RECEIPT: RECEIPT_BODY,
    choices.LETTER_CORRECTION: CORRECTION_BODY,
    choices.LETTER_EXTENSION: EXTENSION_BODY,
    choices.LETTER_CONSULTATION: CONSULTATION_BODY,
    choices.LETTER_FEE: FEE_BODY,
}

# A reply with no outcome yet never goes out; this text only serves a caller that asks for one.
_REPLY_WITHOUT_OUTCOME = "\n".join((_REPLY_OPENING, "{答复内容}", REMEDY_NOTICE, "{咨询方式}"))


def placeholders_for(kind):
    """(name, description) of every placeholder a letter of this kind may use."""
    return PLACEHOLDERS + EXTRA_PLACEHOLDERS.get(kind, ())


def default(kind, outcome=""):
    """The built-in (title, body) of a kind of letter; reply letters have one per outcome."""
    title = _TITLES[kind]
    if kind == choices.LETTER_REPLY:
        return title, REPLY_BODIES.get(outcome, _REPLY_WITHOUT_OUTCOME)
    return title, _BODIES[kind]
