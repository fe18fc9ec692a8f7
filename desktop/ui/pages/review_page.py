"""审查定稿: what is missing or questionable (each line jumps there), 保密审查, finalising."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.store import StoreError
from desktop.ui import dialogs
from desktop.ui.context import PageContext
from desktop.ui.pages.base import FieldBlock, Page


class ReviewPage(Page):
    key = "review"

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "审查定稿", "", parent)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._jump)
        self.list.itemClicked.connect(self._jump)
        self.body.addWidget(QLabel("需要补充或核对的内容（单击跳转到该处）：", self))
        self.body.addWidget(self.list, 1)
        box = QGroupBox("保密审查", self)
        box_layout = QVBoxLayout(box)
        for spec in ctx.session.form.review_fields:
            block = FieldBlock(ctx, "review", spec, box)
            self.fields[spec.key] = block
            block.editor.changed.connect(lambda _v: self._update_gate())
            box_layout.addWidget(block)
        self.body.addWidget(box)
        row = QHBoxLayout()
        self.gate_label = QLabel(self)
        self.gate_label.setWordWrap(True)
        row.addWidget(self.gate_label, 1)
        self.final_button = QPushButton("标记为定稿(&D)", self)
        self.final_button.clicked.connect(self.toggle_final)
        row.addWidget(self.final_button)
        self.body.addLayout(row)
        ctx.status_changed.connect(lambda _s: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        for block in self.fields.values():
            block.load()
        session = self.ctx.session
        problems = session.problems()
        self.list.clear()
        for p in problems:
            mark = "缺" if p.kind == "missing" else "⚠"
            item = QListWidgetItem(f"[{mark}] {p.label}")
            item.setData(Qt.ItemDataRole.UserRole, (p.page, p.field))
            item.setForeground(QBrush(QColor("#b3261e" if p.kind == "missing" else "#8a5300")))
            self.list.addItem(item)
        if not problems:
            self.list.addItem(QListWidgetItem("全部必填内容已填写，没有需要核对的提示。"))
        done, total = session.progress()
        missing = sum(1 for p in problems if p.kind == "missing")
        warnings = len(problems) - missing
        self.subtitle_label.setText(
            f"已完成 {done} / {total} 项任务；缺少 {missing} 处必填内容；{warnings} 条数据提示（不影响定稿）。"
        )
        self.subtitle_label.show()
        self._update_gate()

    def _update_gate(self) -> None:
        session = self.ctx.session
        if session.status == "final":
            self.gate_label.setText(
                "报告已定稿。如需修改，任何改动都会使报告回到草稿状态，需重新审查。"
            )
            self.final_button.setText("改回草稿(&D)")
            self.final_button.setEnabled(not session.read_only)
            return
        self.final_button.setText("标记为定稿(&D)")
        missing = [p for p in session.problems() if p.kind == "missing"]
        review_missing = session.review_problems()
        if missing or review_missing:
            reasons = []
            if missing:
                reasons.append(f"还有 {len(missing)} 处必填内容未填写")
            if review_missing:
                reasons.append("保密审查尚未完成")
            self.gate_label.setText(
                "暂不能定稿：" + "，".join(reasons) + "。草稿可以随时保存和导出预览。"
            )
            self.final_button.setEnabled(False)
        else:
            self.gate_label.setText("内容已齐全，保密审查已确认，可以定稿。")
            self.final_button.setEnabled(not session.read_only)

    def _jump(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if data:
            self.ctx.jump(*data)

    def toggle_final(self) -> None:
        session = self.ctx.session
        target = "draft" if session.status == "final" else "final"
        if target == "final" and not session.can_finalise():
            self.refresh()
            return
        try:
            session.set_status(target)
        except StoreError as exc:
            dialogs.error(self, "无法保存", str(exc))
            return
        self.ctx.status_changed.emit(target)
        self.refresh()
