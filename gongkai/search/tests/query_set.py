"""The search query set: queries over tests/corpus.py with the results a person expects.

expect   the exact set of documents found (precision and recall must both be 1);
top      the first results in this order (only where the order is clear to a person);
ordered  the whole result list in this order (date order);
suggest  suggestions (query text, or (query text, without_filters)) that must be offered.
"""

from dataclasses import dataclass, field

from gongkai.search.tests.corpus import ENFORCEMENT, INTERPRETATION, RECORD

PENALTIES = {
    "pen-zhangwei",
    "pen-zhangweihua",
    "pen-xinweihua",
    "pen-wangfang",
    "pen-lina",
    "pen-liuyang",
    "pen-ouyang",
    "pen-fushun",
    "pen-yuelai",
    "pen-hongda",
    "pen-haoyunlai",
    "pen-zhaoqiang",
}
BULLETINS = {f"stat-{year}" for year in range(2019, 2026)}


@dataclass(frozen=True)
class Q:
    query: str
    expect: set = field(default_factory=set)
    filters: dict = field(default_factory=dict)
    order: str = "relevance"
    top: tuple = ()
    ordered: tuple = ()
    suggest: tuple = ()
    why: str = ""

    def __str__(self):
        extra = f" {self.filters}" if self.filters else ""
        return f"{self.query}{extra} [{self.order}]"


