"""The bar: a folder of generated reports for many units (with broken files among them) →
the matrix, the missing list, the totals, and the 汇总表 / 汇总报告 contents."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from desktop.consolidate.matrix import COLOURS
from desktop.consolidate.service import OfficeService
from desktop.consolidate.summary_doc import summary_model
from desktop.consolidate.xlsx_out import DATE_FORMAT
from desktop.report import model as M
from tests.samples import unit_reports as samples

SILENT = ["市委办公厅", "旅顺口区", "金州区", "长海县", "保税区", "大连广播电视大学"]
UNFINISHED = {("市财政局", "1.6.1"), ("中山区", "3.1.1")}
OMITTED = {("市审计局", "1.2.2"), ("市环保局", "1.10.1"), ("西岗区", "1.1.1")}
FIGURES = {
    "requests_received": 10,
    "requests_answered": 9,
    "reconsiderations": 1,
    "lawsuits": 0,
    "press_conferences": 3,
    "budget_amount": 1.5,
    "head_interpretations": 2,
}


def status_for(unit: str, task_id: str) -> str | None:
    if (unit, task_id) in OMITTED:
        return None
    if (unit, task_id) in UNFINISHED:
        return "未完成"
    return "持续推进" if task_id.startswith("3.") else "已完成"


def figure_for(unit: str, task_id: str, key: str):
    return FIGURES.get(key)


@pytest.fixture(scope="module")
def city_folder(tmp_path_factory, catalogue, form, directory_bundled):
    """The folder the office received (generated once per module)."""
    folder = tmp_path_factory.mktemp("city") / "各单位报告"
    folder.mkdir()
    reporting = [u.name for u in directory_bundled.units if u.name not in SILENT]
    for n, name in enumerate(reporting):
        data = samples.make_payload(
            catalogue, form, directory_bundled, name, status_for=status_for, figure_for=figure_for
        )
        if n % 2:
            samples.write_docx(folder / f"{name}.docx", data)
        else:
            samples.write_json(folder / f"{name}.json", data)
    # An earlier draft of 中山区 in the same batch: must lose to the final one, and say so.
    draft = samples.make_payload(
        catalogue, form, directory_bundled, "中山区", report_date="2016-11-01", final=False
    )
    samples.write_json(folder / "中山区-初稿.json", draft)
    # Broken files among them.
    whole = (folder / f"{reporting[1]}.docx").read_bytes()
    (folder / "截断.docx").write_bytes(whole[: len(whole) // 3])
    (folder / "GBK.json").write_bytes(samples.payload_mod.dumps(draft).encode("gbk"))
    (folder / "别的软件.docx").write_bytes(_plain_docx())
    return folder, reporting


@pytest.fixture
def city(city_folder, directory_bundled):
    """(service, reporting units, import result) after importing the city's folder."""
    folder, reporting = city_folder
    service = OfficeService(directory=directory_bundled)
    result = service.import_paths([folder])
    return service, reporting, result


def _plain_docx() -> bytes:
    from io import BytesIO

    from docx import Document

    buffer = BytesIO()
    doc = Document()
    doc.add_paragraph("一份普通的 Word 文件")
    doc.save(buffer)
    return buffer.getvalue()


def test_import_counts_and_messages(city):
    service, reporting, result = city
    assert sorted(r.unit for r in result.imported) == sorted(reporting)
    assert sorted(r.name for r in result.rejected) == ["GBK.json", "别的软件.docx", "截断.docx"]
    (lost,) = result.superseded
    assert lost.report.source_name == "中山区-初稿.json"
    assert lost.kept_name in ("中山区.json", "中山区.docx")
    assert "报告日期2016年11月28日晚于2016年11月1日" in lost.reason


def test_matrix_cells(city):
    service, reporting, _ = city
    m = service.matrix()
    assert len(m.rows) == 44 and len(m.task_ids) == 40
    cell = m.cell("市财政局", "1.6.1")
    assert (cell.role, cell.state, cell.text) == ("lead", "未完成", "牵头·未完成")
    assert cell.colour == m.colour("未完成") == COLOURS["unfinished"]
    assert m.cell("市财政局", "1.1.1").text == "负责·已完成"
    assert m.cell("中山区", "1.6.1").text == "配合·已完成"
    assert m.cell("中山区", "3.1.1").state == "未完成"  # the final report, not the draft
    assert m.cell("旅顺口区", "1.1.1").text == "负责·未报送"
    assert m.cell("市审计局", "1.2.2").text == "牵头·未填写"
    assert m.cell("西岗区", "1.1.1").state == "未填写"
    assert m.cell("大连大学", "1.1.1") is None  # the task does not concern a university
    assert m.cell("市财政局", "1.5.1").state == "未选择"  # optional 相关部门 task, not taken up
    counts = m.counts("1.6.1")
    assert counts["未完成"] == 1 and counts["未报送"] == 4  # 旅顺口区 金州区 长海县 保税区


