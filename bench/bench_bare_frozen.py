"""Is the frozen program's slower "window shown" ours, or the platform's? The same measure as
bench_frozen_start.py on a bare PySide6 window (a QMainWindow with a label, nothing of ours),
frozen by PyInstaller the way packaging/zwgk.spec freezes ours (onedir, modules as .pyc files),
against the same script run from source by the same Python.

    python bench/bench_bare_frozen.py [--runs 5] [--work DIR]

If the bare window's frozen/source ratio is close to our program's, the gap is the platform's
process start (e.g. under Wine), not something our program does before showing its window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import offscreen_qt_env, start_once

BARE = """\
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("政务公开落实情况报告"))
window.resize(1000, 700)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), print("ready", flush=True), app.quit()))
sys.exit(app.exec())
"""


def build(work: Path) -> tuple[Path, Path]:
    """The bare script and its frozen onedir program."""
    script = work / "bare_window.py"
    script.write_text(BARE, encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--onedir",
            "--console",  # stdout for the timing; ours is timed through its console twin too
            "--noconfirm",
            "--noupx",
            "--debug=noarchive",  # modules as .pyc files, as packaging/zwgk.spec does
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            "--specpath",
            str(work),
            str(script),
        ],
        check=True,
        cwd=work,
    )
    exe = work / "dist" / "bare_window" / ("bare_window.exe" if os.name == "nt" else "bare_window")
    return script, exe


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, help="build folder (default: a temp folder)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="zwgk-bare-"))
    work.mkdir(parents=True, exist_ok=True)
    script, exe = build(work)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_"))}
    env.update(offscreen_qt_env())
    commands = {"source": [sys.executable, str(script)], "frozen": [str(exe)]}
    for cmd in commands.values():  # warm-up
        start_once(cmd, env)
    shown: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            shown[name].append(start_once(cmd, env).shown)
    src, frz = statistics.median(shown["source"]), statistics.median(shown["frozen"])
    print(f"bare PySide6 window, median of {args.runs} runs, offscreen:")
    print(
        f"  window shown         source {src * 1000:6.0f} ms   frozen {frz * 1000:6.0f} ms   "
        f"ratio {frz / src:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
