"""The 汇总表 as the office prints and sorts it: A4 landscape, fitted to the width, the header
rows (and the unit column) on every printed page, page numbers, frozen headers, dates as
Excel dates shown 2016年11月28日, columns wide enough for what they hold, drafts marked in the
figures. Read back through openpyxl."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from desktop.consolidate.officedb import OfficeDB
from desktop.consolidate.service import OfficeService
from desktop.consolidate.xlsx_out import DATE_FORMAT
from tests.samples import unit_reports as samples
from tests.test_consolidate_city import city, city_folder  # noqa: F401 (the fixtures)


def _width(text: str) -> int:
    return sum(1 if ord(ch) < 0x2E80 else 2 for ch in text)


def test_every_sheet_prints_on_a4_landscape_with_its_header_on_each_page(city, tmp_path):  # noqa: F811
    service, _reporting, _ = city
    wb = load_workbook(service.export_xlsx(tmp_path / "汇总表.xlsx"))
    for ws, titles, frozen in (
        (wb["汇总矩阵"], "$1:$2", "F3"),
        (wb["数据合计"], "$1:$1", "A2"),
        (wb["缺报单位"], "$1:$1", "A2"),
    ):
        setup = ws.page_setup
        assert setup.orientation == "landscape" and int(setup.paperSize) == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows == titles, ws.title
        assert ws.freeze_panes == frozen, ws.title
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    matrix, totals, missing = wb["汇总矩阵"], wb["数据合计"], wb["缺报单位"]
    # 40 task columns cannot be read at one page's width: a few pages wide, the unit column
    # on each, and as tall as the units need — the count rows never on a page of their own.
    assert matrix.print_title_cols == "$A:$A"
    assert 2 <= int(matrix.page_setup.fitToWidth) <= 5
    assert int(matrix.page_setup.fitToHeight) == 1
    for ws in (totals, missing):
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    # The count rows are labelled in the unit column, which each printed page repeats.
    labels = [matrix.cell(row=r, column=1).value for r in range(3, matrix.max_row + 1)]
    assert "未完成（单位数）" in labels and "未报送（单位数）" in labels


def test_columns_hold_what_they_show(city, tmp_path):  # noqa: F811
    service, _reporting, _ = city
    wb = load_workbook(service.export_xlsx(tmp_path / "汇总表.xlsx"))
    matrix, totals = wb["汇总矩阵"], wb["数据合计"]
    # 要点序号 holds 三（一）之二 (it ran into the task's name); 报告日期 a Chinese date.
    refs = [r[0] for r in totals.iter_rows(min_row=2, values_only=True)]
    assert totals.column_dimensions["A"].width >= max(_width(x) for x in refs)
    assert matrix.column_dimensions["E"].width >= _width("2016年11月28日") + 1
    assert matrix.column_dimensions["B"].width >= _width("各区市县政府和先导区管委会、各区市县政府")
    # The task names in row 2 wrap, and the row is tall enough for the longest one (it was
    # 60 points: 在本部门、本地区网站公开成熟的…（PPP）项目信息 was cut at both ends).
    names = [c.value for c in matrix[2][5:]]
    lines = max(-(-_width(n) // int(matrix.column_dimensions["F"].width - 1)) for n in names)
    assert matrix.row_dimensions[2].height >= 15 * lines
    # A row made tall by the per-unit figures keeps its other cells at the top.
    assert totals.cell(row=2, column=1).alignment.vertical == "top"


def test_report_dates_are_excel_dates_shown_the_chinese_way(city, tmp_path):  # noqa: F811
    service, _reporting, _ = city
    ws = load_workbook(service.export_xlsx(tmp_path / "汇总表.xlsx"))["汇总矩阵"]
    dates = [ws.cell(row=r, column=5) for r in range(3, ws.max_row + 1)]
    given = [c for c in dates if c.value not in (None, "")]
    assert given and all(c.is_date and c.number_format == DATE_FORMAT for c in given)
    assert {c.value.date() for c in given} == {date(2016, 11, 28)}


def test_a_drafts_figures_are_marked_in_the_totals(tmp_path, catalogue, form, directory_bundled):
    for unit, final in (("市财政局", True), ("中山区", False)):
        data = samples.make_payload(catalogue, form, directory_bundled, unit, final=final)
        samples.write_json(tmp_path / f"{unit}.json", data)
    service = OfficeService(OfficeDB(tmp_path / "office.db"), directory=directory_bundled)
    service.import_paths([tmp_path])
    ws = load_workbook(service.export_xlsx(tmp_path / "汇总表.xlsx"))["数据合计"]
    details = [r[6] for r in ws.iter_rows(min_row=2, values_only=True) if r[6]]
    assert any("中山区（草稿）" in d for d in details)
    assert not any("市财政局（草稿）" in d for d in details)
