"""Shared page pieces: a titled page, and a field block (label, help, editor, history)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.forms import FieldSpec, FigureSpec
from desktop.ui.context import PageContext
from desktop.ui.editors import FieldEditor, TextAreaEditor, label_text, make_editor


class Page(QWidget):
    """A wizard page: a title, a subtitle, and content. ``refresh()`` reloads from the session."""

    key = ""

    def __init__(
        self, ctx: PageContext, title: str, subtitle: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.fields: dict[str, FieldBlock] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 8)
        self.title_label = QLabel(title, self)
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        outer.addWidget(self.title_label)
        self.subtitle_label = QLabel(subtitle, self)
        self.subtitle_label.setWordWrap(True)
        self.subtitle_label.setVisible(bool(subtitle))
        outer.addWidget(self.subtitle_label)
        self.body = QVBoxLayout()
        outer.addLayout(self.body, 1)

    @property
    def page_title(self) -> str:
        return self.title_label.text()

    def refresh(self) -> None:
        """Reload every field from the session (without emitting edits)."""

    def focus_field(self, key: str) -> None:
        block = self.fields.get(key)
        if block is not None:
            block.editor.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)
            parent = block.parentWidget()
            while parent is not None and not isinstance(parent, QScrollArea):
                parent = parent.parentWidget()
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(block)


def scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def help_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setProperty("role", "help")
    label.setStyleSheet("color: #5f6368;")
    return label


class FieldBlock(QWidget):
    """Label (with * when required), help text, the editor, and a 历史 button for texts."""

    def __init__(
        self,
        ctx: PageContext,
        scope: str,
        spec: FieldSpec | FigureSpec,
        parent: QWidget | None = None,
        store_key: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scope = scope
        self.spec = spec
        self.key = store_key or spec.key
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        head = QHBoxLayout()
        self.editor: FieldEditor = make_editor(spec, self)
        self.label = QLabel(label_text(spec), self)
        font = QFont(self.label.font())
        font.setBold(True)
        self.label.setFont(font)
        self.label.setBuddy(self.editor.focus_target())
        if not (spec.type == "boolean" and isinstance(spec, FieldSpec)):
            head.addWidget(self.label)
        else:
            self.label.hide()
        head.addStretch(1)
        if isinstance(self.editor, TextAreaEditor):
            self.history_button = QToolButton(self)
            self.history_button.setText("历史版本…")
            self.history_button.setToolTip("查看并恢复这一栏以前保存过的文字")
            self.history_button.clicked.connect(self.show_history)
            head.addWidget(self.history_button)
        layout.addLayout(head)
        help_text = spec.help
        demand = getattr(spec, "demand_text", "")
        if demand:
            help_text = f"{demand} {help_text}".strip()
        if help_text:
            layout.addWidget(help_label(help_text, self))
        layout.addWidget(self.editor)
        self.editor.changed.connect(self._changed)
        if ctx.session.read_only:
            self.editor.setEnabled(False)

    def _changed(self, value: Any) -> None:
        self.ctx.edit(self.scope, self.key, value)

    def load(self) -> None:
        value = self.ctx.session.value(self.scope, self.key, getattr(self.spec, "default", None))
        self.editor.set_value(value)

    def show_history(self) -> None:
        from desktop.ui.history_dialog import HistoryDialog

        dialog = HistoryDialog(self.ctx.session, self.scope, self.key, self.spec.label, self)
        restored = dialog.run()
        if restored is not None:
            self.editor.set_value(restored)
            self.ctx.edit(self.scope, self.key, restored)
