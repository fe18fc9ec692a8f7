"""“恢复已删除的材料…” on a lead task's 配合单位材料 panel: the removed parts that can come back.

One line per unit (its newest removed part: when it was removed, from which file); the clerk
picks one and confirms. The rule and the writing are :mod:`desktop.lead.removed`'s.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.lead.removed import removed_at
from desktop.store.contributions import Contribution


def line(part: Contribution) -> str:
    """``中山区　删除于 2016-11-28 10:05（收到 2016-11-28 09:30，来自“….json”）``."""
    received = part.received_at.replace("T", " ")[:16]
    return f"{part.unit}　删除于 {removed_at(part)}（收到 {received}，来自“{part.source_name}”）"


class RestorePartsDialog(QDialog):
    def __init__(self, task: str, parts: list[Contribution], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("恢复已删除的材料")
        self.resize(640, 320)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{task}：以下单位的材料已被删除。选择要恢复的一份：恢复后重新显示、计入合计，"
            "并按“配合单位落实情况”表的选择列入报告。",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        for part in parts:
            item = QListWidgetItem(line(part), self.list)
            item.setData(Qt.ItemDataRole.UserRole, part.unit)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton("恢复…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(buttons)

    def chosen(self) -> str:
        """The unit whose part is to come back ('' when none is selected)."""
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""
