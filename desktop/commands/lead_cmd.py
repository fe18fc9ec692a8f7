"""``answers export --for-lead NAME`` and ``answers collect FILES…``: the 牵头 unit's parts.

The same results as 工具 → “发送给牵头单位…” / “收集配合单位材料…” in the wizard.

Exit codes: 0 done; 2 bad input (unknown unit or lead, nothing to send, some files refused —
the others are collected); 1 the data could not be read or written.
"""

from __future__ import annotations

import argparse
import sys

from desktop.commands import fail, open_data


def register_collect(asub: argparse._SubParsersAction) -> None:
    col = asub.add_parser(
        "collect",
        help="牵头单位：收集配合单位发来的材料（配合材料、交换文件或 .docx 报告，文件或文件夹）",
    )
    col.add_argument("paths", nargs="+", metavar="FILES_OR_DIRS", help="材料文件或文件夹")
    col.add_argument("--unit", help="牵头单位名称（本机只有一份报告时可省略）")
    col.add_argument("--catalogue", default=None, metavar="ID", help="要点目录编号")
    col.add_argument(
        "--add-units",
        action="store_true",
        help="材料来自单位名录中没有的单位时，把它加入名录并收下（默认不收，并列出）",
    )
    col.set_defaults(func=cmd_collect)


def cmd_export_for_lead(args: argparse.Namespace) -> int:
    from desktop.commands.unit_report import CommandFailed, load_unit_payload
    from desktop.fileio import FileWriteError
    from desktop.operations.lead import (
        NothingToSend,
        choose_leads,
        default_path,
        plan_sending,
        write_parts,
    )

    try:
        found = load_unit_payload(args.unit, args.catalogue)
        sending = plan_sending(found.data, found.catalogue, found.directory)
        wanted = choose_leads(sending, args.for_lead, found.directory)
    except (CommandFailed, NothingToSend) as exc:
        return fail(str(exc), getattr(exc, "code", 2))
    out = args.out
    if len(wanted) > 1 and (out is None or not out.is_dir()):
        return fail("发送给多个牵头单位时，每个单位一个文件：请用 --out 指定一个已有的文件夹。")
    if out is None:
        sys.stdout.write(sending.text(wanted[0]))
        empty = sending.parcel(wanted[0]).empty
        if empty:
            print(
                f"提示：与“{wanted[0]}”共同承担的 {sending.names(empty)} 尚未填写，未发送。",
                file=sys.stderr,
            )
        return 0
    targets = {lead: default_path(sending, lead, out) if out.is_dir() else out for lead in wanted}
    try:
        written = write_parts(sending, targets)
    except FileWriteError as exc:
        return fail(str(exc), 1)
    for part in written:
        print(
            f"已把“{sending.sender}”发给“{part.lead}”的配合材料写入 {part.path}"
            f"（{len(part.tasks)} 项：{sending.names(part.tasks)}）。",
            file=sys.stderr,
        )
        if part.empty:
            print(
                f"提示：与“{part.lead}”共同承担的 {sending.names(part.empty)} 尚未填写，未发送。",
                file=sys.stderr,
            )
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    from desktop.errors import UserError
    from desktop.operations.lead import collect, find_lead_report
    from desktop.store import StoreError

    try:
        services = open_data()
    except StoreError as exc:
        return fail(str(exc), 1)
    try:
        if services.store.read_only:
            return fail("没有收集：数据已在另一个窗口中打开。请在该窗口中收集，或关闭它后再试。", 1)
        try:
            report_id = find_lead_report(services, args.unit, args.catalogue)
            info = services.store.report_info(report_id)
            result = collect(
                services, report_id, args.paths, add_unit=lambda _entry: bool(args.add_units)
            )
        except StoreError as exc:
            return fail(f"没有收集：{exc}", 1)
        except UserError as exc:
            return fail(str(exc))
        catalogue = services.catalogue(info.catalogue_id)
    finally:
        services.store.close()
    print(f"“{info.unit}”收集配合单位材料：{result.summary(catalogue)}")
    for line in result.messages(catalogue):
        print(f"· {line}")
    if result.declined:
        print("如确是配合单位，请加 --add-units 重新收集，把这些单位加入单位名录并收下材料。")
    refused = result.plan is not None and result.plan.rejected
    return 2 if refused else 0


def smoke_step(ctx) -> str:
    """``smoke``: send the trial report's part to a lead and collect it in a second database
    (the frozen bundle must carry desktop.lead and its readers)."""
    from desktop.commands import SmokeFailure
    from desktop.fileio import atomic_write
    from desktop.lead import send
    from desktop.lead.collect import collect_paths
    from desktop.payload import dumps
    from desktop.store import open_store
    from desktop.store.contributions import Contributions

    ready = [p for p in send.parcels(ctx.payload, ctx.catalogue, ctx.directory) if p.tasks]
    if not ready:
        return "跳过（试填的任务中没有与牵头单位共同承担的）"
    parcel = ready[0]
    path = ctx.out / send.file_name(ctx.unit, parcel.lead)
    doc = send.contribution(ctx.payload, parcel.lead, parcel.tasks)
    atomic_write(path, dumps(doc).encode("utf-8"), "配合材料")
    store = open_store(ctx.root / "data-lead").store
    try:
        rid = store.create_report(parcel.lead, ctx.catalogue.id)
        result = collect_paths(
            [path], store, rid, ctx.catalogue, ctx.form, ctx.directory, lambda _u: False
        )
        got = [(c.task_id, c.unit) for c in Contributions(store).current(rid)]
    finally:
        store.close()
    if got != [(t, ctx.unit) for t in parcel.tasks]:
        lines = "；".join(result.messages(ctx.catalogue)[:3]) or "没有收到任何材料"
        raise SmokeFailure(f"牵头单位没能收下配合材料：{lines}")
    return f"通过（{path.name}，{parcel.lead}收到 {len(got)} 项任务的材料）"
