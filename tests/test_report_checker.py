"""check-docx: silent on our reports, specific about every deviation in other files."""

from __future__ import annotations

import io
import json

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from desktop.report import CheckError, build_report, check_docx
from tests.samples import reports


@pytest.fixture(scope="module")
def report_bytes(catalogue, form) -> bytes:
    return build_report(reports.load("shi-caizhengju-2016"), catalogue, form)


def _problems(found) -> list[str]:
    return [str(d) for d in found]


def test_our_report_conforms(report_bytes):
    assert check_docx(report_bytes) == []


def test_a_plain_python_docx_file_reports_each_problem(tmp_path):
    path = tmp_path / "随手写的.docx"
    d = docx.Document()
    d.add_paragraph("某局关于某事的请示")
    d.add_paragraph("市政府办公厅:")
    d.add_paragraph("根据《通知》（大政办发[2016]125号）要求,现报告如下。")
    d.add_paragraph("一、基本情况")
    d.add_paragraph("二〇一六年十一月二十八日")
    d.save(str(path))
    found = _problems(check_docx(path))
    expected = [
        "页面设置：纸张为216×279 mm，应为 A4（210×297 mm）",
        "页码：未设置奇偶页不同，双页码应居左、单页码居右",
        "页码：没有页脚，缺少页码",
        "标题第1段“某局关于某事的请示”：中文字体为主题字体（minorEastAsia），应为方正小标宋简体",
        "标题第1段“某局关于某事的请示”：字号为11磅，应为2号（22磅）",
        "标题第1段“某局关于某事的请示”：应居中",
        "正文第3段“根据《通知》（大政办发[…”：首行应缩进2字",
        "一级标题第4段“一、基本情况”：中文字体为主题字体（minorEastAsia），应为黑体",
        "成文日期第5段“二〇一六年十一月二十八日”：应右对齐并右空4字",
        "标题：“某局关于某事的请示”应为“××关于××的报告”的形式",
        "主送机关：“市政府办公厅:”应使用全角冒号“：”",
        "成文日期：“二〇一六年十一月二十八日”应使用阿拉伯数字、年月日不编虚位（如“2016年11月8日”）",
        "第3段“根据《通知》（大政办发[…”：发文字号的年份应使用六角括号“〔〕”，如“大政办发〔2016〕125号”",
    ]
    for line in expected:
        assert line in found
    assert any(p.startswith("主送机关第2段") and "行距为1.15倍行距" in p for p in found)


def _edit(report_bytes: bytes, tmp_path, change) -> list[str]:
    doc = docx.Document(io.BytesIO(report_bytes))
    change(doc)
    path = tmp_path / "改过的报告.docx"
    doc.save(str(path))
    return _problems(check_docx(path))


def _para(doc, text):
    return next(p for p in doc.paragraphs if p.text.startswith(text))


def _retext(paragraph, text):
    """Retype a paragraph (its punctuation may sit in runs of its own)."""
    first, *rest = paragraph.runs
    first.text = text
    for run in rest:
        run._r.getparent().remove(run._r)


def _east_asia(run, font):
    """What Word writes when a clerk picks a Chinese font for selected text."""
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def test_hand_edits_are_each_reported(report_bytes, tmp_path):
    def change(doc):
        doc.sections[0].top_margin = Mm(30)
        _east_asia(_para(doc, "今年以来").runs[0], "宋体")
        _para(doc, "二、存在的问题").runs[0].font.size = Pt(18)
        date = _para(doc, "2016年11月28日")
        date.runs[0].text = "2016年11月08日"
        _retext(_para(doc, "市政府办公厅"), "市政府办公厅:")
        even = doc.sections[0].even_page_footer.paragraphs[0]
        for r in list(even._p.iter(qn("w:r"))):
            even._p.remove(r)
        even.add_run("第 页")
        _para(doc, "特此报告").paragraph_format.line_spacing = 1.5

    found = _edit(report_bytes, tmp_path, change)
    assert found == [
        "页面设置：上边距为30.0 mm，应为37 mm",
        "页码（偶数页）：页脚中没有页码域（PAGE）",
        "正文第6段“今年以来，我局认真贯彻落…”：中文字体为宋体，应为仿宋_GB2312",
        "一级标题第75段“二、存在的问题”：字号为18磅，应为3号（16磅）",
        "正文第87段“特此报告。”：行距为1.5倍行距，应为固定值约28.95磅（每页22行）",
        "主送机关：“市政府办公厅:”应使用全角冒号“：”",
        "成文日期：“2016年11月08日”应使用阿拉伯数字、年月日不编虚位（如“2016年11月8日”）",
    ], found


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ('按照"谁公开谁审查"原则，', '中文中使用了英文引号（"…"），应使用中文引号“…”'),
        ("对照要点要求...仍有差距，", "省略号应为“……”（不要用“...”或“。。。”）"),
        ("公开率达到100%.各区市县,", "中文中使用了半角标点，应使用全角标点（，。：；（））"),
    ],
)
def test_ascii_punctuation_typed_into_a_report_is_found(report_bytes, tmp_path, typed, problem):
    def change(doc):
        p = _para(doc, "今年以来")
        p.runs[0].text = typed + p.runs[0].text

    found = _edit(report_bytes, tmp_path, change)
    assert found == [f"第6段“{typed[:12]}…”：{problem}"], found


