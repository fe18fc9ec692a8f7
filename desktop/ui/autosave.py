"""Every edit reaches the disk within a second, and a failed save is never silent.

The first unsaved edit starts a single-shot timer (it is not restarted by later keystrokes, so
continuous typing is still saved at least once a second). A save that fails keeps the edits in
the session's queue, says so, and retries every few seconds until it succeeds.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.session import ReportSession


class Autosave(QObject):
    saved = Signal(str)  # "HH:MM:SS"
    failed = Signal(str)  # the Chinese message from the store
    recovered = Signal()

    def __init__(
        self,
        session: ReportSession,
        delay_ms: int = 700,
        retry_ms: int = 5000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush_now)
        self.retry = QTimer(self)
        self.retry.setInterval(retry_ms)
        self.retry.timeout.connect(self.flush_now)
        self.failing = False
        self.last_saved = ""
        self._dirty = False  # an edit was made since the last "saved" report

    def schedule(self) -> None:
        self._dirty = True
        if not self.timer.isActive() and not self.failing:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.retry.stop()

    def flush_now(self, seal: bool = False) -> bool:
        """Save what is queued now. True when nothing is left unsaved. ``seal``: an explicit
        save — the next edit of each field starts a new history entry."""
        self.timer.stop()
        if not self.session.unsaved:
            if seal:
                self.session.flush(seal=True)
            if self._dirty:  # someone else wrote the queue (e.g. a preview): still say so
                self._dirty = False
                self.last_saved = time.strftime("%H:%M:%S")
                self.saved.emit(self.last_saved)
            return True
        error = self.session.flush(seal=seal)
        if error is None:
            self._dirty = False
            self.last_saved = time.strftime("%H:%M:%S")
            if self.failing:
                self.failing = False
                self.retry.stop()
                self.recovered.emit()
            self.saved.emit(self.last_saved)
            return True
        if not self.failing:
            self.failing = True
            self.retry.start()
        self.failed.emit(str(error))
        return False
