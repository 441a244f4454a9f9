"""The processing-fee calculator (信息处理费, 国办函〔2020〕109号; RULES.md §3.4). Pure Python.

Free by default; charged per application either by count or by pages, never both.
- By count: the n-th application of the same applicant in one calendar month.
  1–10 free; 11–30: 100 元; from 31 on, each further block of 10 adds 100 元
  (31–40: 200, 41–50: 300, …).
- By pages (one application): 1–30 free; 31–100: 10 元/page; 101–200: 20 元/page;
  from 201: 40 元/page. As the notice says ("……的部分"), each rate applies to the pages
  within its band: 31 pages cost 10 元, 101 pages 700 + 20 = 720 元.
"""

from dataclasses import dataclass

from gongkai.applications.choices import FEE_BY_COUNT, FEE_BY_PAGES


@dataclass(frozen=True)
class Charge:
    amount: int  # yuan
    explanation: str


def _check_quantity(quantity) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise ValueError("件数或页数应为正整数。")
    return quantity


def by_count(nth: int) -> Charge:
    """The fee for the applicant's `nth` application this calendar month: the rate of the tier it falls in."""
    nth = _check_quantity(nth)
    if nth <= 10:
        return Charge(0, f"本月第 {nth} 件申请，10 件以内不收费。")
    if nth <= 30:
        return Charge(100, f"本月第 {nth} 件申请，第 11—30 件每件收费 100 元。")
    block = (nth - 31) // 10  # 31–40 → 0, 41–50 → 1, …
    low, high, amount = 31 + 10 * block, 40 + 10 * block, 200 + 100 * block
    return Charge(amount, f"本月第 {nth} 件申请，第 {low}—{high} 件每件收费 {amount} 元。")


_PAGE_BANDS = ((30, 0), (100, 10), (200, 20), (None, 40))  # (upper page of the band, 元 per page)


def by_pages(pages: int) -> Charge:
    """The fee for one application of `pages` pages: each band's rate applies to the pages in that band."""
    pages = _check_quantity(pages)
    if pages <= 30:
        return Charge(0, f"共 {pages} 页，30 页以内不收费。")
    parts, total, lower = [], 0, 0
    for upper, rate in _PAGE_BANDS:
        top = pages if upper is None else min(pages, upper)
        if top > lower and rate:
            count = top - lower
            total += count * rate
            parts.append(f"第 {lower + 1}—{top} 页 {count} 页 × {rate} 元 = {count * rate} 元")
        if upper is None or pages <= upper:
            break
        lower = upper
    return Charge(total, f"共 {pages} 页，30 页以内不收费；" + "；".join(parts) + f"；合计 {total} 元。")


def calculate(basis: str, quantity: int) -> Charge:
    """The fee by count or by pages, never both (RULES.md §3.4). ValueError with a Chinese message on bad input."""
    _check_quantity(quantity)
    if basis == FEE_BY_COUNT:
        return by_count(quantity)
    if basis == FEE_BY_PAGES:
        return by_pages(quantity)
    raise ValueError("计收方式只能是按件或按量。")
