"""One way to open a database file safely, shared by ``answers.db`` and ``office.db``.

A :class:`DbKind` says which file it is (name, backup prefix, the Chinese word for it, its
schema steps, how to tell and summarise its content). :func:`prepare` does, before anything
else touches the file:

1. :func:`secure_wal` — SQLite would delete a ``-wal`` whose database is missing or 0 bytes, and
   silently skip (then overwrite) frames it cannot verify. The log is read first
   (:mod:`desktop.store.wal`): a complete log becomes the database again; anything else that
   holds saves is moved or copied to ``damaged/`` — never deleted — with a notice;
2. :func:`damage` — a newer version is refused untouched; a zero-byte, foreign or damaged file
   (header, ``PRAGMA quick_check``) is moved to ``damaged/`` and the newest good backup
   restored (:func:`recover`), with a notice saying what and from when;

then :func:`migrate` (a backup first) and :func:`rotate` (a backup when the content changed,
at the start and again when the database is closed, so a first session is backed up too).

:func:`read_only_guard` is what a read-only opening checks first: a read-only command must
never be the one that lets SQLite delete a log of saves.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from desktop.store import backups, wal
from desktop.store.db import (
    BACKUPS_DIR,
    DAMAGED_DIR,
    SIDE_SUFFIXES,
    Header,
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
    describe,
    from_os,
    from_sqlite,
)
from desktop.store.migrations import MigrationFailed


@dataclass(frozen=True)
class DbKind:
    file_name: str  # answers.db
    prefix: str  # answers: backups/answers-….db, damaged/answers-….db
    what: str  # 数据文件 / 汇总数据库 (in messages)
    program: str  # 填报程序 / 汇总窗口 (what to open to repair it)
    schema_version: Callable[[], int]
    steps: Callable[[], dict[int, Callable[[Database], None]]]
    marker: backups.Marker  # changes whenever anything worth backing up changes
    summary: backups.Summarize  # what a backup holds, for the restore notice
    content_table: str  # a backup is made only when this table has rows


def newer_error(kind: DbKind, db_path: Path, version: int) -> StoreError:
    return StoreError(
        f"{kind.what}“{db_path}”是更新版本的程序保存的（数据版本{version}，"
        f"本程序只认识到版本{kind.schema_version()}）。为免损坏，本程序没有打开也没有改动它。"
        "请安装最新版本的程序后再打开。",
        "newer",
    )


def _header(db_path: Path, kind: DbKind) -> Header | None:
    """The file's header, or None when there is no file."""
    if not os.path.lexists(db_path):
        return None
    try:
        return read_header(db_path)
    except OSError as exc:
        raise from_os(exc, db_path, kind.what) from exc


def _wal_path(db_path: Path) -> Path:
    return Path(f"{db_path}-wal")


# -- the write-ahead log ----------------------------------------------------------------------


def read_only_guard(db_path: Path, kind: DbKind) -> None:
    """Refuse (StoreError) to let a read-only opening near a log SQLite would delete.

    Cheap when all is well: the log is only looked at when the database file is not usable
    (a live window's log beside a good database is SQLite's business)."""
    header = _header(db_path, kind)
    if header is not None and header.size > 0 and header.is_sqlite:
        return
    wal_path = _wal_path(db_path)
    if not wal_path.exists() or wal_path.stat().st_size == 0:
        return
    state = "不见了" if header is None else "是空的" if header.size == 0 else "已损坏"
    raise StoreError(
        f"{kind.what}“{db_path}”{state}，但最近保存的内容还在“{db_path.name}-wal”中。"
        f"为免丢失，本命令没有打开它。请打开{kind.program}，它会把这些内容恢复或妥善保存。",
        "corrupt",
    )


