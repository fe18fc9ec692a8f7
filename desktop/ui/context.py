"""What a page needs from the window: the session, a way to save an edit, a way to jump."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.answers import DRAFT, FINAL
from desktop.session import ReportSession
from desktop.ui import dialogs
from desktop.ui.autosave import Autosave


def final_notice(session: ReportSession, doing: str) -> str:
    """What a clerk must know before *doing* (收集配合单位材料 …) changes a final report; ''
    for a draft."""
    if session.status != FINAL:
        return ""
    return (
        f"本报告已定稿。{doing}会改变报告的内容（附件“配合单位落实情况”表，以及可填入的合计），"
        "报告将回到草稿，需要重新确认保密审查后再定稿。"
    )


class PageContext(QObject):
    value_changed = Signal(str, str)  # scope, key
    status_changed = Signal(str)  # draft/final
    parts_changed = Signal()  # the lead collected or removed cooperating units' parts

    def __init__(
        self, session: ReportSession, autosave: Autosave, jump: Callable[[str, str], None]
    ) -> None:
        super().__init__()
        self.session = session
        self.autosave = autosave
        self._jump = jump

    def edit(self, scope: str, key: str, value: Any) -> None:
        if self.session.read_only:
            return
        if not self.session.set_value(scope, key, value):
            return
        if self.session.status == FINAL:
            # Editing a finalised report makes it a draft again: it must be reviewed anew. The
            # status change rides in the autosave queue: a failed write is shown and retried.
            self.session.reopen()
            self.autosave.flush_now()
            self.status_changed.emit(DRAFT)
        self.autosave.schedule()
        self.value_changed.emit(scope, key)

    def parts_may_change(self, parent: QWidget | None, doing: str) -> bool:
        """Before collecting, removing or restoring parts of a final report: say it becomes a
        draft and ask. False when the clerk cancels (nothing is done); True at once for a draft."""
        notice = final_notice(self.session, doing)
        if not notice:
            return True
        buttons = [f"{doing}，报告回到草稿", "取消"]
        return dialogs.ask(parent, "报告已定稿", notice, buttons, default=1) == 0

    def parts_edited(self) -> None:
        """Parts were collected, removed or restored: a final report becomes a draft (queued
        and written like an edit's status change), then every panel shows the new parts."""
        if self.session.parts_changed():
            self.autosave.flush_now()
            self.status_changed.emit(DRAFT)
        elif self.session.reopened_by_parts:
            self.status_changed.emit(self.session.status)  # the banner drops its undo
        self.parts_changed.emit()

    def jump(self, page: str, field: str = "") -> None:
        self._jump(page, field)