def test_filters(city):
    service, _, _ = city
    m = service.matrix()
    rows, cols = m.filtered(section=2)
    assert cols and all(t.startswith("2.") for t in cols) and len(rows) == 44
    rows, cols = m.filtered(category="市属各高校")
    assert [r.unit for r in rows] == ["大连大学", "大连职业技术学院", "大连广播电视大学"]
    rows, cols = m.filtered(state="未完成")
    assert [r.unit for r in rows] == ["市财政局", "中山区"] and cols == ["1.6.1", "3.1.1"]
    rows, cols = m.filtered(section=1, state="未填写")
    assert [r.unit for r in rows] == ["市审计局", "市环保局", "西岗区"]
    assert cols == ["1.1.1", "1.2.2", "1.10.1"]
    rows, _ = m.filtered(category="其他单位")
    assert [r.unit for r in rows] == ["市委办公厅", "市编委办", "市国税局"]


def test_missing_list(city):
    service, _, _ = city
    missing = service.missing()
    no_report = [e.unit for e in missing if e.kind == "no_report"]
    assert no_report == SILENT
    gaps = {e.unit: e.lead_tasks for e in missing if e.kind == "lead_missing"}
    assert gaps == {"市审计局": ["1.2.2"], "市环保局": ["1.10.1"]}  # 西岗区 only 负责 1.1.1
    lead_refs = {e.unit: e.lead_refs for e in missing if e.kind == "lead_missing"}
    assert lead_refs == {"市审计局": ["一（二）之二"], "市环保局": ["一（十）"]}
    (liushun,) = [e for e in missing if e.unit == "旅顺口区"]
    assert liushun.detail == "应报告21项任务，其中牵头1项（三（一）之一）"


def test_totals(city):
    service, reporting, _ = city
    totals = {(t.task_id, t.spec.key): t for t in service.totals()}
    n = len(reporting)
    assert totals[("5.2.1", "requests_received")].total == 10 * n
    assert totals[("5.2.1", "requests_answered")].total == 9 * n
    assert totals[("5.2.1", "requests_received")].units == n
    assert totals[("5.3.1", "budget_amount")].total == pytest.approx(1.5 * n)
    # 3.3.1 binds 市政府新闻办公室 and the 10 districts + 5 先导区, but its press conferences
    # are asked of 市政府各部门 only: the districts' are neither asked nor added up.
    assert totals[("3.3.1", "press_conferences")].by_unit == [("市政府新闻办公室", 3)]
    assert ("4.2.1", "one_site_per_department") not in totals  # a yes/no is not summed
    assert ("4.3.1", "training_plan_date") not in totals


def test_answer_and_task_views(city):
    service, _, _ = city
    view = service.answer("市财政局", "1.6.1")
    text = view.text()
    assert "市财政局 · 一（六） 深入推进预决算公开（牵头）· 未完成" in text
    assert "未完成原因及整改措施" in text and "人员不足" in text
    assert "市财政局.json" in view.source or "市财政局.docx" in view.source
    assert re.search(r"报告日期\d{4}年\d{1,2}月\d{1,2}日", view.source), view.source  # not ISO
    assert "尚未报送" in service.answer("旅顺口区", "1.1.1").text()
    assert "没有填写" in service.answer("市审计局", "1.2.2").text()

    tv = service.task_view("2.4.1")
    assert [c.unit for c in tv.columns[:3]] == ["市财政局", "市地税局", "市国税局"]
    tv = service.task_view("1.6.1")
    assert tv.columns[0].unit == "市财政局" and tv.columns[0].state == "未完成"
    assert {c.role for c in tv.columns[1:]} == {"cooperate"}
    states = [c.state for c in tv.columns[1:]]
    assert states.index("未报送") > max(i for i, s in enumerate(states) if s == "已完成")
    assert tv.columns[0].values["主要做法"] == "市财政局落实一（六）的主要做法。"


