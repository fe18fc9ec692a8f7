"""Every modal dialog of the office window goes through one :class:`Dialogs` object.

Tests answer the dialogs by giving it a script (``dialogs.script = [...]``): each question
takes the next answer instead of opening a modal window, and is recorded in ``asked`` — so a
test never hangs on ``exec()``. Without a script the real Qt dialogs are shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

REPORT_FILTER = "报告文件（*.docx *.json）;;Word 报告（*.docx）;;交换文件（*.json）"


class UnexpectedDialog(AssertionError):
    """A scripted run reached a dialog nobody answered."""


class Dialogs:
    def __init__(self) -> None:
        self.script: list[Any] | None = None
        self.asked: list[tuple[str, str, str]] = []  # (kind, title, text)

    def _scripted(self, kind: str, title: str, text: str = "") -> tuple[bool, Any]:
        self.asked.append((kind, title, text))
        if self.script is None:
            return False, None
        if not self.script:
            raise UnexpectedDialog(f"没有为对话框准备答案：{kind} {title} {text}")
        return True, self.script.pop(0)

    def open_files(self, parent: QWidget | None, title: str) -> list[str]:
        scripted, answer = self._scripted("open_files", title)
        if scripted:
            return list(answer or [])
        files, _ = QFileDialog.getOpenFileNames(parent, title, "", REPORT_FILTER)
        return files

    def open_folder(self, parent: QWidget | None, title: str) -> str:
        scripted, answer = self._scripted("open_folder", title)
        if scripted:
            return str(answer or "")
        return QFileDialog.getExistingDirectory(parent, title)

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filter: str) -> str:
        scripted, answer = self._scripted("save_file", title, suggested)
        if scripted:
            return str(answer or "")
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter)
        return path

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        scripted, _ = self._scripted("error", title, text)
        if not scripted:
            QMessageBox.warning(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        scripted, _ = self._scripted("info", title, text)
        if not scripted:
            QMessageBox.information(parent, title, text)
