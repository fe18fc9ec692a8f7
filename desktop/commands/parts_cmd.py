"""``answers parts``: the 牵头 unit's collected parts — list, ``--remove UNIT``, ``--restore UNIT``.

The same as the 配合单位材料 panel of a task page in the wizard (“删除…”, “恢复已删除的材料…”).
Tasks are cited as the 要点 numbers them: ``--task 一（三）``, ``--task 一（二）之二``.

Exit codes: 0 done; 2 bad input (unknown unit or task, nothing to remove or restore — one
Chinese line); 1 the data could not be read or written (another window has it open, …).
"""

from __future__ import annotations

import argparse

from desktop.commands import fail, open_data


def register_parts(asub: argparse._SubParsersAction) -> None:
    parts = asub.add_parser(
        "parts",
        help="牵头单位：列出收到的配合单位材料，删除误收的一份（--remove）或恢复误删的一份（--restore）",
    )
    parts.add_argument("--unit", help="牵头单位名称（本机只有一份报告时可省略）")
    parts.add_argument(
        "--task", metavar="编号", help="任务，按要点的编号写，如 一（三）、一（二）之二"
    )
    what = parts.add_mutually_exclusive_group()
    what.add_argument("--remove", metavar="配合单位", help="删除该单位发来的这项任务的材料")
    what.add_argument("--restore", metavar="配合单位", help="恢复该单位这项任务最近被删除的材料")
    parts.add_argument("--catalogue", default=None, metavar="ID", help="要点目录编号")
    parts.set_defaults(func=cmd_parts)


def cmd_parts(args: argparse.Namespace) -> int:
    from desktop.errors import UserError
    from desktop.operations import parts
    from desktop.store import StoreError

    changing = args.remove if args.remove is not None else args.restore
    if changing is not None and not args.task:
        verb = "删除" if args.remove is not None else "恢复"
        return fail(f"请用 --task 指明{verb}哪项任务的材料，如 --task 一（三）。")
    try:
        services = open_data()
    except StoreError as exc:
        return fail(str(exc), 1)
    try:
        try:
            desk = parts.open_desk(services, args.unit, args.catalogue)
            if args.remove is not None:
                lines = parts.remove_part(desk, args.task, args.remove).lines
            elif args.restore is not None:
                lines = parts.restore_part(desk, args.task, args.restore).lines
            else:
                task_id = parts.task_of(desk, args.task) if args.task else None
                listed = parts.listing(desk, task_id)
                lines = [f"“{desk.unit.name}”收到的配合单位材料："] + listed
                if not listed:
                    lines = [
                        f"“{desk.unit.name}”还没有收到配合单位材料（用 answers collect 收集）。"
                    ]
        except StoreError as exc:
            if changing is None:
                return fail(str(exc), 1)
            return fail(f"{'没有删除' if args.remove is not None else '没有恢复'}：{exc}", 1)
        except UserError as exc:
            return fail(str(exc))
    finally:
        services.store.close()
    for line in lines:
        print(line)
    return 0
