"""``smoke [--gui]``: prove that this copy of the program works, without touching anyone's data.

Used by the packaging build on the frozen bundle (``zwgk-cli smoke --gui``), by CI, and by an
administrator after installing on a new PC. Every step works in a fresh temporary folder —
never the user's data directory, whatever ``--data-dir`` or ``ZWGK_DATA_DIR`` say — and the
folder is removed at the end (``--keep`` leaves it for a look).

Steps: the bundled files are where :mod:`desktop.paths` says; the catalogue, the forms and the
unit directory load; a temp database opens; a report is created, answers are saved and read
back after reopening; the exchange payload is exported, re-imported into a second database and
compared; a .docx is written, checked against GB/T 9704 and its embedded data read back; the
.docx is consolidated and the 汇总表 written; with ``--gui`` the real window starts offscreen on that data, shows, loads and quits.

Exit 0 when every step passed; 1 with a Chinese message naming the failed step.
Qt is imported only by the ``--gui`` step.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop import APP_NAME, __version__, paths
from desktop.catalogue import BUILTIN_ID
from desktop.commands import SmokeFailure
from desktop.payload_types import Payload

DEFAULT_UNIT = "市财政局"
GUI_TIMEOUT_S = 90


@dataclass
class Context:
    root: Path
    unit: str
    gui: bool
    data: Path = field(init=False)
    out: Path = field(init=False)
    catalogue: Any = None
    form: Any = None
    directory: Any = None
    report_id: int | None = None
    payload: Payload | None = None
    payload_file: Path | None = None
    docx: Path | None = None

    def __post_init__(self) -> None:
        self.data = self.root / "data"
        self.out = self.root / "导出"
        self.out.mkdir(parents=True)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "smoke",
        help="自检：在临时文件夹中走一遍填报、导出、检查（不动您的数据）",
        description="自检：检查程序文件是否完整、能否正常填报和导出。全部在临时文件夹中进行，"
        "不读写您的数据。通过时退出码为 0。",
    )
    p.add_argument(
        "--gui", action="store_true", help="同时在后台启动一次填报窗口（不显示在屏幕上）"
    )
    p.add_argument("--unit", default=DEFAULT_UNIT, help=f"用哪个单位试填（默认 {DEFAULT_UNIT}）")
    p.add_argument("--keep", action="store_true", help="保留临时文件夹，便于查看导出的文件")
    p.set_defaults(func=cmd_smoke)


def cmd_smoke(args: argparse.Namespace) -> int:
    root = Path(tempfile.mkdtemp(prefix="zwgk-smoke-"))
    previous = paths._override  # restored at the end, for callers running main() in-process
    ctx = Context(root, args.unit, args.gui)
    paths.set_data_dir(ctx.data)  # never the user's data, whatever was asked for
    how = "打包版本" if getattr(sys, "frozen", False) else "源码运行"
    print(f"{APP_NAME} {__version__} 自检（{how}）")
    print(f"临时文件夹：{root}（不会读写您的数据）")
    steps = _steps(ctx)
    started = time.perf_counter()
    try:
        for n, (title, step) in enumerate(steps, 1):
            t0 = time.perf_counter()
            try:
                result = step(ctx)
            except SmokeFailure as exc:
                return _failed(n, len(steps), title, str(exc))
            except Exception as exc:  # noqa: BLE001 - any crash is a failed self-check
                return _failed(n, len(steps), title, f"{type(exc).__name__}: {exc}", True)
            took = time.perf_counter() - t0
            print(f"[{n}/{len(steps)}] {title}：{result or '通过'}（{took:.1f} 秒）", flush=True)
    finally:
        paths.set_data_dir(previous)
        if args.keep:
            print(f"已保留临时文件夹：{root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print(f"自检通过：{len(steps)} 项全部正常（共 {time.perf_counter() - started:.1f} 秒）。")
    return 0


def _failed(n: int, total: int, title: str, reason: str, details: bool = False) -> int:
    print(f"[{n}/{total}] {title}：未通过", flush=True)
    print(
        f"自检未通过：第 {n} 步“{title}”出错：{reason}\n"
        "程序文件可能不完整或已损坏。请重新安装本程序；如仍不通过，"
        "请把这段文字截图发给技术支持人员。",
        file=sys.stderr,
    )
    if details:
        print("技术细节：", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
    return 1


def _steps(ctx: Context) -> list[tuple[str, Callable[[Context], str | None]]]:
    steps: list[tuple[str, Callable[[Context], str | None]]] = [
        ("检查程序自带的文件", step_resources),
        ("读取要点目录、填报表单和单位名录", step_catalogue),
        ("新建临时数据库并试填报告", step_fill),
        ("导出交换文件并重新导入", step_exchange),
        ("导出 Word 报告并检查格式", step_docx),
        ("汇总报告并生成汇总表", step_consolidate),
        ("发送配合材料并由牵头单位收集", _lead_step),
        ("发布新要点，导入并沿用去年的报告", _yearly_step),
    ]
    if ctx.gui:
        steps.append(("启动填报窗口（后台，不显示）", step_gui))
    return steps


def _lead_step(ctx: Context) -> str:
    from desktop.commands.lead_cmd import smoke_step

    return smoke_step(ctx)


def _yearly_step(ctx: Context) -> str:
    from desktop.yearly.smoke import smoke_step

    return smoke_step(ctx)


# -- steps -------------------------------------------------------------------------------------


def step_resources(ctx: Context) -> str:
    root = paths.resource_root()
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen and Path(frozen).resolve() != root.resolve():
        raise SmokeFailure(f"程序文件位置不对：应在 {frozen}，实际为 {root}")
    missing = [
        str(p)
        for p in (
            paths.forms_dir() / "catalogues" / f"{BUILTIN_ID}.json",
            paths.forms_dir() / "units.json",
            paths.forms_dir() / "fields" / "common.json",
            paths.forms_dir() / "schema",
        )
        if not p.exists()
    ]
    templates = paths.templates_dir()
    if not any(templates.glob("*.docx")):
        missing.append(str(templates / "*.docx"))
    if missing:
        raise SmokeFailure("缺少程序文件：" + "；".join(missing))
    if ctx.data.resolve() != paths.data_dir().resolve():
        raise SmokeFailure(f"数据目录没有指向临时文件夹：{paths.data_dir()}")
    return f"通过（程序文件在 {root}）"


def step_catalogue(ctx: Context) -> str:
    from desktop import catalogue, forms, units
    from desktop.applicability import tasks_for

    ctx.catalogue = catalogue.load_builtin()
    ctx.directory = units.load()
    ctx.form = forms.load(ctx.catalogue, directory=ctx.directory)
    unit = ctx.directory.unit(ctx.unit)
    if unit is None:
        raise SmokeFailure(f"单位名录中没有“{ctx.unit}”，请用 --unit 指定名录中的单位")
    tasks = tasks_for(ctx.catalogue, ctx.directory, unit)
    if not tasks:
        raise SmokeFailure(f"“{ctx.unit}”没有需要报告的任务，要点目录或单位名录有误")
    n_items = sum(len(s.items) for s in ctx.catalogue.sections)
    return (
        f"通过（{len(ctx.catalogue.sections)} 部分、{n_items} 条、"
        f"{len(ctx.catalogue.task_ids())} 项任务；{ctx.unit} 需报告 {len(tasks)} 项）"
    )


def _fill_values(n: int, done: str) -> dict[str, str]:
    return {
        "status": done,
        "measures": f"自检填写的主要做法第{n}条：在政府网站开设专栏，按月公开相关信息。",
        "results": f"自检填写的取得成效第{n}条：公开信息累计 {n * 12} 条，访问量明显提升。",
    }


def step_fill(ctx: Context) -> str:
    from desktop.answers import task_scope
    from desktop.services import open_services
    from desktop.store import open_store

    services, notices = open_services()  # as the window opens the data
    try:
        if services.store.read_only:
            raise SmokeFailure("临时数据库只能以只读方式打开：" + "；".join(notices))
        ctx.report_id = services.start_report(ctx.unit, BUILTIN_ID)
        session = services.open_session(ctx.report_id)
        tasks = session.answer_tasks()[:3]
        for n, task in enumerate(tasks, 1):
            for key, value in _fill_values(n, ctx.form.statuses.done).items():
                session.set_value(task_scope(task.task_id), key, value)
        session.set_value("profile", "report_date", "2016-11-28")
        error = session.flush()
        if error is not None:
            raise SmokeFailure(f"保存填写内容失败：{error}")
    finally:
        services.store.close()
    # Read back through a fresh connection: what was saved is really in the file.
    reopened = open_store(read_only=True, backup_on_open=False)
    try:
        values = reopened.store.load_values(ctx.report_id)
    finally:
        reopened.store.close()
    for n, task in enumerate(tasks, 1):
        got = values.get(task_scope(task.task_id), {})
        if got.get("measures") != _fill_values(n, ctx.form.statuses.done)["measures"]:
            raise SmokeFailure(f"重新打开数据库后，任务{task.title}的填写内容不见了")
    db = paths.database_path()
    return f"通过（{db.name}，{db.stat().st_size // 1024} KB，试填 {len(tasks)} 项任务）"


def step_exchange(ctx: Context) -> str:
    from desktop.fileio import atomic_write
    from desktop.payload import check_header, dumps, parse, validate
    from desktop.store import open_store
    from desktop.store.exchange import apply_payload, export_payload

    opened = open_store(read_only=True, backup_on_open=False)
    try:
        assert ctx.report_id is not None
        ctx.payload = export_payload(
            opened.store, ctx.report_id, ctx.catalogue, ctx.form, ctx.directory
        )
    finally:
        opened.store.close()
    problems = validate(ctx.payload, ctx.catalogue, ctx.form)
    if problems:
        raise SmokeFailure("导出的报告数据不合要求：" + "；".join(problems[:5]))
    ctx.payload_file = ctx.out / f"{ctx.unit}.json"
    atomic_write(ctx.payload_file, dumps(ctx.payload).encode("utf-8"), "交换文件")
    data = parse(ctx.payload_file.read_bytes())
    if check_header(data):
        raise SmokeFailure("导出的交换文件读不回来：" + "；".join(check_header(data)))
    second = open_store(ctx.root / "data-import")
    try:
        apply_payload(second.store, data, ctx.catalogue, ctx.form, ctx.directory)
        report_id = second.store.find_report(ctx.payload["unit"], ctx.catalogue.id)
        if report_id is None:
            raise SmokeFailure("导入交换文件后找不到报告")
        again = export_payload(second.store, report_id, ctx.catalogue, ctx.form, ctx.directory)
    finally:
        second.store.close()
    if again["answers"] != ctx.payload["answers"]:
        raise SmokeFailure("交换文件导入后再导出，内容与原来不一致")
    size = ctx.payload_file.stat().st_size
    return f"通过（{ctx.payload_file.name}，{size // 1024 or 1} KB，导入后内容一致）"


def step_docx(ctx: Context) -> str:
    from desktop import docx_payload
    from desktop.payload import parse
    from desktop.report import check_docx, export_report

    assert ctx.payload is not None
    ctx.docx = export_report(ctx.payload, ctx.catalogue, ctx.form, ctx.out / "报告.docx")
    if not ctx.docx.is_file() or ctx.docx.stat().st_size == 0:
        raise SmokeFailure(f"没有写出 Word 文件：{ctx.docx}")
    # The trial report is a draft: its 草稿 mark on every page is expected, nothing else.
    found = check_docx(ctx.docx)
    deviations = [d for d in found if d.where != "页眉"]
    if len(deviations) == len(found):
        raise SmokeFailure("导出的草稿没有“草稿”标记")
    if deviations:
        listed = "；".join(str(d) for d in deviations[:5])
        raise SmokeFailure(f"导出的报告有 {len(deviations)} 处不符合公文格式：{listed}")
    embedded = parse(docx_payload.read(ctx.docx))
    if embedded.get("answers") != ctx.payload["answers"]:
        raise SmokeFailure("Word 文件中内嵌的报告数据与填写内容不一致")
    return f"通过（{ctx.docx.name}，{ctx.docx.stat().st_size // 1024} KB，格式检查无问题）"


def step_consolidate(ctx: Context) -> str:
    from desktop.consolidate.officedb import OfficeDB
    from desktop.consolidate.service import OfficeService

    source = ctx.docx or ctx.payload_file
    assert source is not None
    service = OfficeService(OfficeDB(ctx.root / "office" / "office.db"))
    result = service.import_paths([source])
    if result.rejected or len(result.added) != 1:
        why = "；".join(str(r) for r in result.rejected[:3]) or "没有导入任何报告"
        raise SmokeFailure(f"汇总导入失败：{why}")
    xlsx = service.export_xlsx(ctx.out / "汇总表.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(xlsx, read_only=True)
    try:
        sheets = book.sheetnames
    finally:
        book.close()
    if not sheets:
        raise SmokeFailure("汇总表是空的")
    return f"通过（导入 {source.suffix} 报告 1 份，{xlsx.name} 共 {len(sheets)} 张工作表）"


def step_gui(ctx: Context) -> str:
    """The real window, as ``python main.py --quit-when-shown`` starts it, offscreen."""
    from desktop.ui.selftest import start_window  # Qt is imported only here

    check = start_window(GUI_TIMEOUT_S)
    for text in check.qt_messages:
        print(f"    Qt 提示：{text}")
    if check.timed_out:
        raise SmokeFailure(f"窗口在 {GUI_TIMEOUT_S} 秒内没有打开完毕")
    if check.dialogs:
        raise SmokeFailure("启动时弹出了提示：" + "；".join(check.dialogs))
    lines = check.lines
    if check.code != 0 or "shown" not in lines or not any(x.startswith("ready") for x in lines):
        raise SmokeFailure(f"窗口没有正常打开（退出码 {check.code}，输出：{' / '.join(lines)}）")
    where = check.translations
    if check.cancel != "取消":
        raise SmokeFailure(
            f"Qt 的中文翻译没有载入（{where / 'qtbase_zh_CN.qm'}），按钮会显示英文“{check.cancel}”"
        )
    return f"通过（窗口已显示并载入数据；按钮为中文，翻译文件在 {where}）"
