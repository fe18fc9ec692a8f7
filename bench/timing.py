"""Shared by the start-up benchmarks: time a GUI start until it reports "shown" / "ready"."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from desktop.paths import offscreen_qt_env  # noqa: E402

__all__ = ["ROOT", "offscreen_qt_env", "time_until_shown"]


def time_until_shown(cmd: list[str], env: dict) -> tuple[float, float]:
    """(seconds until the window is shown, seconds until it is filled with data)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    shown = ready = 0.0
    for line in proc.stdout:
        if line.startswith("shown"):
            shown = time.perf_counter() - start
        elif line.startswith("ready"):
            ready = time.perf_counter() - start
    _out, err = proc.communicate(timeout=120)
    if not shown or proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]}: window never shown (exit {proc.returncode}): {err}")
    return shown, ready or shown
