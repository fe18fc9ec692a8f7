"""The exported .docx read back: layout per GB/T 9704-2012, content, embedded payload."""

from __future__ import annotations

import copy
import io
import re
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Emu, Pt

from desktop import docx_payload
from desktop import payload as payload_mod
from desktop.applicability import tasks_for
from desktop.report import build_report, check_docx, export_report
from tests.samples import reports


@pytest.fixture(scope="module")
def finance():
    return reports.load("shi-caizhengju-2016")


@pytest.fixture(scope="module")
def finance_docx(finance, catalogue, form) -> bytes:
    return build_report(finance, catalogue, form)


@pytest.fixture(scope="module")
def zhongshan_docx(catalogue, form) -> bytes:
    return build_report(reports.load("zhongshan-qu-2016"), catalogue, form)


def open_doc(data: bytes):
    return docx.Document(io.BytesIO(data))


def test_page_is_a4_with_gb_margins_and_the_table_on_a_landscape_page(finance_docx):
    body, table = open_doc(finance_docx).sections
    assert (round(body.page_width.mm, 1), round(body.page_height.mm, 1)) == (210.0, 297.0)
    assert round(body.top_margin.mm) == 37
    assert round(body.bottom_margin.mm) == 35
    assert round(body.left_margin.mm) == 28
    assert round(body.right_margin.mm) == 26
    # 横排表格: the same 156 × 225 mm text block turned on its side, footers inherited
    assert (round(table.page_width.mm), round(table.page_height.mm)) == (297, 210)
    assert table.orientation == 1  # WD_ORIENT.LANDSCAPE
    width = table.page_width - table.left_margin - table.right_margin
    height = table.page_height - table.top_margin - table.bottom_margin
    assert (round(Emu(width).mm), round(Emu(height).mm)) == (225, 156)
    # its own footers (the page number turned with the sheet), the draft header inherited
    assert not table.footer.is_linked_to_previous
    assert not table.even_page_footer.is_linked_to_previous
    assert table.header.is_linked_to_previous and table.even_page_header.is_linked_to_previous


EXPECTED_STYLES = {
    # name: (eastAsia font, size pt, bold)
    "Normal": ("仿宋_GB2312", 16, False),
    "Title": ("方正小标宋简体", 22, False),
    "Recipient": ("仿宋_GB2312", 16, False),
    "Heading 1": ("黑体", 16, False),
    "Heading 2": ("楷体_GB2312", 16, False),
    "Heading 3": ("仿宋_GB2312", 16, True),
    "Heading 4": ("仿宋_GB2312", 16, False),
    "Signature": ("仿宋_GB2312", 16, False),
    "Date": ("仿宋_GB2312", 16, False),
    "Contact Note": ("仿宋_GB2312", 16, False),
    "Attachment Label": ("黑体", 16, False),
    "Attachment Title": ("方正小标宋简体", 22, False),
    "Footer": ("宋体", 14, False),
}


@pytest.mark.parametrize("name", sorted(EXPECTED_STYLES))
def test_styles_name_the_chinese_font_and_size(finance_docx, name):
    font, size, bold = EXPECTED_STYLES[name]
    style = open_doc(finance_docx).styles[name]
    rfonts = style.element.rPr.rFonts
    assert rfonts.get(qn("w:eastAsia")) == font
    assert rfonts.get(qn("w:ascii")) and rfonts.get(qn("w:hAnsi"))
    assert not [k for k in rfonts.attrib if "Theme" in k]
    assert style.font.size == Pt(size)
    assert bool(style.font.bold) is bold


def test_no_theme_fonts_anywhere(finance_docx):
    with zipfile.ZipFile(io.BytesIO(finance_docx)) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                assert b"Theme=" not in z.read(name), name


def test_body_has_exact_line_spacing_for_22_lines_and_2_character_indent(finance_docx):
    normal = open_doc(finance_docx).styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert 28.0 <= normal.line_spacing.pt <= 29.0
    assert normal.line_spacing.pt * 22 <= 225 / 25.4 * 72  # 22 lines fit the 225 mm block
    assert normal.first_line_indent == Pt(32)
    assert normal.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    ind = open_doc(finance_docx).styles["Normal"].element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"


