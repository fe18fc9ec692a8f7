"""What a page needs from the window: the session, a way to save an edit, a way to jump."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.session import ReportSession
from desktop.ui.autosave import Autosave


class PageContext(QObject):
    value_changed = Signal(str, str)  # scope, key
    status_changed = Signal(str)  # draft/final

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
        if self.session.status == "final":
            # Editing a finalised report makes it a draft again: it must be reviewed anew.
            self.session.status = "draft"
            self.session.set_value("review", "confirmed", False)
            self.autosave.flush_now()
            try:
                self.session.store.set_status(self.session.report_id, "draft")
            except Exception:  # noqa: BLE001 - the queue keeps the edit; status retried on finalise
                pass
            self.status_changed.emit("draft")
        self.autosave.schedule()
        self.value_changed.emit(scope, key)

    def jump(self, page: str, field: str = "") -> None:
        self._jump(page, field)
