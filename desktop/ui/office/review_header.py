"""The 要点 as a whole on the office's review screen: title, 文号, dates, report-to office,
section titles, the warnings that concern no single task, and the names that reach no unit
of the directory (unknown, or a category without members) — each can be mapped to directory
units or categories in every task at once."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.numerals import cn_number
from desktop.ui import dialogs
from desktop.ui.office.review_figures import clear_layout
from desktop.units import Directory
from desktop.yearly.draft import HEADER_FIELDS, DraftError, ReviewDraft, reach_problem


class NameMapDialog(QDialog):
    """Pick the directory units or categories a name of the 要点 stands for."""

    def __init__(self, name: str, directory: Directory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"“{name}”对应名录中的哪些单位")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"要点中的“{name}”{reach_problem(name, directory)}。请勾选它所指的类别或单位；"
            "所有写有它的任务都会改为所选的单位或类别，责任类型不变。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.search = QLineEdit()
        self.search.setPlaceholderText("输入名称筛选，如：先导区、财政")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.list = QListWidget()
        for category in directory.categories:
            if not category.all_units:
                self._add(category.name, f"{category.name}（类别）")
        for unit in directory.units:
            self._add(unit.name, unit.name)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._filter)
        self.resize(460, 520)

    def _add(self, name: str, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.list.addItem(item)

    def _filter(self, text: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(text.strip()) and text.strip() not in item.text())

    def check(self, names: list[str]) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) in names:
                item.setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[str]:
        return [
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]


class HeaderEditor(QWidget):
    changed = Signal()
    names_mapped = Signal()  # assignments changed in many tasks

    def __init__(self, draft: ReviewDraft, directory: Directory, parent=None) -> None:
        super().__init__(parent)
        self.draft, self.directory = draft, directory
        layout = QVBoxLayout(self)
        head = QGroupBox("要点信息")
        form = QFormLayout(head)
        self.fields: dict[str, QLineEdit] = {}
        for name, label in HEADER_FIELDS.items():
            edit = QLineEdit(str(getattr(draft.catalogue, name)))
            edit.setAccessibleName(label)
            edit.textEdited.connect(lambda text, n=name: self._header(n, text))
            form.addRow(label, edit)
            self.fields[name] = edit
        for section in draft.catalogue.sections:
            edit = QLineEdit(section.title)
            edit.textEdited.connect(lambda text, no=section.no: self._section(no, text))
            form.addRow(f"第{cn_number(section.no)}部分标题", edit)
        layout.addWidget(head)

        self.names_box = QGroupBox("没有对应单位的名称")
        self.names_layout = QVBoxLayout(self.names_box)
        layout.addWidget(self.names_box)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.setStyleSheet("color:#8a5300;background-color:#fff4d6;padding:4px;")
        layout.addWidget(self.notes)
        layout.addStretch(1)
        self.map_buttons: dict[str, QPushButton] = {}
        self.refresh()

    def refresh(self) -> None:
        clear_layout(self.names_layout)
        self.map_buttons.clear()
        unknown = self.draft.unknown_names(self.directory)
        if not unknown:
            done = QLabel("要点中的单位和类别都能对应到单位名录中的单位。")
            done.setStyleSheet("color:#26734d;")
            self.names_layout.addWidget(done)
        for name in unknown:
            tasks = [
                self.draft.catalogue.ref(t.id)
                for t in self.draft.catalogue.tasks()
                if any(a.unit == name for a in t.assignments)
            ]
            row = QHBoxLayout()
            why = reach_problem(name, self.directory)
            label = QLabel(f"“{html.escape(name)}”（{why}）：{'、'.join(tasks)}")
            label.setWordWrap(True)
            row.addWidget(label, 1)
            button = QPushButton("对应到名录中的单位…")
            button.clicked.connect(lambda _=False, n=name: self.map_name(n))
            row.addWidget(button)
            self.map_buttons[name] = button
            self.names_layout.addLayout(row)
        lines = [f"⚠ {w}" for w in self.draft.warnings_for(None)]
        lines += [f"✗ {p.message}" for p in self.draft.problems() if p.task_id is None]
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))

    def map_name(self, name: str) -> None:
        dialog = NameMapDialog(name, self.directory, self)
        if dialogs.run_dialog(dialog) != QDialog.DialogCode.Accepted.value:
            return
        try:
            self.draft.map_name(name, dialog.chosen())
        except DraftError as exc:
            dialogs.warn(self, "未对应", str(exc))
            return
        self.refresh()
        self.names_mapped.emit()
        self.changed.emit()

    def _header(self, name: str, text: str) -> None:
        self.draft.set_header(name, text)
        self.changed.emit()

    def _section(self, no: int, text: str) -> None:
        self.draft.set_section_title(no, text)
        self.changed.emit()
