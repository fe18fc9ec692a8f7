"""The banner over a finalised report's pages.

While the report is final it says, before anything is typed, that an edit makes it a draft
again and withdraws the 保密审查 confirmation. After the first edit it says that this has
happened and offers to undo the edits and keep the report final — not after the cooperating
units' parts changed (collected, removed, restored): those cannot be undone that way.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.answers import FINAL
from desktop.ui.context import PageContext

FINAL_TEXT = (
    "本报告已定稿。修改任何内容都会使报告回到草稿，需要重新确认保密审查后再定稿。只是查看不受影响。"
)
REOPENED_TEXT = "您修改了已定稿的报告：报告已回到草稿，保密审查需要重新确认。"
PARTS_TEXT = "定稿后配合单位材料有变动（收集、删除或恢复）：报告已回到草稿，保密审查需要重新确认。"


class FinalBanner(QFrame):
    def __init__(
        self, ctx: PageContext, reload: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reload = reload  # the window reloads the pages after an undo
        self.setObjectName("finalBanner")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.keep_button = QPushButton("撤销这些修改，保持定稿(&K)", self)
        self.keep_button.setToolTip("恢复定稿时的内容，报告仍为定稿")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.keep_button)
        self.keep_button.clicked.connect(self.keep_final)
        ctx.status_changed.connect(lambda _s: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        session = self.ctx.session
        if session.read_only:
            self.hide()
            return
        if session.status == FINAL:
            self._show(FINAL_TEXT, "#e6f4ea", "#14532d", undo=False)
        elif session.reopened_by_parts:
            self._show(PARTS_TEXT, "#fff4d6", "#8a5300", undo=False)
        elif session.since_final:
            self._show(REOPENED_TEXT, "#fff4d6", "#8a5300", undo=True)
        else:
            self.hide()

    def _show(self, text: str, background: str, colour: str, undo: bool) -> None:
        self.label.setText(text)
        self.setStyleSheet(
            f"#finalBanner {{ background-color:{background}; }} QLabel {{ color:{colour}; }}"
        )
        self.keep_button.setVisible(undo)
        self.show()

    def keep_final(self) -> None:
        self.ctx.session.keep_final()
        self.ctx.autosave.flush_now(seal=True)
        self.reload()
        self.ctx.status_changed.emit(FINAL)
