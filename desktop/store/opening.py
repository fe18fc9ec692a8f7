"""Opening the store: lock, check, repair, migrate, back up — and tell the clerk what happened.

Order, for the window that gets the lock:

1. create the data folder; a read-only folder or a file in its place → ``StoreError(readonly)``;
2. warn when the folder is on a network drive (and use the rollback journal there, not WAL);
3. take the OS lock (:mod:`desktop.store.lock`); if another live window holds it, open
   read-only and say so;
4. look at the file before SQLite writes anything: a newer version → ``StoreError(newer)`` and
   the file is left byte-for-byte as it was; a zero-byte, random-bytes or damaged file (header,
   ``PRAGMA quick_check``) is moved to ``damaged/`` — never deleted — and the newest good backup
   is restored (or a new empty database started), with a notice saying exactly what and from
   when;
5. migrate step by step (a backup first) and make the rotating backup of this start.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop import paths
from desktop.settings import OPTIONS
from desktop.store import backups, migrations
from desktop.store.db import (
    BACKUPS_DIR,
    DAMAGED_DIR,
    DB_NAME,
    LOCK_NAME,
    SIDE_SUFFIXES,
    connect,
    has_tables,
    quick_check,
    raw_connect,
    read_header,
    user_version,
)
from desktop.store.errors import (
    SQLITE_CORRUPT,
    SQLITE_NOTADB,
    StoreError,
    from_os,
    from_sqlite,
)
from desktop.store.lock import InstanceLock
from desktop.store.migrations import MigrationFailed
from desktop.store.repository import Store

# The setting's declared default; the value itself comes from the caller (no Settings() here).
DEFAULT_BACKUP_KEEP: int = OPTIONS["backup_keep"].default


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
        reason = _damage(db_path, backups_dir)
        if reason is not None:
            notices.append(_recover(db_path, data_dir, backups_dir, reason))
        db = _connect_writable(db_path, wal=not network)
        try:
            _migrate(db, db_path, backups_dir)
            if backup_on_open:
                notice = _rotate(db.conn, backups_dir, keep)
                if notice:
                    notices.append(notice)
        except BaseException:
            db.close()
            raise
    except BaseException:
        lock.release()
        raise
    return OpenResult(Store(db, db_path, read_only=False, lock=lock), notices)


# -- checks ---------------------------------------------------------------------------------


def newer_error(db_path: Path, version: int) -> StoreError:
    return StoreError(
        f"数据文件“{db_path}”是更新版本的填报程序保存的（数据版本{version}，"
        f"本程序只认识到版本{migrations.SCHEMA_VERSION}）。为免损坏，本程序没有打开也没有改动它。"
        "请安装最新版本的填报程序后再打开。",
        "newer",
    )


def _damage_code(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and (code & 0xFF) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def _damage(db_path: Path, backups_dir: Path) -> str | None:
    """Why *db_path* cannot be used as it is (Chinese), or None when it is fine.

    Refuses a newer database here, before SQLite has opened it for writing. Only real damage
    (corrupt, not a database, empty) counts: a transient error is raised, never "repaired" by
    falling back to an older backup.
    """
    if not db_path.exists():
        if backups.list_backups(backups_dir):
            return "missing"
        return None
    try:
        header = read_header(db_path)
    except OSError as exc:
        raise from_os(exc, db_path, "数据文件") from exc
    if header.is_sqlite and header.user_version > migrations.SCHEMA_VERSION:
        raise newer_error(db_path, header.user_version)
    if header.size == 0:
        return "文件是空的，0 字节"
    if not header.is_sqlite:
        return "文件开头不是数据库的标记，可能被其他程序覆盖"
    try:
        # Read-only: checking never writes the database file itself.
        with contextlib.closing(raw_connect(db_path, read_only=True)) as conn:
            version = user_version(conn)
            if version > migrations.SCHEMA_VERSION:
                raise newer_error(db_path, version)
            problem = quick_check(conn)
            if problem:
                return f"完整性检查未通过：{problem[:200]}"
            if not has_tables(conn) and backups.list_backups(backups_dir):
                return "文件中没有任何数据表"
    except sqlite3.Error as exc:
        if _damage_code(exc):
            return f"无法读取：{exc}"
        raise from_sqlite(exc, db_path, writing=False) from exc
    return None


def _recover(db_path: Path, data_dir: Path, backups_dir: Path, reason: str) -> str:
    """Move the damaged file aside, restore the newest good backup; the notice to show."""
    moved = _move_aside(db_path, data_dir / DAMAGED_DIR)
    found = backups.newest_good(backups_dir, migrations.SCHEMA_VERSION)
    if reason == "missing":
        head = f"数据文件“{db_path.name}”不见了（可能被误删或被杀毒软件隔离）。"
    else:
        head = f"数据文件已损坏（{reason}）。原文件已移到“{moved}”，没有删除。"
    if found is None:
        tail = "没有可用的备份，已新建一个空的数据文件，需要重新填写。" + (
            "损坏的原文件可交技术人员尝试修复。" if moved else ""
        )
        return head + tail
    info, summary, skipped = found
    try:
        backups.restore(info.path, db_path)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(
            f"{head}从备份“{info.path}”恢复时出错（{exc}）。请检查磁盘空间后重新打开程序。",
            "io",
        ) from exc
    units = "、".join(summary.units[:5]) + ("等" if len(summary.units) > 5 else "")
    last = ""
    if summary.last_change:
        with contextlib.suppress(ValueError):
            last = f"，最后保存于 {backups.when(datetime.fromisoformat(summary.last_change))}"
    skipped_text = f"（更新的备份不能用，已跳过：{'、'.join(skipped)}）" if skipped else ""
    return (
        f"{head}已从 {backups.when(info.taken_at)} 的自动备份恢复：{summary.reports} 份报告"
        f"（{units}）{last}{skipped_text}。这次备份之后填写的内容没能恢复，请核对最近填写的部分。"
    )


def _move_aside(db_path: Path, damaged_dir: Path) -> Path | None:
    """Rename the database and its -wal/-shm into ``damaged/`` (never delete)."""
    present = [p for p in (db_path, *(Path(f"{db_path}{s}") for s in SIDE_SUFFIXES)) if p.exists()]
    if not present:
        return None
    try:
        damaged_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = damaged_dir / f"answers-{stamp}.db"
        n = 1
        while any(Path(f"{target}{s}").exists() for s in ("", *SIDE_SUFFIXES)):
            n += 1
            target = damaged_dir / f"answers-{stamp}-{n}.db"
        for p in present:
            os.replace(p, Path(str(target) + p.name[len(db_path.name) :]))
    except OSError as exc:
        raise StoreError(
            f"数据文件已损坏，但无法把它移开（{exc.strerror or exc}）。"
            "请关闭所有填报窗口后重新打开程序。",
            "corrupt",
        ) from exc
    return target if db_path in present else None


def _connect_writable(db_path: Path, wal: bool):
    try:
        return connect(db_path, wal=wal)
    except sqlite3.Error as exc:
        raise from_sqlite(exc, db_path, writing=False) from exc


def _migrate(db, db_path: Path, backups_dir: Path) -> None:
    version = user_version(db.conn)
    if version > migrations.SCHEMA_VERSION:  # a newer version only visible through the WAL
        raise newer_error(db_path, version)
    try:
        migrations.migrate(db, db_path, backups_dir)
    except MigrationFailed as exc:
        where = f"升级前的备份在“{exc.backup}”，" if exc.backup else ""
        if isinstance(exc.cause, sqlite3.Error):
            inner = from_sqlite(exc.cause, db_path, writing=False)
            if inner.kind == "full":
                raise StoreError(f"升级数据文件时{inner}{where}", "full") from exc
        raise StoreError(
            f"升级数据文件失败（第{exc.version}步：{exc.cause}）。{where}数据没有丢失。"
            "请把这条消息告诉技术支持人员。",
            "io",
        ) from exc
    except (OSError, backups.BackupError) as exc:
        raise StoreError(
            f"升级数据文件前无法做备份（{exc}），因此没有升级。请检查磁盘空间后重新打开程序。",
            "full" if isinstance(exc, OSError) and exc.errno == 28 else "io",
        ) from exc


def _rotate(conn: sqlite3.Connection, backups_dir: Path, keep: int) -> str:
    """This start's backup (skipped when nothing changed since the last one), then rotation."""
    try:
        backups.clean_partial(backups_dir)
        if not conn.execute("SELECT count(*) FROM reports").fetchone()[0]:
            return ""
        if backups.newest_matches(conn, backups_dir):
            return ""
        backups.make_backup(conn, backups_dir)
        backups.prune(backups_dir, keep)
    except (OSError, sqlite3.Error, backups.BackupError) as exc:
        return (
            f"启动时的自动备份没有做成（{exc}）。填写的内容照常保存，"
            "但请尽快检查磁盘空间和数据文件夹。"
        )
    return ""


# -- read-only openings -----------------------------------------------------------------------


def _connect_read_only(db_path: Path):
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
