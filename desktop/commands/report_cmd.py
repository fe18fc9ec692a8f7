"""``export`` (the Word report from the store) and ``check-docx`` (GB/T 9704 check of any .docx)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.catalogue import BUILTIN_ID
from desktop.cli import fail


def register(sub: argparse._SubParsersAction) -> None:
    exp = sub.add_parser(
        "export",
        help="导出某单位的落实情况报告（Word），与填报向导导出的文件相同",
        description="从本机数据中导出某单位的落实情况报告（.docx，内嵌报告数据）。",
    )
    exp.add_argument("--unit", required=True, help="单位名称，如 市财政局、中山区")
    exp.add_argument("--catalogue", default=BUILTIN_ID, metavar="ID", help="要点目录编号")
    exp.add_argument(
        "--out", type=Path, metavar="F.docx", help="输出文件（默认在当前文件夹，按报告标题命名）"
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
    from desktop import catalogue as cat_mod
    from desktop import forms, units
    from desktop.catalogue import CatalogueError
    from desktop.fileio import FileWriteError
    from desktop.report.docx_writer import (
        TemplateError,
        configured_template,
        default_filename,
        export_report,
    )
    from desktop.schema import DataFileError
    from desktop.store import StoreError, open_store
    from desktop.store.exchange import export_payload

    try:
        catalogue = cat_mod.load(args.catalogue)
        form = forms.load(catalogue)
        directory = units.load()
    except (CatalogueError, DataFileError) as exc:
        return fail(str(exc))
    unit = directory.unit(args.unit)
    name = unit.name if unit is not None else args.unit.strip()
    try:
        opened = open_store(read_only=True, backup_on_open=False)
    except StoreError as exc:
        return fail(str(exc), 1)
    store = opened.store
    try:
        for notice in opened.notices:
            print(f"提示：{notice}", file=sys.stderr)
        report_id = store.find_report(name, catalogue.id)
        if report_id is None:
            have = [r.unit for r in store.list_reports() if r.catalogue_id == catalogue.id]
            listing = f"已有报告的单位：{'、'.join(have)}" if have else "本机还没有任何报告"
            close = directory.closest(args.unit) if unit is None else []
            hint = f"；您是不是要找：{'、'.join(close)}" if close else ""
            return fail(
                f"没有找到“{name}”的《{catalogue.title}》落实情况报告（{listing}{hint}）。"
                "请先在填报向导中填写，或用 answers import 导入交换文件。"
            )
        payload = export_payload(store, report_id, catalogue, form, directory)
    except StoreError as exc:
        return fail(str(exc), 1)
    finally:
        store.close()

    out = args.out or Path.cwd() / default_filename(payload, catalogue)
    try:
        written = export_report(payload, catalogue, form, out, configured_template())
    except (TemplateError, FileWriteError) as exc:
        return fail(str(exc), 1)
    state = "定稿" if payload.get("status") == "final" else "草稿"
    print(f"已导出“{name}”的落实情况报告（{state}）：{written}")
    return 0
