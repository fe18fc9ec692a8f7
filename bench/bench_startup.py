"""Start-up and page-switch benchmark for the wizard.

1. Time from starting ``python main.py`` to the main window shown, against a bare PySide6
   QWizard window started the same way (a new Python process, offscreen). Target ≤ 1.5×.
2. Page switching with a full report loaded (the unit with the most tasks, every optional task
   applicable): building each page, first and later visits, against switching a bare
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
sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import offscreen_qt_env, time_until_shown  # noqa: E402

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


def startup(runs: int) -> None:
    data = tempfile.mkdtemp(prefix="zwgk-bench-")
    seed = ROOT / "scripts" / "seed_screenshot_data.py"
    subprocess.run(
        [sys.executable, str(seed), data, "市财政局", "task:1.6.1"], check=True, cwd=ROOT
    )
    env = {**os.environ, **offscreen_qt_env(), "ZWGK_DATA_DIR": data}
    app_cmd = [sys.executable, str(ROOT / "main.py"), "--quit-when-shown"]
    base_cmd = [sys.executable, "-c", BASELINE]
    time_until_shown(app_cmd, env)  # warm the file cache for both
    time_until_shown(base_cmd, env)
    shown, ready, base = [], [], []
    for _ in range(runs):
        base.append(time_until_shown(base_cmd, env)[0])
        s, r = time_until_shown(app_cmd, env)
        shown.append(s)
        ready.append(r)
    b, s, r = statistics.median(base), statistics.median(shown), statistics.median(ready)
    print(f"start-up, median of {runs} runs (a report in progress, resumed at its last page):")
    print(f"  bare PySide6 QWizard shown: {b * 1000:.0f} ms")
    print(f"  app window shown:           {s * 1000:.0f} ms, ratio {s / b:.2f}x (target <= 1.5x)")
    print(
        f"  app ready (database opened and checked, report open at its last page): {r * 1000:.0f} ms, ratio {r / b:.2f}x"
    )


def page_switching() -> None:
    for key, value in offscreen_qt_env().items():
        os.environ.setdefault(key, value)
    os.environ["ZWGK_DATA_DIR"] = tempfile.mkdtemp(prefix="zwgk-bench-")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QLabel, QStackedWidget

    from desktop.answers import task_scope
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
        session.set_value(task_scope(t.task_id), "applicable", True)
    for t in session.tasks:
        scope = task_scope(t.task_id)
        session.set_value(scope, "status", session.form.statuses.done)
        session.set_value(scope, "measures", "在政府网站开设专栏，" * 80)
        session.set_value(scope, "results", "公开信息累计访问量显著提升。" * 40)
    session.flush()
    view = ReportView(services.open_session(report_id), services.settings)
    view._prebuild.stop()  # measured explicitly below
    view.resize(1280, 820)
    view.show()
    app.processEvents()
    keys = list(view.nav.order)
    cold = []
    for key in keys:  # what building a page costs (done in idle time after start-up)
        t0 = time.perf_counter()
        view.page(key)
        cold.append((time.perf_counter() - t0) * 1000)
    app.processEvents()
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
        f"  building a page (done in idle time after start-up): median {statistics.median(cold):.1f} ms, "
        f"max {max(cold):.1f} ms\n"
        f"  first visit: median {statistics.median(first):.1f} ms, max {max(first):.1f} ms"
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
