"""Reference cycles are collected on the GUI thread only, never in a worker of the pool: a
cycle holding a widget destroyed off the GUI thread crashes Qt (a segmentation fault seen in
the suite while a 汇总 build ran in the pool)."""

from __future__ import annotations

import gc
import threading

from desktop.ui.worker import run_in_background


def test_a_cycle_is_collected_on_the_gui_thread_not_in_a_busy_worker(qtbot, qapp):
    assert not gc.isenabled()  # the application turned automatic collection off
    on_gui_thread: list[bool] = []

    class Marker:
        def __del__(self) -> None:
            on_gui_thread.append(threading.current_thread() is threading.main_thread())

    def make_cycle() -> None:
        marker = Marker()
        marker.me = marker  # type: ignore[attr-defined]

    def churn() -> int:
        # Enough new cycles to cross every threshold of the automatic collector many times.
        for _ in range(100_000):
            loop: list = []
            loop.append(loop)
        return 1

    make_cycle()  # garbage from now on: only a collection frees it
    results: list[int] = []
    run_in_background(churn, results.append, lambda exc: results.append(0))
    qtbot.waitUntil(lambda: bool(results), timeout=30_000)
    assert results == [1]
    qtbot.waitUntil(lambda: bool(on_gui_thread), timeout=5_000)
    assert on_gui_thread == [True]
