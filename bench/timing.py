"""Shared by the start-up benchmarks: time a GUI start until it reports "shown" / "ready", and
until the process has ended."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from desktop.paths import offscreen_qt_env  # noqa: E402

__all__ = ["ROOT", "Start", "offscreen_qt_env", "start_once", "time_until_shown"]

# How long a start may take until "ready", and how long the process may then take to end, before
# it is killed and the benchmark fails: a process that lingers after its work is a bug to see,
# not a wait without end (under Wine one once kept the benchmark waiting for minutes).
START_LIMIT = 120.0
EXIT_LIMIT = 60.0


@dataclass(frozen=True)
class Start:
    shown: float  # seconds until the window was shown
    ready: float  # … until it was filled with data
    exited: float  # … until the process had ended


def start_once(cmd: list[str], env: dict) -> Start:
    """Start *cmd* once and time it. Both output streams are read by threads, so neither a full
    stderr pipe nor a process that never closes its stdout can stall the benchmark."""
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
    assert proc.stdout is not None and proc.stderr is not None
    lines: queue.Queue[tuple[float, str | None]] = queue.Queue()
    err: list[str] = []

    def pump_out() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put((time.perf_counter() - start, line))
        lines.put((time.perf_counter() - start, None))

    def pump_err() -> None:
        assert proc.stderr is not None
        err.append(proc.stderr.read())

    for pump in (pump_out, pump_err):
        threading.Thread(target=pump, daemon=True).start()
    shown = ready = 0.0
    deadline = start + START_LIMIT
    while not ready:
        try:
            at, line = lines.get(timeout=max(0.01, deadline - time.perf_counter()))
        except queue.Empty:
            break
        if line is None:
            break
        if line.startswith("shown"):
            shown = at
        elif line.startswith("ready"):
            ready = at
    try:
        proc.wait(timeout=EXIT_LIMIT if ready else max(0.01, deadline - time.perf_counter()))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        what = f"still running {EXIT_LIMIT:.0f} s after ready" if ready else "no ready in time"
        raise RuntimeError(f"{cmd[0]}: {what} (killed); stderr: {''.join(err)[-2000:]}") from None
    exited = time.perf_counter() - start
    if not shown or proc.returncode != 0:
        raise RuntimeError(
            f"{cmd[0]}: window never shown (exit {proc.returncode}): {''.join(err)[-2000:]}"
        )
    return Start(shown, ready or shown, exited)


def time_until_shown(cmd: list[str], env: dict) -> tuple[float, float]:
    """(seconds until the window is shown, seconds until it is filled with data)."""
    s = start_once(cmd, env)
    return s.shown, s.ready
