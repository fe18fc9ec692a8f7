"""Evidence entries: where the unit published what it did (title + URL and/or a local file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.forms import FieldSpec
from desktop.textclean import clean_pasted
from desktop.ui import dialogs
from desktop.ui.field_editor import FieldEditor

COLUMNS = (("title", "标题（栏目或文件名称）"), ("url", "网址"), ("path", "本机文件"))


class EvidenceEditor(FieldEditor):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QWidget(self)
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(COLUMNS), box)
        self.table.setHorizontalHeaderLabels([c[1] for c in COLUMNS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        rows = self.table.fontMetrics().lineSpacing() + 10
        self.table.setMinimumHeight(rows * 4 + self.table.horizontalHeader().sizeHint().height())
        outer.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("添加一条(&A)", box)
        self.file_button = QPushButton("选择本机文件…", box)
        self.remove_button = QPushButton("删除所选", box)
        for b in (self.add_button, self.file_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.layout_.addWidget(box)
        self.add_button.clicked.connect(self.add_row)
        self.file_button.clicked.connect(self.pick_file)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(self._item_changed)

    def add_row(self, entry: dict | None = None) -> int:
        entry = entry if isinstance(entry, dict) else {}
        was_loading = self._loading
        self._loading = True
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, (key, _) in enumerate(COLUMNS):
            self.table.setItem(row, col, QTableWidgetItem(str(entry.get(key, ""))))
        self._loading = was_loading
        if not was_loading:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))
        return row

    def pick_file(self) -> None:
        row = self.table.currentRow()
        chosen = dialogs.open_paths(self, "选择本机文件", "", "所有文件 (*)")
        if not chosen:
            return
        if row < 0:
            row = self.add_row()
        self.table.item(row, 2).setText(chosen[0])
        if not self.table.item(row, 0).text().strip():
            self.table.item(row, 0).setText(Path(chosen[0]).stem)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows:
            self.table.removeRow(r)
        if rows:
            self._emit()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        text = item.text()
        cleaned = clean_pasted(text).replace("\n", " ").strip()
        if cleaned != text:
            item.setText(cleaned)
            return
        self._emit()

    def _load(self, value: Any) -> None:
        self.table.setRowCount(0)
        for entry in value if isinstance(value, list) else []:
            self.add_row(entry)

    def value(self) -> list[dict]:
        out = []
        for r in range(self.table.rowCount()):
            entry = {
                key: (self.table.item(r, c).text().strip() if self.table.item(r, c) else "")
                for c, (key, _) in enumerate(COLUMNS)
            }
            if any(entry.values()):
                out.append(entry)
        return out

    def focus_target(self) -> QWidget:
        return self.table
