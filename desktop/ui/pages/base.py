"""Shared page pieces: a titled page, and a field block (label, help, editor, history)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
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

    def tab_stops(self) -> list[QWidget]:
        """The page's widgets Tab visits, in the order they are on screen (creation order:
        pages build their fields top to bottom, so the focus chain already follows it)."""
        stops: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self and len(stops) < 500:
            if (
                self.isAncestorOf(widget)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.isEnabled()
            ):
                stops.append(widget)
            widget = widget.nextInFocusChain()
        return stops

    def first_empty_field(self) -> str | None:
        """The key of the first field on screen still to be filled in — one the form asks for
        (required, or a figure the 要点 demands): a page opens there, so a clerk types into
        what is missing and never over what is there. Optional fields never pull the page
        away from its top."""
        for key, block in self.fields.items():
            if not block.isVisibleTo(self) or not block.editor.isEnabled():
                continue
            if isinstance(block.spec, FieldSpec) and not block.spec.required:
                continue
            value = block.editor.value()
            if value is None or value is False or value == "" or value == []:
                return key
        return None

    def focus_start(self) -> None:
        """Focus where the clerk most likely types next: the first empty field, else nothing."""
        key = self.first_empty_field()
        if key is not None:
            self.focus_field(key)

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
    # The area itself is no Tab stop: it would take a press and show nothing focused.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
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
            self.history_button.setToolTip(
                "查看并恢复这一栏以前保存过的文字（在这一栏中按 Ctrl+H）"
            )
            # Out of the Tab chain (it cost every text box an extra Tab); Ctrl+H in the box.
            self.history_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.history_button.clicked.connect(self.show_history)
            head.addWidget(self.history_button)
            shortcut = QShortcut(QKeySequence("Ctrl+H"), self.editor)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.show_history)
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
