"""Damaged, emptied, missing and newer databases; backups, rotation and migrations."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from desktop.store import StoreError, migrations, open_store
from desktop.store.backups import list_backups
from tests.test_store_support import file_hashes, fill_report, integrity, snapshot


def _make_db_with_backup(data_dir: Path) -> tuple:
    """A filled database, and a start that backed it up; returns what the backup holds."""
    with open_store().store as store:
        fill_report(store, "市财政局")
    with open_store().store as store:  # this start makes the backup
        pass
    backups = list_backups(data_dir / "backups")
    assert len(backups) == 1
    return snapshot(backups[0].path)


def _damaged_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "damaged").glob("answers-*.db"))


def test_zero_byte_database_is_moved_aside_and_backup_restored(data_dir):
    saved = _make_db_with_backup(data_dir)
    db = data_dir / "answers.db"
    db.write_bytes(b"")
    for side in ("answers.db-wal", "answers.db-shm"):
        (data_dir / side).unlink(missing_ok=True)
    opened = open_store()
    with opened.store as store:
        assert snapshot(db) == saved
        assert not store.read_only
    [notice] = opened.notices
    assert "0 字节" in notice and "已从" in notice and "自动备份恢复" in notice
    assert "1 份报告（市财政局）" in notice and "最后保存于" in notice
    [moved] = _damaged_files(data_dir)
    assert str(moved) in notice and moved.stat().st_size == 0


def test_random_bytes_without_backup_starts_new_database_and_keeps_the_file(data_dir):
    data_dir.mkdir(parents=True)
    garbage = os.urandom(64 * 1024)
    (data_dir / "answers.db").write_bytes(garbage)
    opened = open_store()
    with opened.store as store:
        assert store.list_reports() == []
        rid = store.create_report("中山区", "dalian-2016")
        store.save_field(rid, "texts", "overview", "重新填写")
    [notice] = opened.notices
    assert "已损坏" in notice and "没有可用的备份" in notice and "已新建" in notice
    [moved] = _damaged_files(data_dir)
    assert str(moved) in notice
    assert moved.read_bytes() == garbage  # never deleted, never altered


def test_damaged_pages_are_detected_by_quick_check(data_dir):
    saved = _make_db_with_backup(data_dir)
    db = data_dir / "answers.db"
    original = db.read_bytes()
    page = 4096
    assert len(original) > 6 * page
    # Keep the header page, scribble over the b-tree pages after it (a bad sector, a crash of
    # another program writing at the wrong offset).
    with open(db, "r+b") as fh:
        fh.seek(2 * page)
        fh.write(os.urandom(3 * page))
    opened = open_store()
    with opened.store as store:
        assert snapshot(store.path) == saved
        assert integrity(store.path) == "ok"
    assert "已损坏" in opened.notices[0] and "已从" in opened.notices[0]
    [moved] = _damaged_files(data_dir)
    assert moved.read_bytes()[: 2 * page] == original[: 2 * page]


def test_damaged_newest_backup_is_skipped_for_an_older_good_one(data_dir):
    saved = _make_db_with_backup(data_dir)
    with open_store().store as store:  # a change, then a start that backs it up
        store.save_field(store.find_report("市财政局", "dalian-2016"), "texts", "plans", "新计划")
    with open_store().store:
        pass
    newest, older = list_backups(data_dir / "backups")[:2]
    assert snapshot(older.path) == saved
    newest.path.write_bytes(os.urandom(8192))
    (data_dir / "answers.db").write_bytes(os.urandom(8192))
    opened = open_store()
    with opened.store as store:
        assert snapshot(store.path) == saved
    assert newest.path.name in opened.notices[0] and "已跳过" in opened.notices[0]


def test_missing_database_with_backups_is_restored(data_dir):
    saved = _make_db_with_backup(data_dir)
    (data_dir / "answers.db").unlink()
    opened = open_store()
    with opened.store as store:
        assert snapshot(store.path) == saved
    assert "不见了" in opened.notices[0] and "已从" in opened.notices[0]


def _stamp_newer(db: Path) -> None:
    conn = sqlite3.connect(str(db))
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA journal_mode = DELETE")  # fold the WAL in: one file to hash
    conn.close()


def test_newer_database_is_refused_and_left_untouched(data_dir, cli):
    with open_store().store as store:
        fill_report(store, "市财政局", n_tasks=3)
    _stamp_newer(data_dir / "answers.db")
    before = file_hashes(data_dir)
    listing = sorted(p.name for p in data_dir.iterdir())
    for read_only in (False, True):
        with pytest.raises(StoreError) as err:
            open_store(read_only=read_only)
        assert err.value.kind == "newer"
        assert "更新版本" in str(err.value) and "没有改动" in str(err.value)
    done = cli("answers", "export", "--unit", "市财政局")
    assert done.returncode == 1 and "更新版本" in done.stderr
    assert file_hashes(data_dir) == before
    assert sorted(p.name for p in data_dir.iterdir()) == listing  # no damaged/, no new backup


def test_rotating_backups_keep_the_last_n_and_each_is_checked(data_dir):
    with open_store().store as store:
        rid = fill_report(store, "市财政局", n_tasks=2)
    for i in range(6):
        with open_store(backup_keep=3).store as store:
            store.save_field(rid, "texts", "plans", f"第{i}次修改")
    with open_store(backup_keep=3).store as store:
        final = snapshot(store.path)
    rotating = list_backups(data_dir / "backups")
    assert len(rotating) == 3
    assert snapshot(rotating[0].path) == final  # the newest holds the latest saves
    for b in rotating:
        assert integrity(b.path) == "ok"
        assert not Path(f"{b.path}-wal").exists()  # self-contained single files
    # Nothing changed since the last backup: opening again adds none, rotates none away.
    names = [b.path.name for b in rotating]
    with open_store(backup_keep=3).store:
        pass
    assert [b.path.name for b in list_backups(data_dir / "backups")] == names


def test_backup_keep_comes_from_settings(data_dir):
    from desktop.services import open_services
    from desktop.settings import Settings

    data_dir.mkdir(parents=True)
    Settings(data_dir / "settings.json").set("backup_keep", 2)
    services, _ = open_services()  # the way the app and the commands open the data
    with services.store as store:
        rid = fill_report(store, "市财政局", n_tasks=1)
    for i in range(4):
        services, _ = open_services()
        with services.store as store:
            store.save_field(rid, "texts", "plans", str(i))
    assert len(list_backups(data_dir / "backups")) == 2


def _add_step(mp: pytest.MonkeyPatch, step) -> None:
    """A real extra migration step, as the next version of the program would bring."""
    mp.setattr(migrations, "SCHEMA_VERSION", migrations.SCHEMA_VERSION + 1)
    mp.setitem(migrations.STEPS, migrations.SCHEMA_VERSION, step)


def test_migration_runs_stepwise_after_a_backup(data_dir, monkeypatch):
    with open_store().store as store:
        fill_report(store, "市财政局", n_tasks=3)
    old = snapshot(data_dir / "answers.db")
    v_old = migrations.SCHEMA_VERSION

    def add_note_column(db):
        db["reports"].add_column("note", str)

    _add_step(monkeypatch, add_note_column)
    with open_store().store as store:
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == v_old + 1
        assert "note" in store.db["reports"].columns_dict
        assert snapshot(store.path) == old
    [pre] = [b for b in list_backups(data_dir / "backups") if b.label]
    assert pre.label == f"before-v{v_old + 1}"
    conn = sqlite3.connect(str(pre.path))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == v_old
    conn.close()
    assert snapshot(pre.path) == old


def test_failed_migration_step_rolls_back_and_says_where_the_backup_is(data_dir):
    with open_store().store as store:
        fill_report(store, "市财政局", n_tasks=3)
    old = snapshot(data_dir / "answers.db")
    v_old = migrations.SCHEMA_VERSION

    def half_done(db):
        db["reports"].add_column("note", str)
        raise RuntimeError("模拟的升级错误")

    # A separate MonkeyPatch: undoing it must not undo the per-test data dir of conftest.
    with pytest.MonkeyPatch.context() as mp:
        _add_step(mp, half_done)
        with pytest.raises(StoreError) as err:
            open_store()
    assert "升级数据文件失败" in str(err.value) and "before-v" in str(err.value)
    with open_store().store as store:
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == v_old
        assert "note" not in store.db["reports"].columns_dict
        assert snapshot(store.path) == old
