"""Editors for the field types of ``forms/``: each loads a value, reports changes, and hands
back a typed value (str, int, float, bool, ISO date, evidence list) or None when empty.

All share one small contract (as Picard's option pages do): ``set_value(v)`` without emitting,
``value()``, the ``changed`` signal, and ``focus_target()`` for jumping to the field.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QWidget,
)

from desktop.forms import FieldSpec, FigureSpec
from desktop.textclean import clean_pasted, number_text, quoted
from desktop.ui import dialogs
from desktop.ui.date_editor import DateEditor
from desktop.ui.evidence_editor import EvidenceEditor
from desktop.ui.field_editor import FieldEditor

DEFAULT_MAX_TEXT = 200_000


class CleanPlainTextEdit(QPlainTextEdit):
    """Plain text only; pasted rich text from Word arrives as clean plain text, and a paste
    that would exceed the field's limit is refused with a message (nothing is lost: the
    clipboard still holds it)."""

    def __init__(self, max_length: int, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_length = max_length
        self.label = label
        self.setTabChangesFocus(True)

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = clean_pasted(source.text())
        current = len(self.toPlainText()) - len(self.textCursor().selectedText())
        if current + len(text) > self.max_length:
            dialogs.warn(
                self,
                "粘贴的内容太长",
                f"要粘贴的内容有 {len(text):,} 字，加上已有内容超过{quoted(self.label)}的上限 "
                f"{self.max_length:,} 字，未粘贴。请精简后分段粘贴。",
            )
            return
        self.textCursor().insertText(text)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText()


class TextAreaEditor(FieldEditor):
    history_requested = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = CleanPlainTextEdit(spec.max_length or DEFAULT_MAX_TEXT, spec.label, self)
        if spec.placeholder:
            self.edit.setPlaceholderText(spec.placeholder)
        lines = 5
        self.edit.setMinimumHeight(self.edit.fontMetrics().lineSpacing() * lines + 12)
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.layout_.addWidget(self.edit)
        self.edit.textChanged.connect(self._emit)

    def _load(self, value: Any) -> None:
        text = value if isinstance(value, str) else ""
        if text != self.edit.toPlainText():
            self.edit.setPlainText(text)

    def value(self) -> str:
        return self.edit.toPlainText()

    def focus_target(self) -> QWidget:
        return self.edit


class LineEditor(FieldEditor):
    def __init__(self, spec: FieldSpec | FigureSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        limit = getattr(spec, "max_length", 0) or 2000
        self.edit.setMaxLength(limit)
        placeholder = getattr(spec, "placeholder", "")
        if spec.type == "url" and not placeholder:
            placeholder = "http://"
        self.edit.setPlaceholderText(placeholder)
        self.layout_.addWidget(self.edit)
        self.edit.textEdited.connect(self._on_edit)
        self.edit.editingFinished.connect(self.committed.emit)

    def _on_edit(self, text: str) -> None:
        cleaned = clean_pasted(text).replace("\n", " ").replace("\t", " ")
        if cleaned != text:
            pos = self.edit.cursorPosition()
            self.edit.setText(cleaned)
            self.edit.setCursorPosition(min(pos, len(cleaned)))
        self._emit()

    def _load(self, value: Any) -> None:
        self.edit.setText(value if isinstance(value, str) else "")

    def value(self) -> str:
        return self.edit.text().strip()

    def focus_target(self) -> QWidget:
        return self.edit


class FigureValidator(QValidator):
    """Digits only, within the figure's range — but what a clerk types or pastes is first made
    plain (:func:`desktop.textclean.number_text`): full-width digits from the input method,
    1,260, “12次”. Qt's own validators refused those without a word, or (1,260 under the
    Chinese locale) showed the number while the field saved nothing."""

    def __init__(
        self, decimal: bool, lo: float | None, hi: float | None, unit: str, parent: QWidget
    ) -> None:
        super().__init__(parent)
        if hi is None:  # what the answers store and the report print safely
            hi = 1e12 if decimal else 2**31 - 1
        self.decimal, self.lo, self.hi, self.unit = decimal, lo, hi, unit
        sign = "-?" if lo is None or lo < 0 else ""
        body = r"\d*(\.\d{0,2})?" if decimal else r"\d*"
        self.pattern = re.compile(f"{sign}{body}")

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        plain = number_text(text, self.unit)
        pos = max(0, pos - (len(text) - len(plain)))
        if not self.pattern.fullmatch(plain):
            return QValidator.State.Invalid, text, pos
        if plain in ("", "-", ".", "-."):
            return QValidator.State.Intermediate, plain, pos
        value = float(plain)
        if self.hi is not None and value > self.hi:
            return QValidator.State.Invalid, text, pos
        if self.lo is not None and value < self.lo:
            return QValidator.State.Intermediate, plain, pos
        return QValidator.State.Acceptable, plain, pos


class NumberEditor(FieldEditor):
    """Integer or decimal, empty allowed (unanswered is not the same as 0)."""

    def __init__(self, spec: FigureSpec | FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.decimal = spec.type == "decimal"
        self.edit = QLineEdit(self)
        unit = getattr(spec, "unit", "")
        self.edit.setValidator(
            FigureValidator(
                self.decimal, getattr(spec, "min", None), getattr(spec, "max", None), unit, self
            )
        )
        self.edit.setPlaceholderText("未填")
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0") * 16 + 16)
        self.layout_.addWidget(self.edit)
        if unit:
            self.layout_.addWidget(QLabel(unit, self))
        self.layout_.addStretch(1)
        self.edit.textEdited.connect(self._emit)
        self.edit.editingFinished.connect(self.committed.emit)

    def _load(self, value: Any) -> None:
        if value is None or isinstance(value, bool):
            self.edit.setText("")
        elif self.decimal:
            self.edit.setText(f"{value:g}")
        else:
            self.edit.setText(str(value))

    def value(self) -> int | float | None:
        text = number_text(self.edit.text())
        if text in ("", "-", ".", "-."):
            return None
        try:
            return float(text) if self.decimal else int(text)
        except ValueError:
            return None

    def focus_target(self) -> QWidget:
        return self.edit


class YesNoEditor(FieldEditor):
    def __init__(self, spec: FigureSpec | FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.addItems(["未填", "是", "否"])
        self.layout_.addWidget(self.combo)
        self.layout_.addStretch(1)
        self.combo.currentIndexChanged.connect(self._emit)
        self.combo.activated.connect(lambda _i: self.committed.emit())

    def _load(self, value: Any) -> None:
        self.combo.setCurrentIndex(1 if value is True else 2 if value is False else 0)

    def value(self) -> bool | None:
        return {0: None, 1: True, 2: False}[self.combo.currentIndex()]

    def focus_target(self) -> QWidget:
        return self.combo


class CheckEditor(FieldEditor):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox(spec.label, self)
        self.layout_.addWidget(self.box)
        self.box.toggled.connect(self._emit)

    def _load(self, value: Any) -> None:
        self.box.setChecked(value is True)

    def value(self) -> bool:
        return self.box.isChecked()

    def focus_target(self) -> QWidget:
        return self.box


class ChoiceEditor(FieldEditor):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        for i, option in enumerate(spec.options):
            button = QRadioButton(f"{option}(&{i + 1})", self)
            self.group.addButton(button, i)
            self.buttons.append(button)
            self.layout_.addWidget(button)
        self.layout_.addStretch(1)
        self.options = spec.options
        self.group.idToggled.connect(lambda _id, on: on and self._emit())

    def _load(self, value: Any) -> None:
        if value in self.options:
            self.buttons[self.options.index(value)].setChecked(True)
        else:
            self.group.setExclusive(False)
            for b in self.buttons:
                b.setChecked(False)
            self.group.setExclusive(True)

    def value(self) -> str | None:
        idx = self.group.checkedId()
        return self.options[idx] if idx >= 0 else None

    def focus_target(self) -> QWidget:
        checked = self.group.checkedButton()
        return checked or self.buttons[0]


def make_editor(spec: FieldSpec | FigureSpec, parent: QWidget | None = None) -> FieldEditor:
    if spec.type == "textarea":
        return TextAreaEditor(spec, parent)  # type: ignore[arg-type]
    if spec.type in ("integer", "decimal"):
        return NumberEditor(spec, parent)
    if spec.type == "date":
        return DateEditor(spec, parent)
    if spec.type == "boolean":
        if isinstance(spec, FieldSpec):
            return CheckEditor(spec, parent)
        return YesNoEditor(spec, parent)
    if spec.type == "choice":
        return ChoiceEditor(spec, parent)  # type: ignore[arg-type]
    if spec.type == "evidence":
        return EvidenceEditor(spec, parent)  # type: ignore[arg-type]
    return LineEditor(spec, parent)


def label_text(spec: FieldSpec | FigureSpec) -> str:
    required = getattr(spec, "required", False)
    return f"{spec.label}{' *' if required else ''}"


__all__ = ["FieldEditor", "make_editor", "label_text"]
