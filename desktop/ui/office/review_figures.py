"""The figures a task asks for, on the office's review screen: edit, confirm, drop, add one
suggested from the text or a blank one, limit one to some units (``applies_to``). Every change
goes to the draft at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.yearly.draft import FIGURE_TYPES, ReviewDraft

NUMERIC = ("integer", "decimal")


def _number(text: str) -> float | int | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def clear_layout(layout) -> None:
    """Remove and delete everything in *layout*, nested layouts included."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())
            item.layout().deleteLater()


class FigureBox(QGroupBox):
    """One figure: 名称, 类型, 单位, 要求至少, 最大值, 要点要求, 报告中的写法, 计入合计."""

    changed = Signal()
    removed = Signal(str)  # key

    def __init__(self, draft: ReviewDraft, task_id: str, key: str, parent=None) -> None:
        super().__init__(parent)
        self.draft, self.task_id, self.key = draft, task_id, key
        fig = draft.figure(task_id, key)
        form = QFormLayout(self)
        self.label_edit = QLineEdit(fig.get("label", ""))
        self.label_edit.setMaxLength(40)
        self.type_box = QComboBox()
        for value, name in FIGURE_TYPES.items():
            self.type_box.addItem(name, value)
        self.type_box.setCurrentIndex(max(self.type_box.findData(fig.get("type")), 0))
        self.unit_edit = QLineEdit(fig.get("unit", ""))
        self.unit_edit.setMaxLength(10)
        self.demand_edit = QLineEdit(_shown(fig.get("demand_min")))
        self.max_edit = QLineEdit(_shown(fig.get("max")))
        for edit in (self.demand_edit, self.max_edit):
            edit.setValidator(QDoubleValidator(0, 1e9, 2, edit))
            edit.setPlaceholderText("不限")
        self.demand_text_edit = QLineEdit(fig.get("demand_text", ""))
        self.sentence_edit = QLineEdit(fig.get("sentence", ""))
        self.sentence_edit.setPlaceholderText("如：召开新闻发布会{value}次（{value} 处填入数字）")
        self.sum_box = QCheckBox("汇总时把各单位的数字相加")
        self.sum_box.setChecked(bool(fig.get("sum")))
        self.applies_edit = QLineEdit("、".join(fig.get("applies_to", ())))
        self.applies_edit.setPlaceholderText(
            "空：任务涉及的单位都填；如只要求市政府各部门填，写“市政府各部门”"
        )
        self.applies_edit.setAccessibleName("只要求这些单位填写")
        form.addRow("名称", self.label_edit)
        row = QHBoxLayout()
        row.addWidget(self.type_box)
        row.addWidget(QLabel("单位"))
        row.addWidget(self.unit_edit)
        form.addRow("类型", row)
        limits = QHBoxLayout()
        limits.addWidget(self.demand_edit)
        limits.addWidget(QLabel("最大值"))
        limits.addWidget(self.max_edit)
        form.addRow("要求至少", limits)
        form.addRow("要点要求", self.demand_text_edit)
        form.addRow("报告中写作", self.sentence_edit)
        form.addRow("只要求", self.applies_edit)
        form.addRow("", self.sum_box)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton("确认这个数据项")
        self.remove_button = QPushButton("删除")
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.remove_button)
        form.addRow(buttons)
        self._update_title()

        self.label_edit.textEdited.connect(lambda t: self._set(label=t.strip()))
        self.type_box.currentIndexChanged.connect(lambda _i: self._type_changed())
        self.unit_edit.textEdited.connect(lambda t: self._set(unit=t.strip()))
        self.demand_edit.textEdited.connect(lambda t: self._set(demand_min=_number(t)))
        self.max_edit.textEdited.connect(lambda t: self._set(max=_number(t)))
        self.demand_text_edit.textEdited.connect(lambda t: self._set(demand_text=t.strip()))
        self.sentence_edit.textEdited.connect(lambda t: self._set(sentence=t.strip()))
        self.sum_box.toggled.connect(lambda on: self._set(sum=True if on else None))
        self.applies_edit.textEdited.connect(self._applies_edited)
        self.confirm_button.clicked.connect(self._confirm)
        self.remove_button.clicked.connect(lambda: self.removed.emit(self.key))
        self._numeric_rows()

    def _update_title(self) -> None:
        suggested = self.draft.is_suggested(self.task_id, self.key)
        label = self.draft.figure(self.task_id, self.key).get("label", "")
        self.setTitle(f"{label}（按要点文字建议，请确认或修改）" if suggested else label)
        self.confirm_button.setVisible(suggested)

    def _set(self, **changes: object) -> None:
        self.draft.update_figure(self.task_id, self.key, **changes)
        self._update_title()
        self.changed.emit()

    def _applies_edited(self, text: str) -> None:
        names = [n.strip() for n in text.replace("，", "、").replace(",", "、").split("、")]
        self._set(applies_to=[n for n in names if n] or None)

    def _type_changed(self) -> None:
        kind = self.type_box.currentData()
        changes: dict[str, object] = {"type": kind}
        if kind not in NUMERIC:
            changes.update(demand_min=None, min=None, max=None, sum=None)
            self.demand_edit.clear()
            self.max_edit.clear()
            self.sum_box.setChecked(False)
        self._set(**changes)
        self._numeric_rows()

    def _numeric_rows(self) -> None:
        numeric = self.type_box.currentData() in NUMERIC
        for widget in (self.demand_edit, self.max_edit, self.unit_edit, self.sum_box):
            widget.setEnabled(numeric)

    def _confirm(self) -> None:
        self.draft.confirm_figure(self.task_id, self.key)
        self._update_title()
        self.changed.emit()


