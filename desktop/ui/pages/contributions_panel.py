"""“配合单位材料（N）”: beside the form of a task this unit leads, what the other units sent.

Each unit's part (status, 主要做法, 取得成效, figures) with “引用” buttons that put a paragraph
naming the unit into the lead's own text; the task's summable figures as the sum across units
with “填入合计”; a line naming who the 要点 expects and who has not sent anything; and whether
the report lists the parts in its 配合单位落实情况 table; removing a part collected by mistake
and restoring one removed by mistake (on a final report the clerk is told first that it becomes
a draft — :meth:`PageContext.parts_edited`). The data and the actions are
:class:`desktop.lead.desk.LeadDesk`'s; this module only shows them and writes the lead's answer
through the page's usual edit path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.answers import DRAFT, FINAL, figure_key_of
from desktop.errors import UserError
from desktop.lead.desk import FigureSum, LeadDesk
from desktop.report import prose
from desktop.store import StoreError
from desktop.store.contributions import Contribution
from desktop.ui import dialogs
from desktop.ui.context import final_notice
from desktop.ui.pages.base import FieldBlock, help_label, scroll
from desktop.ui.pages.restore_parts import RestorePartsDialog

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
    contributions: ContributionsPanel | None

    def focus_field(self, key: str) -> None: ...


SHOWN_CHARS = 300  # of a long answer in the panel; “引用” always takes the whole text
QUOTABLE = (("measures", "引用做法", "主要做法"), ("results", "引用成效", "取得成效"))
SENDER_STATUS = {DRAFT: "草稿", FINAL: "定稿"}
MISSING_SHOWN = 8  # names in the missing-units line before “等” (the link shows them all)


def beside(source: QWidget, page: TaskPage) -> QWidget:
    """*source* alone, or — for a task the unit leads — *source* above the panel."""
    desk = LeadDesk.for_session(page.ctx.session)
    if not desk.leads(page.ref.task_id):
        return source
    split = QSplitter(Qt.Orientation.Vertical)
    split.addWidget(source)
    page.contributions = ContributionsPanel(page, desk, split)
    split.addWidget(page.contributions)
    split.setStretchFactor(0, 2)
    split.setStretchFactor(1, 5)
    split.setChildrenCollapsible(False)
    return split


def refresh_all(root: QWidget) -> None:
    """After collecting: every panel under *root* shows what is stored now."""
    for panel in root.findChildren(ContributionsPanel):
        panel.refresh()


def _clipped(text: Any) -> str:
    body = "\n".join(prose.paragraphs(text))
    if len(body) <= SHOWN_CHARS:
        return body
    return body[:SHOWN_CHARS] + f"……（全文 {len(body)} 字，引用时全文插入）"


class PartCard(QFrame):
    """One unit's part."""

    def __init__(self, panel: ContributionsPanel, part: Contribution, older: int) -> None:
        super().__init__(panel)
        self.unit = part.unit
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        status = part.answer.get("status") or "未填状态"
        self.header = QLabel(f"<b>{_esc(part.unit)}</b>　{_esc(status)}", self)
        layout.addWidget(self.header)
        facts = [SENDER_STATUS.get(part.sender.get("status", ""), "")]
        contact = " ".join(
            v for v in (part.sender.get("contact_name"), part.sender.get("contact_phone")) if v
        )
        if contact:
            facts.append(f"联系人 {contact}")
        facts.append(f"收到 {part.received_at.replace('T', ' ')[:16]}，来自“{part.source_name}”")
        if older:
            facts.append(f"另有 {older} 个旧版本留作历史")
        layout.addWidget(help_label("；".join(f for f in facts if f), self))
        self.texts: dict[str, QLabel] = {}
        for key, _button, label in QUOTABLE:
            text = _clipped(part.answer.get(key))
            if text:
                shown = QLabel(f"{label}：{text}", self)
                shown.setWordWrap(True)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                layout.addWidget(shown)
                self.texts[key] = shown
        figures = panel.figure_line(part)
        self.figures = QLabel(figures, self)
        self.figures.setWordWrap(True)
        self.figures.setVisible(bool(figures))
        layout.addWidget(self.figures)
        row = QHBoxLayout()
        self.quote_buttons: dict[str, QPushButton] = {}
        for key, button_text, label in QUOTABLE:
            button = QPushButton(button_text, self)
            button.setToolTip(
                f"把“{part.unit}”的{label}作为一段插入本单位的“{label}”，写明单位名称"
            )
            button.setEnabled(key in self.texts and not panel.read_only)
            button.clicked.connect(lambda _c=False, k=key: panel.quote(self.unit, k))
            row.addWidget(button)
            self.quote_buttons[key] = button
        row.addStretch(1)
        self.remove_button = QPushButton("删除…", self)
        self.remove_button.setToolTip(
            f"误收了“{part.unit}”的这份材料：不再显示、合计和列入报告（留作历史）"
        )
        self.remove_button.setEnabled(not panel.read_only)
        self.remove_button.clicked.connect(lambda: panel.remove(self.unit))
        row.addWidget(self.remove_button)
        self.history_button: QPushButton | None = None
        if older:
            self.history_button = QPushButton(f"旧版本（{older}）…", self)
            self.history_button.setToolTip("查看这个单位以前发来、已被新材料替换的版本")
            self.history_button.clicked.connect(lambda: panel.show_history(self.unit))
            row.addWidget(self.history_button)
        layout.addLayout(row)


