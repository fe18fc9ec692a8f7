"""The 汇总报告 .docx, rendered by the team's report writer (desktop.report).

Golden checks compare extracted text and properties, never bytes.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from desktop.consolidate.docx_out import render
from desktop.consolidate.service import OfficeService
from desktop.consolidate.summary_doc import summary_model
from tests.samples import unit_reports as samples

SILENT = {"市委办公厅", "旅顺口区", "大连广播电视大学"}


@pytest.fixture
def consolidation(tmp_path, catalogue, form, directory_bundled):
    folder = tmp_path / "in"
    folder.mkdir()

    def status_for(unit: str, task_id: str) -> str | None:
        if (unit, task_id) == ("市财政局", "1.6.1"):
            return "未完成"
        return "已完成"

    for unit in directory_bundled.units:
        if unit.name in SILENT:
            continue
        data = samples.make_payload(
            catalogue,
            form,
            directory_bundled,
            unit,
            status_for=status_for,
            figure_for=lambda u, t, k: 10 if k == "requests_received" else 1,
        )
        samples.write_json(folder / f"{unit.name}.json", data)
    (folder / "坏.docx").write_bytes(b"PK\x03\x04")
    service = OfficeService(directory=directory_bundled)
    result = service.import_paths([folder])
    assert len(result.added) == 41 and len(result.rejected) == 1
    return service.consolidation()


def read_docx(data: bytes):
    from io import BytesIO

    from docx import Document

    return Document(BytesIO(data))


def test_summary_report_in_gbt9704_format(consolidation):
    doc = read_docx(render(consolidation, date(2016, 12, 5)))
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    body = "\n".join(texts)
    # One title paragraph, broken into lines (正梯形) by the writer, never inside the 要点's name.
    assert texts[0].split("\n") == ["市政府办公厅关于全市", "2016年政务公开工作要点落实情况的报告"]
    assert "市政府：" in texts
    assert "截至2016年12月5日，应报送单位44个，已报送41个，尚未报送3个。" in body
    assert "一、总体情况" in texts and "二、各项任务落实情况" in texts
    # Headings follow the 要点: its parts （一）…（五）, their items 1. 2. …
    assert "（一）推进权力运行全流程公开" in texts and "（五）落实保障措施" in texts
    # Each item one paragraph, run in after its number and name.
    para = next(t for t in texts if t.startswith("6.深入推进预决算公开（市财政局牵头）："))
    assert "未完成1个（市财政局）" in para and "牵头单位市财政局未完成" in para
    para = next(t for t in texts if t.startswith("2.加强考核监督："))
    assert "据41个单位填报，受理政府信息公开申请合计410件" in para
    assert "尚未报送落实情况报告的单位3个：市委办公厅、旅顺口区、大连广播电视大学。" in body
    assert "特此报告。" in texts and "2016年12月5日" in texts
    assert texts[texts.index("特此报告。") + 1] == "附件：各项任务落实情况汇总表"

    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert doc.core_properties.author == "市政府办公厅"

    (table,) = doc.tables
    header = [c.text for c in table.rows[0].cells]
    assert header[:4] == ["序号", "要点条目", "工作任务", "牵头单位"]
    # Tasks are cited by the 要点's numbering and short name, never by id.
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert len(rows) == 40
    finance = rows["一（六）"]
    assert finance[2] == "深入推进预决算公开"
    assert finance[3] == "市财政局" and finance[8] == "1"
    assert rows["二（九）之一"][3] == "市教育局、市属各高校"
    assert rows["一（五）之二"][2] == "加快大连市企业信用信息共享交换平台建设"


def test_the_team_format_checker_finds_no_deviation(consolidation):
    from desktop.report import check_docx

    assert check_docx(render(consolidation, date(2016, 12, 5)), "汇总报告.docx") == []


def test_title_is_never_cut_short():
    from desktop.report import prose

    title = "市政府办公厅关于全市2016年政务公开工作要点落实情况的报告"
    lines = prose.title_lines("市政府办公厅", "2016年政务公开工作要点", scope="全市")
    assert "".join(lines) == title and len(lines) == 2
    # Not filled to the last character: a line computed as exactly 20 wide printed its last
    # character (告) alone on a third line.
    assert all(prose.text_width(x) <= prose.TITLE_MAX_WIDTH - 1 for x in lines)
    assert prose.text_width(lines[0]) <= prose.text_width(lines[1])
    assert lines[1] == "2016年政务公开工作要点落实情况的报告"  # the 要点's name whole


def summary_text(consolidation) -> str:
    doc = read_docx(render(consolidation, date(2016, 12, 5)))
    return "\n".join(p.text for p in doc.paragraphs if p.text.strip())


def test_no_zero_is_counted_and_one_unit_is_named(consolidation):
    """The office writes 仅涉及市审计局，已完成 — not 涉及单位1个，已报告1个；其中已完成1个、
    持续推进0个、未完成0个；已完成的有市审计局."""
    text = summary_text(consolidation)
    assert not re.search(r"(?<![\d.])0(?:个|项次|件|次)", text)
    assert (
        "“进一步加大审计结果公告及整改情况的公开力度”（市审计局牵头）：仅涉及市审计局，已完成。"
        in text
    )
    assert "持续推进0" not in text and "未完成0" not in text
    # A task no unit took up says so, without counting zeros.
    assert "一（五）之一：尚无单位报告此项工作。" in text
    # All done: said once for all of them, not counted by status.
    assert (
        "二（四）之一（市财政局、市地税局、市国税局牵头）：涉及单位3个，均已报告；"
        "市财政局、市地税局、市国税局均已完成。"
    ) in text


def test_a_unit_that_declined_a_task_is_said_apart_from_those_it_concerns(form):
    from desktop.consolidate.summary_doc import tally_sentence
    from desktop.consolidate.totals import TaskTally

    words = form.statuses
    one = TaskTally("2.3.1", done=["市公安局"], not_applicable=["市财政局"])
    assert tally_sentence(one, words) == "仅涉及市公安局，已完成；另有市财政局说明不适用。"
    none = TaskTally("1.5.1", not_applicable=["市财政局"])
    assert tally_sentence(none, words) == "市财政局说明不适用。"
    mixed = TaskTally("1.8.1", done=["市国资委"], ongoing=["市财政局"], no_report=["市审计局"])
    assert tally_sentence(mixed, words) == (
        "涉及单位3个，已报告2个；市国资委已完成，市财政局持续推进；市审计局尚未报送报告。"
    )


def test_nested_quotes_and_short_part_headings(consolidation):
    text = summary_text(consolidation)
    # A task name holding quotes is quoted the Chinese way: outer “…”, inner ‘…’.
    assert "一（五）之三“积极做好各级政府网站与‘信用大连’网站的连接工作”" in text
    assert not re.search(r"“[^”]*“", text)
    headings = [t for t in text.split("\n") if re.match(r"（[一二三四五]）", t)]
    assert headings == [
        "（一）推进权力运行全流程公开",
        "（二）推进政务服务全过程公开",
        "（三）扩大政务开放参与和回应",
        "（四）提升政务公开能力",
        "（五）落实保障措施",
    ]


def test_how_many_units_gave_the_figures_is_said_once(consolidation):
    text = summary_text(consolidation)
    para = next(t for t in text.split("\n") if t.startswith("2.加强考核监督"))
    assert para.count("个单位填报") == 1
    assert "据41个单位填报，受理政府信息公开申请合计410件，" in para


def test_model_blocks_are_the_report_writers(consolidation):
    from desktop.report import model as M

    model = summary_model(consolidation, date(2016, 12, 5))
    kinds = [type(b).__name__ for b in model.blocks]
    assert kinds[:3] == ["Title", "Recipient", "Para"]
    assert kinds[-5:] == ["Date", "PageBreak", "AttachmentLabel", "AttachmentTitle", "Table"]
    headings = model.of_type(M.Heading)
    assert [h.full_text for h in headings if h.level == 1] == [
        "一、总体情况",
        "二、各项任务落实情况",
        "三、未报送及缺报情况",
    ]
    assert [h.number for h in headings if h.level == 2] == [
        "（一）",
        "（二）",
        "（三）",
        "（四）",
        "（五）",
    ]
    # The items run in (1.推进行政决策公开：…), one paragraph each, no heading over a line.
    assert not [h for h in headings if h.level == 3]
    items = [p.text for p in model.of_type(M.Para) if re.match(r"\d+\.", p.text)]
    assert len(items) == 28


def test_written_file_is_atomic_and_named_on_failure(consolidation, tmp_path):
    from desktop.consolidate.docx_out import write_docx
    from desktop.fileio import FileWriteError

    out = write_docx(consolidation, tmp_path / "汇总报告.docx")
    assert read_docx(out.read_bytes()).paragraphs
    with pytest.raises(FileWriteError, match="不存在"):
        write_docx(consolidation, tmp_path / "无此目录" / "汇总报告.docx")


def test_a_broken_office_template_is_a_chinese_message(consolidation, tmp_path, directory_bundled):
    from desktop.consolidate.docx_out import SummaryDocError
    from desktop.settings import Settings

    bad = tmp_path / "办公厅模板.docx"
    bad.write_bytes(b"not a word file")
    Settings().set("report_template", str(bad))
    # The office's settings, as the 汇总 window and the consolidate command hand them over.
    service = OfficeService(directory=directory_bundled, settings=Settings())
    out = tmp_path / "汇总报告.docx"
    with pytest.raises(SummaryDocError, match="办公厅模板.docx"):
        service.export_docx(out)
    assert not out.exists()


def test_table_cites_the_yaodian_apart_and_every_header_fits_one_line(consolidation):
    """要点条目 is its own column (glued to the name it read 一（五）之二加快大连市…), and no
    header wraps (要点条 / 目)."""
    from desktop.report import rules as R
    from desktop.report.prose import text_width

    (table,) = read_docx(render(consolidation, date(2016, 12, 5))).tables
    margin = R.TABLE_CELL_MARGIN_TW * 2
    char = R.STYLE_BY_NAME["Table Heading"].size * 20
    for column, cell in zip(table.columns, table.rows[0].cells, strict=True):
        assert column.width.twips >= text_width(cell.text) * char + margin, cell.text
    second = [c.text for c in table.rows[7].cells][1:3]
    assert second == ["一（五）之二", "加快大连市企业信用信息共享交换平台建设"]


def test_before_any_report_arrives_the_summary_still_reads(directory_bundled):
    """Exported before any import: no 已报送0个, no empty clause (均未报告；；另有38个…)."""
    service = OfficeService(directory=directory_bundled)
    text = summary_text(service.consolidation())
    assert "尚无单位报送" in text and "已报送0个" not in text
    assert "；；" not in text and "；。" not in text
    assert "1.推进行政决策公开：涉及单位38个，均尚未报送报告。" in text
    assert "（市审计局牵头）：仅涉及市审计局，尚未报送报告。" in text


def test_a_zero_total_is_said_in_words(form):
    """No 引发行政诉讼合计0件: the form's own words for a zero, said of every unit."""
    from desktop.consolidate.summary_doc import tally_sentence
    from desktop.consolidate.totals import FigureTotal, TaskTally

    specs = {s.key: s for s in form.all_figures("5.2.1")}
    totals = [
        FigureTotal("5.2.1", specs["requests_received"], 12, [("市国税局", 7), ("市编委办", 5)]),
        FigureTotal("5.2.1", specs["lawsuits"], 0, [("市国税局", 0), ("市编委办", 0)]),
    ]
    tally = TaskTally("5.2.1", done=["市国税局", "市编委办"], totals=totals)
    assert tally_sentence(tally, form.statuses).endswith(
        "据2个单位填报，受理政府信息公开申请合计12件，各单位均未引发行政诉讼。"
    )


