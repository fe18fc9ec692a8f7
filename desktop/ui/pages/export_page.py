"""导出报告: a faithful preview, then the Word file — written off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QWidget

from desktop import report
from desktop.answers import FINAL
from desktop.errors import UserError
from desktop.fileio import FileWriteError
from desktop.lead.desk import lead_rows
from desktop.operations.report import job_for_session
from desktop.report.contrib_table import add_contributions
from desktop.settings import Settings
from desktop.ui import dialogs, folders, worker
from desktop.ui.context import PageContext
from desktop.ui.folders import Folders
from desktop.ui.pages.base import Page


class ExportPage(Page):
    key = "export"

    def __init__(self, ctx: PageContext, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "导出报告", "", parent)
        self.settings = settings
        self.folders = Folders(settings)
        # Opens a file or folder with the system's program; False when none could (Qt's own
        # answer — kept as an attribute so a test can stand in for a PC without WPS/Word).
        self.opener = QDesktopServices.openUrl
        self.last_path: Path | None = None
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.body.addWidget(self.preview, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.body.addWidget(self.message)
        row = QHBoxLayout()
        self.export_button = QPushButton("导出 Word 报告(&E)…", self)
        self.open_button = QPushButton("打开文件(&O)", self)
        self.folder_button = QPushButton("打开所在文件夹", self)
        for b in (self.export_button, self.open_button, self.folder_button):
            row.addWidget(b)
        row.addStretch(1)
        self.body.addLayout(row)
        self.open_button.setEnabled(False)
        self.folder_button.setEnabled(False)
        self.export_button.clicked.connect(self.choose_and_export)
        self.open_button.clicked.connect(lambda: self._open(self.last_path))
        self.folder_button.clicked.connect(
            lambda: self._open(self.last_path.parent if self.last_path else None)
        )
        # No refresh() here: pages are prebuilt in idle time, and the preview reads (and
        # flushes) the store. ReportView.show_page() refreshes it when the clerk opens it.

    def refresh(self) -> None:
        session = self.ctx.session
        problems = [p for p in session.problems() if p.kind == "missing"]
        state = "已定稿" if session.status == FINAL else "草稿"
        hint = f"当前为{state}。" + (
            f"还有 {len(problems)} 处必填内容未填写，导出的将是不完整的草稿。" if problems else ""
        )
        self.subtitle_label.setText(hint + "下面是报告的预览（版式以导出的 Word 文件为准）。")
        self.subtitle_label.show()
        self.ctx.autosave.flush_now(seal=True)
        payload = session.payload()
        model = report.compose_report(payload, session.catalogue, session.form)
        model = add_contributions(model, lead_rows(session))
        self.preview.setHtml(report.to_html(model))

    def choose_and_export(self) -> None:
        self.ctx.autosave.flush_now(seal=True)
        job = job_for_session(self.ctx.session, self.settings)
        suggested = self.folders.suggest(folders.REPORT, job.default_name())
        target = dialogs.save_path(self, "导出 Word 报告", suggested, "Word 文档 (*.docx)")
        if target:
            self.export_to(Path(target))

    def export_to(self, target: Path) -> None:
        self.ctx.autosave.flush_now(seal=True)
        job = job_for_session(self.ctx.session, self.settings)
        self.export_button.setEnabled(False)
        self.message.setText(f"正在导出到 {target} …")
        worker.run_in_background(
            lambda: job.write(target), self._done, lambda exc: self._failed(exc, target)
        )

    def _done(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.last_path = Path(path)
        self.open_button.setEnabled(True)
        self.folder_button.setEnabled(True)
        self.folders.remember(folders.REPORT, str(self.last_path))
        self.message.setText(f"已导出：{self.last_path}")

    def _failed(self, exc: Exception, target: Path) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, FileWriteError):
            self.message.setText(str(exc))
            if exc.suggestion is not None:
                choice = dialogs.ask(
                    self, "无法导出", str(exc), [f"另存为“{exc.suggestion.name}”", "取消"]
                )
                if choice == 0:
                    self.export_to(exc.suggestion)
                return
            dialogs.error(self, "无法导出", str(exc))
            return
        if isinstance(exc, UserError):
            # Already a whole Chinese sentence saying what to change (发文机关名称, 模板).
            self.message.setText(str(exc))
            dialogs.error(self, "无法导出", str(exc))
            return
        from desktop.ui import crash

        message = crash.describe(exc, "导出报告")
        self.message.setText(f"导出失败：{message}")
        dialogs.error(
            self,
            "导出失败",
            f"导出失败：{message}\n您填写的内容不受影响。请换一个位置或文件名再试。",
        )

    def _open(self, path: Path | None) -> None:
        if path is None:
            return
        if self.opener(QUrl.fromLocalFile(str(path))):
            return
        if path.is_dir():
            dialogs.warn(
                self,
                "无法打开文件夹",
                f"没能打开文件夹：\n{path}\n请在“此电脑”或资源管理器中按这个位置找到它。",
            )
            return
        # No program opens .docx on this PC (or it failed): say so, and offer the folder.
        choice = dialogs.ask(
            self,
            "无法打开文件",
            f"这台电脑上没有找到能打开 Word 文档（.docx）的程序，报告没能打开：\n{path}\n\n"
            "报告已经保存好了。可以打开它所在的文件夹，把它拷到装有 WPS 或 Word 的电脑上打开，"
            "或直接报送。",
            ["打开所在文件夹", "关闭"],
        )
        if choice == 0:
            self._open(path.parent)


__all__ = ["ExportPage"]
