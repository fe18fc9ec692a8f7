"""The 工具 menu: exchange files (moving work between PCs, a 配合 unit sending its part to the
牵头 unit) and the unit's own Word template."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop.errors import UserError
from desktop.fileio import FileWriteError
from desktop.payload import PayloadError
from desktop.services import Services
from desktop.session import ReportSession
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


def import_exchange(parent: QWidget, services: Services, prepare=lambda: True) -> int | None:
    """Import a unit's report from an exchange file; returns the report id or None.

    ``prepare()`` runs just before anything is written (the window closes the open report, so
    no stale cache can overwrite what is imported); returning False cancels."""
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
        incoming = read_exchange_file(path, services)
        if incoming.existing_report is not None:
            answer = dialogs.ask(
                parent,
                "覆盖本机报告",
                f"本机已有“{incoming.unit}”的报告。导入后将以文件内容为准（本机原内容保留在各栏的历史版本中）。是否继续？",
                ["导入并覆盖", "取消"],
                default=1,
            )
            if answer != 0:
                return None
        if not prepare():
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
    dialogs.info(
        parent, "已导入", f"已导入“{result.unit}”的报告（{result.written} 项内容）。{notes}"
    )
    return result.report_id


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