def _field_codes(paragraph) -> list[str]:
    return [
        el.get(qn("w:fldCharType")) or el.text.strip()
        for el in paragraph._p.iter(qn("w:fldChar"), qn("w:instrText"))
    ]


def test_footers_carry_page_fields_odd_right_even_left(finance_docx):
    doc = open_doc(finance_docx)
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, align, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right_indent"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left_indent"),
    ):
        assert not footer.is_linked_to_previous
        (p,) = footer.paragraphs
        assert _field_codes(p) == ["begin", "PAGE", "separate", "end"]
        assert p.text == "— 1 —"
        assert p.style.name == "Footer"
        assert p.alignment == align
        assert getattr(p.paragraph_format, side) == Pt(14)  # one 4号 character


WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


@pytest.mark.parametrize(("odd", "start_mm", "end_mm"), [(True, None, 179.1), (False, 32.9, None)])
def test_landscape_page_numbers_sit_where_the_portrait_ones_do(finance_docx, odd, start_mm, end_mm):
    """GB/T 9704 §10.1: on the 横排表格 pages the number stays at the sheet's foot — the
    landscape page's left edge, 25 mm in like the portrait footer — turned with the sheet
    (text running top to bottom), odd pages at the bottom end one character inside the
    sheet's right text edge (210 − 26 − 4.9 mm), even pages at the top end (28 + 4.9 mm)."""
    section = open_doc(finance_docx).sections[-1]
    footer = section.footer if odd else section.even_page_footer
    (anchor,) = footer._element.iter(f"{{{WP}}}anchor")
    h, v = anchor.find(f"{{{WP}}}positionH"), anchor.find(f"{{{WP}}}positionV")
    assert h.get("relativeFrom") == v.get("relativeFrom") == "page"
    extent = anchor.find(f"{{{WP}}}extent")

    def mm(el) -> float:
        return round(int(el) / 36000, 1)

    assert mm(h.findtext(f"{{{WP}}}posOffset")) == 25.0
    assert int(extent.get("cx")) == 18 * 12700  # one footer line (18 pt) across
    top = mm(v.findtext(f"{{{WP}}}posOffset"))
    (body,) = anchor.iter(f"{{{WPS}}}bodyPr")
    assert body.get("vert") == "vert"  # turned a quarter clockwise: reads upright on the sheet
    (p,) = anchor.iter(qn("w:txbxContent"))
    (number,) = p.findall(qn("w:p"))
    assert number.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) == "Footer"
    assert number.find(qn("w:pPr")).find(qn("w:jc")).get(qn("w:val")) == (
        "right" if odd else "left"
    )
    assert _field_codes(docx.text.paragraph.Paragraph(number, None)) == [
        "begin", "PAGE", "separate", "end",
    ]  # fmt: skip
    if odd:
        assert round(top + mm(extent.get("cy")), 1) == end_mm
    else:
        assert top == start_mm


def test_title_recipient_opening_and_closing(finance_docx):
    paras = [p for p in open_doc(finance_docx).paragraphs]
    texts = [p.text for p in paras]
    assert texts[0] == "市财政局关于\n2016年政务公开工作要点落实情况的报告"
    assert paras[0].style.name == "Title"
    assert texts[1] == ""  # one blank line under the title
    assert texts[2] == "市政府办公厅：" and paras[2].style.name == "Recipient"
    assert texts[3].startswith(
        "根据《大连市人民政府办公厅关于印发2016年政务公开工作要点的通知》（大政办发〔2016〕125号）"
    )
    closing = texts.index("特此报告。")
    assert texts[closing + 1 : closing + 8] == [
        "",
        "附件：2016年政务公开工作要点落实情况表",
        "",
        "",
        "市财政局",
        "2016年11月28日",
        "（联系人：张晓红，联系电话：0411-83631234）",
    ]
    assert [p.style.name for p in paras[closing + 6 : closing + 8]] == ["Date", "Contact Note"]
    label = paras[closing + 8]
    assert (label.text, label.style.name) == ("附件", "Attachment Label")
    # the 附注 ends the portrait section: 附件 starts the landscape page
    assert paras[closing + 7]._p.pPr.find(qn("w:sectPr")) is not None
    assert (texts[closing + 9], texts[closing + 10]) == ("", "2016年政务公开工作要点落实情况表")


