"""The search query mix and the statistics of the inner-part measurements (issue 6). Pure: no Django.

    query_mix(categories=..., departments=..., years=..., companies=...) -> [Query]: 120 queries of
        every kind a visitor types on the search page — 1 to 6 characters, names of people and
        companies, phrases in quotes, several words, and each of these with filters by category,
        year and department (the values a site really has, passed in)
    company_names(texts) -> company names found in the site's texts, as visitors type them
    percentile(values, p)  -> the p-th percentile (linear interpolation between closest ranks)
    timing_summary(seconds) -> {"p50_ms", "p95_ms", "mean_ms", "max_ms", "samples"}
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass

SHORT = "short"  # 1–6 characters, no quotes, one group
NAME = "name"  # a person's or a company's name
PHRASE = "phrase"  # in quotes or book-title marks: must occur as written
WORDS = "words"  # several groups (AND)
KINDS = (SHORT, NAME, PHRASE, WORDS)

# 1–6 characters: what people type most (a character, a word, a short subject).
SHORT_QUERIES = {
    1: ("市", "药", "税", "罚", "电"),
    2: ("食品", "处罚", "抽查", "预算", "招聘"),
    3: ("化妆品", "消费者", "电动车", "保质期", "营业额"),
    4: ("行政处罚", "食品安全", "产品质量", "信用修复", "监督抽查"),
    5: ("市场监管局", "行政许可证", "婴幼儿奶粉", "个体工商户", "消费者权益"),
    6: ("优化营商环境", "行政处罚决定", "食品经营许可", "产品质量抽查", "政府信息公开"),
}
PERSON_NAMES = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨秀英", "黄磊", "赵敏", "周杰", "吴晓东", "徐佳琪", "孙浩然")
COMPANY_NAMES = (
    "恒达商贸有限公司", "鑫源食品", "华盛药业有限公司", "金诚建材", "惠民超市", "嘉禾餐饮管理有限公司", "百味小吃店",
    "康健药店",
)
PHRASE_QUERIES = (
    "\"行政处罚决定书\"", "“产品质量监督抽查”", "“明码标价”", "《中华人民共和国食品安全法》", "\"没收违法所得\"",
    "“稳岗补贴”", "《示范市食品安全管理办法》", "“双随机、一公开”", "\"部门预算\"", "“责令停止销售”",
    "「行政复议」", "“特种设备安全”", "《中华人民共和国产品质量法》第五十条", "“公开招聘”", "\"不合格\"",
)
WORD_QUERIES = (
    "食品 抽查", "行政处罚 2024", "头盔 不合格", "预算 决算", "许可 食品经营", "化妆品 抽查 通告", "价格 明码标价",
    "校服 质量", "补贴 公示", "网络交易 监管",
)


COMPANY_QUERIES = 8
_COMPANY = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,14}?有限公司)")
_CITY_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,3}市")
_COMPANY_SUFFIX = re.compile(r"(?:股份)?有限(?:责任)?公司$")


def company_names(texts, limit: int = COMPANY_QUERIES) -> list[str]:
    """Company names as visitors type them, from texts of the site (in the order given): the full
    name and the name without city and legal form in turn (示范市恒达商贸有限公司, 恒达商贸)."""
    out: list[str] = []
    for text in texts:
        for match in _COMPANY.finditer(text):
            name = match.group(1)
            city = name.find("市")
            if city > 2:  # 抽查了示范市远航家居有限公司: the name starts with the city (two characters + 市)
                name = name[city - 2:]
            if len(out) % 2:
                name = _COMPANY_SUFFIX.sub("", _CITY_PREFIX.sub("", name))
            if len(name) >= 2 and name not in out:
                out.append(name)
            if len(out) >= limit:
                return out
    return out


@dataclass(frozen=True)
class Query:
    """One search as the search page runs it (its form fields)."""

    text: str
    kind: str
    category: str | None = None
    department_id: int | None = None
    year: int | None = None
    order: str = "relevance"

    @property
    def filtered(self) -> bool:
        return self.category is not None or self.department_id is not None or self.year is not None

    @property
    def label(self) -> str:
        filters = [f"{k}={v}" for k, v in (("category", self.category), ("department", self.department_id),
                                             ("year", self.year)) if v is not None]
        return self.text + (f" [{', '.join(filters)}]" if filters else "") + (" (date)" if self.order == "date" else "")


def _unfiltered(companies) -> list[Query]:
    companies = list(dict.fromkeys(companies))[:COMPANY_QUERIES]
    companies += [name for name in COMPANY_NAMES if name not in companies][: COMPANY_QUERIES - len(companies)]
    queries = [Query(text, SHORT) for length in sorted(SHORT_QUERIES) for text in SHORT_QUERIES[length]]
    queries += [Query(text, NAME) for text in PERSON_NAMES + tuple(companies)]
    queries += [Query(text, PHRASE) for text in PHRASE_QUERIES]
    queries += [Query(text, WORDS) for text in WORD_QUERIES]
    return queries


def query_mix(*, categories: list[str], departments: list[int], years: list[int], companies=()) -> list[Query]:
    """120 queries: 75 without filters (30 short, 20 names, 15 phrases, 10 of several words), then 45
    of them again with filters — 15 by category, 15 by year, 10 by department, 5 by all three —
    and every eighth query ordered by date (the page's other order). Deterministic.

    categories, departments, years: filter values the site has (most used first); each list must
    not be empty. companies: names found in the site's texts (company_names()); the fixed
    COMPANY_NAMES fill up to COMPANY_QUERIES. (The person names are fixed: public texts mask names,
    so most of them find nothing, as on a real site.)
    """
    if not categories or not departments or not years:
        raise ValueError("query_mix needs at least one category, department and year")
    base = _unfiltered(companies)
    # The texts filtered below: every third unfiltered query, so that each kind is filtered too.
    pool = [base[i] for i in range(0, len(base), 3)] + [base[i] for i in range(1, len(base), 3)]
    filtered = []
    for i in range(45):
        q = pool[i % len(pool)]
        category = department = year = None
        if i < 15:
            category = categories[i % len(categories)]
        elif i < 30:
            year = years[i % len(years)]
        elif i < 40:
            department = departments[i % len(departments)]
        else:
            category, department, year = categories[0], departments[i % len(departments)], years[i % len(years)]
        filtered.append(Query(q.text, q.kind, category=category, department_id=department, year=year))
    queries = base + filtered
    return [
        Query(q.text, q.kind, q.category, q.department_id, q.year, "date") if i % 8 == 7 else q
        for i, q in enumerate(queries)
    ]


# --- statistics ------------------------------------------------------------------------------


def percentile(values, p: float) -> float:
    """The p-th percentile (0–100) of values, interpolating linearly between the closest ranks
    (the usual definition: numpy's default, Excel's PERCENTILE.INC)."""
    data = sorted(values)
    if not data:
        raise ValueError("percentile of no values")
    if not 0 <= p <= 100:
        raise ValueError("p must be between 0 and 100")
    rank = (len(data) - 1) * p / 100
    low = math.floor(rank)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (rank - low)


def timing_summary(seconds) -> dict:
    """Latency figures in milliseconds from durations in seconds."""
    values = [s * 1000 for s in seconds]
    return {
        "p50_ms": percentile(values, 50),
        "p95_ms": percentile(values, 95),
        "mean_ms": statistics.fmean(values),
        "max_ms": max(values),
        "samples": len(values),
    }
