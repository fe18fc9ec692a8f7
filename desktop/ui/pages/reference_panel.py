"""Last year's answer beside this year's form: read it, copy a paragraph with one click.

Shown under the 要点 text on a task page when the unit answered a closely matching task of
last year's 要点 (``desktop.yearly.carry``). Each paragraph has its own 复制 button that adds it
to the end of the same field this year (主要做法 to 主要做法 …; to 主要做法 when that field is
not shown now). Nothing is ever copied without that click.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.pages.base import FieldBlock
from desktop.yearly.carry import Paragraph, Reference

if TYPE_CHECKING:
    from desktop.session import TaskRef
    from desktop.ui.context import PageContext


class TaskPage(Protocol):
    """What the panel needs of the task page it sits on (the page imports this module, so it
    is described here rather than imported)."""

    ctx: PageContext
    ref: TaskRef
    scope: str
    fields: dict[str, FieldBlock]
    reference_panel: ReferencePanel | None


FALLBACK_FIELD = "measures"


def with_reference(page: TaskPage, source: QWidget) -> QWidget:
    """*source* alone, or *source* above last year's answers when there are any (added to
    *source* when it already is a column, such as the lead's 配合单位材料 under the 原文)."""
    references = page.ctx.session.references
    refs = references.for_task(page.ref.task_id) if references is not None else []
    if not refs:
        return source
    if isinstance(source, QSplitter) and source.orientation() == Qt.Orientation.Vertical:
        column = source
    else:
        column = QSplitter(Qt.Orientation.Vertical)
        column.addWidget(source)
    page.reference_panel = ReferencePanel(page, refs, column)
    column.addWidget(page.reference_panel)
    column.setStretchFactor(0, 2)
    column.setStretchFactor(1, 3)
    column.setChildrenCollapsible(False)
    return column


class ReferencePanel(QGroupBox):
    def __init__(self, page: TaskPage, refs: list[Reference], parent: QWidget | None = None):
        super().__init__("去年的答复（仅供参考）", parent)
        self.page = page
        self.copy_buttons: list[QPushButton] = []
        self.headings: list[QLabel] = []  # one per reference: where it comes from
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 4, 6, 4)
        self.status = QLabel("点“复制”把这一段加到本年度同一栏的末尾；不点不会复制任何内容。", self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color:#5f6368;")
        outer.addWidget(self.status)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, 0, 4, 0)
        for ref in refs:
            self._add_reference(layout, ref)
        layout.addStretch(1)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(inner)
        outer.addWidget(area, 1)

    def _add_reference(self, layout: QVBoxLayout, ref: Reference) -> None:
        head = QLabel(
            f"<b>{html.escape(ref.source)} {html.escape(ref.name)}</b><br/>"
            f"<span style='color:#5f6368'>{ref.closeness}"
            + (f" · 去年状态：{html.escape(ref.status)}" if ref.status else "")
            + "</span>"
        )
        head.setWordWrap(True)
        head.setToolTip(ref.text)
        self.headings.append(head)
        layout.addWidget(head)
        current = ""
        for para in ref.paragraphs:
            if para.label != current:
                current = para.label
                name = QLabel(f"{para.label}：")
                name.setStyleSheet("font-weight:bold;")
                layout.addWidget(name)
            layout.addLayout(self._paragraph_row(para))
        for fact in ref.facts:
            line = QLabel(fact)
            line.setWordWrap(True)
            line.setStyleSheet("color:#5f6368;")
            line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(line)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(rule)

    def _paragraph_row(self, para: Paragraph) -> QHBoxLayout:
        row = QHBoxLayout()
        text = QLabel(para.text)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(text, 1)
        button = QPushButton("复制")
        button.setToolTip(f"把这一段加到本年度“{para.label}”的末尾")
        button.setEnabled(not self.page.ctx.session.read_only)
        button.clicked.connect(lambda _=False, p=para: self.copy(p))
        self.copy_buttons.append(button)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def target_key(self, para: Paragraph) -> str:
        block = self.page.fields.get(para.key)
        if block is not None and not block.isHidden():
            return para.key
        return FALLBACK_FIELD

    def copy(self, para: Paragraph) -> None:
        key = self.target_key(para)
        block = self.page.fields[key]
        current = block.editor.value() or ""
        label = block.spec.label
        if para.text in current:
            self.status.setText(f"这一段已在“{label}”中。")
            return
        new = f"{current.rstrip()}\n{para.text}" if current.strip() else para.text
        block.editor.set_value(new)
        self.page.ctx.edit(self.page.scope, key, new)
        self.status.setText(f"已把这一段加到“{label}”的末尾，请按今年的情况修改。")
