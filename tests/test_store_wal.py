"""Issue 11, class 4: the store never deletes, or lets SQLite delete, a write-ahead log it did not
checkpoint; it keeps what it cannot read in ``damaged/``; a first session is backed up."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from desktop.store import StoreError, open_store, wal
from tests.test_store_support import python, real_context

# A clerk's first session that ends in a crash: every save is acknowledged, none checkpointed
# (a clean close would fold the log into answers.db and delete it).
CRASHED_SESSION = r"""
import os
from desktop.store import open_store, task_scope
store = open_store().store
rid = store.create_report("市财政局", "dalian-2016")
for i in range(1, 31):
    store.save_field(rid, task_scope("1.6.1"), "measures", f"第{i}次保存的主要做法")
store.save_field(rid, "texts", "overview", "总体情况终稿")
os._exit(0)
"""


def crash_a_session(data_dir: Path) -> None:
    child = python(CRASHED_SESSION)
    _out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert (data_dir / "answers.db-wal").stat().st_size > 0, "the saves must sit in the log"


def saved_overview(data_dir: Path) -> str | None:
    with open_store(data_dir, read_only=True).store as store:
        (info,) = store.list_reports()
        return store.load_values(info.id)["texts"]["overview"]


@pytest.fixture
def truncated(data_dir: Path) -> Path:
    """answers.db cut to 0 bytes (a sync tool, an antivirus), the log of saves beside it."""
    crash_a_session(data_dir)
    os.truncate(data_dir / "answers.db", 0)
    return data_dir


@pytest.mark.parametrize("args", [("answers", "list"), ("answers", "export", "--unit", "市财政局")])
def test_read_only_commands_never_let_sqlite_delete_the_log(cli, truncated, args):
    log = truncated / "answers.db-wal"
    before = log.read_bytes()
    done = cli(*args)
    assert done.returncode == 1, done.stderr
    assert "answers.db-wal" in done.stderr and "没有打开" in done.stderr
    assert "还没有任何报告" not in done.stdout + done.stderr
    assert log.read_bytes() == before
    assert (truncated / "answers.db").stat().st_size == 0


def test_the_read_only_second_window_never_touches_the_log(truncated):
    before = (truncated / "answers.db-wal").read_bytes()
    with pytest.raises(StoreError) as err:
        open_store(truncated, read_only=True)
    assert err.value.kind == "corrupt"
    assert (truncated / "answers.db-wal").read_bytes() == before


def test_opening_rebuilds_the_database_from_a_complete_log(truncated):
    opened = open_store(truncated)
    with opened.store:
        pass
    (notice,) = opened.notices
    assert "已从中完整恢复" in notice and "市财政局" in notice and "damaged" in notice
    assert saved_overview(truncated) == "总体情况终稿"
    kept = sorted(p.name for p in (truncated / "damaged").iterdir())
    assert len(kept) >= 2 and any(n.endswith(".db-wal") for n in kept)
    assert any(n.endswith(".db") and (truncated / "damaged" / n).stat().st_size == 0 for n in kept)


def test_a_first_session_survives_answers_db_going_missing(data_dir):
    crash_a_session(data_dir)
    (data_dir / "answers.db").unlink()
    assert not (data_dir / "backups").exists() or not any((data_dir / "backups").iterdir())
    opened = open_store(data_dir)
    opened.store.close()
    assert "不见了" in opened.notices[0] and "完整恢复" in opened.notices[0]
    assert saved_overview(data_dir) == "总体情况终稿"


def test_a_damaged_log_is_kept_before_sqlite_skips_it(data_dir):
    crash_a_session(data_dir)
    log = data_dir / "answers.db-wal"
    data = bytearray(log.read_bytes())
    info = wal.inspect(log)
    frame = wal.FRAME_HEADER + info.page_size
    middle = wal.HEADER + (info.frames // 2) * frame + wal.FRAME_HEADER + 10
    data[middle] ^= 0xFF
    log.write_bytes(bytes(data))
    damaged_log = bytes(data)
    assert wal.inspect(log).dropped_commits > 0

    opened = open_store(data_dir)
    opened.store.close()
    (notice,) = opened.notices
    assert "已损坏" in notice and "damaged" in notice and "次保存" in notice
    (kept,) = (data_dir / "damaged").glob("answers-*.db-wal")
    assert kept.read_bytes() == damaged_log
    with open_store(data_dir, read_only=True).store as store:
        assert store.list_reports(), "what verifies is still recovered"


def test_a_crash_mid_transaction_is_not_called_damage(data_dir):
    crash_a_session(data_dir)
    log = data_dir / "answers.db-wal"
    with open(log, "ab") as fh:  # a torn frame of a transaction that never committed
        fh.write(b"\x00" * 100)
    opened = open_store(data_dir)
    opened.store.close()
    assert opened.notices == []
    assert not (data_dir / "damaged").exists()


def test_a_first_session_is_backed_up_when_it_closes(data_dir):
    catalogue, *_ = real_context()
    with open_store(data_dir).store as store:
        rid = store.create_report("中山区", catalogue.id)
        store.save_field(rid, "texts", "overview", "第一次填写")
        assert not list((data_dir / "backups").glob("answers-*.db"))
    (backup,) = (data_dir / "backups").glob("answers-*.db")
    assert backup.stat().st_size > 0
    with open_store(data_dir).store:  # nothing changed: no second copy
        pass
    assert len(list((data_dir / "backups").glob("answers-*.db"))) == 1


@pytest.mark.parametrize("kind", ["file", "dev-null"])
def test_a_data_dir_that_is_not_a_folder_is_an_error_not_no_reports(cli, tmp_path, kind):
    target = tmp_path / "a-file" if kind == "file" else Path(os.devnull)
    if kind == "file":
        target.write_text("x", encoding="utf-8")
    done = cli("--data-dir", str(target), "answers", "list")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "不是文件夹" in done.stderr and "还没有任何报告" not in done.stdout
    assert "Traceback" not in done.stderr


@pytest.fixture
def full_disk(tmp_path):
    """A real, tiny file system (tmpfs) that is then filled to the last byte. Needs the right
    to mount (root on Linux); skipped elsewhere."""
    import shutil
    import subprocess

    mount = shutil.which("mount")
    if sys.platform != "linux" or mount is None or os.geteuid() != 0:
        pytest.skip("needs root on Linux to mount a small file system")
    point = tmp_path / "small-disk"
    point.mkdir()
    done = subprocess.run([mount, "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(point)])
    if done.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield point
    finally:
        subprocess.run(["umount", str(point)], check=False)


def test_a_disk_already_full_at_start_says_so(full_disk, cli):
    """SQLite reports this as "disk I/O error" (the -shm cannot grow), not as SQLITE_FULL."""
    data = full_disk / "data"
    with open_store(data, backup_on_open=False).store as store:
        rid = store.create_report("中山区", "dalian-2016")
        store.save_field(rid, "texts", "overview", "已保存的内容")
    with open(full_disk / "filler", "wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError:
            pass
    for read_only in (False, True):
        with pytest.raises(StoreError) as err:
            open_store(data, read_only=read_only)
        assert err.value.kind == "full", str(err.value)
        assert "磁盘空间已满" in str(err.value) and "I/O" not in str(err.value)
    done = cli("--data-dir", str(data), "answers", "list")
    assert done.returncode == 1 and "磁盘空间已满" in done.stderr and "disk" not in done.stderr
    (full_disk / "filler").unlink()
    assert saved_overview(data) == "已保存的内容"
