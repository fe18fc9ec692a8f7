"""The 汇总表 workbook: the matrix, the figures totalled per task, the missing units.

Sheet 1 「汇总矩阵」: one row per unit, one column per task, each cell the role and state in the
same colours as the window; under the units, one row per state counting the units per task.
Sheet 2 「数据合计」: every summable figure with its total, how many units gave it and the
per-unit breakdown. Sheet 3 「缺报单位」: the missing list.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from math import ceil
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.catalogue import short_name
from desktop.consolidate.matrix import NO_REPORT, WORDS, in_category
from desktop.consolidate.totals import format_number
from desktop.fileio import atomic_write
from desktop.textclean import xml_safe

if TYPE_CHECKING:
    from desktop.consolidate.consolidation import Consolidation

SHEET_MATRIX = "汇总矩阵"
SHEET_TOTALS = "数据合计"
SHEET_MISSING = "缺报单位"
FIXED_COLUMNS = ("单位", "类别", "报告文件", "报告状态", "报告日期")
DRAFT_COLOUR = "FFE699"  # as in the window's 报告 column
# A date as the office writes it (2016年11月20日), still an Excel date: it sorts and filters.
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
# Columns of width 1 (Excel's unit, about one Latin character) that an A4 landscape page holds
# at about 85 %: the matrix is printed that many pages wide, the unit column on each.
PAGE_WIDTH_CHARS = 160
PAGE_ROWS = 60  # rows of the matrix one printed page holds, at most
FOOTER = "第 &P 页，共 &N 页"


def _report_date(text: str) -> date | str:
    """The report's date as an Excel date; text it cannot read stays as it is."""
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return text


def _width(text: str) -> int:
    """Columns of width 1 a text takes: two for a Chinese character, one for a Latin one."""
    return sum(1 if ord(ch) < 0x2E80 else 2 for ch in text)


def _fit_rows(
    ws, columns: tuple[int, ...], first_row: int = 1, last_row: int = 0, line: float = 15
) -> None:
    """Rows as tall as their wrapped text: neither Excel nor LibreOffice grows a row for
    wrapped text when they open the file, and a cut 任务 or 各单位数据 hides the figures."""
    from openpyxl.utils import get_column_letter

    widths = {c: (ws.column_dimensions[get_column_letter(c)].width or 10) - 1 for c in columns}
    for r in range(first_row, (last_row or ws.max_row) + 1):
        lines = 1
        for c in columns:
            value = ws.cell(row=r, column=c).value
            if isinstance(value, str) and value:
                lines = max(lines, ceil(_width(value) / max(widths[c], 1)))
        if lines > 1:
            ws.row_dimensions[r].height = line * lines + 3


def _top(ws) -> None:
    """Every cell of a row at its top: in a row made tall by one wrapped cell, a figure left
    at the bottom reads as the next row's."""
    from openpyxl.styles import Alignment

    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=cell.alignment.wrap_text, vertical="top")


