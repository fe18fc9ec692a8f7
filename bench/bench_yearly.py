"""How fast the yearly work is, against baselines measured in the same run.

    python bench/bench_yearly.py [--runs 50]

(a) Matching every task of the 2017 sample 要点 (20 tasks) against the 2016 要点 (40 tasks),
    TF-IDF over character pairs — what a task page needs for last year's answers, once per
    report — against merely cutting both texts into character pairs.
(b) The same for a 要点 of 200 tasks against one of 200 (five times each document), a large
    province's task-division table.
(c) Suggesting figures for every task of the 2016 要点, against splitting the texts into
    sentences.
(d) Reading and checking a publication file (the unit's import), against ``json.loads`` of
    the same bytes.

Prints figures and ratios; asserts nothing (a test never times anything).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.catalogue import load_builtin  # noqa: E402
from desktop.parser import parse_file  # noqa: E402
from desktop.yearly import publication as pub_mod  # noqa: E402
from desktop.yearly.draft import from_parse  # noqa: E402
from desktop.yearly.similarity import Matcher, bigrams, catalogue_matcher  # noqa: E402
from desktop.yearly.suggest import suggest  # noqa: E402

SAMPLE = ROOT / "tests" / "samples" / "yearly" / "dalian-2017-yaodian.txt"


def _times(fn: Callable[[], object], runs: int, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def _report(name: str, work: list[float], base: list[float], base_name: str) -> None:
    med, base_med = statistics.median(work), statistics.median(base)
    print(name)
    print(f"  median {med * 1000:8.2f} ms   max {max(work) * 1000:8.2f} ms   (n={len(work)})")
    print(f"  baseline, {base_name}: median {base_med * 1000:8.2f} ms")
    print(f"  ratio median/baseline: {med / base_med:.1f}x")


def _all_best(matcher: Matcher) -> None:
    for tid in matcher.new:
        matcher.best(tid)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    old = load_builtin()
    draft = from_parse(parse_file(SAMPLE, "dalian-2017"))
    new = draft.catalogue
    texts = [t.text for t in (*old.tasks(), *new.tasks())]

    work = _times(lambda: _all_best(catalogue_matcher(new, old)), args.runs)
    base = _times(lambda: [bigrams(t) for t in texts], args.runs)
    _report(
        "(a) 2017 sample (20 tasks) × 2016 (40 tasks): match every task",
        work,
        base,
        "character pairs of both texts",
    )

    big_new = {f"n{i}.{t.id}": t.text for i in range(10) for t in new.tasks()}
    big_old = {f"o{i}.{t.id}": t.text for i in range(5) for t in old.tasks()}
    big_texts = [*big_new.values(), *big_old.values()]
    runs = max(3, args.runs // 10)
    work = _times(lambda: _all_best(Matcher(big_new, big_old)), runs, warmup=1)
    base = _times(lambda: [bigrams(t) for t in big_texts], runs, warmup=1)
    _report(
        f"(b) {len(big_new)} tasks × {len(big_old)} tasks: match every task",
        work,
        base,
        "character pairs of both texts",
    )

    work = _times(lambda: [suggest(t) for t in old.tasks()], args.runs)
    base = _times(lambda: [re.split("[。；]", t.text) for t in old.tasks()], args.runs)
    _report("(c) suggest figures for the 40 tasks of 2016", work, base, "split into sentences")

    pub = pub_mod.make(new, draft.figures_document(), 1)
    with tempfile.TemporaryDirectory() as tmp:
        path = pub_mod.write(pub, Path(tmp) / pub.file_name())
        data = path.read_bytes()
        work = _times(lambda: pub_mod.read(path), args.runs)
        base = _times(lambda: json.loads(data), args.runs)
        _report(
            f"(d) read and check a publication ({len(data) // 1024} KB)",
            work,
            base,
            "json.loads of its bytes",
        )


if __name__ == "__main__":
    main()
