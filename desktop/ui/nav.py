"""The side panel: every page of the report, tasks grouped by section, each with a status mark."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QProgressBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import completeness as c
from desktop.answers import task_id_of, task_scope
from desktop.catalogue import ROLE_LABELS
from desktop.lead.desk import LeadDesk
from desktop.numerals import cn_number
from desktop.session import ReportSession
from desktop.store import StoreError
from desktop.ui.pages.task_page import ROLE_COLOURS

STATE_LOOK = {
    c.EMPTY: ("#c0c0c0", "未填写"),
    c.PARTIAL: ("#f0a020", "填写中"),
    c.DONE: ("#2e9d4e", "已填完"),
    c.WARNING: ("#d93025", "有提示"),
    c.UNDECIDED: ("#8ab4f8", "待确认是否适用"),
    c.NOT_APPLICABLE: ("#e8e8e8", "不适用"),
}
PageKey = str


def state_icon(state: str, size: int = 12) -> QIcon:
    colour, _ = STATE_LOOK[state]
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#606060"))
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    if state == c.WARNING:
        painter.setPen(QColor("white"))
        painter.drawLine(size // 2, 3, size // 2, size - 5)
    painter.end()
    return QIcon(pix)


def legend_html() -> str:
    """What the marks in the list mean, in their colours."""
    shown = (c.DONE, c.PARTIAL, c.WARNING, c.EMPTY)
    parts = [
        f'<span style="color:{STATE_LOOK[s][0]};">●</span>&nbsp;{STATE_LOOK[s][1]}' for s in shown
    ]
    return "　".join(parts)


class NavPanel(QWidget):
    page_requested = Signal(str)

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.unit_label = QLabel(self)
        self.unit_label.setWordWrap(True)
        layout.addWidget(self.unit_label)
        self.progress = QProgressBar(self)
        self.progress.setFormat("已完成 %v / %m 项任务")
        layout.addWidget(self.progress)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        # Name (cut at the end when narrow, whole in the tooltip) and the role, which always
        # shows: a clerk must see 牵头 even at 150% on a small screen.
        self.tree.setColumnCount(2)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setIconSize(QSize(12, 12))
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName("报告目录")
        self._keyboard = False  # the last thing that moved the tree's selection was a key
        self.tree.installEventFilter(self)
        self.tree.viewport().installEventFilter(self)
        layout.addWidget(self.tree, 1)
        self.legend = QLabel(legend_html(), self)
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName("状态图例")
        layout.addWidget(self.legend)
        self.items: dict[PageKey, QTreeWidgetItem] = {}
        self.order: list[PageKey] = []
        self.tree.currentItemChanged.connect(self._current_changed)
        self.rebuild()

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            self._keyboard = True
        elif kind == QEvent.Type.MouseButtonPress:
            self._keyboard = False
        return super().eventFilter(watched, event)

    def browsing_by_keyboard(self) -> bool:
        """The clerk is walking the list with the arrow keys: pages must not take the focus."""
        return self._keyboard and self.tree.hasFocus()

    def rebuild(self) -> None:
        """(Re)list the pages; called when applicability choices change."""
        current = self.current_key()
        self.tree.blockSignals(True)
        self.tree.clear()
        self.items.clear()
        self.order.clear()
        s = self.session
        self.unit_label.setText(
            f"<b>{html.escape(s.unit_name)}</b><br/>{html.escape(s.catalogue.title)}"
        )
        self._leaf(None, "profile", "封面信息")
        self._leaf(None, "scope", f"适用任务（{len(s.tasks)} 项）")
        sections = {sec.no: sec for sec in s.catalogue.sections}
        groups: dict[int, QTreeWidgetItem] = {}
        for ref in s.answer_tasks():
            group = groups.get(ref.section_no)
            if group is None:
                sec = sections[ref.section_no]
                group = QTreeWidgetItem(self.tree, [f"{cn_number(sec.no)}、{sec.title}"])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.setToolTip(0, group.text(0))
                group.setFirstColumnSpanned(True)
                groups[ref.section_no] = group
            self._leaf(group, task_scope(ref.task_id), ref.title, ref.text, ref.duty.role)
        self._leaf(None, "texts", "报告正文")
        self._leaf(None, "review", "审查定稿")
        self._leaf(None, "export", "导出报告")
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self.refresh_states()
        self.refresh_arrivals()
        if current in self.items:
            self.select(current)

    def _leaf(
        self,
        parent: QTreeWidgetItem | None,
        key: PageKey,
        text: str,
        tip: str = "",
        role: str = "",
    ) -> None:
        item = QTreeWidgetItem(parent or self.tree, [text, ROLE_LABELS[role] if role else ""])
        item.setData(0, Qt.ItemDataRole.UserRole, key)
        item.setToolTip(0, tip or text)
        if role:
            item.setForeground(1, QColor(ROLE_COLOURS[role]))
            item.setToolTip(1, f"本单位责任：{ROLE_LABELS[role]}")
        else:
            item.setFirstColumnSpanned(True)
        self.items[key] = item
        self.order.append(key)

    def refresh_states(self, only: PageKey | None = None) -> None:
        for key, item in self.items.items():
            if only and key != only:
                continue
            task_id = task_id_of(key)
            if task_id is not None:
                state = self.session.task_state(task_id)
                item.setIcon(0, state_icon(state))
                colour, label = STATE_LOOK[state]
                item.setToolTip(0, f"{label}　{item.text(0)}")
        done, total = self.session.progress()
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def refresh_arrivals(self) -> None:
        """Beside each task the unit leads, how many of the expected parts have arrived
        (“牵头 2/3”), so the clerk sees whom to chase without opening every task."""
        try:
            arrivals = LeadDesk.for_session(self.session).arrivals()
        except StoreError:
            return  # the count is a convenience; the task page says why it cannot read
        for task_id, count in arrivals.items():
            item = self.items.get(task_scope(task_id))
            if item is None:
                continue
            role = ROLE_LABELS["lead"]
            item.setText(1, f"{role} {count.short()}")
            item.setToolTip(1, f"本单位责任：{role}。{count.line()}")

    def select(self, key: PageKey) -> None:
        item = self.items.get(key)
        if item is not None and self.tree.currentItem() is not item:
            self.tree.setCurrentItem(item)

    def current_key(self) -> PageKey | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _current_changed(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        key = item.data(0, Qt.ItemDataRole.UserRole)
        if key:
            self.page_requested.emit(key)

    def neighbour(self, key: PageKey, step: int) -> PageKey | None:
        if key not in self.order:
            return None
        i = self.order.index(key) + step
        return self.order[i] if 0 <= i < len(self.order) else None