class FiguresEditor(QWidget):
    """Every figure of one task, then the suggestions not taken yet, then 添加数据项."""

    changed = Signal()

    def __init__(
        self, draft: ReviewDraft, task_id: str, directory=None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.draft, self.task_id, self.directory = draft, task_id, directory
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, FigureBox] = {}
        self.suggestion_buttons: list[QPushButton] = []
        self.rebuild()

    def rebuild(self) -> None:
        clear_layout(self.layout_)
        self.boxes.clear()
        self.suggestion_buttons.clear()
        figures = self.draft.figures_for(self.task_id)
        if not figures:
            empty = QLabel("这项任务没有要求填报的数据。要点对次数、频次、时限有要求时，可添加。")
            empty.setWordWrap(True)
            empty.setStyleSheet("color:#5f6368;")
            self.layout_.addWidget(empty)
        for fig in figures:
            box = FigureBox(self.draft, self.task_id, fig["key"], self)
            box.changed.connect(self.changed.emit)
            box.removed.connect(self._remove)
            self.boxes[fig["key"]] = box
            self.layout_.addWidget(box)
        for suggestion in self.draft.suggestions(self.task_id):
            button = QPushButton(f"添加建议的数据项：{suggestion.label}（据“{suggestion.source}”）")
            button.setStyleSheet("text-align:left;")
            button.clicked.connect(self._adder(suggestion.limited_to(self.directory)))
            self.suggestion_buttons.append(button)
            self.layout_.addWidget(button)
        self.add_button = QPushButton("添加数据项…")
        self.add_button.clicked.connect(self._add_blank)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.layout_.addLayout(row)

    def _adder(self, figure: dict) -> Callable[[], None]:
        def add() -> None:
            self.draft.add_figure(self.task_id, figure)
            self.rebuild()
            self.changed.emit()

        return add

    def _add_blank(self) -> None:
        self.draft.new_figure(self.task_id)
        self.rebuild()
        self.changed.emit()

    def _remove(self, key: str) -> None:
        self.draft.remove_figure(self.task_id, key)
        self.rebuild()
        self.changed.emit()
