"""Word lists for the person-name and address detectors (RULES.md §7). Pure data, no Django.

Names are only looked for where government texts put them (after 当事人、申请人、法定代表人……,
in signatures and in lists after such a label), so the surname list can be generous: a surname
that is also an everyday word (高、方、和、于) is only a problem right after such a label, where
the other checks below (organisation suffixes, role words, follow words) take over.
"""

# Compound surnames (复姓), checked before the single ones. 欧阳娜娜 → surname 欧阳.
COMPOUND_SURNAMES = frozenset(
    """
    欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫
    西门 百里 呼延 澹台 公冶 太史 申屠 闻人 万俟 钟离 濮阳 淳于 单于 司空 亓官 赫连 第五 羊舌
    微生 梁丘 左丘 东郭 拓跋 乐正 公羊 谷梁 宰父 巫马 漆雕 公良 颛孙 壤驷 公西 仲孙 叔孙 闾丘
    段干 鲜于 呼衍 完颜 爱新觉罗 纳兰 钮祜禄 叶赫那拉
    """.split()
)

# Common single-character surnames (about the 400 most frequent in the 2020 census lists).
# Deliberately left out: characters that are far more often a function word or the start of an
# organisation or place name right after a label than a surname (都、来、信、元、利、普、位、区、
# 国、公、门、计、支、但、由、干、居、展、智、富、本、该).
SINGLE_SURNAMES = frozenset(
    """
    王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹
    彭 曾 肖 萧 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范
    金 石 廖 贾 夏 韦 付 傅 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 阎 段 雷 侯 龙 史 陶 黎 贺 顾 毛
    郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 常 温 康 施 文 牛 樊 葛 邢 安 齐 易 乔 伍 庞 颜 倪
    庄 聂 章 鲁 岳 翟 殷 詹 申 欧 耿 关 兰 焦 俞 左 柳 甘 祝 包 宁 尚 符 舒 阮 柯 纪 梅 童 凌
    毕 单 季 裴 霍 涂 成 苗 谷 盛 曲 翁 冉 骆 蓝 路 游 辛 靳 管 柴 蒙 鲍 华 喻 祁 蒲 房 滕 屈
    饶 解 牟 艾 尤 阳 时 穆 农 司 卓 古 吉 缪 简 车 项 连 芦 麦 褚 娄 窦 戚 岑 景 党 宫 费 卜
    冷 晏 席 卫 米 柏 宗 瞿 桂 全 佟 应 臧 闵 苟 邬 边 卞 姬 师 和 仇 栾 隋 商 刁 沙 荣 巫 寇
    桑 郎 甄 丛 仲 虞 敖 巩 明 佘 池 查 麻 苑 迟 邝 官 封 谈 匡 鞠 惠 荆 乐 冀 郁 胥 南 班 储
    原 栗 燕 楚 鄢 劳 谌 奚 皮 粟 冼 蔺 楼 盘 满 闻 厉 伊 仝 郜 海 阚 花 权 强 帅 屠 豆 朴 盖
    练 廉 禹 井 祖 漆 巴 丰 卿 狄 平 索 宣 晋 相 初 云 容 敬 扈 晁 芮 阙 浦 戈 伏 鹿 薄 邸 雍
    辜 羊 阿 乌 母 裘 亓 修 邰 赫 杭 况 那 宿 鲜 印 逯 隆 茹 诸 战 慕 危 玉 银 亢 嵇 哈 湛 宾
    戎 勾 茅 於 呼 揭 尉 冶 斯 束 檀 衣 阴 昝 幸 奉 植 衡 尧 闭 钮 萨 多 才 旷 晏 饶 谯 虎 双
    """.split()
)

# Words that, right after the surname, show the text is a form of address, not a full name,
# or is already masked (张某、李某某、王先生、赵科长).
TITLE_WORDS = (
    "某", "先生", "女士", "小姐", "同志", "老师", "师傅", "科长", "局长", "处长", "主任", "所长",
    "队长", "站长", "院长", "厂长", "校长", "部长", "经理", "书记", "主席", "总经理", "董事长",
    "律师", "医生", "大夫", "警官", "某某", "氏",
)

# Labels after which a natural person's name is written (RULES.md §7 names the contexts: parties,
# applicants, legal representatives, contacts, handlers, signatures). The scanner tries longer
# labels first, so that 被申请人 is not read as 被 + 申请人.
NAME_LABELS = (
    # parties and applicants
    "当事人", "被处罚人", "申请人", "被申请人", "第三人", "举报人", "被举报人", "投诉人", "被投诉人",
    "被检查人", "经营者", "户主", "车主", "户名", "原告", "被告", "上诉人", "被上诉人", "证人",
    "陈述人", "询问人", "被询问人", "监护人", "被监护人",
    # representatives and contacts
    "法定代表人", "负责人", "联系人", "委托代理人", "代理人", "收件人", "签收人",
    # staff who handle, check and sign
    "经办人", "承办人", "受理人", "审核人", "审批人", "批准人", "签发人", "复核人", "核稿人", "拟稿人",
    "填表人", "记录人", "检查人", "执法人员", "调查人员", "检查人员", "工作人员", "执法队员",
    # forms and signatures
    "姓名", "签名", "签字",
)