def test_signature_is_centred_over_the_date(finance_docx, zhongshan_docx):
    for data, name, right_chars in (
        (finance_docx, "市财政局", "550"),
        (zhongshan_docx, "中山区人民政府", "400"),
    ):
        p = next(p for p in open_doc(data).paragraphs if p.text == name)
        assert p.style.name == "Signature"
        # date: 7 characters wide with 4 characters right; the name centred over it
        assert p._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == right_chars


def test_headings_are_the_parts_and_items_answered(finance_docx):
    doc = open_doc(finance_docx)
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == [
        "一、工作开展情况",
        "二、存在的问题",
        "三、下一步工作打算",
    ]
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 2"] == [
        "（一）推进权力运行全流程公开",
        "（二）推进政务服务全过程公开",
        "（三）扩大政务开放参与和回应",
        "（四）提升政务公开能力",
        "（五）落实保障措施",
    ]
    h3 = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"]
    assert h3[0] == "1.推进行政决策公开" and h3[-1] == "3.加强经费保障"


def test_table_rows_are_the_applicable_tasks(finance_docx, catalogue, directory_bundled):
    doc = open_doc(finance_docx)
    (table,) = doc.tables
    assert table.style.name == "Report Table"
    apps = tasks_for(catalogue, directory_bundled, directory_bundled.unit("市财政局"))
    rows = table.rows
    assert [c.text for c in rows[0].cells] == [
        "序号", "要点条目", "工作任务", "责任类型", "完成状态", "落实情况", "公开载体及网址", "备注",
    ]  # fmt: skip
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on every page
    assert len(rows) - 1 == len(apps)
    assert [r.cells[1].text for r in rows[1:]] == [catalogue.ref(a.task_id) for a in apps]
    roles = {"lead": "牵头", "responsible": "负责", "cooperate": "配合"}
    assert [r.cells[3].text for r in rows[1:]] == [roles[a.role] for a in apps]
    statuses = {r.cells[4].text for r in rows[1:]}
    assert statuses == {"已完成", "持续推进", "未完成", "不涉及"}
    na = [r for r in rows[1:] if r.cells[4].text == "不涉及"]
    assert [r.cells[5].text for r in na] == [
        "我局不承担市场监管执法职责，没有随机抽查事项清单",
        "我局不承担政府投资重大建设项目的审批、核准和实施职责，相关信息由市发展改革委、市建委等部门公开",
        "我局不是公共企事业单位的行业主管部门，不承担办事公开的分类指导职责",
        "我局不涉及户籍制度改革和居住证相关服务事项",
    ]
    # borders are written in the table style itself, not borrowed from "Table Grid"
    style_borders = table.style.element.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    assert {b.tag.split("}")[1] for b in style_borders} == {
        "top", "left", "bottom", "right", "insideH", "insideV",
    }  # fmt: skip
    assert all(b.get(qn("w:val")) == "single" for b in style_borders)


def test_document_properties_name_the_unit(finance_docx):
    props = open_doc(finance_docx).core_properties
    assert props.title == "市财政局关于2016年政务公开工作要点落实情况的报告"
    assert props.author == "市财政局"
    assert "python-docx" not in (props.author + props.comments + props.last_modified_by)


def test_check_docx_reports_nothing_on_our_output(finance_docx, zhongshan_docx):
    assert check_docx(finance_docx) == []
    assert check_docx(zhongshan_docx) == []


