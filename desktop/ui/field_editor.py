"""The contract every field editor keeps (as Picard's option pages do): ``set_value(v)`` without
emitting, ``value()``, the ``changed`` signal, and ``focus_target()`` for jumping to the field.

Apart from the editors themselves so that :mod:`desktop.ui.editors` (the factory) and
:mod:`desktop.ui.evidence_editor` both build on it without needing each other.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget


class FieldEditor(QWidget):
    changed = Signal(object)
    # The clerk is done with the field (left it, or picked a choice): checks that would move
    # the page under the mouse wait for this, not for each keystroke.
    committed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self._load(value)
        finally:
            self._loading = False

    def _load(self, value: Any) -> None:
        raise NotImplementedError

    def value(self) -> Any:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        return self

    def _emit(self, *_: object) -> None:
        if not self._loading:
            self.changed.emit(self.value())
