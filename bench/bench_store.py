"""Benchmark of the store: one field save, and opening a realistic database.

    .venv/bin/python bench/bench_store.py [--saves 500] [--opens 30]

Prints median and p99 of one ``Store.save_field`` with ``synchronous=FULL`` (what the app
uses), against baselines measured here in the same run: the same call with
``synchronous=OFF`` (what the durability costs) and a bare ``sqlite3`` INSERT + commit in WAL
with FULL (the floor any SQLite save pays; the rest is the store's own work: the revision row,
the old-value read, the JSON encoding). Then the time to open a database holding one report
with 40 answered tasks and 1,000 history rows, with and without the start-up backup.
Everything runs in a temporary folder; nothing is written elsewhere.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop import catalogue as cat_mod
from desktop import forms, units
from desktop.answers import task_scope
from desktop.store import open_store

PARAGRAPH = "我单位在政府网站“重点领域”专栏公开部门预算、决算及“三公”经费，" * 8  # ~270 字


def _ms(samples_ns: list[int]) -> tuple[float, float]:
    ordered = sorted(samples_ns)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    return statistics.median(ordered) / 1e6, p99 / 1e6


def _time(n: int, fn: Callable[[int], object]) -> list[int]:
    out = []
    for i in range(n):
        t0 = time.perf_counter_ns()
        fn(i)
        out.append(time.perf_counter_ns() - t0)
    return out


def bench_saves(root: Path, n: int, synchronous: str) -> list[int]:
    store = open_store(root / f"saves-{synchronous}", backup_on_open=False).store
    store.db.conn.execute(f"PRAGMA synchronous = {synchronous}")
    rid = store.create_report("市财政局", "dalian-2016")
    tasks = cat_mod.load_builtin().task_ids()

    def save(i: int) -> None:
        # As autosave sends it: the whole narrative of one field, a little longer each time.
        store.save_field(rid, task_scope(tasks[i % 8]), "measures", PARAGRAPH + f"（第{i}稿）")

    _time(20, save)  # warm up
    samples = _time(n, save)
    store.close()
    return samples


def bench_bare(root: Path, n: int) -> list[int]:
    path = root / "bare.db"
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT, v TEXT)")

    def save(i: int) -> None:
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t (k, v) VALUES (?, ?)", (f"k{i % 8}", PARAGRAPH + str(i)))
        conn.execute("COMMIT")

    _time(20, save)
    samples = _time(n, save)
    conn.close()
    return samples


def build_realistic(folder: Path) -> None:
    """One report: 40 answered tasks, profile and texts, exactly 1,000 revision rows."""
    catalogue = cat_mod.load_builtin()
    done = forms.load(catalogue, directory=units.load()).statuses.done
    with open_store(folder, backup_on_open=False).store as store:
        rid = store.create_report("市财政局", catalogue.id)
        tasks = catalogue.task_ids()
        assert len(tasks) >= 40
        for tid in tasks[:40]:
            store.save_fields(
                rid,
                [
                    (task_scope(tid), "applicable", True),
                    (task_scope(tid), "status", done),
                    (task_scope(tid), "measures", PARAGRAPH),
                    (task_scope(tid), "results", PARAGRAPH[:120]),
                    (
                        task_scope(tid),
                        "evidence",
                        [{"title": "专栏", "url": "http://www.dl.gov.cn/", "path": ""}],
                    ),
                ],
            )
        for key in ("overview", "problems", "plans"):
            store.save_field(rid, "texts", key, PARAGRAPH)
        done = store.db.conn.execute("SELECT count(*) FROM revisions").fetchone()[0]
        i = 0
        while done < 1000:
            store.save_field(rid, task_scope(tasks[i % 40]), "measures", PARAGRAPH + f"修改{i}")
            i += 1
            done += 1
        assert store.db.conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == 1000


def bench_open(folder: Path, n: int, backup: bool, change: bool) -> list[int]:
    def once(i: int) -> None:
        opened = open_store(folder, backup_on_open=backup, backup_keep=10)
        store = opened.store
        rid = store.find_report("市财政局", "dalian-2016")
        store.load_values(rid)
        store.list_reports()
        if change:  # so that the next start has something new to back up
            store.set_status(rid, "final" if i % 2 else "draft")
        store.close()

    return _time(n, once)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=500)
    parser.add_argument("--opens", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        root = Path(tmp)
        print(f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}, folder {root}")
        print(f"\none field save (~{len(PARAGRAPH)} 字 narrative), {args.saves} saves each:")
        full = _ms(bench_saves(root, args.saves, "FULL"))
        off = _ms(bench_saves(root, args.saves, "OFF"))
        bare = _ms(bench_bare(root, args.saves))
        rows = [
            ("Store.save_field, synchronous=FULL", full),
            ("Store.save_field, synchronous=OFF", off),
            ("bare sqlite3 INSERT+COMMIT, WAL+FULL", bare),
        ]
        for label, (med, p99) in rows:
            print(f"  {label:40} median {med:7.3f} ms   p99 {p99:7.3f} ms")
        print(f"  durability cost (FULL/OFF median):       {full[0] / off[0]:.1f}x")
        print(f"  store overhead (Store/bare median):      {full[0] / bare[0]:.1f}x")
        print(f"  target: median well under 20 ms -> {full[0]:.2f} ms ({20 / full[0]:.0f}x margin)")

        folder = root / "realistic"
        build_realistic(folder)
        size_kb = (folder / "answers.db").stat().st_size / 1024
        print(
            f"\nopen a database with 40 answered tasks and 1,000 history rows ({size_kb:.0f} KB),"
        )
        print(f"  incl. load_values + list_reports, {args.opens} opens each:")
        cases = [
            ("no start-up backup", False, False),
            ("backup on, nothing new (skipped)", True, False),
            ("backup on, changed since last (made)", True, True),
        ]
        bench_open(folder, 3, True, False)  # warm caches; makes the first backup
        results = []
        for label, backup, change in cases:
            med, p99 = _ms(bench_open(folder, args.opens, backup, change))
            results.append(med)
            print(f"  {label:40} median {med:7.3f} ms   p99 {p99:7.3f} ms")
        print(f"  backup cost (made / no backup median):   {results[2] / results[0]:.1f}x")
        kept = len(list((folder / "backups").glob("answers-*.db")))
        print(f"  rotating backups kept: {kept} (backup_keep=10)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
