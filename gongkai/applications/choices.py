"""Value lists of disclosure applications (RULES.md §3.1). Pure data, no Django import."""

# Intake channels and how each sets the receipt date (条例 Art. 31).
ONLINE = "online"
IN_PERSON = "in_person"
REGISTERED_POST = "registered_post"
LETTER = "letter"
FAX = "fax"
ORAL = "oral"
CHANNEL_CHOICES = [
    (ONLINE, "网上申请"),
    (IN_PERSON, "当面提交"),
    (REGISTERED_POST, "邮政挂号信/快递"),
    (LETTER, "平常信函"),
    (FAX, "传真"),
    (ORAL, "口头提出（代为填写）"),
]
CHANNEL_LABELS = dict(CHANNEL_CHOICES)
# The channels whose receipt date is the day the agency confirms with the applicant.
CONFIRMATION_CHANNELS = (ONLINE, LETTER, FAX)
RECEIPT_RULES = {
    ONLINE: "网上申请：以双方确认之日为收到申请之日。",
    IN_PERSON: "当面提交：以提交之日为收到申请之日。",
    REGISTERED_POST: "邮寄（挂号信、快递等需签收的方式）：以机关签收之日为收到申请之日。",
    LETTER: "平常信函等无需签收的邮寄方式：以机关与申请人确认之日为收到申请之日（应在收到信函当日确认）。",
    FAX: "传真：以双方确认之日为收到申请之日。",
    ORAL: "口头提出：由工作人员代为填写，以申请人确认之日为收到申请之日。",
}

# Applicant types: the six columns of table 三.
NATURAL_PERSON = "natural_person"
APPLICANT_TYPE_CHOICES = [
    (NATURAL_PERSON, "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
]
APPLICANT_TYPE_LABELS = dict(APPLICANT_TYPE_CHOICES)
APPLICANT_TYPES = [code for code, _ in APPLICANT_TYPE_CHOICES]

RESIDENT_ID = "resident_id"
USCC = "uscc"
OTHER_ID = "other"
ID_TYPE_CHOICES = [
    (RESIDENT_ID, "居民身份证"),
    (USCC, "统一社会信用代码"),
    (OTHER_ID, "其他有效证件（护照、港澳台居民居住证等）"),
]

FORM_CHOICES = [
    ("electronic", "电子文档"),
    ("paper", "纸质文本"),
    ("viewing", "当场查阅、抄录"),
]
ROUTE_CHOICES = [
    ("email", "电子邮件"),
    ("online", "网上查询下载"),
    ("post", "邮寄"),
    ("pickup", "当面领取"),
    ("fax", "传真"),
]
DELIVERY_CHOICES = ROUTE_CHOICES + [("on_the_spot", "当场答复")]

# What an incoming letter turns out to be (classification at intake).
KIND_PENDING = "pending"
KIND_APPLICATION = "application"
KIND_PASSED_ON = "passed_on"
KIND_CHOICES = [
    (KIND_PENDING, "待甄别"),
    (KIND_APPLICATION, "政府信息公开申请"),
    (KIND_PASSED_ON, "非公开申请，已转有关渠道"),
]

# Handling stages, in order.
REGISTRATION = "registration"
ASSIGNED = "assigned"
REVIEW = "review"
APPROVAL = "approval"
REPLY = "reply"
ARCHIVED = "archived"
STAGE_CHOICES = [
    (REGISTRATION, "登记"),
    (ASSIGNED, "承办"),
    (REVIEW, "审查"),
    (APPROVAL, "审批"),
    (REPLY, "答复送达"),
    (ARCHIVED, "归档"),
]
STAGE_LABELS = dict(STAGE_CHOICES)
OPEN_STAGES = (REGISTRATION, ASSIGNED, REVIEW, APPROVAL, REPLY)

CONSULT_THIRD_PARTY = "third_party"
CONSULT_AGENCY = "agency"
CONSULTATION_CHOICES = [
    (CONSULT_THIRD_PARTY, "征求第三方意见（条例第三十二条）"),
    (CONSULT_AGENCY, "征求其他机关意见（条例第三十四条）"),
]

FEE_BY_COUNT = "count"
FEE_BY_PAGES = "pages"
FEE_BASIS_CHOICES = [
    (FEE_BY_COUNT, "按件计收"),
    (FEE_BY_PAGES, "按量计收"),
]

REMEDY_CHOICES = [
    ("reconsideration", "行政复议"),
    ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation_after", "行政诉讼（复议后起诉）"),
]
REMEDY_RESULT_CHOICES = [
    ("upheld", "维持"),
    ("corrected", "纠正"),
    ("other", "其他"),
    ("pending", "尚未审结"),
]

LETTER_RECEIPT = "receipt"
LETTER_CORRECTION = "correction"
LETTER_EXTENSION = "extension"
LETTER_CONSULTATION = "consultation"
LETTER_FEE = "fee"
LETTER_REPLY = "reply"
LETTER_KIND_CHOICES = [
    (LETTER_RECEIPT, "登记回执"),
    (LETTER_CORRECTION, "补正告知书"),
    (LETTER_EXTENSION, "延期答复告知书"),
    (LETTER_CONSULTATION, "征求第三方意见书"),
    (LETTER_FEE, "收费通知书"),
    (LETTER_REPLY, "政府信息公开申请答复书"),
]
LETTER_KIND_LABELS = dict(LETTER_KIND_CHOICES)
