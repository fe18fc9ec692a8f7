"""The 汇总表 workbook: the matrix, the figures totalled per task, the missing units.

Sheet 1 「汇总矩阵」: one row per unit, one column per task, each cell the role and state in the
same colours as the window; under the units, one row per state counting the units per task.
Sheet 2 「数据合计」: every summable figure with its total, how many units gave it and the
per-unit breakdown. Sheet 3 「缺报单位」: the missing list.
"""

from __future__ import annotations

from io import BytesIO
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
            report.report_date if report else "",
        ]
        for task_id in m.task_ids:
            cell = m.cell(row.unit, task_id)
            values.append(cell.text if cell else "")
        _append(ws, values)
        r = ws.max_row
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
        _append(ws, [*pad, f"{state}（单位数）", *counts])
        ws.cell(row=ws.max_row, column=len(FIXED_COLUMNS)).font = bold
    ws.freeze_panes = ws.cell(row=3, column=first)
    widths = (18, 26, 24, 10, 12)
    for n, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(n)].width = w
    for n in range(len(m.task_ids)):
        ws.column_dimensions[get_column_letter(first + n)].width = 13
    ws.row_dimensions[2].height = 60

    ws2 = wb.create_sheet(SHEET_TOTALS)
    _append(ws2, ["要点序号", "任务", "数据项", "合计", "计量单位", "填报单位数", "各单位数据"])
    for cell in ws2[1]:
        cell.font = bold
    for t in c.totals:
        detail = "；".join(f"{u} {format_number(v)}" for u, v in t.by_unit)
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
        ws2.cell(row=ws2.max_row, column=7).alignment = wrap
    for col, w in zip("ABCDEFG", (10, 30, 34, 10, 10, 12, 80), strict=True):
        ws2.column_dimensions[col].width = w

    ws3 = wb.create_sheet(SHEET_MISSING)
    _append(ws3, ["单位", "情况", "涉及任务", "说明"])
    for cell in ws3[1]:
        cell.font = bold
    for e in c.missing:
        _append(ws3, [e.unit, e.label, "、".join(e.task_refs), e.detail])
        ws3.cell(row=ws3.max_row, column=3).alignment = wrap
    for col, w in zip("ABCD", (20, 16, 60, 60), strict=True):
        ws3.column_dimensions[col].width = w
    return wb


def write_xlsx(c: Consolidation, path: Path) -> Path:
    """Build the workbook in memory, then write it atomically. Raises ``FileWriteError``."""
    buffer = BytesIO()
    build_workbook(c).save(buffer)
    atomic_write(path, buffer.getvalue(), "汇总表")
    return path
