"""One task on the office's review screen: its text (split, merge), its item's title, the
parser's warnings beside it, who leads / is responsible / cooperates, and its figures."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.catalogue import ROLE_LABELS, ROLES
from desktop.ui import dialogs
from desktop.ui.office.review_figures import FiguresEditor
from desktop.units import Directory
from desktop.yearly.draft import MAX_NAME, DraftError, ReviewDraft, reach_problem

UNKNOWN_STYLE = "QComboBox { color: #b3261e; }"


class AssignmentTable(QTableWidget):
    """Rows of (unit or category, role); a name that reaches no unit of the directory (unknown,
    or a category without members) shows red."""

    changed = Signal()

    def __init__(self, draft: ReviewDraft, directory: Directory, task_id: str, parent=None):
        super().__init__(0, 3, parent)
        self.draft, self.directory, self.task_id = draft, directory, task_id
        self.setHorizontalHeaderLabels(["单位或类别", "责任", ""])
        self.verticalHeader().setVisible(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.names = directory.category_names() + [u.name for u in directory.units]
        for a in draft.task(task_id).assignments:
            self.add_row(a.unit, a.role)
        self.setMinimumHeight(self.verticalHeader().defaultSectionSize() * 4 + 30)

    def add_row(self, unit: str = "", role: str = "responsible") -> None:
        row = self.rowCount()
        self.insertRow(row)
        name = QComboBox()
        name.setEditable(True)
        name.addItems(self.names)
        if unit and unit not in self.names:
            name.insertItem(0, unit)
        name.setCurrentText(unit)
        name.lineEdit().setMaxLength(MAX_NAME)
        name.setAccessibleName("单位或类别")
        role_box = QComboBox()
        for value in ROLES:
            role_box.addItem(ROLE_LABELS[value], value)
        role_box.setCurrentIndex(ROLES.index(role))
        remove = QPushButton("删除")
        self.setCellWidget(row, 0, name)
        self.setCellWidget(row, 1, role_box)
        self.setCellWidget(row, 2, remove)
        name.currentTextChanged.connect(lambda _t: self._commit())
        role_box.currentIndexChanged.connect(lambda _i: self._commit())
        remove.clicked.connect(lambda _=False, box=name: self._remove(box))
        self._mark(name)

    def rows(self) -> list[tuple[str, str]]:
        out = []
        for row in range(self.rowCount()):
            name, role = self.cellWidget(row, 0), self.cellWidget(row, 1)
            out.append((name.currentText(), role.currentData()))
        return out

    def name_box(self, row: int) -> QComboBox:
        return self.cellWidget(row, 0)

    def role_box(self, row: int) -> QComboBox:
        return self.cellWidget(row, 1)

    def _mark(self, box: QComboBox) -> None:
        why = reach_problem(box.currentText(), self.directory) if box.currentText().strip() else ""
        box.setStyleSheet(UNKNOWN_STYLE if why else "")
        box.setToolTip(f"{why}：请改为名录中的单位或类别" if why else "")

    def _remove(self, box: QComboBox) -> None:
        for row in range(self.rowCount()):
            if self.cellWidget(row, 0) is box:
                self.removeRow(row)
                break
        self._commit()

    def _commit(self) -> None:
        for row in range(self.rowCount()):
            self._mark(self.name_box(row))
        self.draft.set_assignments(self.task_id, self.rows())
        self.changed.emit()


class TaskEditor(QWidget):
    changed = Signal()  # the draft changed (save, refresh marks)
    restructured = Signal(str)  # split or merge: the task to show after the tree is rebuilt

    def __init__(self, draft: ReviewDraft, directory: Directory, task_id: str, parent=None):
        super().__init__(parent)
        self.draft, self.directory, self.task_id = draft, directory, task_id
        cat = draft.catalogue
        task = draft.task(task_id)
        layout = QVBoxLayout(self)
        line = draft.lines.get(task_id)
        where = f"　<span style='color:#5f6368'>原文第{line}行起</span>" if line else ""
        self.heading = QLabel(f"<b>{html.escape(cat.display_name(task_id, 40))}</b>{where}")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        title_row = QHBoxLayout()
        title_row.addWidget(QLabel("条目标题"))
        self.item_title = QLineEdit(draft.item_of(task_id).title)
        self.item_title.setAccessibleName("条目标题")
        title_row.addWidget(self.item_title, 1)
        layout.addLayout(title_row)

        self.text = QPlainTextEdit(task.text)
        self.text.setAccessibleName("任务原文")
        spacing = self.text.fontMetrics().lineSpacing()
        self.text.setMinimumHeight(spacing * 5 + 12)
        self.text.setMaximumHeight(spacing * 9 + 12)  # the assignments stay in view below it
        layout.addWidget(self.text)
        buttons = QHBoxLayout()
        self.split_button = QPushButton("在光标处拆分为两项任务")
        self.merge_button = QPushButton("与本条的下一项合并")
        item = draft.item_of(task_id)
        self.merge_button.setEnabled(item.tasks[-1] is not task)
        buttons.addWidget(self.split_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes.setStyleSheet("color:#8a5300;background-color:#fff4d6;padding:4px;")
        layout.addWidget(self.notes)

        who = QGroupBox("责任分工（牵头 / 负责 / 配合）")
        who_layout = QVBoxLayout(who)
        self.assignments = AssignmentTable(draft, directory, task_id, who)
        who_layout.addWidget(self.assignments)
        self.add_unit_button = QPushButton("添加单位或类别")
        row = QHBoxLayout()
        row.addWidget(self.add_unit_button)
        row.addStretch(1)
        who_layout.addLayout(row)
        layout.addWidget(who, 2)

        figures = QGroupBox("要求填报的数据")
        fig_layout = QVBoxLayout(figures)
        self.figures = FiguresEditor(draft, task_id, directory, figures)
        fig_layout.addWidget(self.figures)
        layout.addWidget(figures)
        layout.addStretch(1)

        self.item_title.textEdited.connect(self._title_edited)
        self.text.textChanged.connect(self._text_edited)
        self.split_button.clicked.connect(self.split)
        self.merge_button.clicked.connect(self.merge)
        self.add_unit_button.clicked.connect(self._add_unit)
        self.assignments.changed.connect(self._changed)
        self.figures.changed.connect(self._changed)
        self.show_notes()

    def show_notes(self) -> None:
        lines = [f"⚠ {w}" for w in self.draft.warnings_for(self.task_id)]
        lines += [
            f"{'✗' if p.blocking else '⚠'} {p.message.split('：', 1)[-1]}"
            for p in self.draft.problems(self.directory)
            if p.task_id == self.task_id
        ]
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))

    def _changed(self) -> None:
        self.show_notes()
        self.changed.emit()

    def _title_edited(self, text: str) -> None:
        self.draft.set_item_title(self.task_id, text)
        self._changed()

    def _text_edited(self) -> None:
        self.draft.set_task_text(self.task_id, self.text.toPlainText())
        self._changed()

    def _add_unit(self) -> None:
        self.assignments.add_row("", "responsible")
        box = self.assignments.name_box(self.assignments.rowCount() - 1)
        box.setFocus()

    def split(self) -> None:
        offset = self.text.textCursor().position()
        # The editor's text may carry spaces the draft stripped: cut in the draft's text.
        offset = len(self.text.toPlainText()[:offset].lstrip())
        try:
            new_id = self.draft.split_task(self.task_id, offset)
        except DraftError as exc:
            dialogs.warn(self, "无法拆分", str(exc))
            return
        self.changed.emit()
        self.restructured.emit(new_id)

    def merge(self) -> None:
        try:
            kept = self.draft.merge_with_next(self.task_id)
        except DraftError as exc:
            dialogs.warn(self, "无法合并", str(exc))
            return
        self.changed.emit()
        self.restructured.emit(kept)