def test_a_figure_within_a_zero_is_not_said(form):
    from desktop.consolidate.summary_doc import tally_sentence
    from desktop.consolidate.totals import FigureTotal, TaskTally

    specs = {s.key: s for s in form.all_figures("3.2.3")}
    totals = [
        FigureTotal("3.2.3", specs["major_incidents"], 0, [("市财政局", 0)]),
        FigureTotal("3.2.3", specs["pressers_within_24h"], 0, [("市财政局", 0)]),
    ]
    tally = TaskTally("3.2.3", done=["市财政局"], totals=totals)
    assert tally_sentence(tally, form.statuses) == (
        "仅涉及市财政局，已完成。据市财政局填报，全年未发生特别重大、重大突发事件。"
    )


def test_part_two_reads_as_a_summary_not_a_list_of_units(consolidation):
    """41 units reported: a task they all finished says 均已完成, not 41 names; those that lag
    are named; the silent units are named once in 三、, not under every task; no internal id."""
    text = summary_text(consolidation)
    two = text[text.index("二、各项任务落实情况") : text.index("三、未报送及缺报情况")]
    assert "已完成的有" not in two and "等41个单位" not in two
    assert "均已完成" in two
    assert "另有3个单位尚未报送报告" not in two
    assert "牵头单位旅顺口区尚未报送报告" in two  # a silent lead is still named
    assert not re.search(r"\d+\.\d+\.\d+", text)
    # About a page and a half of 仿宋 at 28 characters a line and 22 lines a page.
    assert len(two) < 2600, len(two)
