import datetime as dt

import pytest

from gongkai.disclosure.models import Category
from gongkai.organisation.models import Agency


@pytest.fixture
def agency(db):
    return Agency.objects.create(name="示范市市场监督管理局", site_name="示范市市场监督管理局",
                                 index_code="11999900MB0000001X", index_number_pattern="{agency_code}/{year}-{seq:05d}")


@pytest.fixture
def penalty_category(db):
    return Category.objects.get(code="art20-6")


@pytest.fixture
def draft_data(departments, penalty_category):
    def make(**overrides):
        return {
            "title": "示范市市场监督管理局行政处罚决定书（示市监罚〔2026〕15号）",
            "document_number": "示市监罚〔2026〕15号",
            "issuing_body": "示范市市场监督管理局",
            "department": departments["own"],
            "category": penalty_category,
            "formed_on": dt.date(2026, 11, 2),
            "summary": "对某公司销售不合格电动自行车头盔的行政处罚决定。",
            "body": (
                "<p>当事人：张伟明</p><p>身份证号：11010519491231002X</p>"
                "<p>经查，当事人销售不合格电动自行车头盔 120 顶，违法所得 3600 元。</p>"
                "<p>联系电话：13800138000</p>"
            ),
            **overrides,
        }

    return make
