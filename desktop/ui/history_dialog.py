"""Earlier wording of one field, from the store's revisions; pick one to restore it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.session import ReportSession
from desktop.textclean import quoted
from desktop.ui import dialogs


def _preview(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    text = value if isinstance(value, str) else str(value)
    first = text.strip().splitlines()[0] if text.strip() else "（空白）"
    return (first[:40] + "…") if len(first) > 40 or "\n" in text.strip() else first


class HistoryDialog(QDialog):
    def __init__(
        self,
        session: ReportSession,
        scope: str,
        key: str,
        label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{quoted(label)}的历史版本")
        self.resize(760, 460)
        self.revisions = session.history(scope, key)
        layout = QVBoxLayout(self)
        if not self.revisions:
            layout.addWidget(QLabel("这一栏还没有保存过的历史版本。", self))
        row = QHBoxLayout()
        self.list = QListWidget(self)
        for rev in self.revisions:
            item = QListWidgetItem(f"{rev.at.replace('T', ' ')}  {_preview(rev.new)}")
            self.list.addItem(item)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        row.addWidget(self.list, 2)
        row.addWidget(self.text, 3)
        layout.addLayout(row, 1)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(
            "恢复此版本(&R)", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.restore_button.setEnabled(False)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if self.revisions:
            self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.revisions):
            value = self.revisions[row].new
            self.text.setPlainText(
                value if isinstance(value, str) else ("" if value is None else str(value))
            )
            self.restore_button.setEnabled(True)

    def selected_value(self) -> Any:
        row = self.list.currentRow()
        return self.revisions[row].new if 0 <= row < len(self.revisions) else None

    def run(self) -> Any:
        """The value to restore, or None."""
        if dialogs.run_dialog(self) == QDialog.DialogCode.Accepted:
            value = self.selected_value()
            return "" if value is None else value
        return None
