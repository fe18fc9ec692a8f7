"""One page per applicable task: the original text beside the form that fits it."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.answers import task_scope
from desktop.catalogue import ROLE_LABELS
from desktop.session import TaskRef
from desktop.ui.context import PageContext
from desktop.ui.pages import contributions_panel
from desktop.ui.pages.base import FieldBlock, Page, help_label, scroll
from desktop.ui.pages.reference_panel import ReferencePanel, with_reference

ROLE_COLOURS = {"lead": "#b3261e", "responsible": "#1a5fb4", "cooperate": "#26734d"}


def role_badge(role: str, optional: bool = False) -> str:
    colour = ROLE_COLOURS[role]
    extra = "（相关部门）" if optional else ""
    # Word joiners keep the badge on one line: a wrapped title must not split it (“负责（相关部”
    # / “门）” at 150%); Qt's rich text ignores white-space:nowrap on a span.
    label = NO_BREAK.join(f"{ROLE_LABELS[role]}{extra}")
    return f'<span style="color:white;background-color:{colour};">&nbsp;{label}&nbsp;</span>'


NO_BREAK = "\u2060"


def original_html(ref: TaskRef) -> str:
    """The task's text with its responsibility clause marked. A task without a clause of its
    own (the 保障措施 of 五、, bound to “各地区、各部门”) has the name that reached the unit
    marked where the text says it, so the page's “责任分工已标出” is true there too."""
    text = html.escape(ref.text)
    mark = '<span style="background-color:#ffe58f;font-weight:bold;">{}</span>'
    if ref.clause:
        clause = html.escape(ref.clause)
        if clause in text:
            text = text.replace(clause, mark.format(clause), 1)
        else:
            text += "<br/>" + mark.format(f"（{clause}）")
    elif ref.duty.via and html.escape(ref.duty.via) in text:
        via = html.escape(ref.duty.via)
        text = text.replace(via, mark.format(via), 1)
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n"))
    return f'<div style="line-height:150%;">{paragraphs}</div>'


class TaskPage(Page):
    def __init__(self, ctx: PageContext, ref: TaskRef, parent: QWidget | None = None) -> None:
        session = ctx.session
        via = ref.duty.via
        subtitle = f"本单位责任：{role_badge(ref.duty.role, ref.duty.optional)}"
        if ref.paragraphs > 1:
            subtitle = f"属于“{html.escape(ref.item_title)}”　" + subtitle
        if via != session.unit_name:
            subtitle += f"　（本单位属于“{html.escape(via)}”）"
        super().__init__(ctx, ref.title, subtitle, parent)
        self.subtitle_label.setTextFormat(Qt.TextFormat.RichText)
        self.key = task_scope(ref.task_id)
        self.ref = ref
        self.scope = task_scope(ref.task_id)
        self.contributions: contributions_panel.ContributionsPanel | None = None  # lead tasks
        self.reference_panel: ReferencePanel | None = None  # last year's answer, if any

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        source_box = QGroupBox("要点原文（责任分工已标出）", splitter)
        source_layout = QVBoxLayout(source_box)
        self.source = QTextBrowser(source_box)
        self.source.setHtml(original_html(ref))
        self.source.setOpenLinks(False)
        # Read with the mouse; the keyboard goes straight from the side panel to the form.
        self.source.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        source_layout.addWidget(self.source)

        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(8, 0, 8, 0)
        if ref.duty.optional:
            note = help_label(
                "本任务面向“市政府相关部门”，您已在“适用任务”页确认本单位适用。如不适用，请回到该页修改。",
                form,
            )
            form_layout.addWidget(note)
        figures = session.figures(ref.task_id)
        self.figure_box: QGroupBox | None = None
        for spec in session.form.task_fields:
            block = FieldBlock(ctx, self.scope, spec, form)
            self.fields[spec.key] = block
            form_layout.addWidget(block)
            if spec.key == "status":
                block.editor.changed.connect(lambda _v: self._update_visibility())
                if figures:
                    # Figures come right after the status (what the 要点 checks first), built
                    # here so Tab reaches them in the order they are on screen.
                    form_layout.addWidget(self._figures(ctx, figures, form))
        form_layout.addStretch(1)
        splitter.addWidget(with_reference(self, contributions_panel.beside(source_box, self)))
        splitter.addWidget(scroll(form))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.body.addWidget(splitter)
        self.refresh()

    def _figures(self, ctx: PageContext, figures: list, parent: QWidget) -> QGroupBox:
        self.figure_box = QGroupBox("要点要求的数据", parent)
        fig_layout = QVBoxLayout(self.figure_box)
        for fig in figures:
            block = FieldBlock(ctx, self.scope, fig, self.figure_box, store_key=fig.store_key)
            self.fields[fig.store_key] = block
            fig_layout.addWidget(block)
            # The below-minimum hint appears when the clerk leaves the figure, not while the
            # digit is typed (it would push the fields down under the mouse).
            block.editor.committed.connect(self._update_warnings)
        self.warning_label = QLabel(self.figure_box)
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("color:#8a5300;background-color:#fff4d6;padding:4px;")
        fig_layout.addWidget(self.warning_label)
        return self.figure_box

    def refresh(self) -> None:
        for block in self.fields.values():
            block.load()
        self._update_visibility()
        self._update_warnings()

    def _update_visibility(self) -> None:
        values = self.ctx.session.task_values(self.ref.task_id)
        for spec in self.ctx.session.form.task_fields:
            self.fields[spec.key].setVisible(spec.visible(values))

    def _update_warnings(self) -> None:
        if self.figure_box is None:
            return
        warnings = self.ctx.session.figure_warnings(self.ref.task_id)
        text = "\n".join(f"⚠ {message}（仅提示，不影响保存）" for _, message in warnings)
        self.warning_label.setText(text)
        self.warning_label.setVisible(bool(warnings))
