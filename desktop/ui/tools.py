"""The 工具 menu: exchange files (moving work between PCs, a 配合 unit sending its part to the
牵头 unit) and the unit's own Word template."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop.errors import UserError
from desktop.fileio import FileWriteError
from desktop.payload import PayloadError
from desktop.services import Services
from desktop.session import ReportSession
from desktop.textclean import quoted
from desktop.ui import dialogs
from desktop.ui.folders import EXCHANGE, TEMPLATE, Folders


def export_exchange(parent: QWidget, session: ReportSession, folders: Folders) -> Path | None:
    from desktop.operations.exchange import default_name, write_exchange

    data = session.payload()
    suggested = folders.suggest(EXCHANGE, default_name(data))
    target = dialogs.save_path(parent, "导出交换文件", suggested, "交换文件 (*.json)")
    if not target:
        return None
    folders.remember(EXCHANGE, target)
    try:
        written = write_exchange(data, Path(target), session.catalogue, session.form)
    except FileWriteError as exc:
        dialogs.error(parent, "无法导出", str(exc))
        return None
    dialogs.info(
        parent,
        "已导出",
        f"已导出到 {written.path}\n可拷到另一台电脑，或发给牵头单位，用“导入交换文件”打开。",
    )
    return written.path


@dataclass(frozen=True)
class Imported:
    report_id: int
    unit: str
    open_it: bool  # the clerk chose to switch to it


def import_exchange(
    parent: QWidget,
    services: Services,
    current: str | None = None,
    prepare: Callable[[], bool] = lambda: True,
) -> Imported | None:
    """Import a unit's report from an exchange file, after saying whose it is and asking.

    *current* is the unit whose report is open (None on the start page). Another unit's file
    becomes a separate report and the window stays unless the clerk chooses to open it.
    ``prepare()`` runs just before the open report itself is overwritten (the window closes
    it, so no stale cache can overwrite what is imported); returning False cancels."""
    from desktop.operations.exchange import check_can_import, import_report, read_exchange_file

    try:
        check_can_import(services)
    except UserError as exc:
        dialogs.error(parent, "无法导入", str(exc))
        return None
    folders = Folders(services.settings)
    chosen = dialogs.open_paths(
        parent, "导入交换文件", folders.start(EXCHANGE), "交换文件 (*.json);;所有文件 (*)"
    )
    if not chosen:
        return None
    folders.remember(EXCHANGE, chosen[0])
    path = Path(chosen[0])
    try:
        # A file that cannot be imported says so at once, before any question about it.
        incoming = read_exchange_file(path, services)
        unit = incoming.unit
        exists = incoming.existing_report is not None
        open_it = _confirm_import(
            parent, path.name, incoming.data, unit, incoming.catalogue, exists, current
        )
        if open_it is None:
            return None
        if unit == current and not prepare():
            return None
        result = import_report(incoming, services)
    except PayloadError as exc:
        shown = "\n".join(exc.problems[:15]) + (
            f"\n……另有 {len(exc.problems) - 15} 处" if len(exc.problems) > 15 else ""
        )
        dialogs.error(parent, "无法导入", f"{path.name} 有以下问题，未导入任何内容：\n{shown}")
        return None
    except UserError as exc:
        dialogs.error(parent, "无法导入", f"{path.name}：{exc}")
        return None
    notes = "\n".join(result.notices)
    where = "" if open_it else "可在“文件 → 切换或新建报告”中打开它。"
    dialogs.info(
        parent,
        "已导入",
        f"已导入“{result.unit}”的报告（{result.written} 项内容）。{where}{notes}",
    )
    return Imported(result.report_id, result.unit, open_it)


def _confirm_import(
    parent: QWidget,
    file_name: str,
    data: dict,
    unit: str,
    catalogue,
    exists: bool,
    current: str | None,
) -> bool | None:
    """Say whose report the file holds and what importing does; True: import and open it,
    False: import and stay, None: cancelled."""
    from desktop import answers

    status = "定稿" if data.get("status") == answers.FINAL else "草稿"
    given = data.get("answers") if isinstance(data.get("answers"), dict) else {}
    filled = sum(1 for a in given.values() if isinstance(a, dict) and answers.has_content(a))
    profile = data.get("profile") if isinstance(data.get("profile"), dict) else {}
    date = profile.get("report_date") if isinstance(profile.get("report_date"), str) else ""
    about = f"“{file_name}”是{quoted(unit or '未写明单位')}的报告（{catalogue.label()}，{status}，"
    about += f"{filled} 项任务已填写" + (f"，报告日期 {date}" if date else "") + "）。\n\n"
    if unit == current:
        text = about + (
            "它就是当前打开的报告。导入后将以文件内容为准，本机原内容保留在各栏的历史版本中。"
        )
        choice = dialogs.ask(parent, "导入交换文件", text, ["导入并覆盖", "取消"], default=1)
        return True if choice == 0 else None
    if exists:
        text = (
            about
            + f"本机已有{quoted(unit)}的报告：导入后将以文件内容为准，本机原内容保留在各栏的历史版本中。"
        )
    else:
        text = about + "导入后，它将作为本机上的一份单独的报告保存。"
    if current:
        text += f"当前打开的{quoted(current)}的报告不受影响。"
        stay = f"导入，留在{quoted(current)}"
    else:
        stay = "导入，暂不打开"
    choice = dialogs.ask(
        parent, "导入交换文件", text, [f"导入并打开{quoted(unit)}的报告", stay, "取消"], default=2
    )
    return {0: True, 1: False}.get(choice)


def choose_template(parent: QWidget, services: Services) -> None:
    from desktop.operations.report import choose_template as use_template

    folders = Folders(services.settings)
    chosen = dialogs.open_paths(
        parent, "选择报告 Word 模板", folders.start(TEMPLATE), "Word 文档 (*.docx)"
    )
    if not chosen:
        return
    folders.remember(TEMPLATE, chosen[0])
    try:
        path = use_template(services.settings, Path(chosen[0]))
    except UserError as exc:
        dialogs.error(parent, "模板不可用", str(exc))
        return
    dialogs.info(parent, "已设置", f"今后导出的报告将使用模板“{path.name}”。")


def reset_template(parent: QWidget, services: Services) -> None:
    from desktop.operations.report import reset_template as use_builtin

    try:
        use_builtin(services.settings)
    except UserError as exc:
        dialogs.error(parent, "无法保存设置", str(exc))
        return
    dialogs.info(parent, "已恢复", "今后导出的报告将使用内置的公文模板（GB/T 9704-2012）。")