def _print_setup(
    ws, title_rows: str, pages_wide: int = 1, title_cols: str | None = None, pages_tall: int = 0
):
    """A4 landscape, *pages_wide* pages wide and *pages_tall* long (0: as many as it takes),
    the header rows (and *title_cols*) repeated on every printed page, page numbers in the
    footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = pages_tall
    ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = FOOTER
    ws.print_options.horizontalCentered = True


def _append(ws, values: list) -> None:
    """Append a row whose text came from other people's files: control characters (which
    openpyxl refuses) are dropped, and text starting with "=" stays text — never a formula
    Excel would evaluate (formula injection through a unit name or file name)."""
    ws.append([xml_safe(v) if isinstance(v, str) else v for v in values])
    for cell in ws[ws.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def build_workbook(c: Consolidation):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    fills: dict[str, PatternFill] = {}

    def fill(colour: str) -> PatternFill:
        if colour not in fills:
            fills[colour] = PatternFill("solid", start_color=colour, end_color=colour)
        return fills[colour]

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_MATRIX
    m = c.matrix
    # People read the 要点's numbering (一（二）之二) and the task's short name, never ids.
    _append(ws, [*FIXED_COLUMNS, *(m.catalogue.ref(t) for t in m.task_ids)])
    names = [short_name(m.catalogue.task(t)) for t in m.task_ids]
    pad = [""] * (len(FIXED_COLUMNS) - 1)  # row labels sit in the last fixed column
    _append(ws, [*pad, "任务", *names])
    for cell in ws[1] + ws[2]:
        cell.font = bold
        cell.alignment = centre
    first = len(FIXED_COLUMNS) + 1
    for row in m.rows:
        cats = "、".join(x for x in m.category_names if in_category(row, x))
        report = row.report
        values = [
            row.unit + ("" if row.known else "（名录外）"),
            cats,
            report.source_name if report else WORDS[NO_REPORT],
            row.report_word,  # 定稿 / 草稿 / 未报送: a draft is never passed off as final
            _report_date(report.report_date) if report else "",
        ]
        for task_id in m.task_ids:
            cell = m.cell(row.unit, task_id)
            values.append(cell.text if cell else "")
        _append(ws, values)
        r = ws.max_row
        when = ws.cell(row=r, column=FIXED_COLUMNS.index("报告日期") + 1)
        when.number_format = DATE_FORMAT
        when.alignment = Alignment(horizontal="center")
        if row.draft:
            ws.cell(row=r, column=FIXED_COLUMNS.index("报告状态") + 1).fill = fill(DRAFT_COLOUR)
        for n, task_id in enumerate(m.task_ids):
            cell = m.cell(row.unit, task_id)
            if cell is not None:
                target = ws.cell(row=r, column=first + n)
                target.fill = fill(cell.colour)
                target.alignment = centre
    _append(ws, [])
    for state in m.states:
        counts = [m.counts(t)[state] for t in m.task_ids]
        # Labelled in the unit column, which every printed page repeats: the counts on the
        # second page are not a column of bare numbers.
        _append(ws, [f"{state}（单位数）", *pad, *counts])
        ws.cell(row=ws.max_row, column=1).font = bold
    ws.freeze_panes = ws.cell(row=3, column=first)
    # 报告日期 holds 2016年11月20日 and the count rows' labels (持续推进（单位数）).
    # 类别 holds 各区市县政府和先导区管委会、各区市县政府 on one line.
    widths = (18, 42, 24, 10, 20)
    for n, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(n)].width = w
    for n in range(len(m.task_ids)):
        ws.column_dimensions[get_column_letter(first + n)].width = 13
    _fit_rows(ws, tuple(range(first, first + len(m.task_ids))), first_row=2, last_row=2)
    wide = sum(widths) + 13 * len(m.task_ids)
    # As tall as the units need (the count rows never alone on a page of their own), at
    # most PAGE_ROWS rows a page.
    tall = ceil(ws.max_row / PAGE_ROWS)
    _print_setup(ws, "1:2", max(1, ceil(wide / PAGE_WIDTH_CHARS)), "A:A", tall)

    ws2 = wb.create_sheet(SHEET_TOTALS)
    _append(ws2, ["要点序号", "任务", "数据项", "合计", "计量单位", "填报单位数", "各单位数据"])
    for cell in ws2[1]:
        cell.font = bold
    drafts = {r.unit for r in m.drafts()}
    for t in c.totals:
        # A draft's figure is added in, and marked: 西岗区（草稿） 3.
        detail = "；".join(
            f"{u}{'（草稿）' if u in drafts else ''} {format_number(v)}" for u, v in t.by_unit
        )
        _append(
            ws2,
            [
                m.catalogue.ref(t.task_id),
                short_name(m.catalogue.task(t.task_id)),
                t.label,
                t.total,
                t.spec.unit,
                t.units,
                detail,
            ],
        )
        for column in (2, 3, 7):
            ws2.cell(row=ws2.max_row, column=column).alignment = wrap
    # 要点序号 holds 三（一）之二 (width 13); the task's and the figure's names wrap.
    for col, w in zip("ABCDEFG", (14, 30, 30, 10, 10, 12, 70), strict=True):
        ws2.column_dimensions[col].width = w
    _top(ws2)
    for row in ws2.iter_rows(min_row=2, min_col=6, max_col=6):
        row[0].alignment = Alignment(horizontal="center", vertical="top")
    _fit_rows(ws2, (2, 3, 7), first_row=2)
    ws2.freeze_panes = "A2"
    _print_setup(ws2, "1:1")

    ws3 = wb.create_sheet(SHEET_MISSING)
    _append(ws3, ["单位", "情况", "涉及任务", "说明"])
    for cell in ws3[1]:
        cell.font = bold
    for e in c.missing:
        _append(ws3, [e.unit, e.label, "、".join(e.task_refs), e.detail])
        for column in (3, 4):
            ws3.cell(row=ws3.max_row, column=column).alignment = wrap
    for col, w in zip("ABCD", (20, 16, 60, 60), strict=True):
        ws3.column_dimensions[col].width = w
    _top(ws3)
    _fit_rows(ws3, (3, 4), first_row=2)
    ws3.freeze_panes = "A2"
    _print_setup(ws3, "1:1")
    return wb


def write_xlsx(c: Consolidation, path: Path) -> Path:
    """Build the workbook in memory, then write it atomically. Raises ``FileWriteError``."""
    buffer = BytesIO()
    build_workbook(c).save(buffer)
    atomic_write(path, buffer.getvalue(), "汇总表")
    return path
