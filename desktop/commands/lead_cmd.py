"""``answers export --for-lead NAME`` and ``answers collect FILES…``: the 牵头 unit's parts.

The same results as 工具 → “发送给牵头单位…” / “收集配合单位材料…” in the wizard.

Exit codes: 0 done; 2 bad input (unknown unit or lead, nothing to send, some files refused —
the others are collected); 1 the data could not be read or written.
"""

from __future__ import annotations

import argparse
import sys

from desktop.commands import fail

ALL_LEADS = ("all", "全部")


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
    from desktop.fileio import FileWriteError, atomic_write
    from desktop.lead import send
    from desktop.payload import dumps

    try:
        found = load_unit_payload(args.unit, args.catalogue)
    except CommandFailed as exc:
        return fail(str(exc), exc.code)
    catalogue, directory = found.catalogue, found.directory
    parcels = send.parcels(found.data, catalogue, directory)
    if not parcels:
        return fail(f"要点中没有“{found.name}”与其他牵头单位共同承担的任务，不需要发送配合材料。")
    by_lead = {p.lead: p for p in parcels}
    wanted: list[str] = []
    for name in args.for_lead:
        if name.strip() in ALL_LEADS:
            wanted += [p.lead for p in parcels if p.tasks and p.lead not in wanted]
            continue
        unit = directory.unit(name)
        lead = unit.name if unit is not None else name.strip()
        if lead not in by_lead:
            choices = "、".join(by_lead)
            return fail(f"“{found.name}”没有与“{lead}”共同承担的任务。可发送给：{choices}。")
        if not by_lead[lead].tasks:
            empty = "、".join(catalogue.display_name(t, 20) for t in by_lead[lead].empty)
            return fail(
                f"与“{lead}”共同承担的任务（{empty}）还没有填写，没有可发送的内容。请先填写再发送。"
            )
        if lead not in wanted:
            wanted.append(lead)
    if not wanted:
        return fail("与各牵头单位共同承担的任务都还没有填写，没有可发送的内容。")
    out = args.out
    if len(wanted) > 1 and (out is None or not out.is_dir()):
        return fail("发送给多个牵头单位时，每个单位一个文件：请用 --out 指定一个已有的文件夹。")
    for lead in wanted:
        parcel = by_lead[lead]
        text = dumps(send.contribution(found.data, lead, parcel.tasks))
        if out is None:
            sys.stdout.write(text)
        else:
            target = out / send.file_name(found.name, lead) if out.is_dir() else out
            try:
                atomic_write(target, text.encode("utf-8"), "配合材料")
            except FileWriteError as exc:
                return fail(str(exc), 1)
            names = "、".join(catalogue.display_name(t, 20) for t in parcel.tasks)
            print(
                f"已把“{found.name}”发给“{lead}”的配合材料写入 {target}（{len(parcel.tasks)} 项：{names}）。",
                file=sys.stderr,
            )
        if parcel.empty:
            empty = "、".join(catalogue.display_name(t, 20) for t in parcel.empty)
            print(f"提示：与“{lead}”共同承担的 {empty} 尚未填写，未发送。", file=sys.stderr)
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    from desktop import catalogue as cat_mod
    from desktop import forms, units
    from desktop.catalogue import CatalogueError
    from desktop.lead.collect import collect_paths
    from desktop.schema import DataFileError
    from desktop.store import StoreError, open_store

    try:
        directory = units.load()
    except DataFileError as exc:
        return fail(str(exc))
    try:
        opened = open_store()
    except StoreError as exc:
        return fail(str(exc), 1)
    for notice in opened.notices:
        print(f"提示：{notice}", file=sys.stderr)
    store = opened.store
    try:
        if store.read_only:
            return fail("没有收集：数据已在另一个窗口中打开。请在该窗口中收集，或关闭它后再试。", 1)
        try:
            report_id = _lead_report(store, directory, args.unit, args.catalogue)
            info = store.report_info(report_id)
            catalogue = cat_mod.load(info.catalogue_id)
            form = forms.load(catalogue)
        except _NoReport as exc:
            return fail(str(exc))
        except (CatalogueError, DataFileError) as exc:
            return fail(str(exc))
        result = collect_paths(
            args.paths,
            store,
            report_id,
            catalogue,
            form,
            directory,
            ask_add_unit=lambda _entry: bool(args.add_units),
        )
    except StoreError as exc:
        return fail(f"没有收集：{exc}", 1)
    finally:
        store.close()
    print(f"“{info.unit}”收集配合单位材料：{result.summary(catalogue)}")
    for line in result.messages(catalogue):
        print(f"· {line}")
    if result.declined:
        print("如确是配合单位，请加 --add-units 重新收集，把这些单位加入单位名录并收下材料。")
    refused = result.plan is not None and result.plan.rejected
    return 2 if refused else 0


class _NoReport(Exception):
    pass


def _lead_report(store, directory, unit_arg: str | None, catalogue_id: str | None) -> int:
    reports = [r for r in store.list_reports() if catalogue_id in (None, r.catalogue_id)]
    if unit_arg:
        unit = directory.unit(unit_arg)
        name = unit.name if unit is not None else unit_arg.strip()
        mine = [r for r in reports if r.unit == name]
        if not mine:
            have = "、".join(r.unit for r in reports) or "无"
            raise _NoReport(
                f"本机没有“{name}”的报告（已有报告的单位：{have}）。"
                "请先在填报向导中选择该单位开始填写，再收集配合单位材料。"
            )
        return mine[0].id
    if len(reports) == 1:
        return reports[0].id
    if not reports:
        raise _NoReport("本机还没有任何报告。请先在填报向导中选择本单位开始填写，再收集材料。")
    have = "、".join(r.unit for r in reports)
    raise _NoReport(f"本机有多份报告（{have}），请用 --unit 指明为哪个牵头单位收集。")


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
