"""A date field a clerk can type into: ``2016-12-20``, ``2016.12.20``, ``2016年12月20日`` …

A plain line edit (Tab moves on, Ctrl+A selects, clearing leaves it empty — never a stand-in
date meaning "empty"), with a calendar button beside it that opens on the field's date or, when
empty, on today. A text that is not a date is kept on screen with a hint beside it (never below,
so nothing under the mouse moves); until it is one, the field counts as not filled in.
"""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from desktop import dates
from desktop.forms import FieldSpec, FigureSpec
from desktop.ui.field_editor import FieldEditor


class DateEditor(FieldEditor):
    def __init__(self, spec: FieldSpec | FigureSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(20)
        # The example is today's date: a fixed "2016-…" read as a suggestion on a 2017 report.
        self.edit.setPlaceholderText(f"如 {datetime.date.today().isoformat()}")
        self.edit.setAccessibleName(spec.label)
        width = self.edit.fontMetrics().horizontalAdvance("2016年12月20日") + 24
        self.edit.setMinimumWidth(width)
        self.edit.setMaximumWidth(width + 40)
        self.pick_button = QToolButton(self)
        self.pick_button.setText("日历…")
        self.pick_button.setToolTip("从日历中选择日期（在日期栏中按 Alt+↓ 也可打开）")
        # The button is for the mouse; the keyboard types the date or presses Alt+Down.
        self.pick_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hint = QLabel("", self)
        self.hint.setStyleSheet("color:#b3261e;")
        self.layout_.addWidget(self.edit)
        self.layout_.addWidget(self.pick_button)
        self.layout_.addWidget(self.hint, 1)
        self.calendar: QCalendarWidget | None = None
        self.menu: QMenu | None = None
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.pick_button.clicked.connect(self.open_calendar)
        self.edit.installEventFilter(self)

    # -- the FieldEditor contract -----------------------------------------------------------------
    def _load(self, value: Any) -> None:
        date = dates.from_iso(value)
        self.edit.setText(dates.shown(date) if date else "")
        self.hint.setText("")

    def value(self) -> str | None:
        date = dates.parse(self.edit.text())
        return dates.to_iso(date) if date else None

    def focus_target(self) -> QWidget:
        return self.edit

    # -- typing -------------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        # What is stored is always what the screen says: the date once the text is one, empty
        # while it is not (half-typed, or 2016-02-30) — never a date the clerk has typed over.
        if not text.strip() or dates.parse(text) is not None:
            self.hint.setText("")
        self._emit()

    def _finished(self) -> None:
        text = self.edit.text()
        date = dates.parse(text)
        if date is not None:
            self.edit.setText(dates.shown(date))
            self.hint.setText("")
        elif text.strip():
            self.hint.setText(dates.HINT)
        else:
            self.hint.setText("")
        self.committed.emit()

    def eventFilter(self, watched, event) -> bool:
        from PySide6.QtCore import QEvent

        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.open_calendar()
            return True
        return super().eventFilter(watched, event)

    # -- the calendar -------------------------------------------------------------------------
    def open_calendar(self) -> None:
        if not self.edit.isEnabled():
            return
        if self.menu is None:
            self.menu = QMenu(self)
            self.calendar = QCalendarWidget(self.menu)
            self.calendar.setGridVisible(True)
            self.calendar.setVerticalHeaderFormat(
                QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader  # no ISO week numbers
            )
            action = QWidgetAction(self.menu)
            action.setDefaultWidget(self.calendar)
            self.menu.addAction(action)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        date = dates.parse(self.edit.text())
        start = QDate(date.year, date.month, date.day) if date else QDate.currentDate()
        self.calendar.setSelectedDate(start)
        self.calendar.setCurrentPage(start.year(), start.month())
        self.menu.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, date: QDate) -> None:
        self.edit.setText(dates.shown(date.toPython()))
        self.hint.setText("")
        if self.menu is not None:
            self.menu.close()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._emit()
        self.committed.emit()