class PartHistoryDialog(QDialog):
    """Every version a unit sent for the task, newest received first, and why each older one
    is not in use."""

    def __init__(self, unit: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"“{unit}”发来的各版本")
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit("\n".join(lines), self)
        self.text.setReadOnly(True)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _esc(text: str) -> str:
    import html

    return html.escape(str(text))


class ContributionsPanel(QGroupBox):
    def __init__(self, page: TaskPage, desk: LeadDesk, parent: QWidget | None = None) -> None:
        super().__init__("配合单位材料", parent)
        self.page = page
        self.ctx = page.ctx
        self.desk = desk
        self.task_id = page.ref.task_id
        self.read_only = self.ctx.session.read_only
        self.cards: dict[str, PartCard] = {}
        self.sum_buttons: dict[str, QPushButton] = {}
        self.sum_labels: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        self.missing_label = QLabel(self)
        self.missing_label.setWordWrap(True)
        self.missing_label.setTextFormat(Qt.TextFormat.RichText)
        self.missing_label.linkActivated.connect(self._toggle_missing)
        self.show_all_missing = False
        layout.addWidget(self.missing_label)
        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll(self.content), 1)
        self.sums_holder = QVBoxLayout()
        layout.addLayout(self.sums_holder)
        bottom = QHBoxLayout()
        self.in_report = QCheckBox("在报告附件“配合单位落实情况”表中列出本任务各单位的情况", self)
        self.in_report.setEnabled(not self.read_only)
        self.in_report.toggled.connect(self._in_report_toggled)
        bottom.addWidget(self.in_report, 1)
        # The same as 工具 → 收集配合单位材料…, where the clerk looks for the parts.
        self.collect_button = QPushButton("收集材料…", self)
        self.collect_button.setToolTip(
            "读取配合单位发来的文件或文件夹（同“工具 → 收集配合单位材料…”）"
        )
        self.collect_button.setEnabled(not self.read_only)
        self.collect_button.clicked.connect(self.collect)
        bottom.addWidget(self.collect_button)
        self.restore_button = QPushButton("恢复已删除的材料…", self)
        self.restore_button.setToolTip("找回误删的配合单位材料：重新显示、计入合计和列入报告")
        self.restore_button.clicked.connect(self.restore)
        bottom.addWidget(self.restore_button)
        layout.addLayout(bottom)
        self.ctx.value_changed.connect(self._value_changed)
        self.refresh()

    # -- showing ----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        try:
            view = self.desk.task_parts(self.task_id, self.ctx.session.task_values(self.task_id))
        except StoreError as exc:
            self.missing_label.setText(f"无法读取配合单位材料：{exc}")
            return
        self.setTitle(f"配合单位材料（{len(view.parts)}）")
        self.missing_text = view.missing_line()
        short = view.missing_line(limit=MISSING_SHOWN)
        link = ""
        if short != self.missing_text:
            link = "收起" if self.show_all_missing else "全部名单"
            link = f' <a href="toggle">{link}</a>'
        shown = self.missing_text if self.show_all_missing else short
        self.missing_label.setText(_esc(shown) + link)
        self.missing_label.setToolTip(self.missing_text)
        for holder in (self.content_layout, self.sums_holder):
            while holder.count():
                item = holder.takeAt(0)
                if item.widget() is not None:
                    item.widget().deleteLater()
        self.cards, self.sum_buttons, self.sum_labels = {}, {}, {}
        if not view.parts:
            self.content_layout.addWidget(
                help_label(
                    "还没有收到配合单位的材料。配合单位用“工具 → 发送给牵头单位…”生成文件发来后，"
                    "请用“工具 → 收集配合单位材料…”收入。",
                    self.content,
                )
            )
        for part in view.parts:
            card = PartCard(self, part, view.history.get(part.unit, 0))
            self.cards[part.unit] = card
            self.content_layout.addWidget(card)
        if view.parts and view.sums:
            self.sums_holder.addWidget(self._sums_box(view.sums))
        self.content_layout.addStretch(1)
        self.in_report.blockSignals(True)
        self.in_report.setChecked(view.in_report)
        self.in_report.blockSignals(False)
        try:
            can_restore = bool(self.desk.restorable(self.task_id))
        except StoreError:
            can_restore = False
        self.restore_button.setEnabled(can_restore and not self.read_only)

    def figure_line(self, part: Contribution) -> str:
        figures = part.answer.get("figures", {})
        shown = []
        for spec in self.ctx.session.form.all_figures(self.task_id):
            value = figures.get(spec.key)
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                text = "是" if value else "否"
            elif isinstance(value, (int, float)):
                text = prose.number(value) + spec.unit
            else:
                text = prose.clean(value)
            shown.append(f"{spec.label}：{text}")
        return "；".join(shown)

    def show_history(self, unit: str) -> None:
        lines = []
        for v in self.desk.contributions.history(self.desk.report_id, self.task_id, unit):
            state = "正在使用" if v.current else f"未使用：{v.note}"
            lines.append(f"{v.received_at.replace('T', ' ')}　“{v.source_name}”（{state}）")
            for key, _button, label in QUOTABLE:
                text = "".join(prose.paragraphs(v.answer.get(key)))
                if text:
                    lines.append(f"　　{label}：{text}")
            figures = self.figure_line(v)
            if figures:
                lines.append(f"　　{figures}")
        dialogs.run_dialog(PartHistoryDialog(unit, lines, self))

    def _sums_box(self, sums: list[FigureSum]) -> QWidget:
        box = QGroupBox("数据合计（各配合单位之和）", self)
        layout = QVBoxLayout(box)
        for figure in sums:
            row = QHBoxLayout()
            if figure.parts:
                text = f"{figure.spec.label}：{figure.breakdown()}{figure.spec.unit}"
                if figure.without:
                    text += f"（{'、'.join(figure.without)}未填）"
            else:
                text = f"{figure.spec.label}：各单位都未填"
            if figure.is_taken:
                text += "　✓ 已填入本单位数据"
            elif figure.own not in (None, ""):
                text += f"　本单位现填 {prose.number(figure.own)}"
            label = QLabel(text, box)
            label.setWordWrap(True)
            button = QPushButton("填入合计", box)
            button.setToolTip(
                "把合计填入本单位的这项数据；各单位的分项数留在本机，报告附表中可列出"
            )
            button.setEnabled(not self.read_only and bool(figure.parts) and not figure.is_taken)
            button.clicked.connect(lambda _c=False, k=figure.spec.key: self.take_sum(k))
            row.addWidget(label, 1)
            row.addWidget(button)
            layout.addLayout(row)
            self.sum_buttons[figure.spec.key] = button
            self.sum_labels[figure.spec.key] = label
        return box

    # -- actions ----------------------------------------------------------------------------
    def quote(self, unit: str, key: str) -> None:
        scope, label = self.page.scope, dict((k, n) for k, _b, n in QUOTABLE)[key]
        paragraph = self.desk.quote(self.task_id, unit, key)
        if not paragraph:
            return
        current = self.ctx.session.value(scope, key) or ""
        if paragraph in current:
            dialogs.info(self, "已经引用过", f"“{unit}”的这段内容已在本单位的“{label}”中。")
            return
        new = f"{current.rstrip()}\n{paragraph}" if current.strip() else paragraph
        block = self.page.fields.get(key)
        limit = getattr(block.spec, "max_length", 0) if block is not None else 0
        if limit and len(new) > limit:
            dialogs.warn(
                self,
                "内容太长",
                f"引用后“{label}”将超过 {limit} 字的上限，没有引用。请先精简本单位的文字或只摘录要点。",
            )
            return
        self.ctx.edit(scope, key, new)
        if block is not None:
            block.load()
            if not block.isVisibleTo(self.page):
                words = self.ctx.session.form.statuses
                # 取得成效 is hidden while the lead's status is 未完成: say where the text went.
                dialogs.info(
                    self,
                    "已引用",
                    f"已把“{unit}”的内容引用到本单位的“{label}”。该栏在当前完成状态下不显示，"
                    f"改为“{words.done}”或“{words.ongoing}”后可见。",
                )
                return
        self.page.focus_field(key)

    def take_sum(self, figure_key: str) -> None:
        scope = self.page.scope
        spec = next(f for f in self.ctx.session.figures(self.task_id) if f.key == figure_key)
        try:
            figure = self.desk.take_sum(
                self.task_id, figure_key, self.ctx.session.value(scope, spec.store_key)
            )
        except StoreError as exc:
            dialogs.error(self, "没有填入", str(exc))
            return
        self.ctx.edit(scope, figure.store_key, figure.total)
        block = self.page.fields.get(figure.store_key)
        if block is not None:
            block.load()
        self.refresh()

    def remove(self, unit: str) -> None:
        """Remove a part collected by mistake, after the clerk confirms."""
        task = self.ctx.session.catalogue.display_name(self.task_id, 20)
        text = (
            f"删除“{unit}”发来的{task}材料？\n\n删除后这份材料不再显示、不计入合计，"
            "也不列入报告附件“配合单位落实情况”；它留作历史，同一文件再次收集时不会重新收入，"
            f"“{unit}”发来修改后的材料时会照常收入。"
        )
        try:
            summed = self.desk.sums_with(self.task_id, unit)
        except StoreError:
            summed = []
        if summed:
            text += (
                f"\n\n本单位已填入的“{'、'.join(summed)}”是包含该单位数据的合计，删除后请核对，"
                "需要时重新“填入合计”。"
            )
        text += "\n已引用到本单位文字中的内容不会自动删除，请自行修改。"
        text += "可用“恢复已删除的材料…”找回。"
        notice = final_notice(self.ctx.session, "删除材料")
        button = "删除，报告回到草稿" if notice else "删除"
        if notice:
            text += f"\n\n{notice}"
        if dialogs.ask(self, "删除配合单位材料", text, [button, "取消"], default=1) != 0:
            return
        try:
            self.desk.remove(self.task_id, unit)
        except StoreError as exc:
            dialogs.error(self, "没有删除", f"{exc}\n这份材料仍然保留。")
            return
        self.ctx.parts_edited()

    def restore(self) -> None:
        """Bring back a part removed by mistake: choose it, confirm, restore."""
        try:
            removed = self.desk.restorable(self.task_id)
        except StoreError as exc:
            dialogs.error(self, "无法读取", str(exc))
            return
        if not removed:
            dialogs.info(self, "没有可恢复的材料", "本任务没有被删除、可以恢复的配合单位材料。")
            return
        task = self.ctx.session.catalogue.display_name(self.task_id, 20)
        dialog = RestorePartsDialog(task, removed, self)
        if dialogs.run_dialog(dialog) != QDialog.DialogCode.Accepted or not dialog.chosen():
            return
        unit = dialog.chosen()
        text = (
            f"恢复“{unit}”发来的{task}材料？\n\n恢复后这份材料重新显示、计入合计，"
            "并按本任务的选择列入报告附件“配合单位落实情况”。"
        )
        notice = final_notice(self.ctx.session, "恢复材料")
        button = "恢复，报告回到草稿" if notice else "恢复"
        if notice:
            text += f"\n\n{notice}"
        if dialogs.ask(self, "恢复配合单位材料", text, [button, "取消"], default=1) != 0:
            return
        try:
            self.desk.restore(self.task_id, unit)
        except UserError as exc:  # nothing to restore any more, or the database refused
            dialogs.error(self, "没有恢复", str(exc))
            return
        self.ctx.parts_edited()

    def collect(self) -> None:
        # The window's own 工具 → 收集配合单位材料…: it holds the services and the folders.
        action = getattr(self.window(), "collect_parts", None)
        if callable(action):
            action()

    def _toggle_missing(self, _link: str) -> None:
        self.show_all_missing = not self.show_all_missing
        self.refresh()

    def _in_report_toggled(self, on: bool) -> None:
        doing = "在报告附件中列出本任务各单位的情况" if on else "不再在报告附件中列出本任务"
        if not self.ctx.parts_may_change(self, doing):
            self.refresh()  # the box shows what is stored
            return
        try:
            self.desk.set_in_report(self.task_id, on)
        except StoreError as exc:
            dialogs.error(self, "没有保存", str(exc))
            self.refresh()
            return
        self.ctx.parts_edited()

    def _value_changed(self, scope: str, key: str) -> None:
        # The lead typing its own figure changes whether the sum is still the one taken.
        if scope == self.page.scope and figure_key_of(key) is not None and self.sum_labels:
            self.refresh()