def test_round_trip_payload_is_embedded_exactly(finance, catalogue, form, tmp_path):
    out = export_report(finance, catalogue, form, tmp_path / "报告.docx")
    embedded = docx_payload.read(out)  # compact, ASCII-escaped JSON inside the XML part
    # …which gives back, character for character, the canonical text `answers export` writes
    # (evidence files by name only: the clerk's folders never leave the PC)
    sent = payload_mod.without_local_paths(finance)
    assert payload_mod.dumps(payload_mod.parse(embedded)) == payload_mod.dumps(sent)
    assert payload_mod.load(embedded, catalogue, form) == sent
    files = [
        e["path"] for a in sent["answers"].values() for e in a.get("evidence", []) if e.get("path")
    ]
    assert files == ["预决算公开检查情况通报.pdf", "关于调整市财政局政务公开工作领导小组的通知.doc"]


def test_export_adds_docx_suffix(finance, catalogue, form, tmp_path):
    out = export_report(finance, catalogue, form, tmp_path / "财政局报告")
    assert out.name == "财政局报告.docx" and out.is_file()
    out = export_report(finance, catalogue, form, tmp_path / "报告v1.2")  # .2 is no file type
    assert out.name == "报告v1.2.docx" and out.is_file()
    out = export_report(finance, catalogue, form, tmp_path / "报告.DOCX")
    assert out.name == "报告.DOCX"


def test_xml_illegal_characters_are_cleaned(finance, catalogue, form):
    data = copy.deepcopy(finance)
    data["answers"]["1.1.1"]["measures"] = "制定目录\x0b征求意见\x07\x01，完成\ufffe公开"
    data["answers"]["1.1.1"]["evidence"] = [{"title": "专栏\x0c二", "url": "http://a.cn/\x1f"}]
    data["profile"]["contact_name"] = "张\x08三"
    doc = open_doc(build_report(data, catalogue, form))
    texts = [p.text for p in doc.paragraphs]
    assert "制定目录。" in texts and "征求意见，完成公开。" in texts
    assert "（联系人：张三，联系电话：0411-83631234）" in texts
    # the embedded payload keeps exactly what the clerk typed (the store does too)
    embedded = payload_mod.parse(docx_payload.read(build_report(data, catalogue, form)))
    assert embedded["answers"]["1.1.1"]["measures"] == data["answers"]["1.1.1"]["measures"]


def test_a_100000_character_answer_still_exports(finance, catalogue, form, tmp_path):
    data = copy.deepcopy(finance)
    long_text = ("我局坚持以公开为常态、不公开为例外，" * 6000)[:100_000]
    data["answers"]["1.6.1"]["measures"] = long_text
    assert payload_mod.validate(data, catalogue, form) == []
    out = export_report(data, catalogue, form, tmp_path / "长报告.docx")
    doc = docx.Document(str(out))
    (para,) = [p.text for p in doc.paragraphs if p.text.startswith(long_text[:50])]
    assert para == long_text + "。"
    assert check_docx(out) == []
    sent = payload_mod.without_local_paths(data)
    assert payload_mod.dumps(payload_mod.parse(docx_payload.read(out))) == payload_mod.dumps(sent)


def test_body_text_uses_style_fonts_not_run_overrides(finance_docx):
    """Runs carry no fonts of their own, so a unit's template restyles the whole report."""
    doc = open_doc(finance_docx)
    for p in doc.paragraphs:
        for r in p.runs:
            assert r._r.rPr is None or r._r.rPr.rFonts is None, p.text
    assert not re.search(r"None|True|False", "\n".join(p.text for p in doc.paragraphs))


def test_the_header_row_and_the_last_but_one_row_keep_with_the_next(finance_docx):
    """No page holds only the header, and the last page never one row alone: the header row
    and the last but one row are kept with the row after them (keepNext on their
    paragraphs); no other row is, or the table would move as a block."""
    table = open_doc(finance_docx).tables[-1]
    kept = [
        n
        for n, row in enumerate(table.rows)
        if all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
    ]
    assert kept == [0, len(table.rows) - 2]
    for row in table.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
