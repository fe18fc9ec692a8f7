"""工具 → “发送给牵头单位…” and “收集配合单位材料…”: the window side of :mod:`desktop.lead`.

Sending writes one contribution file per chosen lead unit. Collecting reads the files in the
background, asks about senders missing from the unit directory, stores the parts as
contributions of the open report and shows what happened — the open report stays open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.answers import FINAL
from desktop.fileio import FileWriteError
from desktop.lead import send
from desktop.lead.final import REOPENED_NOTE
from desktop.services import Services
from desktop.session import ReportSession
from desktop.ui import dialogs, worker
from desktop.ui.context import PageContext
from desktop.ui.folders import PARTS_IN, PARTS_OUT, Folders

COLLECT_FILTERS = "配合材料或报告 (*.json *.docx);;所有文件 (*)"
PART_FILTER = "配合材料 (*.json)"


# -- send my part --------------------------------------------------------------------------------
class SendDialog(QDialog):
    """Which lead units get a file: one check box per lead, with the tasks it would carry."""

    def __init__(
        self, parcels: list[send.Parcel], session: ReportSession, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("发送给牵头单位")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "本单位与下列牵头单位共同承担任务。勾选要发送的单位，每个单位生成一个文件"
            "（文件名写明由谁发给谁），请通过电子邮件或 U 盘交给对方。",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.boxes: dict[str, QCheckBox] = {}
        for parcel in parcels:
            ready = "、".join(session.catalogue.display_name(t, 24) for t in parcel.tasks)
            empty = "、".join(session.catalogue.display_name(t, 24) for t in parcel.empty)
            text = f"{parcel.lead}：{ready or '（共同承担的任务都还没有填写）'}"
            box = QCheckBox(text, self)
            box.setChecked(bool(parcel.tasks))
            box.setEnabled(bool(parcel.tasks))
            layout.addWidget(box)
            if empty:
                note = QLabel(f"　　尚未填写、不会发送：{empty}", self)
                note.setWordWrap(True)
                note.setStyleSheet("color:#5f6368;")
                layout.addWidget(note)
            self.boxes[parcel.lead] = box
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton("生成文件…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[str]:
        return [lead for lead, box in self.boxes.items() if box.isChecked() and box.isEnabled()]


def send_to_lead(parent: QWidget, session: ReportSession, folders: Folders) -> list[Path]:
    """Write the contribution file(s); returns the files written."""
    from desktop.operations.lead import NothingToSend, default_path, plan_sending, write_parts

    try:
        sending = plan_sending(session.payload(), session.catalogue, session.directory)
    except NothingToSend as exc:
        dialogs.info(parent, "没有可发送的内容", str(exc))
        return []
    if len(sending.parcels) == 1:
        lead = sending.parcels[0].lead
        suggested = folders.suggest(PARTS_OUT, send.file_name(sending.sender, lead))
        target = dialogs.save_path(parent, "发送给牵头单位", suggested, PART_FILTER)
        if not target:
            return []
        targets = {lead: Path(target)}
    else:
        dialog = SendDialog(sending.parcels, session, parent)
        if dialogs.run_dialog(dialog) != QDialog.DialogCode.Accepted or not dialog.chosen():
            return []
        folder = dialogs.directory(parent, "选择保存配合材料的文件夹", folders.start(PARTS_OUT))
        if not folder:
            return []
        targets = {lead: default_path(sending, lead, Path(folder)) for lead in dialog.chosen()}
    try:
        written = write_parts(sending, targets)
    except FileWriteError as exc:
        dialogs.error(parent, "无法生成文件", str(exc))
        return []
    folders.remember(PARTS_OUT, str(written[0].path))
    lines = [f"· 给{w.lead}：{w.path.name}（{sending.names(w.tasks)}）" for w in written]
    dialogs.info(
        parent,
        "已生成配合材料",
        "已生成 {} 个文件，保存在 {}：\n{}\n\n请把文件通过电子邮件或 U 盘交给牵头单位；"
        "对方在本程序中用“工具 → 收集配合单位材料…”收入。".format(
            len(written), written[0].path.parent, "\n".join(lines)
        ),
    )
    return [w.path for w in written]


# -- collect parts -------------------------------------------------------------------------------
class CollectResultDialog(QDialog):
    """What was collected, replaced, skipped and refused, one line each."""

    def __init__(self, summary: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("收集配合单位材料")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.details = QPlainTextEdit("\n".join(lines), self)
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


def collect_parts(parent: QWidget, services: Services, ctx: PageContext, folders: Folders) -> bool:
    """Ask for files or a folder and collect them into the open report in the background.

    A final report is said to become a draft first (the clerk may cancel); once parts are
    stored, :meth:`PageContext.parts_edited` makes it one and refreshes the panels. Returns
    False when nothing was started."""
    from desktop.errors import UserError
    from desktop.operations.lead import collect_target

    session = ctx.session
    if session.read_only:
        dialogs.info(parent, "只读", "本窗口只能查看，不能收集材料。请在另一个窗口中操作。")
        return False
    try:
        target = collect_target(services, session.report_id)
    except UserError as exc:
        dialogs.error(parent, "无法收集", str(exc))
        return False
    if not target.led:
        dialogs.info(
            parent,
            "无需收集",
            f"要点没有指定“{session.unit_name}”牵头的任务，不需要收集配合单位材料。",
        )
        return False
    if not ctx.parts_may_change(parent, "收集配合单位材料"):
        return False
    choice = dialogs.ask(
        parent,
        "收集配合单位材料",
        "请选择配合单位发来的材料：可以选几个文件，也可以选存放材料的文件夹"
        "（其中的 .json 配合材料、交换文件和本程序导出的 .docx 报告都会读取）。"
        "只收入本单位牵头的任务，不会改动本单位已填写的内容。",
        ["选择文件…", "选择文件夹…", "取消"],
    )
    start = folders.start(PARTS_IN)
    if choice == 0:
        paths = dialogs.open_paths(parent, "选择配合单位材料", start, COLLECT_FILTERS, many=True)
    elif choice == 1:
        folder = dialogs.directory(parent, "选择存放配合单位材料的文件夹", start)
        paths = [folder] if folder else []
    else:
        return False
    if not paths:
        return False
    folders.remember(PARTS_IN, paths[0])
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def failed(exc: Exception) -> None:
        QGuiApplication.restoreOverrideCursor()
        if not isinstance(exc, UserError):
            raise exc  # a defect: the crash handler, not a message as if the clerk erred
        dialogs.error(parent, "收集失败", f"读取材料时出错：{exc}\n本单位的报告没有任何改动。")

    worker.run_in_background(
        lambda: target.read(paths),
        lambda plan: _store(parent, services, ctx, target, plan),
        failed,
    )
    return True


def _store(parent: QWidget, services: Services, ctx: PageContext, target, plan) -> None:
    from desktop.operations.lead import store_parts
    from desktop.store import StoreError

    QGuiApplication.restoreOverrideCursor()
    add = [
        name
        for name, entry in plan.unknown.items()
        if dialogs.ask(
            parent,
            "单位名录中没有这个单位",
            entry.question(),
            ["加入名录并收下", "不收"],
            default=1,
        )
        == 0
    ]
    try:
        result = store_parts(services, target, plan, add)
    except StoreError as exc:
        dialogs.error(parent, "没有收集", f"{exc}\n本单位的报告没有任何改动。")
        return
    session = ctx.session
    if result.used:
        reopened = session.status == FINAL
        ctx.parts_edited()
        if reopened:
            result.notes.append(REOPENED_NOTE)
    else:
        ctx.parts_changed.emit()  # history only: the report's content is the same
    dialog = CollectResultDialog(
        result.summary(session.catalogue), result.messages(session.catalogue), parent
    )
    dialogs.run_dialog(dialog)
