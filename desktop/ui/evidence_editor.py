"""Evidence entries: where the unit published what it did — a name (网站栏目, 文件, 媒体报道)
and, when it is online, its address.

Local files are no longer offered: a file chosen on the clerk's PC never went
with the report (only its path was stored), so offering it suggested something untrue. What
the office can check is a published title and an address. Entries saved by earlier versions
keep their file, shown by its name only (never a path cut short) in a read-only column, so
nothing a clerk entered disappears; the report prints the file name, never the path.
"""

from __future__ import annotations

from pathlib import PureWindowsPath
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.forms import FieldSpec
from desktop.payload_rules import MAX_EVIDENCE, MAX_EVIDENCE_TEXT
from desktop.textclean import clean_pasted, quoted
from desktop.ui import dialogs
from desktop.ui.field_editor import FieldEditor

TITLE, URL, FILE = 0, 1, 2
HEADERS = ("名称（网站栏目、文件或媒体报道）", "网址（没有可不填）", "本机文件（不随报告报送）")
PATH_ROLE = Qt.ItemDataRole.UserRole


def file_name(path: str) -> str:
    """The name of a file from a Windows or POSIX path (backslashes included)."""
    return PureWindowsPath(path).name if path else ""


class EvidenceEditor(FieldEditor):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QWidget(self)
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(HEADERS), box)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(URL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnHidden(FILE, True)  # shown only for entries that carry a file
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName(spec.label)
        rows = self.table.fontMetrics().lineSpacing() + 10
        self.table.setMinimumHeight(rows * 4 + self.table.horizontalHeader().sizeHint().height())
        outer.addWidget(self.table)
        self.file_note = QLabel(
            "“本机文件”是以前版本中选择的文件：文件本身不会随报告报送，报告中只写文件名。"
            "请在“名称”中写明文件标题；已在网上公开的，请填写网址。",
            box,
        )
        self.file_note.setWordWrap(True)
        self.file_note.setStyleSheet("color:#5f6368;")
        self.file_note.hide()
        outer.addWidget(self.file_note)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("添加一条(&A)", box)
        self.remove_button = QPushButton("删除所选", box)
        for b in (self.add_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.layout_.addWidget(box)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(self._item_changed)

    def add_row(self, entry: dict | None = None) -> int:
        entry = entry if isinstance(entry, dict) else {}
        if not self._loading and self.table.rowCount() >= MAX_EVIDENCE:
            dialogs.warn(
                self, "条目太多", f"每项任务最多填写 {MAX_EVIDENCE} 条公开载体，请合并或精简。"
            )
            return self.table.rowCount() - 1
        was_loading = self._loading
        self._loading = True
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, TITLE, QTableWidgetItem(str(entry.get("title", "") or "")))
        self.table.setItem(row, URL, QTableWidgetItem(str(entry.get("url", "") or "")))
        path = str(entry.get("path", "") or "")
        item = QTableWidgetItem(file_name(path))
        item.setData(PATH_ROLE, path)  # kept as entered; only the name is ever shown
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if path:
            item.setToolTip("这个文件不会随报告报送，报告中只写文件名。")
        self.table.setItem(row, FILE, item)
        self._loading = was_loading
        self._show_file_column()
        if not was_loading:
            self.table.setCurrentCell(row, TITLE)
            self.table.editItem(self.table.item(row, TITLE))
        return row

    def _show_file_column(self) -> None:
        any_file = any(
            self.table.item(r, FILE) and self.table.item(r, FILE).data(PATH_ROLE)
            for r in range(self.table.rowCount())
        )
        self.table.setColumnHidden(FILE, not any_file)
        self.file_note.setVisible(any_file)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows:
            self.table.removeRow(r)
        if rows:
            self._show_file_column()
            self._emit()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() == FILE:
            return
        text = item.text()
        cleaned = clean_pasted(text).replace("\n", " ").strip()
        if len(cleaned) > MAX_EVIDENCE_TEXT:
            # The exchange file and 汇总 refuse a longer one: the office would reject the
            # whole report. Say so here, where it was pasted, and keep what fits.
            cleaned = cleaned[:MAX_EVIDENCE_TEXT]
            column = HEADERS[item.column()].split("（", 1)[0]
            dialogs.warn(
                self,
                "内容太长",
                f"{quoted(column)}一栏最多 {MAX_EVIDENCE_TEXT} 字，粘贴的内容只保留了前 "
                f"{MAX_EVIDENCE_TEXT} 字。这里只需写明栏目、文件或报道的名称和网址，"
                "具体做法请写在“主要做法”中。",
            )
        if cleaned != text:
            item.setText(cleaned)
            return
        self._emit()

    def _load(self, value: Any) -> None:
        self.table.setRowCount(0)
        for entry in value if isinstance(value, list) else []:
            self.add_row(entry)
        self._show_file_column()

    def value(self) -> list[dict]:
        out = []
        for r in range(self.table.rowCount()):
            cells = [self.table.item(r, c) for c in (TITLE, URL, FILE)]
            entry = {
                "title": cells[0].text().strip() if cells[0] else "",
                "url": cells[1].text().strip() if cells[1] else "",
                "path": str(cells[2].data(PATH_ROLE) or "") if cells[2] else "",
            }
            if any(entry.values()):
                out.append(entry)
        return out

    def focus_target(self) -> QWidget:
        return self.table
