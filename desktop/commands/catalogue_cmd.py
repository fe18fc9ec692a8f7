"""``catalogue show | import | tasks``: the 要点 as data, and who must report on what."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop import catalogue as cat_mod
from desktop import oserrors, paths
from desktop.catalogue import ROLE_LABELS, CatalogueError
from desktop.commands import fail
from desktop.fileio import FileWriteError, atomic_write
from desktop.numerals import cn_number
from desktop.schema import DataFileError, load_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("catalogue", help="要点目录：查看、导入、查询单位任务")
    csub = p.add_subparsers(dest="catalogue_command", metavar="子命令")

    show = csub.add_parser("show", help="显示内置（或指定）的要点目录")
    show.add_argument("--json", action="store_true", help="输出 JSON")
    show.add_argument("--catalogue", default=cat_mod.BUILTIN_ID, metavar="ID", help="要点目录编号")
    show.set_defaults(func=cmd_show)

    imp = csub.add_parser(
        "import",
        help="解析一份要点文件（.txt 或 .docx），或读取市政府办公厅的要点发布文件（.json），输出目录 JSON",
    )
    imp.add_argument("file", type=Path, help="要点文件或要点发布文件")
    imp.add_argument("--out", type=Path, help="写入此文件（默认输出到屏幕）")
    imp.add_argument("--id", help="目录编号（默认按年份和文号生成）")
    imp.add_argument("--install", action="store_true", help="同时安装到数据目录，供填报向导选用")
    imp.set_defaults(func=cmd_import)

    pub = csub.add_parser(
        "publish", help="把校对后的要点连同填报数据项写成发布文件（下一版），发给各单位导入"
    )
    pub.add_argument("catalogue", metavar="ID", help="要点目录编号（已导入本机的要点）")
    pub.add_argument("--out", type=Path, required=True, help="发布文件（.json）")
    pub.set_defaults(func=cmd_publish)

    tasks = csub.add_parser("tasks", help="列出某单位需要报告的任务及责任类型")
    tasks.add_argument("--unit", required=True, help="单位名称，如 市财政局、中山区")
    tasks.add_argument("--json", action="store_true", help="输出 JSON")
    tasks.add_argument("--catalogue", default=cat_mod.BUILTIN_ID, metavar="ID")
    tasks.set_defaults(func=cmd_tasks)

    p.set_defaults(func=lambda a: (p.print_help(), 2)[1])


def _load(catalogue_id: str) -> cat_mod.Catalogue:
    return cat_mod.load(catalogue_id)


def cmd_show(args: argparse.Namespace) -> int:
    try:
        catalogue = _load(args.catalogue)
    except CatalogueError as exc:
        return fail(str(exc))
    if args.json:
        sys.stdout.write(catalogue.dumps())
        return 0
    out = [
        catalogue.notice_title or catalogue.title,
        f"{catalogue.doc_number}  {catalogue.date}",
        f"报送：{catalogue.report_to}，截止：{catalogue.deadline}",
        "",
    ]
    for s in catalogue.sections:
        out.append(f"{cn_number(s.no)}、{s.title}")
        for i in s.items:
            out.append(f"  （{cn_number(i.no)}）{i.title}")
            for t in i.tasks:
                roles = "；".join(f"{a.unit}{ROLE_LABELS[a.role]}" for a in t.assignments)
                out.append(f"      {catalogue.ref(t.id)}  {roles}")
    n_items = sum(len(s.items) for s in catalogue.sections)
    out.append("")
    out.append(
        f"共 {len(catalogue.sections)} 部分、{n_items} 条、{len(catalogue.task_ids())} 项任务"
    )
    print("\n".join(out))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from desktop import units
    from desktop.applicability import unknown_units
    from desktop.parser.structure import ParseError, SourceError, parse_file

    if args.id is not None and cat_mod.id_problem(args.id):
        return fail(f"无法导入：{cat_mod.id_problem(args.id)}")
    if args.file.suffix.lower() == ".json":
        return _import_publication(args)
    try:
        result = parse_file(args.file, args.id)
    except (SourceError, ParseError) as exc:
        return fail(f"无法导入：{exc}")
    catalogue = result.catalogue
    if args.install and (paths.forms_dir() / "catalogues" / f"{catalogue.id}.json").is_file():
        # A bundled catalogue shadows an installed one of the same id (catalogue.available).
        return fail(f"无法安装：编号“{catalogue.id}”已被内置目录使用，请用 --id 换一个编号。")
    warnings = [str(w) for w in result.warnings]
    try:
        directory = units.load()
    except DataFileError as exc:
        directory = None
        warnings.append(f"单位名录无法读取，未核对单位名称：{exc}")
    if directory is not None:
        for task_id, name in unknown_units(catalogue, directory):
            line = result.clause_lines.get(task_id) or result.task_lines.get(task_id, 0)
            warnings.append(
                f"第{line}行：任务{catalogue.ref(task_id)}中的单位“{name}”不在单位名录中，导入后请在名录中添加。"
            )
    for w in warnings:
        print(f"提示：{w}", file=sys.stderr)
    text = catalogue.dumps()
    try:
        if args.out:
            atomic_write(args.out, text.encode("utf-8"), "要点目录")
        if args.install:
            from desktop.yearly.installing import install_parsed

            added = install_parsed(result, directory)
            target = paths.user_catalogues_dir() / f"{catalogue.id}.json"
            print(f"已安装要点目录“{catalogue.id}”：{target}", file=sys.stderr)
            for task_id, figures in added.items():
                labels = "、".join(f"“{f['label']}”" for f in figures)
                print(
                    f"提示：任务{catalogue.ref(task_id)}按要点的要求增加填报数据：{labels}",
                    file=sys.stderr,
                )
    except (FileWriteError, CatalogueError) as exc:
        return fail(f"无法保存：{exc}")
    except OSError as exc:
        return fail(oserrors.message(exc, paths.user_catalogues_dir(), "保存要点目录到"))
    if not args.out:
        sys.stdout.write(text)
    n_items = sum(len(s.items) for s in catalogue.sections)
    print(
        f"识别出 {len(catalogue.sections)} 部分、{n_items} 条、{len(catalogue.task_ids())} 项任务，"
        f"{len(warnings)} 条提示。",
        file=sys.stderr,
    )
    return 0


def cmd_tasks(args: argparse.Namespace) -> int:
    from desktop import units
    from desktop.applicability import tasks_for

    try:
        catalogue = _load(args.catalogue)
        directory = units.load()
    except (CatalogueError, DataFileError) as exc:
        return fail(str(exc))
    unit = directory.unit(args.unit)
    if unit is None:
        close = directory.closest(args.unit)
        hint = f"，您是不是要找：{'、'.join(close)}" if close else "。可在填报向导中添加新单位"
        return fail(f"单位名录中没有“{args.unit}”{hint}")
    found = tasks_for(catalogue, directory, unit)
    if args.json:
        sys.stdout.write(
            json.dumps([a.to_json() for a in found], ensure_ascii=False, indent=2) + "\n"
        )
        return 0
    for a in found:
        task = catalogue.task(a.task_id)
        mark = "（相关部门，可选）" if a.optional else ""
        ref = catalogue.ref(a.task_id).ljust(6, "\u3000")  # full-width: the columns line up
        print(f"{ref}  {ROLE_LABELS[a.role]}{mark}  {task.text[:30]}…")
    must = sum(1 for a in found if not a.optional)
    print(
        f"\n{unit.name}：必须报告 {must} 项，另有 {len(found) - must} 项相关部门任务可选择是否适用。"
    )
    return 0


def _import_publication(args: argparse.Namespace) -> int:
    from desktop.store import StoreError
    from desktop.yearly import installing
    from desktop.yearly import publication as pub_mod

    try:
        pub = pub_mod.read(args.file)
    except pub_mod.PublicationError as exc:
        return fail(f"无法导入：{exc}")
    if args.id and args.id != pub.id:
        return fail(f"无法导入：发布文件中的要点编号是“{pub.id}”，不能改为“{args.id}”。")
    if not args.install:
        text = pub.catalogue.dumps()
        try:
            if args.out:
                atomic_write(args.out, text.encode("utf-8"), "要点目录")
            else:
                sys.stdout.write(text)
        except (FileWriteError, OSError) as exc:
            return fail(f"无法保存：{exc}")
        print(f"{pub.label()}：{len(pub.catalogue.task_ids())} 项任务。", file=sys.stderr)
        return 0
    store = _open_store_quietly()
    try:
        counts = (lambda cid: _count_reports(store, cid)) if store else None
        try:
            from desktop import units

            plan = installing.plan(pub, counts, units.load())
        except (pub_mod.PublicationError, DataFileError) as exc:
            return fail(f"无法导入：{exc}")
        print(plan.message(), file=sys.stderr)
        if not plan.can_install:
            return 0 if plan.state == installing.SAME else 1
        try:
            installing.install(plan, store)
        except (FileWriteError, OSError, StoreError) as exc:
            return fail(f"无法导入：{exc}")
        print(f"已导入{pub.label()}。", file=sys.stderr)
        return 0
    finally:
        if store is not None:
            store.close()


def _open_store_quietly():
    """The unit's store, to move answers of renumbered tasks; None when there is none yet."""
    from desktop.store import StoreError, open_store

    if not paths.database_path().is_file():
        return None
    try:
        opened = open_store(paths.data_dir())
    except StoreError as exc:
        print(f"提示：无法打开本机的报告数据（{exc}），已填写的报告未随编号调整。", file=sys.stderr)
        return None
    if opened.store.read_only:
        opened.store.close()
        print("提示：报告数据正在程序中打开，已填写的报告未随编号调整。", file=sys.stderr)
        return None
    return opened.store


