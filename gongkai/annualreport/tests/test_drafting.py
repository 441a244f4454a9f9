"""The drafts of sections 一 and 六 (pure)."""

from decimal import Decimal

import pytest

from gongkai.annualreport import drafting

FIGURES = {"year": 2025, "records": [(1, "行政法规、规章和规范性文件", 4), (13, "监督检查情况", 11)],
           "received": 118, "carried_in": 3, "concluded": 110, "carried_over": 11, "average_days": 14.6,
           "late": 2, "open_late": 1, "fee_total": Decimal("0"), "fee_count": 0}


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (15, "十五"), (20, "二十"),
                                         (23, "二十三")])
def test_chinese_numbers(n, text):
    assert drafting.chinese_number(n) == text


def test_section1_states_the_year_figures():
    text = drafting.section1("示范市市场监督管理局", FIGURES)
    assert text.startswith("2025年，示范市市场监督管理局")
    assert "主动公开政府信息15条，其中第二十条第（一）项“行政法规、规章和规范性文件”4条，" in text
    assert "第二十条第（十三）项“监督检查情况”11条" in text
    assert "新收政府信息公开申请118件，上年结转3件，办结110件，结转下年度继续办理11件" in text
    assert "平均用时14.6个工作日" in text
    assert "超过法定期限答复2件，年底仍在办理且已超过答复期限1件" in text


def test_section1_without_records_or_late_cases():
    text = drafting.section1("本机关", {**FIGURES, "records": [], "late": 0, "open_late": 0, "average_days": None})
    assert "全年未通过政府信息公开平台主动公开政府信息" in text
    assert "所有申请均在法定期限内答复" in text
    assert "平均用时" not in text


def test_section6_states_the_fees():
    assert "未收取政府信息公开信息处理费" in drafting.section6(FIGURES)
    text = drafting.section6({**FIGURES, "fee_total": Decimal("1300"), "fee_count": 3})
    assert "对3件政府信息公开申请收取信息处理费，共计1,300.00元" in text
