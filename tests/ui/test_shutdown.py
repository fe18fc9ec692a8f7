"""Closing the window ends the process at once (issue 12 §11; bench/bench_shutdown.py measures
how soon) — without skipping anything: the last edit is saved, the close-time backup made with
it, the lock released, so an immediate restart gets a writable window."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from tests.conftest import ROOT

# The real entry point; just before the window closes the clerk types into 总体情况 (the
# edit is still only in memory: the close must save it).
HARNESS = """
import os, sys, time
sys.path.insert(0, os.getcwd())
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.ui import app as app_mod
from desktop.ui.main_window import MainWindow
make_app = app_mod.make_app
def wrapped(argv=None):
    app = make_app(argv)
    def close():
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        window.report_view.ctx.edit("texts", "overview", "关闭前打的最后一句。")
        window.close()
    QTimer.singleShot(2000, close)
    return app
app_mod.make_app = wrapped
from desktop.cli import main
sys.exit(main([]))
"""


def test_closing_saves_backs_up_releases_the_lock_and_exits(data_dir):
    subprocess.run(
        [sys.executable, "scripts/seed_screenshot_data.py", str(data_dir), "中山区", "texts"],
        cwd=ROOT,
        check=True,
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", HARNESS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    from desktop.store import open_store

    reopened = open_store(data_dir, backup_on_open=False).store
    try:
        assert not reopened.read_only  # the lock was released: a restart can write
        (info,) = reopened.list_reports()
        assert reopened.load_values(info.id)["texts"]["overview"] == "关闭前打的最后一句。"
    finally:
        reopened.close()
    newest = max((data_dir / "backups").glob("*.db"), key=lambda p: p.stat().st_mtime)
    with sqlite3.connect(newest) as backup:
        assert "关闭前打的最后一句。" in str(
            backup.execute("SELECT * FROM field_values").fetchall()
        )