def secure_wal(db_path: Path, kind: DbKind) -> str | None:
    """Before the first writable opening: keep every save a ``-wal`` holds. The notice, or None.

    * database missing, empty or not a database, log holding saves: everything is moved to
      ``damaged/``; when the log holds every page it becomes the database again;
    * database fine, log with committed frames that fail their checksums (a crash, a bad
      sector): the log is *copied* to ``damaged/`` first, then SQLite recovers what verifies.
    """
    wal_path = _wal_path(db_path)
    info = wal.inspect(wal_path)
    if info is None:
        return None
    header = _header(db_path, kind)
    damaged_dir = db_path.parent / DAMAGED_DIR
    if header is not None and header.size > 0 and header.is_sqlite:
        if not info.damaged:
            return None
        copy = _free_name(damaged_dir, kind.prefix, "-wal")
        try:
            damaged_dir.mkdir(parents=True, exist_ok=True)
            shutil.copy2(wal_path, copy)
        except OSError as exc:
            raise StoreError(
                f"上次程序异常退出时留下的保存记录（{wal_path.name}）有一部分已损坏。"
                f"为免丢失，需要先把它复制到“{damaged_dir}”，但没有成功（{describe(exc)}）。"
                "请检查磁盘空间后重新打开程序。",
                "io",
            ) from exc
        lost = f"{info.dropped_commits} 次保存" if info.dropped_commits else "一部分保存记录"
        return (
            f"上次程序异常退出（如断电），{kind.what}的日志中有{lost}已损坏、无法读取"
            f"（可能是断电时正在写入的内容）。损坏的日志已复制到“{copy}”，供技术人员检查；"
            "其余内容都已恢复。请核对最近填写的部分。"
        )
    if not info.has_saves and not info.damaged:
        return None  # an empty log: nothing in it to lose
    moved = move_aside(db_path, damaged_dir, kind)
    kept_wal = Path(f"{moved}-wal")
    state = "不见了" if header is None else "是空的（0 字节）" if header.size == 0 else "已损坏"
    head = f"{kind.what}“{db_path.name}”{state}（可能被误删、被同步软件或杀毒软件改动）。"
    part = db_path.with_name(db_path.name + backups.PART_SUFFIX)
    with contextlib.suppress(OSError):
        part.unlink()
    try:
        rebuilt = wal.rebuild(kept_wal, part) and _usable(part)
        if rebuilt:
            os.replace(part, db_path)
    except (OSError, sqlite3.Error):
        rebuilt = False
    finally:
        with contextlib.suppress(OSError):
            part.unlink()
    if rebuilt:
        with contextlib.closing(raw_connect(db_path, read_only=True)) as conn:
            what = backups.restored_text(kind.summary(conn))
        return (
            f"{head}最近保存的内容还在日志文件中，已从中完整恢复：{what}。"
            f"原来的文件已移到“{damaged_dir}”，没有删除。"
        )
    return (
        f"{head}日志文件中还有最近保存的内容，但不完整，无法单独恢复；"
        f"已把它们移到“{damaged_dir}”（没有删除），可交技术人员尝试修复。"
    )


def _usable(path: Path) -> bool:
    with contextlib.closing(raw_connect(path, read_only=True)) as conn:
        return quick_check(conn) is None and has_tables(conn)


def _free_name(folder: Path, prefix: str, suffix: str = "") -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{prefix}-{stamp}.db"
    n = 1
    while any(Path(f"{target}{s}").exists() for s in ("", *SIDE_SUFFIXES)):
        n += 1
        target = folder / f"{prefix}-{stamp}-{n}.db"
    return Path(f"{target}{suffix}")


def move_aside(db_path: Path, damaged_dir: Path, kind: DbKind) -> Path | None:
    """Rename the database and its -wal/-shm/-journal into ``damaged/`` (never delete).

    Returns the new name of the database (its side files carry the same name plus their
    suffix), or None when nothing was there."""
    present = [p for p in (db_path, *(Path(f"{db_path}{s}") for s in SIDE_SUFFIXES)) if p.exists()]
    if not present:
        return None
    try:
        damaged_dir.mkdir(parents=True, exist_ok=True)
        target = _free_name(damaged_dir, kind.prefix)
        for p in present:
            os.replace(p, Path(str(target) + p.name[len(db_path.name) :]))
    except OSError as exc:
        raise StoreError(
            f"{kind.what}已损坏，但无法把它移开（{describe(exc)}）。"
            "请关闭所有程序窗口后重新打开程序。",
            "corrupt",
        ) from exc
    return target


# -- damage and recovery ----------------------------------------------------------------------