QUERIES = [
    # --- personal names, also inside longer words ------------------------------------------------
    Q(
        "张伟",
        {"pen-zhangwei", "pen-zhangweihua", "news-appointment"},
        top=("news-appointment", "pen-zhangwei", "pen-zhangweihua"),
        why="a 2-character name is found inside 张伟华 too; the title hit first, the exact word before 张伟华",
    ),
    Q("伟华", {"pen-zhangweihua", "pen-xinweihua"}, why="inside the name 张伟华 and the company 鑫伟华"),
    Q("张伟华", {"pen-zhangweihua"}, why="3 characters must occur as written"),
    Q("欧阳娜娜", {"pen-ouyang"}),
    Q("娜娜", {"pen-ouyang"}),
    Q("李娜", {"pen-lina"}, why="in 李娜五金店 and as the operator"),
    Q("王芳", {"pen-wangfang"}, why="the revocation notice names the number, not the person"),
    Q("孙建国", {"org-leaders", "int-business-head"}),
    Q("张伟 罚款", {"pen-zhangwei", "pen-zhangweihua"}, why="both groups must match"),
    Q("张伟 任职", {"news-appointment"}),
    # --- places --------------------------------------------------------------------------------
    Q(
        "建设大道",
        {
            "org-address",
            "org-internal",
            "permit-food-guide",
            "pen-zhangweihua",
            "pen-fushun",
            "check-elevator",
            "ogi-guide",
            "news-hearing",
            "news-petition",
        },
        why="inside 示范市建设大道88号, 建设大道南段, 建设大道沿线",
    ),
    Q("建设大道88号", {"pen-zhangweihua"}, why="the number stays next to the street"),
    Q("政通路", {"pen-zhangwei", "pen-yuelai"}),
    Q(
        "新城区",
        {"stat-2024q1", "pen-zhangwei", "pen-liuyang", "pen-yuelai", "pen-zhaoqiang", "int-stat-2024"},
    ),
    Q(
        "高新区",
        {"stat-2024q2", "pen-xinweihua", "pen-ouyang", "pen-hongda", "proj-lab-approval", "int-stat-2024"},
    ),
    Q("人民路", {"pen-wangfang", "pen-haoyunlai", "news-market-upgrade"}),
    Q("老城区人民路3号", {"pen-wangfang"}, why="人民路99号 and 人民路农贸市场 are other places"),
    # --- numbers and document numbers ----------------------------------------------------------
    Q("12号", {"pen-zhangwei"}, why="〔2024〕12号 and 政通路12号; 112号 is not 12号"),
    Q("112号", {"pen-xinweihua", "pen-lina"}),
    Q("示市监处罚〔2024〕12号", {"pen-zhangwei"}),
    Q("示市监处罚〔2024〕112号", {"pen-lina"}),
    Q("12315", {"stat-complaints-2019", "stat-12315-2024"}),
    Q('"3·15"', {"notice-315"}, why="a quoted number pair: 3 and 15 next to each other"),
    Q("2024", {"check-food-2024", "check-quality-2024-1", "check-quality-2024-2"}, filters={"category": "13"}),
    Q("SF-CG-2023-017", {"proc-rapid-test"}, why="a project number: letters and digits"),
    Q("91000000MA0000001X", {"pen-xinweihua"}, why="a credit code: letters and digits touching"),
    # --- Latin letters, full-width forms, case ---------------------------------------------------
    Q("GB/T 37668", {"notice-accessibility"}),
    Q("ＧＢ／Ｔ３７６６８", {"notice-accessibility"}, why="full-width query, body has full-width, title half-width"),
    Q("registration", {"notice-english"}),
    Q("FOREIGN-invested", {"notice-english"}),
    # --- one character ---------------------------------------------------------------------------
    Q("菌", {"pen-fushun", "tip-wild-mushroom"}, why="菌落 and 野生菌"),
    Q("壶", {"pen-hongda", "check-quality-2024-1"}, why="the last character of a run (电热水壶，)"),
    Q(
        "秤",
        {"pol-metrology", "pen-liuyang", "int-metrology", "news-smart-market", "news-market-upgrade"},
    ),
    Q("市", {"budget-2024", "budget-2025", "final-2022", "final-2023"}, filters={"category": "7"}),
    Q(
        "菌",
        order="date",
        ordered=("tip-wild-mushroom", "pen-fushun"),
        expect={"pen-fushun", "tip-wild-mushroom"},
    ),
    # --- two characters ----------------------------------------------------------------------------
    Q("口罩", {"pen-haoyunlai"}),
    Q(
        "电梯",
        {"pol-special-equipment", "emerg-flood", "check-elevator", "int-special-equipment"},
        top=("check-elevator",),
        why="the only title with 电梯 comes first",
    ),
    Q("听证", {"pen-basis", "news-hearing"}),
    Q("直播", {"pol-online-trade", "pen-ouyang", "int-online-trade-expert", "tip-livestream"}),
    Q("预算", {"budget-2024", "budget-2025", "proc-2024"}),
    Q("废止", {"pol-repeal-individual", "int-repeal-individual"}),
    # --- three and four characters ------------------------------------------------------------------
    Q("野生菌", {"tip-wild-mushroom"}),
    Q("公务员", {"civil-2024-positions", "civil-2024-result", "civil-2025-positions"}),
    Q("首违不罚", {"int-discretion-2024"}, why="inside quotation marks in the text"),
    Q("政务公开", {"ogi-points-2024", "ogi-guide", "int-ogi-points"}),
    Q(
        "信息公开",
        {"ogi-points-2024", "ogi-report-2023", "ogi-report-2024", "ogi-guide"},
    ),
    Q("营商环境", {"pol-business-environment", "int-business-head"}),
    Q("网络交易", {"pol-online-trade", "int-online-trade-expert"}, top=("pol-online-trade",)),
    Q("电线电缆", {"permit-industrial", "pen-lina", "check-quality-2024-1"}),
    Q(
        "消费提示",
        {"emerg-heat", "tip-mooncake", "tip-new-year", "tip-livestream", "tip-ebike", "tip-wild-mushroom"},
        why="预付式消费风险提示 and 安全使用提示 are not 消费提示",
    ),
    Q("统计公报", BULLETINS),
    Q("裁量基准", {"pol-discretion-2020", "pol-discretion-2024", "int-discretion-2024"}),
    # --- longer queries: split into words, the whole query as written ranks first ----------------
    Q(
        "政务公开工作要点",
        {"ogi-points-2024", "int-ogi-points"},
    ),
    Q(
        "行政处罚决定书",
        PENALTIES | {"pen-revoke-wangfang"},
    ),
    Q(
        "示范市食品检验检测中心",
        {"proj-lab-approval", "proj-lab-progress"},
    ),
    Q(
        "食品安全事故应急预案",
        {"emerg-plan-2020", "emerg-plan-2025"},
    ),
    Q(
        "双随机一公开",
        {"pol-business-environment", "check-random"},
        why="the text writes 双随机、一公开: the words are found although the punctuation splits the run",
    ),
    Q(
        "电子计价秤 检定",
        {"pol-metrology", "pen-liuyang", "int-metrology"},
    ),
    # --- phrases ------------------------------------------------------------------------------------
    Q(
        '"行政处罚决定"',
        PENALTIES | {"pen-revoke-wangfang", "ogi-points-2024"},
        why="a quoted phrase must occur as written",
    ),
    Q(
        "行政处罚 决定",
        PENALTIES | {"pen-revoke-wangfang", "ogi-points-2024", "pen-basis"},
        why="two words anywhere: pen-basis has 行政处罚 … 罚款决定",
    ),
    Q("“政务公开”", {"ogi-points-2024", "ogi-guide", "int-ogi-points"}, why="Chinese quotation marks"),
    Q("《行政处罚法》", {"pen-basis"}, why="book-title marks make a phrase"),
    # --- filters --------------------------------------------------------------------------------------
    Q("食品", {"emerg-plan-2020", "emerg-plan-2025", "emerg-heat", "tip-school-food"}, filters={"category": "12"}),
    Q(
        "管理办法",
        {
            "pol-sampling-2023",
            "pol-online-trade",
            "pol-special-equipment",
            "pol-metrology",
            "permit-food-guide",
            "int-sampling-2023",
            "int-online-trade-expert",
            "int-special-equipment",
            "int-metrology",
            "pol-ebike",
        },
        filters={"validity": "valid"},
    ),
    Q("管理办法", {"pol-sampling-2020"}, filters={"validity": "amended"}),
    Q("个体工商户", {"pol-individual-2019"}, filters={"validity": "repealed"}),
    Q("登记", {"int-registration", "int-repeal-individual"}, filters={"kinds": [INTERPRETATION]}),
    Q("行政处罚决定书", {"pen-zhangwei", "pen-lina"}, filters={"year": 2024}),
    Q("行政处罚决定书", {"pen-fushun"}, filters={"department_id": ENFORCEMENT, "year": 2019}),
    Q("统计公报", {"stat-2022"}, filters={"year": 2023}, why="the year is the year of publication"),
    Q("市场主体", {"stat-2024", "stat-2025q1", "int-stat-2024"}, filters={"year": 2025}),
    Q("市场主体", {"stat-2024", "stat-2025q1"}, filters={"year": 2025, "kinds": [RECORD]}),
    Q("执法", {"news-training-2023"}, filters={"department_id": ENFORCEMENT, "year": 2023}),
    Q(
        "解读",
        {
            "int-registration",
            "int-discretion-2024",
            "int-online-trade-expert",
            "int-business-head",
            "int-repeal-individual",
            "int-ogi-points",
            "int-metrology",
            "int-price-rules",
        },
        filters={"kinds": INTERPRETATION},
    ),
    # --- date order -----------------------------------------------------------------------------------
    Q(
        "行政处罚决定书",
        PENALTIES | {"pen-revoke-wangfang"},
        order="date",
        ordered=(
            "pen-zhaoqiang",
            "pen-ouyang",
            "pen-lina",
            "pen-zhangwei",
            "pen-hongda",
            "pen-zhangweihua",
            "pen-xinweihua",
            "pen-yuelai",
            "pen-revoke-wangfang",
            "pen-wangfang",
            "pen-haoyunlai",
            "pen-liuyang",
            "pen-fushun",
        ),
    ),
    Q(
        "统计公报",
        BULLETINS,
        order="date",
        ordered=tuple(f"stat-{year}" for year in range(2025, 2018, -1)),
    ),
    # --- nothing found: suggestions ----------------------------------------------------------------------
    Q("统计公报", set(), filters={"year": 2019}, suggest=(("统计公报", True),), why="no bulletin published in 2019"),
    Q("三公经费", set(), suggest=("三公", "经费"), why="the texts write “三公”经费"),
    Q("食品安全电梯", set(), suggest=("食品安全", "电梯")),
    Q("张伟 野生菌", set(), suggest=("张伟", "野生菌")),
    Q('"建设大道88号东楼"', set(), suggest=("建设大道",), why="88号 is not 东楼; the street alone is found"),
]
