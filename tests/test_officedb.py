"""Issue 11, classes 5 and 10: office.db has the store's rigour (backups, damaged files kept,
migrations after a backup, Chinese messages), and importing the same content again changes
nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop.consolidate import officedb
from desktop.consolidate.officedb import OfficeDB, OfficeDBError
from desktop.consolidate.service import OfficeService
from tests.samples import unit_reports as samples


@pytest.fixture
def inbox(tmp_path, catalogue, form, directory_bundled) -> Path:
    """Four units; 市财政局 sent twice (an older and a corrected report)."""
    folder = tmp_path / "报告"
    folder.mkdir()
    for unit in ("中山区", "市审计局", "大连大学"):
        samples.write_json(
            folder / f"{unit}.json", samples.make_payload(catalogue, form, directory_bundled, unit)
        )
    for day in ("2016-11-20", "2016-11-28"):
        data = samples.make_payload(catalogue, form, directory_bundled, "市财政局", report_date=day)
        samples.write_json(folder / f"市财政局-{day}.json", data)
    return folder


def service(directory_bundled, path: Path | None = None) -> OfficeService:
    return OfficeService(OfficeDB(path), directory=directory_bundled)


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return {
            t: conn.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("reports", "history", "batches", "rejections")
        }
    finally:
        conn.close()


def dump(path: Path) -> list:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [
            conn.execute(f"select * from {t} order by id").fetchall()
            for t in ("reports", "history", "batches", "rejections")
        ]
    finally:
        conn.close()


def test_importing_identical_content_again_changes_nothing(inbox, data_dir, directory_bundled):
    (inbox / "坏.json").write_bytes(b"{")
    first = service(directory_bundled).import_paths([inbox])
    assert len(first.added) == 4 and len(first.superseded) == 1 and len(first.rejected) == 1
    db_file = data_dir / "office.db"
    before = dump(db_file)
    assert counts(db_file)["history"] == 1
    for _ in range(3):
        again = service(directory_bundled).import_paths([inbox])
        assert len(again.unchanged) == 4 and again.added == [] and again.batch_id is None
    assert dump(db_file) == before, "no history row, batch or rejection added"


def test_reimport_after_a_newer_report_keeps_history_once(
    inbox, data_dir, catalogue, form, directory_bundled, tmp_path
):
    svc = service(directory_bundled)
    svc.import_paths([inbox])
    newest = samples.make_payload(
        catalogue, form, directory_bundled, "市财政局", report_date="2016-12-01"
    )
    newer = samples.write_json(tmp_path / "更正.json", newest)
    assert len(svc.import_paths([newer]).replaced) == 1
    history = counts(data_dir / "office.db")["history"]
    assert history == 2  # the first older report and the one replaced
    svc.import_paths([inbox])  # the older files arrive again: already kept
    assert counts(data_dir / "office.db")["history"] == history


def _import_one(directory_bundled, inbox) -> OfficeService:
    svc = service(directory_bundled)
    svc.import_paths([inbox])
    return svc


def test_an_import_is_backed_up(inbox, data_dir, directory_bundled):
    _import_one(directory_bundled, inbox)
    (backup,) = (data_dir / "backups").glob("office-*.db")
    conn = sqlite3.connect(backup)
    assert conn.execute("select count(*) from reports").fetchone()[0] == 4
    conn.close()


def test_office_backups_kept_come_from_the_settings(
    inbox, data_dir, catalogue, form, directory_bundled, tmp_path
):
    from desktop.settings import Settings

    data_dir.mkdir(parents=True)
    settings = Settings(data_dir / "settings.json")
    settings.set("backup_keep", 2)
    # The way the 汇总 window and the consolidate command open it: the settings passed in.
    svc = OfficeService(directory=directory_bundled, settings=settings)
    svc.import_paths([inbox])
    for day in ("2016-12-01", "2016-12-02", "2016-12-03"):
        data = samples.make_payload(catalogue, form, directory_bundled, "市财政局", report_date=day)
        assert svc.import_paths([samples.write_json(tmp_path / f"{day}.json", data)]).replaced
    assert len(list((data_dir / "backups").glob("office-*.db"))) == 2


@pytest.mark.parametrize("damage", ["empty", "garbage"])
def test_a_damaged_office_db_is_kept_and_restored_from_its_backup(
    cli, inbox, data_dir, directory_bundled, damage
):
    _import_one(directory_bundled, inbox)
    db_file = data_dir / "office.db"
    for side in ("-wal", "-shm"):
        Path(f"{db_file}{side}").unlink(missing_ok=True)
    db_file.write_bytes(b"" if damage == "empty" else b"\x13\x37" * 3000)
    done = cli("consolidate")
    assert done.returncode == 0, done.stderr
    assert "汇总数据库已损坏" in done.stderr and "没有删除" in done.stderr
    assert "已从" in done.stderr and "自动备份恢复：4 份报告" in done.stderr
    assert "删除" not in done.stderr.replace("没有删除", "")
    assert "已报送：4/" in done.stdout
    (kept,) = (data_dir / "damaged").glob("office-*.db")
    assert kept.stat().st_size == (0 if damage == "empty" else 6000)


def test_a_damaged_office_db_without_backup_is_still_kept(data_dir, directory_bundled):
    data_dir.mkdir(parents=True)
    (data_dir / "office.db").write_bytes(b"not a database at all" * 10)
    svc = service(directory_bundled)
    svc.consolidation()
    (notice,) = svc.take_notices()
    assert "没有可用的备份" in notice and "damaged" in notice
    assert len(list((data_dir / "damaged").glob("office-*.db"))) == 1


def test_a_newer_office_db_is_refused_untouched(data_dir, directory_bundled):
    data_dir.mkdir(parents=True)
    db_file = data_dir / "office.db"
    conn = sqlite3.connect(db_file)
    conn.execute("create table reports(id integer primary key)")
    conn.execute("pragma user_version = 99")
    conn.close()
    before = hashlib.sha256(db_file.read_bytes()).hexdigest()
    with pytest.raises(OfficeDBError) as err:
        service(directory_bundled).consolidation()
    assert err.value.kind == "newer" and "更新版本" in str(err.value)
    assert hashlib.sha256(db_file.read_bytes()).hexdigest() == before


def test_an_old_office_db_is_migrated_after_a_backup(inbox, data_dir, directory_bundled):
    """office.db as the previous version wrote it (schema 1, no content index)."""
    from sqlite_utils import Database

    data_dir.mkdir(parents=True)
    db = Database(data_dir / "office.db")
    officedb._v1(db)
    db["reports"].insert({"catalogue_id": "dalian-2016", "unit": "中山区", "payload": "{}"})
    db.execute("pragma user_version = 1")
    db.close()
    OfficeDB().current("dalian-2016")
    (before,) = (data_dir / "backups").glob("office-before-v2-*.db")
    old = sqlite3.connect(before)
    assert old.execute("pragma user_version").fetchone()[0] == 1
    assert old.execute("select unit from reports").fetchall() == [("中山区",)]
    old.close()
    assert OfficeDB().version() == officedb.SCHEMA_VERSION


def _limited(monkeypatch, how: str) -> None:
    """Every office.db connection of the import hits a real SQLite failure: the database may
    not grow (SQLITE_FULL, as on a full disk) or is opened read-only (SQLITE_READONLY)."""
    real = officedb.connect

    def connect(path, **kw):
        db = real(path, **kw)
        if how == "full":
            pages = db.conn.execute("pragma page_count").fetchone()[0]
            db.conn.execute(f"pragma max_page_count = {pages}")
        else:
            db.conn.execute("pragma query_only = 1")
        return db

    monkeypatch.setattr(officedb, "connect", connect)


@pytest.mark.parametrize(("how", "expect"), [("full", "磁盘空间已满"), ("readonly", "汇总数据库")])
def test_full_disk_or_read_only_office_db_is_a_chinese_message(
    monkeypatch, inbox, data_dir, directory_bundled, how, expect
):
    svc = service(directory_bundled)
    svc.consolidation()  # opened and created normally
    _limited(monkeypatch, how)
    with pytest.raises(OfficeDBError) as err:
        svc.import_paths([inbox])
    message = str(err.value).replace(str(data_dir), "")
    assert expect in message and message.isprintable()
    assert "database" not in message and "disk" not in message and "Error" not in message


def test_a_data_dir_that_is_a_file_is_a_chinese_message(tmp_path, directory_bundled, cli):
    not_a_folder = tmp_path / "数据"
    not_a_folder.write_text("x", encoding="utf-8")
    with pytest.raises(OfficeDBError) as err:
        service(directory_bundled, not_a_folder / "office.db").consolidation()
    assert "不是文件夹" in str(err.value)
    done = cli("--data-dir", str(not_a_folder), "consolidate")
    assert done.returncode == 2 and "不是文件夹" in done.stderr
    assert "Traceback" not in done.stderr