def test_ascii_punctuation_in_the_table_is_found(report_bytes, tmp_path):
    def change(doc):
        cell = doc.tables[0].rows[3].cells[5]
        cell.paragraphs[0].runs[0].text = '按照"同步起草"要求...'

    found = _edit(report_bytes, tmp_path, change)
    assert found == [
        '第1个表格第4行“按照"同步起草"要求..…”：中文中使用了英文引号（"…"），应使用中文引号“…”'
    ]


def test_addresses_and_english_in_a_table_are_not_punctuation_errors(report_bytes):
    # the table's URLs (www.dl.gov.cn/…), 12366 and “PPP” pass as they are
    assert check_docx(report_bytes) == []


def test_a_theme_font_in_a_style_is_reported(report_bytes, tmp_path):
    def change(doc):
        fonts = doc.styles["Normal"].element.rPr.rFonts
        fonts.set(qn("w:eastAsiaTheme"), "minorEastAsia")

    found = _edit(report_bytes, tmp_path, change)
    assert any("正文" in p and "主题字体（minorEastAsia）" in p for p in found), found


def test_footer_on_the_wrong_side_and_without_dashes(report_bytes, tmp_path):
    def change(doc):
        odd = doc.sections[0].footer.paragraphs[0]
        odd.alignment = 1  # centre
        for t in odd._p.iter(qn("w:t")):
            t.text = t.text.replace("—", "")

    found = _edit(report_bytes, tmp_path, change)
    assert "页码（奇数页）：单页码应居右（右空一字）" in found
    assert "页码（奇数页）：页码两侧应各有一条一字线，如“— 1 —”" in found


def test_no_date_and_no_recipient_are_reported(tmp_path):
    d = docx.Document()
    d.add_paragraph("关于某事的报告")
    d.add_paragraph("正文内容。")
    found = _problems(check_docx(_save(d, tmp_path)))
    assert "成文日期：没有找到成文日期（如“2016年11月28日”）" in found
    assert "主送机关：没有找到主送机关（如“市政府办公厅：”），应在标题下空一行顶格编排" in found


def _save(d, tmp_path):
    path = tmp_path / "x.docx"
    d.save(str(path))
    return path


def test_files_that_are_not_docx_are_refused_with_a_reason(tmp_path):
    doc_file = tmp_path / "旧格式.doc"
    doc_file.write_bytes(b"\xd0\xcf\x11\xe0 old word")
    with pytest.raises(CheckError, match="不是 Word（.docx）文件"):
        check_docx(doc_file)
    with pytest.raises(CheckError, match="无法读取"):
        check_docx(tmp_path / "没有这个文件.docx")
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(CheckError):
        check_docx(broken)


def test_cli_check_docx(cli, report_bytes, tmp_path):
    good = tmp_path / "报告.docx"
    good.write_bytes(report_bytes)
    done = cli("check-docx", str(good))
    assert done.returncode == 0, done.stderr
    assert "未发现与 GB/T 9704-2012 不符之处" in done.stdout

    d = docx.Document()
    d.add_paragraph("关于某事的报告")
    bad = _save(d, tmp_path)
    done = cli("check-docx", str(bad))
    assert done.returncode == 1
    assert "· 页面设置：纸张为216×279 mm，应为 A4（210×297 mm）" in done.stdout
    assert "处与 GB/T 9704-2012 不符" in done.stdout.splitlines()[-1]

    done = cli("check-docx", "--json", str(bad))
    rows = json.loads(done.stdout)
    assert (
        done.returncode == 1
        and {"where": "页面设置", "problem": "纸张为216×279 mm，应为 A4（210×297 mm）"} in rows
    )

    done = cli("check-docx", str(tmp_path / "无.docx"))
    assert done.returncode == 2 and "无法读取" in done.stderr
