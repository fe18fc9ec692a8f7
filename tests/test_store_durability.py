"""What was saved stays saved: a killed writer, a full disk."""

from __future__ import annotations

import os
import random
import signal
import sys

import pytest

from desktop.store import StoreError, open_store
from desktop.store.exchange import apply_payload, export_payload
from tests.test_store_support import (
    fill_report,
    integrity,
    python,
    real_context,
    snapshot,
)

WRITER = r"""
import sys
from desktop.store import open_store, task_scope
store = open_store(backup_on_open=False).store
rid = store.create_report("市财政局", "dalian-2016")
tasks = ["1.6.1", "1.8.1", "2.4.1", "2.4.2", "3.1.2"]
print("ready", flush=True)
i = 0
while True:
    i += 1
    tid = tasks[i % len(tasks)]
    # a narrative growing as the clerk types, plus a field of its own per save
    store.save_fields(rid, [(task_scope(tid), "measures", f"第{i}次保存：" + "主要做法" * (i % 50))])
    store.save_field(rid, "texts", "overview", f"总体情况第{i}稿")
    print(i, flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("kill_after", [40, 400])
def test_sigkill_mid_stream_loses_no_returned_save(data_dir, kill_after):
    child = python(WRITER)
    with child:
        first = child.stdout.readline().strip()
        assert first == "ready", child.stderr.read()
        acknowledged = 0
        for line in child.stdout:
            acknowledged = int(line)
            if acknowledged >= kill_after:
                break
        # Land the kill at a random point inside the next saves, not right after a print.
        for _ in range(random.randint(0, 3)):
            acknowledged = int(child.stdout.readline())
        os.kill(child.pid, signal.SIGKILL)
        # Read on through the same text stream: lines it has already buffered count as
        # returned (communicate() would read the pipe beneath it and miss them under load).
        rest = child.stdout.read()
        child.wait(timeout=30)
    returned = [int(x) for x in rest.split() if x.isdigit()]
    last = max([acknowledged, *returned])
    assert child.returncode == -signal.SIGKILL

    db_file = data_dir / "answers.db"
    opened = open_store()  # the dead writer's lock must not block
    with opened.store as store:
        assert not store.read_only
        assert integrity(db_file) == "ok"
        rid = store.find_report("市财政局", "dalian-2016")
        saved = {r.new for r in store.history(rid, "texts", "overview", limit=100_000)}
        missing = [i for i in range(1, last + 1) if f"总体情况第{i}稿" not in saved]
        assert missing == []
        current = store.load_values(rid)["texts"]["overview"]
        assert current in (f"总体情况第{last}稿", f"总体情况第{last + 1}稿")
        # The backup made at this start went through SQLite, so it holds what was in the WAL.
        backups = sorted((data_dir / "backups").glob("answers-*.db"))
        assert backups
        assert snapshot(backups[-1])[1] == snapshot(db_file)[1]


def _fill_until_full(store, rid) -> None:
    """Cap the file at its current size: the next growth gets SQLITE_FULL, as on a full disk."""
    conn = store.db.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def test_full_disk_refuses_the_save_keeps_everything_else(data_dir):
    opened = open_store()
    store = opened.store
    rid = fill_report(store, "市财政局", n_tasks=5)
    store.save_field(rid, "texts", "plans", "磁盘满之前的计划")
    before = snapshot(store.path)
    _fill_until_full(store, rid)
    with pytest.raises(StoreError) as err:
        store.save_field(rid, "texts", "plans", "磁盘满时输入的长文字" * 20_000)
    assert err.value.kind == "full"
    assert "磁盘空间已满" in str(err.value) and "之前保存的内容都还在" in str(err.value)
    # Neither the value nor its revision is half-written, in this connection or on disk.
    assert store.load_values(rid)["texts"]["plans"] == "磁盘满之前的计划"
    assert snapshot(store.path) == before
    # Space freed: the same store saves again.
    store.db.conn.execute("PRAGMA max_page_count = 1073741823")
    store.save_field(rid, "texts", "plans", "腾出空间后的计划")
    store.close()
    with open_store().store as again:
        assert again.load_values(rid)["texts"]["plans"] == "腾出空间后的计划"
        assert integrity(again.path) == "ok"


def test_full_disk_during_import_writes_nothing(data_dir):
    catalogue, form, directory = real_context()
    with open_store(data_dir / "source").store as source:
        data = export_payload(source, fill_report(source, "中山区"), catalogue, form, directory)
    data["texts"]["overview"] = "很长的总体情况" * 20_000
    with open_store().store as store:
        kept = fill_report(store, "市财政局", n_tasks=3)
        before = snapshot(store.path)
        _fill_until_full(store, kept)
        with pytest.raises(StoreError) as err:
            apply_payload(store, data, catalogue, form, directory)
        assert err.value.kind == "full"
        assert store.find_report("中山区", catalogue.id) is None
        assert snapshot(store.path) == before
