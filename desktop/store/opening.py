"""Opening the store: lock, check, repair, migrate, back up — and tell the clerk what happened.

Order, for the window that gets the lock:

1. create the data folder; a read-only folder or a file in its place → ``StoreError(readonly)``;
2. warn when the folder is on a network drive (and use the rollback journal there, not WAL);
3. take the OS lock (:mod:`desktop.store.lock`); if another live window holds it, open
   read-only and say so;
4. look at the ``-wal`` and the file before SQLite writes anything (:mod:`desktop.store.dbfile`,
   shared with the office's ``office.db``): a log SQLite would delete or skip is rebuilt into
   the database or kept in ``damaged/``; a newer version → ``StoreError(newer)`` and the file is
   left byte-for-byte as it was; a zero-byte, random-bytes or damaged file (header,
   ``PRAGMA quick_check``) is moved to ``damaged/`` — never deleted — and the newest good backup
   is restored (or a new empty database started), with a notice saying exactly what and from
   when;
5. migrate step by step (a backup first) and make the rotating backup of this start; closing
   the store makes one more when anything changed, so even a first session is backed up.

Read-only openings (a second window, ``answers list``/``export``) touch nothing, and refuse a
database whose ``-wal`` SQLite would delete (:func:`desktop.store.dbfile.read_only_guard`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from desktop import paths
from desktop.settings import OPTIONS
from desktop.store import backups, dbfile, migrations
from desktop.store.db import (
    BACKUPS_DIR,
    DB_NAME,
    LOCK_NAME,
    connect,
    quick_check,
    read_header,
    user_version,
)
from desktop.store.errors import StoreError, from_os, from_sqlite
from desktop.store.lock import InstanceLock
from desktop.store.repository import Store

# The setting's declared default; the value itself comes from the caller (no Settings() here).
DEFAULT_BACKUP_KEEP: int = OPTIONS["backup_keep"].default

ANSWERS = dbfile.DbKind(
    file_name=DB_NAME,
    prefix=backups.PREFIX,
    what="数据文件",
    program="填报程序",
    schema_version=lambda: migrations.SCHEMA_VERSION,
    steps=lambda: migrations.STEPS,
    marker=backups.content_marker,
    summary=backups.summarize,
    content_table="reports",
)


@dataclass
class OpenResult:
    store: Store
    notices: list[str] = field(default_factory=list)  # Chinese, to show once


def open_store(
    data_dir: Path | None = None,
    *,
    read_only: bool = False,
    backup_on_open: bool = True,
    backup_keep: int = DEFAULT_BACKUP_KEEP,
) -> OpenResult:
    """Open (creating if needed) ``answers.db`` in *data_dir* (default: the user's data folder).

    ``read_only=True`` opens for reading only (export, 汇总 tools): no lock, no repair, no
    backup, nothing written. ``backup_keep``: how many rotating backups to keep (the caller's
    ``backup_keep`` setting; :func:`desktop.services.open_services` passes it).
    Raises :class:`StoreError` (``newer``, ``readonly``, ``corrupt``, ``missing``, ``io``).
    """
    data_dir = Path(data_dir) if data_dir is not None else paths.data_dir()
    db_path = data_dir / DB_NAME
    if read_only:
        return OpenResult(_open_read_only(db_path, data_dir))
    notices: list[str] = []
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise from_os(exc, data_dir) from exc
    network = paths.is_network_path(data_dir)
    if network:
        notices.append(
            f"数据文件夹“{data_dir}”在网络驱动器上。数据库放在网络驱动器上容易损坏，"
            "填写的内容可能丢失。请把数据文件夹改到本机磁盘（启动时加 --data-dir，如 C 盘的“文档”）。"
        )
    lock = InstanceLock(data_dir / LOCK_NAME)
    try:
        acquired = lock.acquire()
    except OSError as exc:
        raise from_os(exc, data_dir) from exc
    if not acquired:
        store, notice = _open_second_instance(db_path, lock)
        return OpenResult(store, [*notices, notice])
    try:
        if db_path.exists() and not os.access(db_path, os.W_OK):
            raise StoreError(
                f"数据文件“{db_path}”是只读的，无法保存填写的内容。"
                "请在文件属性中去掉“只读”，或请管理员开通写权限，然后重新打开程序。",
                "readonly",
            )
        keep = max(1, backup_keep)
        backups_dir = data_dir / BACKUPS_DIR
        notices += dbfile.prepare(db_path, ANSWERS)
        db = dbfile.connect_writable(db_path, wal_mode=not network)
        try:
            dbfile.migrate(db, db_path, ANSWERS)
            if backup_on_open:
                notice = dbfile.rotate(db.conn, backups_dir, keep, ANSWERS)
                if notice:
                    notices.append(notice)
        except BaseException:
            db.close()
            raise
    except BaseException:
        lock.release()
        raise

    def backup_at_close(conn: sqlite3.Connection) -> None:
        # Quietly: the work is safe in the database; the next start reports a failing backup.
        dbfile.rotate(conn, backups_dir, keep, ANSWERS)

    store = Store(db, db_path, read_only=False, lock=lock, on_close=backup_at_close)
    return OpenResult(store, notices)


def newer_error(db_path: Path, version: int) -> StoreError:
    return dbfile.newer_error(ANSWERS, db_path, version)


# -- read-only openings -----------------------------------------------------------------------


def _empty_or_foreign(db_path: Path, data_dir: Path) -> bool:
    """A file that is not a database: damage, unless it is an empty file and nothing was ever
    saved (no backups, no log)."""
    try:
        header = read_header(db_path)
    except OSError as exc:
        raise from_os(exc, db_path, "数据文件") from exc
    if header.is_sqlite:
        return False
    if header.size > 0:
        return True
    return bool(backups.list_backups(data_dir / BACKUPS_DIR))


def _connect_read_only(db_path: Path) -> tuple[Database, int]:
    dbfile.read_only_guard(db_path, ANSWERS)
    try:
        header = read_header(db_path)
    except OSError as exc:
        raise from_os(exc, db_path, "数据文件") from exc
    if header.is_sqlite and header.user_version > migrations.SCHEMA_VERSION:
        raise newer_error(db_path, header.user_version)
    try:
        db = connect(db_path, read_only=True)
        version = user_version(db.conn)
    except sqlite3.Error as exc:
        raise from_sqlite(exc, db_path, writing=False) from exc
    if version > migrations.SCHEMA_VERSION:
        db.close()
        raise newer_error(db_path, version)
    return db, version


def _open_second_instance(db_path: Path, lock: InstanceLock) -> tuple[Store, str]:
    owner = lock.owner()
    who = ""
    if owner:
        pid, since = owner
        with contextlib.suppress(ValueError):
            since = backups.when(datetime.fromisoformat(since))
        who = f"（进程 {pid}，{since} 打开）" if since else f"（进程 {pid}）"
    locked = StoreError(
        f"数据已在另一个窗口中打开{who}，本窗口只能查看，不能保存修改。"
        "请回到那个窗口填写；如那个窗口已关闭，请关闭本窗口后重新打开程序。",
        "locked",
    )
    if not db_path.exists():
        raise StoreError(
            f"数据已在另一个窗口中打开{who}，那个窗口还没有保存任何内容。请在那个窗口中填写。",
            "locked",
        )
    db, version = _connect_read_only(db_path)
    if version < migrations.SCHEMA_VERSION:
        db.close()
        raise StoreError(
            f"数据正在另一个窗口中准备{who}，请稍等片刻后重新打开本程序。",
            "locked",
        )
    notice = (
        f"数据已在另一个窗口中打开{who}，本窗口只能查看，不会保存任何修改。"
        "要继续填写，请回到那个窗口；如那个窗口已关闭，请关闭本窗口后重新打开程序。"
    )
    return Store(db, db_path, read_only=True, read_only_error=locked), notice


def _open_read_only(db_path: Path, data_dir: Path) -> Store:
    if data_dir.exists() and not data_dir.is_dir():
        raise StoreError(
            f"数据文件夹“{data_dir}”不是文件夹（是一个文件或设备），其中没有填报数据。"
            "请用 --data-dir 指定数据所在的文件夹。",
            "io",
        )
    if os.path.lexists(db_path) and not db_path.is_file():
        raise StoreError(
            f"“{db_path}”不是数据文件（是文件夹或其他特殊文件）。请把它移开后重新打开填报程序。",
            "io",
        )
    if db_path.is_file() and _empty_or_foreign(db_path, data_dir):
        raise StoreError(
            f"数据文件“{db_path}”已损坏（是空的或不是数据库）。本命令没有改动它；"
            "请打开填报程序，它会把它移开并从备份恢复。",
            "corrupt",
        )
    if not db_path.is_file():
        raise StoreError(
            f"数据文件夹“{data_dir}”中还没有填报数据（没有 {DB_NAME}）。"
            "请先用填报程序填写，或用 --data-dir 指定数据所在的文件夹。",
            "missing",
        )
    db, version = _connect_read_only(db_path)
    try:
        problem = quick_check(db.conn) if version else None
    except sqlite3.Error as exc:
        db.close()
        raise from_sqlite(exc, db_path, writing=False) from exc
    if problem:
        db.close()
        raise StoreError(
            f"数据文件“{db_path}”已损坏（{problem[:200]}）。请打开填报程序，它会自动从备份恢复。",
            "corrupt",
        )
    if version < migrations.SCHEMA_VERSION:
        db.close()
        if version == 0:
            raise StoreError(
                f"数据文件夹“{data_dir}”中还没有填报数据。请先用填报程序填写。", "missing"
            )
        raise StoreError(
            f"数据文件“{db_path}”是旧版本的格式，请先用填报程序打开一次（会自动升级），再导出。",
            "io",
        )
    return Store(db, db_path, read_only=True)
