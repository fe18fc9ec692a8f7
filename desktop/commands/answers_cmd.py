"""``answers export | import | list``: one unit's report as a JSON exchange file (``collect`` and
``parts``, the lead's parts, are in ``lead_cmd`` and ``parts_cmd``).

Exit codes: 0 done; 2 bad input (unknown unit, a file with problems — one line per problem);
1 the data could not be read or written (locked by another window, disk full, damaged, …).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.catalogue import BUILTIN_ID
from desktop.commands import fail
from desktop.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("answers", help="填报数据：导出、导入交换文件（JSON），列出已有报告")
    asub = p.add_subparsers(dest="answers_command", metavar="子命令")

    exp = asub.add_parser("export", help="把一个单位的报告导出为 JSON 交换文件")
    exp.add_argument("--unit", required=True, help="单位名称，如 市财政局、中山区")
    exp.add_argument("--catalogue", default=BUILTIN_ID, metavar="ID", help="要点目录编号")
    exp.add_argument(
        "--out", type=Path, metavar="F.json", help="写入此文件或文件夹（默认输出到屏幕）"
    )
    exp.add_argument(
        "--for-lead",
        action="append",
        metavar="NAME",
        help="只导出与牵头单位 NAME 共同承担的任务，作为发给它的配合材料（可重复；all 为全部）",
    )
    exp.set_defaults(func=cmd_export)

    imp = asub.add_parser("import", help="导入 JSON 交换文件（全部导入或全部不导入）")
    imp.add_argument("file", type=Path, metavar="F.json", help="answers export 导出的文件")
    imp.set_defaults(func=cmd_import)

    from desktop.commands.lead_cmd import register_collect
    from desktop.commands.parts_cmd import register_parts

    register_collect(asub)
    register_parts(asub)

    lst = asub.add_parser("list", help="列出数据库中的报告")
    lst.set_defaults(func=cmd_list)

    p.set_defaults(func=lambda a: (p.print_help(), 2)[1])


def _notices(notices: list[str]) -> None:
    for n in notices:
        print(f"提示：{n}", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.commands.unit_report import CommandFailed, load_unit_payload
    from desktop.fileio import FileWriteError
    from desktop.operations.exchange import write_exchange
    from desktop.payload import dumps, validate
    from desktop.store.exchange import orphan_tasks

    if args.for_lead:
        from desktop.commands.lead_cmd import cmd_export_for_lead

        return cmd_export_for_lead(args)
    try:
        found = load_unit_payload(args.unit, args.catalogue)
    except CommandFailed as exc:
        return fail(str(exc), exc.code)
    name, data, catalogue, form = found.name, found.data, found.catalogue, found.form
    if not args.out:
        for problem in validate(data, catalogue, form):
            print(f"提示：导出的内容有一处不合要求，导入时会被拒绝：{problem}", file=sys.stderr)
        _orphans(orphan_tasks(data), catalogue, name)
        sys.stdout.write(dumps(data))
        return 0
    try:
        written = write_exchange(data, args.out, catalogue, form)
    except FileWriteError as exc:
        return fail(str(exc), 1)
    for problem in written.problems:
        print(f"提示：导出的内容有一处不合要求，导入时会被拒绝：{problem}", file=sys.stderr)
    _orphans(written.orphans, catalogue, name)
    print(
        f"已导出“{name}”的报告到 {written.path}（{written.answers} 项任务，"
        f"其中 {written.filled} 项已填写）。",
        file=sys.stderr,
    )
    return 0


def _orphans(orphans: list[str], catalogue, name: str) -> None:
    if orphans:
        print(
            f"提示：任务{'、'.join(catalogue.ref(t) for t in orphans)}有填写内容，"
            f"但按单位名录不属于“{name}”，已照样导出。",
            file=sys.stderr,
        )


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.operations.exchange import (
        UnreadableFile,
        check_can_import,
        check_exchange_file,
        import_report,
    )
    from desktop.payload import PayloadError
    from desktop.services import Library, open_services
    from desktop.store import StoreError

    # The file first: one that cannot be imported must not create (or back up, or lock) the
    # data of a PC that has none yet.
    try:
        incoming = check_exchange_file(args.file, Library())
    except UnreadableFile as exc:
        return fail(str(exc))
    except PayloadError as exc:
        return _problems(args.file, exc.problems)
    except UserError as exc:  # the 要点 or the forms installed here cannot be used
        return fail(str(exc))
    try:
        services, notices = open_services()
    except StoreError as exc:
        return fail(f"没有导入：{exc}", 1)
    try:
        check_can_import(services)
        _notices(notices)
        _notices(incoming.notices)
        result = import_report(incoming, services)
    except PayloadError as exc:
        return _problems(args.file, exc.problems)
    except StoreError as exc:
        return fail(f"没有导入：{exc}", 1)
    except UserError as exc:
        return fail(str(exc))
    finally:
        services.store.close()
    _notices(result.notices)
    print(
        f"已导入“{result.unit}”的报告：写入 {result.written} 项，清空 {result.cleared} 项。",
        file=sys.stderr,
    )
    return 0


def _problems(path: Path, problems: list[str]) -> int:
    print(
        f"没有导入“{path.name}”：发现 {len(problems)} 处问题，请改正后重新导入。", file=sys.stderr
    )
    for problem in problems:
        print(problem, file=sys.stderr)
    return 2


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.store import StoreError, open_store

    try:
        opened = open_store(read_only=True, backup_on_open=False)
    except StoreError as exc:
        if exc.kind == "missing":
            print("数据库中还没有任何报告。")
            return 0
        return fail(str(exc), 1)
    with opened.store as store:
        reports = store.list_reports()
    if not reports:
        print("数据库中还没有任何报告。")
    status = {"draft": "草稿", "final": "定稿"}
    for r in reports:
        print(
            f"{r.unit}\t{r.catalogue_id}\t{status.get(r.status, r.status)}\t"
            f"已填 {r.answered_tasks} 项\t最后修改 {r.updated_at.replace('T', ' ')}"
        )
    return 0
