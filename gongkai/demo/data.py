"""The fictional demo agency: 示范市市场监督管理局. All names, numbers and texts are synthetic."""

AGENCY = {
    "name": "示范市市场监督管理局",
    "site_name": "示范市市场监督管理局",
    "domain": "scjgj.shifan.gov.cn",
    "site_id_code": "9999000001",
    "icp_number": "示ICP备00000001号",
    "police_number": "示公网安备 99000002000001号",
    "address": "示范市建设大道 188 号",
    "postcode": "999001",
    "office_hours": "工作日 上午 9:00—12:00，下午 13:30—17:30（法定节假日除外）",
    "description": (
        "示范市市场监督管理局是市政府工作部门，负责全市市场综合监督管理，统一登记市场主体，"
        "组织市场监管综合执法，监督管理食品、药品、特种设备和产品质量安全，"
        "负责计量、标准化、认证认可和知识产权相关工作，维护公平竞争的市场秩序，保护消费者权益。"
    ),
    "ogi_office_name": "示范市市场监督管理局办公室（政务公开办公室）",
    "ogi_address": "示范市建设大道 188 号 2 号楼 105 室",
    "ogi_hours": "工作日 上午 9:00—12:00，下午 13:30—17:30",
    "ogi_phone": "0999-81230000",
    "ogi_fax": "0999-81230001",
    "ogi_email": "gongkai@scjgj.shifan.gov.cn",
    "index_code": "11999900MB0000001X",
    "index_number_pattern": "{agency_code}/{year}-{seq:05d}",
}

# (code, name, parent code, head, phone, functions)
DEPARTMENTS = [
    ("office", "办公室（政务公开办公室）", None, "林文清", "0999-81230000",
     "负责机关日常运转，承担政务公开、信息公开申请办理、机要保密、档案和督查督办工作。"),
    ("legal", "法规科", None, "周敏", "0999-81230010",
     "起草地方性法规、规章草案和规范性文件，承担合法性审核、行政复议和行政应诉工作。"),
    ("registration", "登记注册科", None, "韩立新", "0999-81230020",
     "负责各类企业、个体工商户和农民专业合作社的登记注册，推进登记便利化改革。"),
    ("credit", "信用监督管理科", None, "许佳", "0999-81230030",
     "组织企业信息公示和抽查，管理经营异常名录和严重违法失信名单，推进信用分级分类监管。"),
    ("food", "食品生产安全监督管理科", None, "罗建平", "0999-81230040",
     "监督管理食品生产企业，组织食品安全监督抽检和风险监测，处置食品安全事件。"),
    ("quality", "产品质量安全监督管理科", None, "唐晓燕", "0999-81230050",
     "组织产品质量监督抽查，管理工业产品生产许可，监督缺陷产品召回。"),
    ("consumer", "消费者权益保护科", None, "宋志强", "0999-81230060",
     "受理和处理消费投诉举报，开展消费教育引导，发布消费警示。"),
    ("enforcement", "执法稽查支队", None, "邓宏", "0999-81230070",
     "查处重大、跨区域市场监管违法案件，指导区县市场监管综合执法。"),
    ("enforcement-1", "执法稽查一大队", "enforcement", "马骏", "0999-81230071",
     "承担食品、药品和特种设备领域的案件查办。"),
    ("enforcement-2", "执法稽查二大队", "enforcement", "曹丽", "0999-81230072",
     "承担价格、广告、网络交易和不正当竞争领域的案件查办。"),
]

DEMO_PASSWORD = "Shifan-Demo-2026"

# The department that houses the OGI office (政府信息公开工作机构); its head approves extensions.
OGI_DEPARTMENT = "office"

# (username, full name, role, department code)
STAFF = [
    ("admin", "吴海", "administrator", None),
    ("ogi", "陈思远", "ogi_office", "office"),
    ("ogi2", "黄静", "ogi_office", "office"),
    ("ogi.head", "林文清", "head", "office"),  # head of the OGI office: approves extensions (条例第三十三条)
    ("editor", "刘晓婷", "editor", "quality"),
    ("reviewer", "王志刚", "reviewer", "quality"),
    ("head", "唐晓燕", "head", "quality"),
    ("editor.food", "赵雨", "editor", "food"),
    ("head.food", "罗建平", "head", "food"),
    ("auditor", "孙明", "auditor", None),
]