def _count_reports(store, catalogue_id: str) -> int:
    return sum(1 for r in store.list_reports() if r.catalogue_id == catalogue_id)


def cmd_publish(args: argparse.Namespace) -> int:
    from desktop.yearly.draft import DraftError, ReviewDraft
    from desktop.yearly.review import ReviewService

    service = ReviewService()
    try:
        if service.exists(args.catalogue):
            draft = service.load(args.catalogue)
        else:
            catalogue = _load(args.catalogue)
            if (paths.forms_dir() / "catalogues" / f"{catalogue.id}.json").is_file():
                return fail(f"“{catalogue.id}”是本程序内置的要点，不需要发布。")
            fields = paths.user_fields_dir() / f"{catalogue.id}.json"
            figures = load_json(fields).get("tasks", {}) if fields.is_file() else {}
            draft = ReviewDraft(catalogue, figures)
        for problem in draft.problems(service.directory):
            if not problem.blocking:
                print(f"提示：{problem.message}", file=sys.stderr)
        done = service.publish(draft, args.out)
    except (CatalogueError, DraftError, DataFileError) as exc:
        return fail(f"无法发布：{exc}")
    except (ValueError, KeyError) as exc:
        return fail(f"无法发布：本机的填报数据文件有误（{exc}）")
    except (FileWriteError, OSError) as exc:
        return fail(f"无法发布：{exc}")
    if done.changes is not None:
        for line in done.changes.lines():
            print(f"与上一版相比：{line}", file=sys.stderr)
    print(f"已发布{done.publication.label()}：{done.path}", file=sys.stderr)
    return 0
