"""The processing-fee calculator (信息处理费, 国办函〔2020〕109号; RULES.md §3.4): every band edge, exact amounts.

By count, the n-th application of the month pays the rate of its tier. By pages, each rate applies to the
pages within its band ("……的部分"): 31 pages = 1 × 10 元; 101 pages = 70 × 10 + 1 × 20 元;
201 pages = 70 × 10 + 100 × 20 + 1 × 40 元.
"""

import pytest

from gongkai.applications import fees
from gongkai.applications.choices import FEE_BY_COUNT, FEE_BY_PAGES


@pytest.fixture(autouse=True)
def _calendar_around_today():
    """Overrides the package conftest's database fixture: these tests are pure and need no database."""


@pytest.mark.parametrize(
    ("nth", "amount"),
    [
        pytest.param(1, 0, id="1st-free"),
        pytest.param(10, 0, id="10th-free"),
        pytest.param(11, 100, id="11th-100"),
        pytest.param(30, 100, id="30th-100"),
        pytest.param(31, 200, id="31st-200"),
        pytest.param(40, 200, id="40th-200"),
        pytest.param(41, 300, id="41st-300"),
        pytest.param(50, 300, id="50th-300"),
        pytest.param(51, 400, id="51st-400"),
        pytest.param(60, 400, id="60th-400"),
        pytest.param(61, 500, id="61st-500"),
    ],
)
def test_by_count_band_edges(nth, amount):
    assert fees.calculate(FEE_BY_COUNT, nth).amount == amount
    assert fees.by_count(nth).amount == amount


@pytest.mark.parametrize(
    ("pages", "amount"),
    [
        pytest.param(1, 0, id="1-page-free"),
        pytest.param(30, 0, id="30-pages-free"),
        pytest.param(31, 10, id="31-pages"),  # 1 × 10
        pytest.param(100, 700, id="100-pages"),  # 70 × 10
        pytest.param(101, 720, id="101-pages"),  # 700 + 1 × 20
        pytest.param(200, 2700, id="200-pages"),  # 700 + 100 × 20
        pytest.param(201, 2740, id="201-pages"),  # 2700 + 1 × 40
        pytest.param(250, 4700, id="250-pages"),  # 2700 + 50 × 40
    ],
)
def test_by_pages_band_edges(pages, amount):
    assert fees.calculate(FEE_BY_PAGES, pages).amount == amount
    assert fees.by_pages(pages).amount == amount


@pytest.mark.parametrize(
    ("basis", "quantity", "explanation"),
    [
        (FEE_BY_COUNT, 10, "本月第 10 件申请，10 件以内不收费。"),
        (FEE_BY_COUNT, 11, "本月第 11 件申请，第 11—30 件每件收费 100 元。"),
        (FEE_BY_COUNT, 41, "本月第 41 件申请，第 41—50 件每件收费 300 元。"),
        (FEE_BY_PAGES, 30, "共 30 页，30 页以内不收费。"),
        (FEE_BY_PAGES, 31, "共 31 页，30 页以内不收费；第 31—31 页 1 页 × 10 元 = 10 元；合计 10 元。"),
        (FEE_BY_PAGES, 201, "共 201 页，30 页以内不收费；第 31—100 页 70 页 × 10 元 = 700 元；"
                            "第 101—200 页 100 页 × 20 元 = 2000 元；"
                            "第 201—201 页 1 页 × 40 元 = 40 元；合计 2740 元。"),
    ],
)
def test_the_explanation_shows_the_working(basis, quantity, explanation):
    assert fees.calculate(basis, quantity).explanation == explanation


@pytest.mark.parametrize(
    "quantity", [0, -1, -30, True, False, 1.5, "31", None],
    ids=["0", "-1", "-30", "True", "False", "1.5", "str", "None"],
)
@pytest.mark.parametrize("basis", [FEE_BY_COUNT, FEE_BY_PAGES])
def test_a_quantity_that_is_not_a_positive_whole_number_is_refused(basis, quantity):
    with pytest.raises(ValueError, match="件数或页数应为正整数。"):
        fees.calculate(basis, quantity)


@pytest.mark.parametrize("calculator", [fees.by_count, fees.by_pages])
def test_the_single_calculators_refuse_bad_quantities_too(calculator):
    for quantity in (0, -5, True):
        with pytest.raises(ValueError, match="件数或页数应为正整数。"):
            calculator(quantity)


@pytest.mark.parametrize("basis", ["weight", "", None, "COUNT", "按件"])
def test_an_unknown_basis_is_refused(basis):
    with pytest.raises(ValueError, match="计收方式只能是按件或按量。"):
        fees.calculate(basis, 40)
