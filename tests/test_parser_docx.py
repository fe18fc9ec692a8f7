"""``.docx`` 要点: tables (clause in the next cell, merged cells, column roles) and headings
numbered by Word. Line numbers in a ``.docx`` count paragraphs and table rows in reading order.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from desktop.parser.source import CELL_SEP, SourceError, read_source
from desktop.parser.structure import parse_file
from tests.samples.docx_builders import (
    NOTICE_D1,
    NOTICE_D2,
    auto_numbered,
    table_layout,
)

L, R, C = "lead", "responsible", "cooperate"


def _tasks(cat) -> dict[str, list[tuple[str, str]]]:
    return {t.id: [(a.unit, a.role) for a in t.assignments] for t in cat.tasks()}


def test_table_layout_with_clause_in_the_next_cell(tmp_path):
    result = parse_file(table_layout(tmp_path / "滨城2017实施方案.docx"))
    cat = result.catalogue
    assert (cat.notice_title, cat.title, cat.issuer, cat.doc_number, cat.date) == (
        "滨城市人民政府办公室关于印发滨城市2017年政务公开工作要点实施方案的通知",
        "滨城市2017年政务公开工作要点实施方案",
        "滨城市人民政府办公室",
        "滨政办字〔2017〕40号",
        "2017-05-12",
    )
    assert (cat.report_to, cat.deadline) == ("市政府办公室", "2017-11-30")
    assert [(s.title, [i.title for i in s.items]) for s in cat.sections] == [
        ("以政务公开助力稳增长", ["加强预期引导", "推进减税降费信息公开"]),
        ("以政务公开助力惠民生", ["推进社会救助信息公开"]),
    ]
    assert _tasks(cat) == {
        "1.1.1": [("市发改委", L)],
        "1.1.2": [("市金融办", L), ("人民银行滨城市中心支行", L), ("滨城银监分局", L)],
        "1.2.1": [("市财政局", L), ("市物价局", L)],
        "2.1.1": [("市民政局", R)],
        "2.1.2": [("市民政局", R)],
    }
    assert (
        cat.task("1.1.2").text == "加强金融政策信息公开，通过政策通报会、银企对接会等方式加大宣传。"
    )
    # The last row's 责任单位 cell is merged with the row above: no clause of its own, said so.
    row_line = len(NOTICE_D1) + 1 + 5  # notice paragraphs, header row, fifth data row
    assert [(w.line, w.message) for w in result.warnings] == [
        (
            row_line,
            "任务二（一）之二没有单独的责任分工，按同一条目中其前的分工（市民政局负责落实）处理。",
        )
    ]


def test_word_numbered_headings_content_control_and_column_table(tmp_path):
    path = auto_numbered(tmp_path / "临江2019要点.docx")
    lines = read_source(path).lines
    n = len(NOTICE_D2)
    # Word's automatic numbers are written out: direct numPr and a numbered style alike.
    assert lines[n : n + 2] == ["一、加强政策解读", "（一）做好重要政策解读"]
    assert "二、深化重点领域公开" in lines
    assert "三、加强平台建设" in lines
    assert any(ln.startswith("建立政务舆情监测") for ln in lines), "text inside w:sdt"
    assert "（一）平台集约化" + CELL_SEP * 4 in lines, "a spanning cell keeps the columns"

    result = parse_file(path)
    cat = result.catalogue
    assert (cat.title, cat.issuer, cat.doc_number, cat.date, cat.report_to, cat.deadline) == (
        "临江市2019年政务公开工作要点",
        "临江市人民政府办公室",
        "临政办发〔2019〕7号",
        "2019-04-15",
        "市政府办公室",
        "2019-11-30",
    )
    assert [(s.title, [i.title for i in s.items]) for s in cat.sections] == [
        ("加强政策解读", ["做好重要政策解读", "回应社会关切"]),
        ("深化重点领域公开", ["推进财政信息公开"]),
        ("加强平台建设", ["平台集约化"]),
    ]
    assert _tasks(cat) == {
        "1.1.1": [("市政府办公室", L), ("市政府各部门", R)],
        "1.2.1": [("市委网信办", R), ("市政府办公室", R)],
        "2.1.1": [("市财政局", L)],
        "3.1.1": [("市政府办公室", L), ("市大数据局", C)],
        "3.1.2": [("市委网信办", L), ("各县（市、区）人民政府", C), ("市政府各部门", C)],
    }
    assert cat.task("3.1.1").text == "整合政府网站集约化平台。\n完成时限：2019年10月底前"
    assert result.warnings == []


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_docx_without_a_body_is_refused(tmp_path):
    path = _zip(tmp_path / "表格.docx", {"xl/workbook.xml": b"<workbook/>"})
    with pytest.raises(SourceError, match="不是 Word 文档"):
        read_source(path)


def test_docx_zip_bomb_is_refused(tmp_path):
    huge = b"<w:document>" + b" " * (8 * 1024 * 1024) + b"</w:document>"
    path = _zip(tmp_path / "bomb.docx", {"word/document.xml": huge})
    with pytest.raises(SourceError, match="压缩炸弹"):
        read_source(path)


def test_docx_with_broken_xml_is_refused(tmp_path):
    path = _zip(tmp_path / "坏.docx", {"word/document.xml": b"<w:document><w:body>"})
    with pytest.raises(SourceError, match="正文已损坏"):
        read_source(path)


def test_the_2016_source_reads_the_same_as_docx_and_as_gb18030(tmp_path):
    from docx import Document

    from tests.conftest import ROOT

    source = ROOT / "forms" / "sources" / "dalian-2016-yaodian.txt"
    text = source.read_text(encoding="utf-8")
    doc = Document()
    for line in text.splitlines():
        doc.add_paragraph(line)
    doc.save(tmp_path / "dalian.docx")
    (tmp_path / "dalian-gb18030.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    want = parse_file(source, "dalian-2016")
    for other in ("dalian.docx", "dalian-gb18030.txt"):
        got = parse_file(tmp_path / other, "dalian-2016")
        assert got.catalogue.to_json() == want.catalogue.to_json(), other
        assert [str(w) for w in got.warnings] == [str(w) for w in want.warnings], other
