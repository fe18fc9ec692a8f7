"""``consolidate FILES_OR_DIRS... [--xlsx F] [--docx F]``: 汇总 on the command line.

Imports the given report files and folders into the office database (``office.db`` in the data
dir), then prints a one-screen Chinese summary of everything consolidated so far: what was
imported, what was refused and why, who has not reported, which tasks lag.

Exit code: 0 when every file was usable, 1 when some files were not imported (the rest were,
and the outputs were written), 2 when nothing could be done (database, catalogue, output file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.commands import fail
from desktop.textclean import columns, fit_columns

MAX_LINES = 6  # per list, so the summary fits on one screen
LINE_COLS = 100  # terminal columns (a Chinese character takes two); Windows' console has 120


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "consolidate",
        help="汇总：导入各单位的报告（.docx/.json，文件或文件夹），输出汇总表和汇总报告",
        description="导入各单位报送的落实情况报告（本程序导出的 .docx 或交换文件 .json，"
        "可给文件或文件夹），汇总到数据目录中的 office.db，并显示汇总情况。",
    )
    p.add_argument("paths", nargs="*", metavar="FILES_OR_DIRS", help="报告文件或文件夹")
    p.add_argument("--xlsx", type=Path, metavar="F", help="写出汇总表（Excel）")
    p.add_argument("--docx", type=Path, metavar="F", help="写出汇总报告（Word）")
    p.add_argument("--catalogue", metavar="ID", help="汇总哪一年度的要点（默认按导入的报告）")
    p.set_defaults(func=cmd_consolidate)


def cmd_consolidate(args: argparse.Namespace) -> int:
    from desktop.consolidate.officedb import OfficeDBError
    from desktop.consolidate.reader import CatalogueUnavailable
    from desktop.consolidate.service import OfficeService
    from desktop.fileio import FileWriteError
    from desktop.schema import DataFileError
    from desktop.settings import Settings

    service = OfficeService(catalogue_id=args.catalogue, settings=Settings())
    try:
        result = service.import_paths(args.paths) if args.paths else None
        if result is not None and not args.catalogue and result.catalogue_ids():
            service.set_catalogue(result.catalogue_ids()[0])
        c = service.consolidation()
    except CatalogueUnavailable as exc:
        return fail(f"{exc}。请用 --catalogue 指定要汇总的要点。")
    except (OfficeDBError, DataFileError) as exc:
        return fail(str(exc))
    lines = summary_lines(result, c)
    for notice in service.take_notices():
        print(f"提示：{notice}", file=sys.stderr)
    print("\n".join(lines))
    code = 1 if result is not None and result.rejected else 0
    try:
        if args.xlsx:
            service.export_xlsx(args.xlsx)
            print(f"已写出汇总表：{args.xlsx}")
        if args.docx:
            from desktop.consolidate.docx_out import SummaryDocError

            try:
                service.export_docx(args.docx)
                print(f"已写出汇总报告：{args.docx}")
            except SummaryDocError as exc:
                return fail(str(exc))
    except FileWriteError as exc:
        return fail(str(exc))
    return code


def _listing(
    title: str, items: list[str], joiner: str = "、", measure: str = "项", max_lines: int = 2
) -> list[str]:
    """``title（n）：a、b、c`` wrapped over at most *max_lines* lines, then ``等n项``."""
    if not items:
        return []
    lines = [f"{title}（{len(items)}）："]
    shown = 0
    for item in items:
        piece = (joiner if not lines[-1].endswith(("：", " ")) else "") + item
        if columns(lines[-1] + piece) > LINE_COLS - 14:
            if len(lines) == max_lines:
                break
            lines.append("    " + item)
        else:
            lines[-1] += piece
        shown += 1
    if shown < len(items):
        lines[-1] += f"等{len(items)}{measure}"
    return lines


def summary_lines(result, c) -> list[str]:
    """The one-screen summary (Chinese), as lines."""
    out = [f"汇总{c.catalogue.label()}"]
    if result is not None:
        head = (
            f"本次导入：成功 {len(result.imported)} 份（新增 {len(result.added)}、"
            f"替换 {len(result.replaced)}）"
        )
        if result.unchanged:
            head += f"，内容未变 {len(result.unchanged)} 份"
        if result.superseded:
            head += f"，较旧未采用 {len(result.superseded)} 份"
        head += f"，未导入 {len(result.rejected)} 份"
        out.append(head)
        if not result.files_seen:
            out.append("  没有找到报告文件（.docx 或 .json）。")
        for r in result.rejected[:MAX_LINES]:
            out.append("  ✗ " + fit_columns(f"{r.name}：{r.reason}", LINE_COLS - 4))
        if len(result.rejected) > MAX_LINES:
            out.append(f"  …另有 {len(result.rejected) - MAX_LINES} 份未导入")
        hints = list(dict.fromkeys(r.hint for r in result.rejected if r.hint))
        for hint in hints[:2]:
            out.append("  → " + fit_columns(hint, LINE_COLS - 4))
        notes = [
            f"{s.report.source_name}：{s.report.unit}，采用了较新的“{s.kept_name}”"
            for s in result.superseded
        ] + [f"{r.report.source_name}：替换了{r.report.unit}原有的报告" for r in result.replaced]
        for n in notes[:MAX_LINES]:
            out.append("  · " + fit_columns(n, LINE_COLS - 4))
        if len(notes) > MAX_LINES:
            out.append(f"  …另有 {len(notes) - MAX_LINES} 条说明")
        for w in result.warnings[:2]:
            out.append("  ! " + fit_columns(w, LINE_COLS - 4))
    rows = c.matrix.rows
    reported = sum(1 for r in rows if r.reported)
    drafts = [r.unit for r in rows if r.draft]
    of_which = f"（其中草稿 {len(drafts)} 份：{'、'.join(drafts)}）" if drafts else ""
    out.append(fit_columns(f"已报送：{reported}/{c.expected_units} 个单位{of_which}", LINE_COLS))
    out += _listing(
        "未报送", [e.unit for e in c.missing if e.kind == "no_report"], measure="个单位"
    )
    out += _listing(
        "牵头任务未填写",
        [f"{e.unit}（{'、'.join(e.lead_refs)}）" for e in c.missing if e.kind == "lead_missing"],
        measure="个单位",
    )
    lagging = []
    for t in c.lagging_tallies():
        bits = []
        if t.unfinished:
            bits.append(f"{c.form.statuses.unfinished}{len(t.unfinished)}")
        if t.no_status:
            bits.append(f"未填写{len(t.no_status)}")
        if t.no_report:
            bits.append(f"未报送{len(t.no_report)}")
        lagging.append(f"{c.catalogue.ref(t.task_id)}（{'、'.join(bits)}）")
    out += _listing("进展滞后的任务", lagging, "，")
    if c.totals:
        figures = [f"{t.label}{t.total_text}{t.spec.unit}" for t in c.totals if t.units]
        out += _listing("数据合计", figures, "，")
    out.append("逐单位、逐任务的情况请用 --xlsx 导出汇总表查看，或在程序的汇总窗口中查看。")
    return out
