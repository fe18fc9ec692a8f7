"""适用任务: what the unit owes, grouped by section, and the 相关部门 tasks it must decide on."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.answers import task_scope
from desktop.catalogue import ROLE_LABELS
from desktop.numerals import cn_number
from desktop.session import TaskRef
from desktop.textclean import clean_pasted
from desktop.ui.context import PageContext
from desktop.ui.pages.base import Page, help_label, scroll
from desktop.ui.pages.task_page import role_badge


class OptionalRow:
    """适用 / 不适用 with a one-line reason, for one 相关部门 task."""

    def __init__(
        self, ctx: PageContext, ref: TaskRef, grid: QGridLayout, row: int, parent: QWidget
    ) -> None:
        self.ctx = ctx
        self.ref = ref
        self.scope = task_scope(ref.task_id)
        label = QLabel(f"{html.escape(ref.title)}　{role_badge(ref.duty.role, True)}", parent)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setToolTip(ref.text)
        self.yes = QRadioButton("适用", parent)
        self.no = QRadioButton("不适用", parent)
        self.group = QButtonGroup(parent)
        self.group.addButton(self.yes, 1)
        self.group.addButton(self.no, 0)
        self.reason = QLineEdit(parent)
        self.reason.setPlaceholderText("不适用的原因（一句话，如：本单位不承担此项职能）")
        self.reason.setMaxLength(200)
        grid.addWidget(label, row, 0)
        grid.addWidget(self.yes, row, 1)
        grid.addWidget(self.no, row, 2)
        grid.addWidget(self.reason, row, 3)
        self.group.idClicked.connect(self._choose)
        self.reason.textEdited.connect(self._reason)
        if ctx.session.read_only:
            for w in (self.yes, self.no, self.reason):
                w.setEnabled(False)

    def load(self) -> None:
        decided = self.ctx.session.value(self.scope, "applicable")
        self.group.setExclusive(False)
        self.yes.setChecked(decided is True)
        self.no.setChecked(decided is False)
        self.group.setExclusive(True)
        self.reason.setText(self.ctx.session.value(self.scope, "not_applicable_reason", "") or "")
        self.reason.setEnabled(decided is False and not self.ctx.session.read_only)

    def _choose(self, button_id: int) -> None:
        self.ctx.edit(self.scope, "applicable", button_id == 1)
        self.reason.setEnabled(button_id == 0)
        if button_id == 0:
            self.reason.setFocus()

    def _reason(self, text: str) -> None:
        self.ctx.edit(self.scope, "not_applicable_reason", clean_pasted(text).replace("\n", " "))


class ScopePage(Page):
    key = "scope"

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "适用任务", "", parent)
        session = ctx.session
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, 0, 8, 0)
        self.rows: list[OptionalRow] = []
        sections = {s.no: s.title for s in session.catalogue.sections}
        by_section: dict[int, list[TaskRef]] = {}
        for ref in session.tasks:
            by_section.setdefault(ref.section_no, []).append(ref)
        for no, refs in by_section.items():
            box = QGroupBox(f"{cn_number(no)}、{sections[no]}", inner)
            grid = QGridLayout(box)
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(3, 2)
            for r, ref in enumerate(refs):
                if ref.duty.optional:
                    self.rows.append(OptionalRow(ctx, ref, grid, r, box))
                else:
                    label = QLabel(f"{html.escape(ref.title)}　{role_badge(ref.duty.role)}", box)
                    label.setTextFormat(Qt.TextFormat.RichText)
                    label.setWordWrap(True)
                    label.setToolTip(ref.text)
                    grid.addWidget(label, r, 0, 1, 4)
            layout.addWidget(box)
        if self.rows:
            layout.insertWidget(
                0,
                help_label(
                    "标有“相关部门”的任务，要点只要求“市政府相关部门”落实：请逐项确认本单位是否适用；"
                    "选择“不适用”的，请写明原因，该项会列入落实情况表并注明原因。",
                    inner,
                ),
            )
        layout.addStretch(1)
        self.scroll_area = scroll(inner)
        self.body.addWidget(self.scroll_area)
        ctx.value_changed.connect(self._changed)
        self.refresh()

    def _changed(self, scope: str, key: str) -> None:
        # The counts follow each choice and reason as it is made, not when the page is left.
        if key in ("applicable", "not_applicable_reason"):
            self.subtitle_label.setText(self.summary())

    def summary(self) -> str:
        session = self.ctx.session
        must = [t for t in session.tasks if not t.duty.optional]
        counts = {role: sum(1 for t in must if t.duty.role == role) for role in ROLE_LABELS}
        parts = "、".join(f"{ROLE_LABELS[r]} {n} 项" for r, n in counts.items() if n)
        text = f"{session.unit_name}需要报告 {len(must)} 项任务（{parts}）。"
        optional = session.optional_tasks()
        if optional:
            n = session.optional_counts()
            declined = f"不适用 {n['not_applicable']} 项"
            if n["no_reason"]:
                declined += f"（其中 {n['no_reason']} 项还没写原因）"
            text += (
                f"另有 {len(optional)} 项相关部门任务：已确认适用 {n['applies']} 项、{declined}，"
                f"尚待确认 {n['undecided']} 项。"
            )
        return text

    def focus_field(self, key: str) -> None:
        """*key* is a task id (what the review lists for a 相关部门 task): the cursor goes to
        its reason when it is declined, else to its 适用 choice, scrolled into view."""
        row = next((r for r in self.rows if r.ref.task_id == key), None)
        if row is None:
            return
        target = row.reason if row.no.isChecked() and row.reason.isEnabled() else row.yes
        self.scroll_area.ensureWidgetVisible(target)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        self.subtitle_label.setText(self.summary())
        self.subtitle_label.show()
        for row in self.rows:
            row.load()
