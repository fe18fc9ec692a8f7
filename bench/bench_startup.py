"""Start-up and page-switch benchmark for the wizard.

1. Time from starting ``python main.py`` to the main window shown, against a bare PySide6
   QWizard window started the same way (a new Python process, offscreen). Target ≤ 1.5×.
2. Page switching with a full report loaded (the unit with the most tasks, every optional task
   applicable): first visit (page built) and later visits, against switching a bare
   QStackedWidget. Target < 50 ms.

    python bench/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard, QWizardPage, QLabel, QVBoxLayout
app = QApplication(sys.argv)
app.setStyle("Fusion")
w = QWizard()
w.setWizardStyle(QWizard.WizardStyle.ModernStyle)
p = QWizardPage(); p.setTitle("baseline"); QVBoxLayout(p).addWidget(QLabel("bare wizard"))
w.addPage(p)
w.show()
def shown():
    print("shown", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def time_until_shown(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("shown"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"window never shown: {proc.stderr.read() if proc.stderr else ''}")
    proc.wait(timeout=60)
    return elapsed


def startup(runs: int) -> None:
    data = tempfile.mkdtemp(prefix="zwgk-bench-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ZWGK_DATA_DIR": data}
    app_cmd = [sys.executable, str(ROOT / "main.py"), "--quit-when-shown"]
    base_cmd = [sys.executable, "-c", BASELINE]
    time_until_shown(
        app_cmd, env
    )  # first run creates the database: not what a clerk waits for daily
    time_until_shown(base_cmd, env)
    app_times, base_times = [], []
    for _ in range(runs):
        base_times.append(time_until_shown(base_cmd, env))
        app_times.append(time_until_shown(app_cmd, env))
    app_med, base_med = statistics.median(app_times), statistics.median(base_times)
    print(
        f"start-up, median of {runs}: app {app_med * 1000:.0f} ms, bare QWizard {base_med * 1000:.0f} ms, "
        f"ratio {app_med / base_med:.2f}× (target ≤ 1.5×)"
    )


def page_switching() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ZWGK_DATA_DIR"] = tempfile.mkdtemp(prefix="zwgk-bench-")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QLabel, QStackedWidget

    from desktop.services import Services
    from desktop.settings import Settings
    from desktop.store import open_store
    from desktop.ui.app import make_app
    from desktop.ui.report_view import ReportView

    app = make_app()
    services = Services(open_store().store, Settings())
    report_id = services.start_report("市财政局", "dalian-2016")
    session = services.open_session(report_id)
    for t in session.optional_tasks():
        session.set_value(f"task:{t.task_id}", "applicable", True)
    for t in session.tasks:
        scope = f"task:{t.task_id}"
        session.set_value(scope, "status", "已完成")
        session.set_value(scope, "measures", "在政府网站开设专栏，" * 80)
        session.set_value(scope, "results", "公开信息累计访问量显著提升。" * 40)
    session.flush()
    view = ReportView(services.open_session(report_id), services.settings)
    view.resize(1280, 820)
    view.show()
    app.processEvents()
    keys = list(view.nav.order)
    first, again = [], []
    for visits in (first, again):
        for key in keys:
            t0 = time.perf_counter()
            view.show_page(key)
            app.processEvents()
            visits.append((time.perf_counter() - t0) * 1000)
    stack = QStackedWidget()
    labels = [QLabel(str(i)) for i in range(len(keys))]
    for label in labels:
        stack.addWidget(label)
    stack.show()
    base = []
    for label in labels:
        t0 = time.perf_counter()
        stack.setCurrentWidget(label)
        app.processEvents()
        base.append((time.perf_counter() - t0) * 1000)
    print(f"page switch over {len(keys)} pages ({len(session.tasks)} tasks answered):")
    print(
        f"  first visit (builds the page): median {statistics.median(first):.1f} ms, max {max(first):.1f} ms"
    )
    print(f"  later visits: median {statistics.median(again):.1f} ms, max {max(again):.1f} ms")
    print(
        f"  bare QStackedWidget switch: median {statistics.median(base):.2f} ms; "
        f"ratio (later visits) {statistics.median(again) / max(statistics.median(base), 0.01):.0f}× (target < 50 ms absolute)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    startup(args.runs)
    page_switching()
