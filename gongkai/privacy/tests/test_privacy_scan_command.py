"""python manage.py privacy_scan PATH [--json] (DESIGN.md, stable command-line interfaces)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.privacy.extract import extract_text
from gongkai.privacy.tests.documents import make_docx, make_pdf

DECISION = (
    "示范市市场监督管理局行政处罚决定书\n"
    "当事人：欧阳娜娜，公民身份号码：11010519491231002X，\n"
    "住址：示范市建设区人民路8号3栋101室，联系电话：138 1234 5678。\n"
    "统一社会信用代码：91110000600037341L（公司，不属于个人信息）。\n"
    "投诉举报电话：12315。\n"
)


def run(*args):
    out = StringIO()
    call_command("privacy_scan", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def decision_file(tmp_path):
    path = tmp_path / "决定书.txt"
    path.write_text(DECISION, encoding="utf-8")
    return path


def test_json_output(decision_file):
    findings = json.loads(run(str(decision_file), "--json"))
    assert [f["type"] for f in findings] == ["person_name", "id_card", "address", "mobile"]
    for f in findings:
        assert set(f) == {"type", "start", "end", "text", "masked"}
        assert DECISION[f["start"] : f["end"]] == f["text"]  # offsets into the extracted text
    assert findings[0]["masked"] == "欧阳某某"
    assert findings[1]["masked"] == "110105********002X"
    assert findings[2]["masked"] == "示范市建设区***"
    assert findings[3]["masked"] == "138****5678"


def test_json_output_is_not_ascii_escaped(decision_file):
    assert "欧阳娜娜" in run(str(decision_file), "--json")


def test_json_output_of_a_clean_file_is_an_empty_array(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("本机关依法公开2024年度部门预算。", encoding="utf-8")
    assert json.loads(run(str(path), "--json")) == []


def test_table_output_in_chinese(decision_file):
    lines = run(str(decision_file)).splitlines()
    assert lines[0].split() == ["序号", "类型", "原文", "遮盖后", "上下文"]
    assert lines[1].split()[:4] == ["1", "姓名", "欧阳娜娜", "欧阳某某"]
    assert "当事人：【欧阳娜娜】，公民身份号码" in lines[1]
    assert lines[2].split()[1:4] == ["身份证号码", "11010519491231002X", "110105********002X"]
    assert lines[3].split()[1] == "住址"
    assert "手机号码" in lines[4] and "138****5678" in lines[4]
    assert lines[-1] == "共发现 4 处个人信息。请逐项遮盖，或在确认可以公开时说明理由。"


def test_table_output_of_a_clean_file(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("本机关依法公开2024年度部门预算。", encoding="utf-8")
    assert run(str(path)).strip() == "未发现个人信息。"


def test_word_file(tmp_path):
    path = tmp_path / "reply.docx"
    path.write_bytes(make_docx(["申请人：王小明。"], table_rows=[("手机", "13812345678")]))
    findings = json.loads(run(str(path), "--json"))
    assert [(f["type"], f["text"]) for f in findings] == [("person_name", "王小明"), ("mobile", "13812345678")]
    text = extract_text(path)
    assert all(text[f["start"] : f["end"]] == f["text"] for f in findings)


def test_pdf_file(tmp_path):
    path = tmp_path / "reply.pdf"
    path.write_bytes(make_pdf(["Tel 010-62345678"], "联系人：李四"))
    findings = json.loads(run(str(path), "--json"))
    assert [(f["type"], f["masked"]) for f in findings] == [("phone", "010-******78"), ("person_name", "李某")]


def test_a_pdf_without_a_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([]))
    assert "没有可以检查的文字" in run(str(path))


def test_a_missing_file_fails_with_a_chinese_message(tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        run(str(tmp_path / "missing.txt"))


def test_an_unreadable_file_fails_with_a_chinese_message(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("申请人：王小明".encode("gbk"))
    with pytest.raises(CommandError, match="不是 UTF-8 编码"):
        run(str(path))
    other = tmp_path / "data.xlsx"
    other.write_bytes(b"PK")
    with pytest.raises(CommandError, match="无法识别文件"):
        run(str(other))


def test_the_command_exits_non_zero_from_the_shell(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    manage = Path(__file__).resolve().parents[3] / "manage.py"
    result = subprocess.run(
        [sys.executable, str(manage), "privacy_scan", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "找不到文件" in result.stderr
