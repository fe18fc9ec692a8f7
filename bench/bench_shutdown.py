"""How long the process lives on after the clerk closes the window (issue 12 §11).

The wizard is started the way a clerk starts it (``python main.py``, offscreen) on a data
directory with a report in progress; once its pages are built the window is closed, and the
time from that close to the end of the process is measured — against a bare PySide6 window
started and closed the same way. While the process lives on it holds the database lock, so a
clerk who restarts at once would get a read-only window.

    python bench/bench_shutdown.py [--runs 7]
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

# Runs the real entry point (desktop.cli.main, as main.py does) and closes every window
# CLOSE_AFTER seconds after start, printing the moment it does.
APP = """
import os, sys, time
sys.path.insert(0, os.getcwd())
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.ui import app as app_mod
make_app = app_mod.make_app
def wrapped(argv=None):
    app = make_app(argv)
    def close():
        print("closing", time.time(), flush=True)
        for w in QApplication.topLevelWidgets():
            if w.isWindow() and w.isVisible():
                w.close()
    QTimer.singleShot(int(float(os.environ["CLOSE_AFTER"]) * 1000), close)
    return app
app_mod.make_app = wrapped
from desktop.cli import main
sys.exit(main([]))
"""

BASELINE = """
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
app.setStyle("Fusion")
w = QMainWindow(); w.setCentralWidget(QLabel("bare window")); w.show()
def close():
    print("closing", time.time(), flush=True); w.close()
QTimer.singleShot(int(float(os.environ["CLOSE_AFTER"]) * 1000), close)
app.exec()
"""


def close_to_exit(code: str, env: dict) -> float:
    """Seconds from the window's close to the end of the process."""
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    closed = 0.0
    for line in proc.stdout:
        if line.startswith("closing"):
            closed = float(line.split()[1])
    proc.wait(timeout=120)
    ended = time.time()
    if not closed:
        raise RuntimeError("the window was never closed")
    return ended - closed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--close-after", type=float, default=4.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run(
            [
                sys.executable,
                "scripts/seed_screenshot_data.py",
                str(data),
                "市财政局",
                "task:1.6.1",
            ],
            cwd=ROOT,
            check=True,
        )
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "ZWGK_DATA_DIR": str(data),
            "CLOSE_AFTER": str(args.close_after),
        }
        app = [close_to_exit(APP, env) for _ in range(args.runs)]
        bare = [close_to_exit(BASELINE, env) for _ in range(args.runs)]
    a, b = statistics.median(app), statistics.median(bare)
    print(f"window closed → process ended, median of {args.runs} runs:")
    print(f"  the wizard (report open, pages built, backup at close): {a * 1000:.0f} ms")
    print(f"  bare PySide6 window (baseline):                         {b * 1000:.0f} ms")
    print(f"  ratio: {a / b:.1f}×")


if __name__ == "__main__":
    main()
