"""What a page needs from the window: the session, a way to save an edit, a way to jump."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.answers import DRAFT, FINAL
from desktop.session import ReportSession
from desktop.ui.autosave import Autosave


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

    def jump(self, page: str, field: str = "") -> None:
        self._jump(page, field)
