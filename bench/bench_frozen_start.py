"""Start-up of the frozen bundle against running from source (issue 6: within 1.3×).

Same measure for both, the one bench_startup.py uses: a new process started with
``--quit-when-shown`` (offscreen), timed until it prints ``shown`` (window on screen) and
``ready …`` (database opened and checked, report resumed at its last page), on the same seeded
data directory. Runs alternate between the two so drift hits both equally.

    python bench/bench_frozen_start.py [--bundle dist/zwgk] [--runs 9] [--cold]

``--bundle`` defaults to dist/zwgk; if it is missing, packaging/build.py builds it first.
``--cold`` empties the OS file cache before every run (Linux, root: writes
/proc/sys/vm/drop_caches), which is what a clerk's first start of the day looks like; without
it the files are cached (every later start).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import offscreen_qt_env, start_once  # noqa: E402

WINDOWS = sys.platform == "win32"
TARGET = 1.3


def drop_caches() -> None:
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as fh:
        fh.write("3\n")


def ensure_bundle(bundle: Path) -> Path:
    exe = bundle / ("zwgk-cli.exe" if WINDOWS else "zwgk")
    if exe.is_file():
        return exe
    print(f"{exe} not found: building it with packaging/build.py …", flush=True)
    dist = bundle.parent
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build.py"),
            "--dist",
            str(dist),
            "--work",
            str(dist.parent / "build"),
            "--no-check",
            "--no-installer",
        ],
        check=True,
        cwd=ROOT,
    )
    return exe


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "zwgk")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--cold", action="store_true", help="drop the file cache before runs")
    args = parser.parse_args()
    if args.cold and (WINDOWS or not os.access("/proc/sys/vm/drop_caches", os.W_OK)):
        print("--cold needs Linux and root (it writes /proc/sys/vm/drop_caches)")
        return 2
    # The windowed Windows exe has no stdout; its console twin is the same program.
    frozen = ensure_bundle(args.bundle.resolve())
    data = tempfile.mkdtemp(prefix="zwgk-bench-")
    seed = ROOT / "scripts" / "seed_screenshot_data.py"
    subprocess.run(
        [sys.executable, str(seed), data, "市财政局", "task:1.6.1"], check=True, cwd=ROOT
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_"))}
    env.update(offscreen_qt_env(), ZWGK_DATA_DIR=data)
    commands = {
        "source": [sys.executable, str(ROOT / "main.py"), "--quit-when-shown"],
        "frozen": [str(frozen), "--quit-when-shown"],
    }
    for cmd in commands.values():  # warm-up: .pyc files written, caches filled
        start_once(cmd, env)
    shown: dict[str, list[float]] = {k: [] for k in commands}
    ready: dict[str, list[float]] = {k: [] for k in commands}
    after: dict[str, list[float]] = {k: [] for k in commands}  # from ready until the end
    for _ in range(args.runs):
        for name, cmd in commands.items():
            if args.cold:
                drop_caches()
            run = start_once(cmd, env)
            shown[name].append(run.shown)
            ready[name].append(run.ready)
            after[name].append(run.exited - run.ready)
    size = sum(
        f.stat().st_size for f in frozen.parent.rglob("*") if f.is_file() and not f.is_symlink()
    )
    mode = "cold (file cache dropped before each run)" if args.cold else "warm (files cached)"
    print(f"start-up, {mode}, median of {args.runs} runs, offscreen, a report in progress:")
    print(f"  frozen bundle: {frozen} ({size / 1e6:.1f} MB)")
    print(f"  source:        {sys.executable} main.py")
    for label, figures in (("window shown", shown), ("ready (data loaded)", ready)):
        src = statistics.median(figures["source"])
        frz = statistics.median(figures["frozen"])
        ok = "ok" if frz / src <= TARGET else "OVER TARGET"
        print(
            f"  {label:20} source {src * 1000:6.0f} ms   frozen {frz * 1000:6.0f} ms   "
            f"ratio {frz / src:.2f}x (target <= {TARGET}x: {ok})"
        )
    # How long each process took to end after it was ready (a lingering exit shows here).
    print(
        "  exit after ready     "
        + "   ".join(
            f"{name} median {statistics.median(v) * 1000:.0f} ms, slowest {max(v) * 1000:.0f} ms"
            for name, v in after.items()
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
