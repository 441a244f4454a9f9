"""The machine form of table 三 written out by hand (RULES.md §4), for the tests to compare against.

Deliberately literal rather than taken from labels.py: a test that read the order from the code
would not notice the code changing it.
"""

OUTCOME_ORDER = [
    "disclosed", "partial",
    "withheld.state_secret", "withheld.prohibited", "withheld.security_stability", "withheld.third_party",
    "withheld.internal_affairs", "withheld.process_info", "withheld.enforcement_file", "withheld.registry_query",
    "unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear_after_correction",
    "not_processed.petition", "not_processed.repeat", "not_processed.publication", "not_processed.excessive",
    "not_processed.confirmation",
    "other.correction_overdue", "other.fee_unpaid", "other.other",
]
ROW_ORDER = ["new", "carried_in", *OUTCOME_ORDER, "total", "carried_over"]
# 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
COLUMN_ORDER = ["natural_person", "business", "research", "public_interest", "legal_service", "other_org", "total"]


def table3(nonzero):
    """All 25 rows × 7 columns: zero except the rows given, each written out as its 7 literal cells."""
    assert set(nonzero) <= set(ROW_ORDER), set(nonzero) - set(ROW_ORDER)
    return {row: dict(zip(COLUMN_ORDER, nonzero.get(row, (0,) * 7), strict=True)) for row in ROW_ORDER}