def _damage_code(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and (code & 0xFF) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def damage(db_path: Path, backups_dir: Path, kind: DbKind) -> str | None:
    """Why *db_path* cannot be used as it is (Chinese), ``"missing"``, or None when fine.

    Refuses a newer database here, before SQLite has opened it for writing. Only real damage
    (corrupt, not a database, empty) counts: a transient error is raised, never "repaired" by
    falling back to an older backup.
    """
    header = _header(db_path, kind)
    if header is None:
        if backups.list_backups(backups_dir, kind.prefix):
            return "missing"
        return None
    if header.is_sqlite and header.user_version > kind.schema_version():
        raise newer_error(kind, db_path, header.user_version)
    if header.size == 0:
        return "文件是空的，0 字节"
    if not header.is_sqlite:
        return "文件开头不是数据库的标记，可能被其他程序覆盖"
    try:
        # Read-only: checking never writes the database file itself.
        with contextlib.closing(raw_connect(db_path, read_only=True)) as conn:
            version = user_version(conn)
            if version > kind.schema_version():
                raise newer_error(kind, db_path, version)
            problem = quick_check(conn)
            if problem:
                return f"完整性检查未通过：{problem[:200]}"
            if not has_tables(conn) and backups.list_backups(backups_dir, kind.prefix):
                return "文件中没有任何数据表"
    except sqlite3.Error as exc:
        if _damage_code(exc):
            return "文件内容已损坏，无法读取"
        raise from_sqlite(exc, db_path, writing=False) from exc
    return None


def recover(db_path: Path, backups_dir: Path, kind: DbKind, reason: str) -> str:
    """Move the damaged file aside, restore the newest good backup; the notice to show."""
    moved = move_aside(db_path, db_path.parent / DAMAGED_DIR, kind)
    found = backups.newest_good(backups_dir, kind.schema_version(), kind.prefix, kind.summary)
    if reason == "missing":
        head = f"{kind.what}“{db_path.name}”不见了（可能被误删或被杀毒软件隔离）。"
    else:
        head = f"{kind.what}已损坏（{reason}）。原文件已移到“{moved}”，没有删除。"
    if found is None:
        tail = "没有可用的备份，已新建一个空的文件。" + (
            "损坏的原文件可交技术人员尝试修复。" if moved else ""
        )
        return head + tail
    info, summary, skipped = found
    try:
        backups.restore(info.path, db_path)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(
            f"{head}从备份“{info.path}”恢复时出错（{describe(exc)}）。"
            "请检查磁盘空间后重新打开程序。",
            "io",
        ) from exc
    skipped_text = f"（更新的备份不能用，已跳过：{'、'.join(skipped)}）" if skipped else ""
    return (
        f"{head}已从 {backups.when(info.taken_at)} 的自动备份恢复："
        f"{backups.restored_text(summary)}{skipped_text}。"
        "这次备份之后保存的内容没能恢复，请核对最近的部分。"
    )


# -- opening, migrating, backing up -----------------------------------------------------------


def prepare(db_path: Path, kind: DbKind) -> list[str]:
    """Steps 1–2 of the module docstring for a writable opening; the notices to show."""
    notices = []
    notice = secure_wal(db_path, kind)
    if notice:
        notices.append(notice)
    backups_dir = db_path.parent / BACKUPS_DIR
    reason = damage(db_path, backups_dir, kind)
    if reason is not None:
        notices.append(recover(db_path, backups_dir, kind, reason))
    return notices


def connect_writable(db_path: Path, wal_mode: bool = True) -> Database:
    try:
        return connect(db_path, wal=wal_mode)
    except sqlite3.Error as exc:
        raise from_sqlite(exc, db_path, writing=False) from exc


def migrate(db: Database, db_path: Path, kind: DbKind) -> None:
    """Bring the database to the current schema, a backup first; StoreError on failure."""
    from desktop.store import migrations

    backups_dir = db_path.parent / BACKUPS_DIR
    version = user_version(db.conn)
    if version > kind.schema_version():  # a newer version only visible through the WAL
        raise newer_error(kind, db_path, version)
    try:
        migrations.migrate(
            db, db_path, backups_dir, kind.schema_version(), kind.steps(), kind.prefix
        )
    except MigrationFailed as exc:
        where = f"升级前的备份在“{exc.backup}”，" if exc.backup else ""
        if isinstance(exc.cause, sqlite3.Error):
            inner = from_sqlite(exc.cause, db_path, writing=False)
            if inner.kind == "full":
                raise StoreError(f"升级{kind.what}时{inner}{where}", "full") from exc
        raise StoreError(
            f"升级{kind.what}失败（第{exc.version}步：{describe(exc.cause)}）。{where}数据没有丢失。"
            "请把这条消息告诉技术支持人员。",
            "io",
        ) from exc
    except (OSError, backups.BackupError) as exc:
        raise StoreError(
            f"升级{kind.what}前无法做备份（{describe(exc)}），因此没有升级。"
            "请检查磁盘空间后重新打开程序。",
            "full" if isinstance(exc, OSError) and exc.errno == 28 else "io",
        ) from exc


def rotate(conn: sqlite3.Connection, backups_dir: Path, keep: int, kind: DbKind) -> str:
    """A backup when the content changed since the newest one, then rotation; a notice when
    it could not be made (the work itself is safe in the database)."""
    try:
        backups.clean_partial(backups_dir)
        if not conn.execute(f"SELECT count(*) FROM {kind.content_table}").fetchone()[0]:
            return ""
        if backups.newest_matches(conn, backups_dir, kind.prefix, kind.marker):
            return ""
        backups.make_backup(conn, backups_dir, prefix=kind.prefix)
        backups.prune(backups_dir, keep, kind.prefix)
    except (OSError, sqlite3.Error, backups.BackupError) as exc:
        return (
            f"自动备份没有做成（{describe(exc)}）。内容照常保存，但请尽快检查磁盘空间和数据文件夹。"
        )
    return ""
