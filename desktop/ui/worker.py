"""Background work off the GUI thread, reported back on it.

``run_in_background(fn, on_success, on_failure)`` runs *fn* in the global thread pool; the
callbacks run on the GUI thread. Workers never touch widgets and open their own SQLite
connections if they need one.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - reported to the GUI thread, never swallowed
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.succeeded.emit(result)


_live: set[_Job] = set()


def run_in_background(
    fn: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
) -> _Job:
    job = _Job(fn)
    job.setAutoDelete(False)
    _live.add(job)

    def done(result: Any) -> None:
        _live.discard(job)
        on_success(result)

    def failed(exc: Exception, _tb: str) -> None:
        _live.discard(job)
        on_failure(exc)

    job.signals.succeeded.connect(done)
    job.signals.failed.connect(failed)
    QThreadPool.globalInstance().start(job)
    return job


def busy() -> bool:
    return bool(_live)
