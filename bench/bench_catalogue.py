"""How fast the 要点 parser and ``catalogue show`` are, against baselines measured here.

    .venv/bin/python bench/bench_catalogue.py [--runs 300] [--cli-runs 10]

(a) Parsing forms/sources/dalian-2016-yaodian.txt in-process (median and p95 over many runs),
    against reading + decoding + splitting the same file; target < 50 ms.
(b) The same 要点 as a .docx (paragraphs written by python-docx), parsed the same way, against
    opening and listing the .docx's lines.
(c) ``python main.py catalogue show --json`` as a subprocess (median over a few runs), against
    ``python -c pass`` started the same way; target well under 0.5 s.
(d) A traditional-character reprint (OpenCC converts it), against the same notice written in
    simplified characters; and the first parse in a process, which imports and loads OpenCC.

Prints figures and ratios; asserts nothing (a test never times anything).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.parser.source import read_source  # noqa: E402
from desktop.parser.structure import parse_file  # noqa: E402

SOURCE = ROOT / "forms" / "sources" / "dalian-2016-yaodian.txt"
TRADITIONAL = ROOT / "bench" / "heldout" / "h09-songyuan-2019-traditional.txt"
SIMPLIFIED_TWIN = ROOT / "bench" / "heldout" / "h01-songyuan-2019-unbracketed.txt"


def _times(
    fn: Callable[[], object],
    runs: int,
    warmup: int = 3,
    clock: Callable[[], float] = time.perf_counter,
) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        t0 = clock()
        fn()
        out.append(clock() - t0)
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def _report(name: str, work: list[float], base: list[float], base_name: str) -> None:
    med, base_med = statistics.median(work), statistics.median(base)
    print(f"{name}")
    print(f"  median {_ms(med)}   p95 {_ms(_p95(work))}   (n={len(work)})")
    print(f"  baseline, {base_name}: median {_ms(base_med)}   p95 {_ms(_p95(base))}")
    print(f"  ratio median/baseline: {med / base_med:.1f}x")


def _dalian_docx(path: Path) -> Path:
    from docx import Document

    doc = Document()
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    doc.save(path)
    return path


def _cli(args: list[str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(args, capture_output=True, cwd=ROOT)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{args} failed: {done.stderr.decode('utf-8', 'replace')}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=300)
    ap.add_argument("--cli-runs", type=int, default=10)
    args = ap.parse_args()
    print(f"Python {sys.version.split()[0]} on {sys.platform}; source {SOURCE.name}\n")

    result = parse_file(SOURCE)
    n_tasks = len(result.catalogue.task_ids())
    print(f"(parse yields {len(result.catalogue.sections)} sections, {n_tasks} tasks)\n")
    parse = _times(lambda: parse_file(SOURCE), args.runs)
    read = _times(lambda: read_source(SOURCE).lines, args.runs)
    _report("(a) parse .txt → catalogue", parse, read, "read + decode + split")
    # CPU time is what other jobs on a shared machine do not inflate.
    cpu = _times(lambda: parse_file(SOURCE), args.runs, clock=time.process_time)
    print(f"  CPU time: median {_ms(statistics.median(cpu))}")
    print(f"  target < 50 ms: {'met' if statistics.median(parse) < 0.050 else 'NOT met'}\n")

    with tempfile.TemporaryDirectory() as tmp:
        docx = _dalian_docx(Path(tmp) / "dalian-2016.docx")
        runs = max(20, args.runs // 5)
        parse_docx = _times(lambda: parse_file(docx), runs)
        read_docx = _times(lambda: read_source(docx).lines, runs)
        _report("(b) parse .docx → catalogue", parse_docx, read_docx, "unzip + XML + lines")
        print()

    show = [sys.executable, str(ROOT / "main.py"), "catalogue", "show", "--json"]
    bare = [sys.executable, "-c", "pass"]
    _cli(show), _cli(bare)  # warm the OS file cache
    show_t = [_cli(show) for _ in range(args.cli_runs)]
    bare_t = [_cli(bare) for _ in range(args.cli_runs)]
    _report("(c) python main.py catalogue show --json", show_t, bare_t, "python -c pass")
    over = statistics.median(show_t) - statistics.median(bare_t)
    print(f"  above interpreter start: {_ms(over)}")
    print(f"  target well under 500 ms: {'met' if statistics.median(show_t) < 0.5 else 'NOT met'}")
    print()
    # A traditional reprint pays for OpenCC (loaded once per process, then t2s per line).
    t0 = time.perf_counter()
    parse_file(TRADITIONAL)
    first = time.perf_counter() - t0
    trad = _times(lambda: parse_file(TRADITIONAL), args.runs // 3)
    simp = _times(lambda: parse_file(SIMPLIFIED_TWIN), args.runs // 3)
    _report(
        "(d) parse a traditional reprint (bench/heldout h09)",
        trad,
        simp,
        "the same notice in simplified characters (h01)",
    )
    print(f"  first parse in the process (imports and loads OpenCC): {_ms(first)}\n")


if __name__ == "__main__":
    main()
