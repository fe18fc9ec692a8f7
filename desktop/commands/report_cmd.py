"""``export`` (the Word report from the store) and ``check-docx`` (GB/T 9704 check of any .docx)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.answers import FINAL
from desktop.catalogue import BUILTIN_ID
from desktop.commands import fail


def register(sub: argparse._SubParsersAction) -> None:
    exp = sub.add_parser(
        "export",
        help="导出某单位的落实情况报告（Word），与填报向导导出的文件相同",
        description="从本机数据中导出某单位的落实情况报告（.docx，内嵌报告数据）。",
    )
    exp.add_argument("--unit", required=True, help="单位名称，如 市财政局、中山区")
    exp.add_argument("--catalogue", default=BUILTIN_ID, metavar="ID", help="要点目录编号")
    exp.add_argument(
        "--out",
        type=Path,
        metavar="F.docx",
        help="输出文件（默认在当前文件夹，按报告标题命名；不以 .docx 结尾时自动加上）",
    )
    exp.set_defaults(func=cmd_export)

    chk = sub.add_parser(
        "check-docx",
        help="检查 Word 文件是否符合 GB/T 9704-2012 公文格式",
        description="列出 .docx 文件与 GB/T 9704-2012《党政机关公文格式》不符之处："
        "纸张、页边距、字体（含中文字体）、字号、行距、页码、标题/主送/日期写法。",
    )
    chk.add_argument("file", type=Path, help="要检查的 .docx 文件")
    chk.add_argument("--json", action="store_true", help="以 JSON 输出")
    chk.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    """Exit 0: conforms; 1: deviations listed; 2: the file cannot be checked."""
    from desktop.report.checker import CheckError, check_docx

    try:
        found = check_docx(args.file)
    except CheckError as exc:
        return fail(str(exc))
    if args.json:
        rows = [{"where": d.where, "problem": d.problem} for d in found]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 1 if found else 0
    if not found:
        print(f"未发现与 GB/T 9704-2012 不符之处：{args.file}")
        return 0
    for d in found:
        print(f"· {d}")
    print(f"共 {len(found)} 处与 GB/T 9704-2012 不符：{args.file}")
    return 1


def cmd_export(args: argparse.Namespace) -> int:
    """Exit 0: written; 1: the store, template or file could not be used; 2: bad input."""
    from desktop.commands.unit_report import CommandFailed, load_unit_payload
    from desktop.fileio import FileWriteError
    from desktop.operations.report import ReportJob
    from desktop.report import TemplateError, configured_template
    from desktop.report.docx_writer import ReportError

    try:
        found = load_unit_payload(args.unit, args.catalogue)
    except CommandFailed as exc:
        return fail(str(exc), exc.code)
    job = ReportJob(
        found.data,
        found.catalogue,
        found.form,
        configured_template(found.settings),
        found.contribution_rows,
    )
    try:
        written = job.write(args.out or Path.cwd() / job.default_name())
    except (ReportError, TemplateError, FileWriteError) as exc:
        return fail(str(exc), 1)
    state = "定稿" if found.data.get("status") == FINAL else "草稿"
    print(f"已导出“{found.name}”的落实情况报告（{state}）：{written}")
    return 0
