"""How many of the held-out-style 要点 in bench/heldout/ the parser reads exactly right.

    python bench/heldout_eval.py [-v]

Each ``hNN-*.txt`` is a notice written in the shape of a real published 要点 (the ``model``
field of its ``.json`` names which); the ``.json`` holds what a careful reader takes from it:
the item count of every section and every task's assignments (unit, role). A notice is read
*exactly right* when the parser's catalogue has the same sections, the same task ids and, for
every task, the same set of assignments. The notices were written before the parser was tuned
on them, to stand in for the real held-out set that developers never see.

Prints one line per notice, the differences with ``-v``, and the figure N/M at the end. It
asserts nothing; ``tests/test_parser_heldout.py`` keeps the figure from going down.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.parser import ParseError, SourceError, parse_file  # noqa: E402

HELDOUT = ROOT / "bench" / "heldout"


@dataclass
class Verdict:
    name: str
    family: str
    problems: list[str] = field(default_factory=list)

    @property
    def right(self) -> bool:
        return not self.problems


def notices() -> list[tuple[Path, dict]]:
    out = []
    for txt in sorted(HELDOUT.glob("h*.txt")):
        expected = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        out.append((txt, expected))
    return out


def judge(path: Path, expected: dict) -> Verdict:
    verdict = Verdict(path.name, expected.get("family", ""))
    try:
        catalogue = parse_file(path).catalogue
    except (ParseError, SourceError) as exc:
        verdict.problems.append(f"not read: {exc}")
        return verdict
    counts = [len(s.items) for s in catalogue.sections]
    if counts != expected["sections"]:
        verdict.problems.append(f"items per section {counts}, expected {expected['sections']}")
    got = {t.id: {(a.unit, a.role) for a in t.assignments} for t in catalogue.tasks()}
    want = {tid: {tuple(a) for a in rows} for tid, rows in expected["tasks"].items()}
    for tid in sorted(set(got) | set(want)):
        if tid not in got:
            verdict.problems.append(f"{tid}: missing")
        elif tid not in want:
            verdict.problems.append(f"{tid}: extra task {sorted(got[tid])}")
        elif got[tid] != want[tid]:
            lost = sorted(want[tid] - got[tid])
            extra = sorted(got[tid] - want[tid])
            verdict.problems.append(f"{tid}: missing {lost}, extra {extra}")
    return verdict


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="print every difference")
    args = ap.parse_args(argv)
    verdicts = [judge(p, e) for p, e in notices()]
    for v in verdicts:
        mark = "right" if v.right else f"WRONG ({len(v.problems)})"
        print(f"{mark:11} {v.name:45} {v.family}")
        if args.verbose:
            for p in v.problems:
                print(f"            {p}")
    right = sum(v.right for v in verdicts)
    print(f"read exactly right: {right}/{len(verdicts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