def test_xlsx_contents(city, tmp_path):
    from openpyxl import load_workbook

    service, reporting, _ = city
    out = service.export_xlsx(tmp_path / "汇总表.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总矩阵", "数据合计", "缺报单位"]
    ws = wb["汇总矩阵"]
    header = [c.value for c in ws[1]]
    assert header[:5] == ["单位", "类别", "报告文件", "报告状态", "报告日期"]
    assert header[5] == "一（一）"
    assert [c.value for c in ws[2]][5] == "推进行政决策公开"  # the short name
    col = header.index("一（六）") + 1
    rows = {ws.cell(row=r, column=1).value: r for r in range(3, ws.max_row + 1)}
    cell = ws.cell(row=rows["市财政局"], column=col)
    assert cell.value == "牵头·未完成"
    assert cell.fill.start_color.rgb.endswith(COLOURS["unfinished"])
    assert ws.cell(row=rows["旅顺口区"], column=3).value == "未报送"
    assert ws.cell(row=rows["中山区"], column=4).value == "定稿"
    assert ws.cell(row=rows["旅顺口区"], column=4).value == "未报送"
    # An Excel date shown the Chinese way: it sorts, and reads 2016年11月28日.
    when = ws.cell(row=rows["中山区"], column=5)
    assert when.value.date() == date(2016, 11, 28) and when.number_format == DATE_FORMAT
    assert ws.cell(row=rows["未完成（单位数）"], column=col).value == 1
    assert ws.cell(row=rows["未报送（单位数）"], column=col).value == 4

    ws2 = wb["数据合计"]
    found = {(r[0], r[2]): r for r in ws2.iter_rows(min_row=2, values_only=True)}
    row = found[("五（二）", "受理政府信息公开申请")]
    assert row[3] == 10 * len(reporting) and row[4] == "件" and row[5] == len(reporting)
    assert found[("三（三）", "以市政府新闻办名义召开新闻发布会次数")][3] == 3  # 市政府各部门 only

    ws3 = wb["缺报单位"]
    lines = [r for r in ws3.iter_rows(min_row=2, values_only=True)]
    assert [r[0] for r in lines] == [*SILENT, "市审计局", "市环保局"]
    assert lines[-1][1] == "牵头任务未填写" and lines[-1][2] == "一（十）"


def test_summary_report_words(city):
    service, reporting, _ = city
    model = summary_model(service.consolidation())
    text = model.text()
    parts = model.of_type(M.Para)
    assert (
        model.of_type(M.Title)[0].text == "市政府办公厅关于全市2016年政务公开工作要点落实情况的报告"
    )
    assert f"应报送单位44个，已报送{len(reporting)}个，尚未报送6个" in text
    (para,) = [p.text for p in parts if p.text.startswith("6.深入推进预决算公开")]
    assert "（市财政局牵头）" in para and "（市财政局）" in para
    assert "牵头单位市财政局未完成" in para
    assert "尚未报送" not in para  # named once, in 三、未报送及缺报情况
    assert (
        "尚未报送落实情况报告的单位6个：市委办公厅、旅顺口区、金州区、长海县、保税区、大连广播电视大学。"
        in text
    )
    (para,) = [p.text for p in parts if p.text.startswith("1.加强政策解读。三（一）之一")]
    assert "三（一）之一（各区市县政府和先导区管委会、市政府各部门牵头）" in para
    assert "牵头单位旅顺口区、金州区、长海县、保税区尚未报送报告" in para
    (para,) = [p.text for p in parts if p.text.startswith("2.加强考核监督")]
    assert f"据{len(reporting)}个单位填报，受理政府信息公开申请合计{10 * len(reporting)}件" in para
    assert (
        "有2个单位的报告缺少其牵头任务的落实情况：市审计局未填写一（二）之二；市环保局未填写一（十）。"
        in text
    )
    (table,) = model.of_type(M.Table)
    assert (
        len(table.rows) == 40
        and table.rows[8][1:3] == ("一（六）", "深入推进预决算公开")  # the 要点's own numbering
        and table.rows[8][8] == "1"
    )
    assert table.rows[8][3] == "市财政局"
    # No internal task id anywhere a person reads the 汇总报告.
    words = text + "\n".join(x for r in table.rows for x in r)
    assert not re.search(r"\d+\.\d+\.\d+", words)
    assert table.rows[[r[1] for r in table.rows].index("二（九）之一")][3] == "市教育局、市属各高校"


def test_docx_payloads_were_read_from_word_files(city):
    service, _, _ = city
    kinds = {r.source_kind for r in service.consolidation().reports.values()}
    assert kinds == {"docx", "json"}
    any_docx = next(
        Path(r.source_path)
        for r in service.consolidation().reports.values()
        if r.source_kind == "docx"
    )
    assert zipfile.is_zipfile(any_docx)


def test_xlsx_never_turns_report_text_into_formulas(tmp_path, catalogue, form, directory_bundled):
    from openpyxl import load_workbook

    data = samples.make_payload(catalogue, form, directory_bundled, "市财政局")
    data["unit"] = "=1+市统计局"
    inbox = tmp_path / "in"
    inbox.mkdir()
    samples.write_json(inbox / "=1+1.json", data)
    data = samples.make_payload(catalogue, form, directory_bundled, "市审计局")
    data["unit"] = "市统计局\x07"  # a control character: refused as a unit name, with the reason
    samples.write_json(inbox / "统计.json", data)
    service = OfficeService(directory=directory_bundled)
    result = service.import_paths([inbox])
    assert [r.unit for r in result.added] == ["=1+市统计局"]
    (rejected,) = result.rejected
    assert rejected.name == "统计.json" and "看不见的字符" in rejected.reason
    wb = load_workbook(service.export_xlsx(tmp_path / "汇总表.xlsx"))
    ws = wb["汇总矩阵"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in cells)
    names = [c.value for c in cells if "市统计局" in c.value]
    assert names == ["=1+市统计局（名录外）"]
    assert any(c.value == "=1+1.json" and c.data_type == "s" for c in cells)