# Labels that are also followed by a list of names without a colon (本局执法人员宋文斌、郑海燕对……):
# there a name is only read when a second one follows after "、".
BARE_LIST_LABELS = (
    "执法人员", "调查人员", "检查人员", "工作人员", "执法队员", "当事人", "申请人", "举报人", "投诉人",
    "经办人", "承办人",
)

# Text right after a label that is a role or an absence, not a person.
ROLE_WORDS = (
    "本人", "工作人员", "本单位", "单位", "匿名", "不详", "同上", "暂无", "未填", "无", "略",
    "见附件", "详见", "如下", "具体", "相关", "有关", "所有", "全体", "其他", "其它", "以上",
    "上述", "下列", "各", "该", "本", "其", "我", "贵", "此",
) + NAME_LABELS

# Organisation words: a run containing one of these (before any follow word) names an agency,
# company or other organisation, which is not personal data.
ORG_WORDS = (
    "公司", "有限", "集团", "委员会", "中心", "医院", "学校", "大学", "学院", "银行", "合作社",
    "事务所", "协会", "商会", "工作室", "研究院", "研究所", "政府", "机关", "管理局", "分局",
    "门市部", "经营部", "服务部", "加工厂", "商店", "超市", "商行", "酒店", "饭店", "宾馆",
    "餐厅", "药房", "药店", "诊所", "卫生院", "幼儿园", "办公室", "办事处", "街道", "社区",
    "村委会", "居委会", "派出所", "法院", "检察院", "基金会", "联合会", "俱乐部", "工作组",
)
# Single characters that end an organisation name (示范市市场监督管理局、某某厂、某某店).
ORG_SUFFIX_CHARS = frozenset("局厂店部处科所站院馆社行会队委办室组厅司团庭")

# Place suffixes: a run that reaches one of these soon after its start is a place name
# (张家港市、高新区), not a person.
PLACE_SUFFIX_CHARS = frozenset("省市区县镇乡村州旗盟")

# Words that often follow a name directly, without punctuation (张三申请……、王小明于……).
FOLLOW_WORDS = (
    "申请", "提出", "同志", "先生", "女士", "身份", "证件", "公民", "联系", "电话", "手机", "出生",
    "年龄", "民族", "汉族", "性别", "户籍", "住址", "住所", "现住", "居住", "家住", "举报", "投诉",
    "不服", "认为", "要求", "请求", "委托", "代理", "作为", "自愿", "通过", "前来", "签名", "签字",
    "签章", "盖章", "本人", "根据", "依据", "依法", "违反", "涉嫌", "存在", "提供", "办理", "负责", "签收",
    "收到", "领取", "确认", "同意", "承诺", "声明", "陈述", "申辩", "听证", "缴纳", "拒绝", "逾期",
    "经营", "销售", "生产", "使用", "从事", "擅自", "未经", "所有", "持有", "一行", "二人", "三人",
    "系", "于", "在", "因", "的", "等", "向", "对", "称", "是", "为", "现", "住", "男", "女", "经",
    "已", "未", "和", "与", "及", "到", "持", "以", "就", "将", "被", "所", "从", "之", "并", "也",
    "均", "共", "又", "再", "曾", "即", "则", "后", "前", "时", "年",
)
# Single follow words that are rarely the last character of a given name: "张三于" is 张三 + 于.
STRONG_FOLLOW_CHARS = frozenset("于在因的等向对称系男女住经已未到持就将被所从之并均共又即")

# Address labels (住址、住所……); 地址 alone only when it is not an agency's or a company's address.
ADDRESS_LABELS = (
    "家庭住址", "现住址", "户籍地址", "户籍所在地", "经常居住地", "居住地址", "通讯地址", "通信地址",
    "联系地址", "送达地址", "家庭地址", "现居住地", "住址", "住所地", "住所", "户籍地", "居住地", "地址",
)
# 地址 preceded by one of these is an organisation's or an office's address (办公地址……).
NON_PERSONAL_ADDRESS_PREFIXES = (
    "办公", "单位", "机关", "受理", "窗口", "服务", "注册", "经营", "办事", "公司", "企业", "工作",
    "网站", "网络", "邮件", "电子", "IP", "ip", "营业", "场所", "中心", "咨询", "办理", "现场",
)
# Markers that make a place string a concrete address (a road, a house number, a room, a village).
ADDRESS_DETAIL_MARKERS = (
    "路", "街", "道", "巷", "弄", "号", "室", "栋", "幢", "单元", "楼", "村", "组", "胡同", "小区",
    "社区", "苑", "园", "屯", "庄", "里", "座", "层", "院",
)
# An address ends before these words (住址：…号联系电话：…).
ADDRESS_STOP_WORDS = (
    "联系电话", "联系方式", "电话", "手机", "身份证", "公民身份", "邮编", "邮政编码", "电子邮箱",
    "邮箱", "出生", "性别", "民族", "法定代表人", "负责人", "统一社会信用代码", "信用代码",
)
