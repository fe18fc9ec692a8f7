"""Running long work (bulk import, consolidation, export) off the GUI thread.

``Background.run(fn, on_success, on_failure, on_progress)``: *fn* runs on a pool thread and
gets a ``progress(done, total, text)`` callable; the callbacks run on the GUI thread (queued
signals of a QObject that lives there). Workers never touch widgets, and the service opens a
SQLite connection per operation, so no connection crosses threads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives on the GUI thread; its signals, emitted from the worker, arrive queued."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)

    def __init__(self, on_success, on_failure, on_progress, finished, parent: QObject) -> None:
        # Parented to the window's Background: if the window goes, pending results are dropped
        # with it instead of reaching deleted widgets.
        super().__init__(parent)
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self._finished = finished
        self.succeeded.connect(self._succeeded)
        self.failed.connect(self._failed)
        self.progressed.connect(self._progressed)

    @Slot(object)
    def _succeeded(self, value: Any) -> None:
        try:
            self._on_success(value)
        finally:
            self._finished(self)

    @Slot(object)
    def _failed(self, exc: Any) -> None:
        try:
            self._on_failure(exc)
        finally:
            self._finished(self)

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, text: str) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total, text)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            value = self.fn(self.relay.progressed.emit)
        except Exception as exc:  # every failure is reported to the GUI, none is lost
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(value)


class Background(QObject):
    """One pool per window, so closing the window can wait for its own work only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self._running: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        fn: Callable[[Callable[[int, int, str], None]], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> None:
        relay = _Relay(on_success, on_failure, on_progress, self._finished, self)
        self._running.add(relay)
        job = _Job(fn, relay)
        job.setAutoDelete(True)
        self.pool.start(job)

    def _finished(self, relay: _Relay) -> None:
        self._running.discard(relay)
        relay.deleteLater()

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
