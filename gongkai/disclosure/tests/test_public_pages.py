"""What the public sees of records: catalogue, record page, guide and search; never an unmasked original."""

import pytest
from wagtail.models import Site

from gongkai.disclosure import services
from gongkai.disclosure.site_tree import ensure_disclosure_section
from gongkai.portal.services import ensure_site_tree

ALL_CHECKED = dict.fromkeys(services.CHECKLIST, True)


@pytest.mark.django_db
def test_catalogue_lists_published_records_only(client, section, publish, staff, draft_data):
    published = publish()
    draft = services.do_create_record(staff["editor"], draft_data(title="尚未发布的草稿"))
    body = client.get(section.url).content.decode()
    assert published.title in body and published.index_number in body
    assert draft.title not in body
    assert 'name="ColumnName" content="政府信息公开"' in body


@pytest.mark.django_db
def test_catalogue_filters_and_bad_filters(client, section, publish, penalty_category):
    record = publish()
    assert record.title in client.get(section.url, {"category": "art20-6"}).content.decode()
    assert record.title not in client.get(section.url, {"category": "art20-7"}).content.decode()
    assert record.title not in client.get(section.url, {"year": 2001}).content.decode()
    response = client.get(section.url, {"year": "明年", "category": "nonexistent", "page": "x"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "部分筛选条件填写有误" in body and record.title in body


@pytest.mark.django_db
def test_record_page_shows_catalogue_fields_and_masked_body(client, section, publish):
    record = publish()
    response = client.get(f"{section.url}record/{record.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    for text in (record.index_number, "示市监罚〔2026〕15号", "2026-11-02", "有效", "内容概述"):
        assert text in body
    assert "110105********002X" in body and "138****8000" in body
    for secret in ("11010519491231002X", "13800138000", "张伟明"):
        assert secret not in body
    assert f'name="ArticleTitle" content="{record.title}"' in body
    assert 'name="PubDate"' in body and "打印本页" in body


@pytest.mark.django_db
def test_unpublished_and_withdrawn_records_are_not_found(client, section, publish, staff, draft_data):
    draft = services.do_create_record(staff["editor"], draft_data())
    assert client.get(f"{section.url}record/{draft.pk}/").status_code == 404
    record = publish()
    services.do_withdraw(staff["reviewer"], record, "该决定已被行政复议撤销。")
    response = client.get(f"{section.url}record/{record.pk}/")
    body = response.content.decode()
    assert response.status_code == 410
    assert "已撤回" in body and "该决定已被行政复议撤销。" in body and record.index_number in body
    assert "110105********002X" not in body and "当事人" not in body  # the content itself is gone


@pytest.mark.django_db
def test_guide_uses_the_agency_contacts(client, section, agency):
    agency.ogi_office_name, agency.ogi_phone, agency.ogi_fax = "办公室（政务公开办公室）", "0999-81230000", "0999-1"
    agency.save()
    body = client.get(f"{section.url}guide/").content.decode()
    assert "政府信息公开指南" in body
    for text in ("办公室（政务公开办公室）", "0999-81230000", "行政法规、规章和规范性文件", "20 个工作日"):
        assert text in body


@pytest.mark.django_db
def test_search_finds_public_text_only(client, section, publish):
    record = publish()
    found = client.get(f"{section.url}search/", {"q": "头盔"}).content.decode()
    assert record.title in found or "行政处罚决定书" in found
    assert "<mark>" in found
    assert "找到 1 条" in found
    masked_name = client.get(f"{section.url}search/", {"q": "张伟明"}).content.decode()
    assert "找到 0 条" in masked_name or "没有找到相关" in masked_name
    too_long = client.get(f"{section.url}search/", {"q": "长" * 101}).content.decode()
    assert "100 个字以内" in too_long


@pytest.mark.django_db
def test_disclosure_section_is_created_once(agency):
    home = ensure_site_tree(agency, sample=False)
    first = ensure_disclosure_section(home)
    assert ensure_disclosure_section(home).pk == first.pk
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk


@pytest.mark.django_db
def test_a_lapsed_document_stays_in_the_catalogue_with_its_validity(client, section, publish, staff):
    record = publish()
    draft = services.do_start_revision(staff["editor"], record)
    services.do_update_record(staff["editor"], draft, {"validity": "abolished"})
    services.do_submit(staff["editor"], draft)
    for finding in draft.findings.all():
        services.do_mask_finding(staff["reviewer"], finding)
    services.do_approve(staff["reviewer"], draft, checklist=dict.fromkeys(services.CHECKLIST, True))
    catalogue = client.get(section.url).content.decode()
    assert record.title in catalogue and "废止" in catalogue
    assert "废止" in client.get(f"{section.url}record/{record.pk}/").content.decode()
