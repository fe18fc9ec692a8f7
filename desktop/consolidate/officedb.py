"""The office's own SQLite database (``office.db`` in the data dir) — not the clerks' store.

One row per (catalogue, unit) in ``reports`` holds the report in use; every report it replaced,
and every older report imported after a newer one, is kept in ``history`` so nothing a unit
sent is ever lost. ``batches`` and ``rejections`` remember what each import did.

It opens through the same database layer as the clerks' ``answers.db``
(:mod:`desktop.store.dbfile`): the ``-wal`` is secured before SQLite sees it, a zero-byte or
damaged file is moved to ``damaged/`` and the newest good backup (``backups/office-….db``)
restored with a notice, a newer version is refused untouched, migrations run step by step after
a backup, and a backup is made when an import changed something. WAL with ``synchronous=FULL``,
so a committed import survives a power cut. Every failure is an :class:`OfficeDBError` with a
Chinese message — never SQLite's English.

Threads: each operation opens its own connection (:meth:`OfficeDB.connect`), so a worker
thread and the GUI thread never share one; the checks above run once, on the first.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import paths
from desktop.consolidate import OFFICE_DB_NAME
from desktop.errors import UserError
from desktop.store import backups, dbfile
from desktop.store.db import BACKUPS_DIR, connect, read_header
from desktop.store.errors import StoreError, from_os, from_sqlite
from desktop.store.opening import DEFAULT_BACKUP_KEEP

if TYPE_CHECKING:
    from sqlite_utils import Database

SCHEMA_VERSION = 2
_REPORT_COLUMNS = {
    "id": int,
    "catalogue_id": str,
    "unit": str,
    "known_unit": int,
    "source_name": str,
    "source_path": str,
    "source_kind": str,
    "source_mtime": float,
    "report_date": str,
    "exported_at": str,
    "status": str,
    "sha256": str,
    "payload": str,
    "imported_at": str,
    "batch_id": int,
}


def _v1(db: Database) -> None:
    """Reports in use, history, import batches and their rejections."""
    db.table("reports").create(_REPORT_COLUMNS, pk="id", if_not_exists=True)
    db.table("reports").create_index(["catalogue_id", "unit"], unique=True, if_not_exists=True)
    db.table("history").create(
        {**_REPORT_COLUMNS, "archived_at": str, "note": str}, pk="id", if_not_exists=True
    )
    db.table("history").create_index(["catalogue_id", "unit"], if_not_exists=True)
    db.table("batches").create(
        {"id": int, "started_at": str, "files": int, "imported": int, "rejected": int},
        pk="id",
        if_not_exists=True,
    )
    db.table("rejections").create(
        {"id": int, "batch_id": int, "name": str, "path": str, "reason": str},
        pk="id",
        foreign_keys=[("batch_id", "batches", "id")],
        if_not_exists=True,
    )


def _v2(db: Database) -> None:
    """History looked up by content: a report already kept is never archived twice."""
    db.table("history").create_index(
        ["catalogue_id", "unit", "sha256"], index_name="history_content", if_not_exists=True
    )


STEPS: dict[int, Callable[[Database], None]] = {1: _v1, 2: _v2}


def _marker(conn: sqlite3.Connection) -> tuple:
    try:
        return tuple(
            conn.execute(f"SELECT count(*), max(id) FROM {table}").fetchone()
            for table in ("reports", "history", "batches")
        ) + (conn.execute("SELECT max(imported_at) FROM reports").fetchone(),)
    except sqlite3.Error:
        return ()


def _summary(conn: sqlite3.Connection) -> backups.BackupSummary:
    units = [r[0] for r in conn.execute("SELECT unit FROM reports ORDER BY imported_at DESC")]
    last = conn.execute("SELECT max(imported_at) FROM reports").fetchone()[0] or ""
    return backups.BackupSummary(len(units), units, last)


OFFICE = dbfile.DbKind(
    file_name=OFFICE_DB_NAME,
    prefix="office",
    what="汇总数据库",
    program="汇总窗口（或 consolidate 命令）",
    schema_version=lambda: SCHEMA_VERSION,
    steps=lambda: STEPS,
    marker=_marker,
    summary=_summary,
    content_table="reports",
)


class OfficeDBError(UserError):
    """The database cannot be opened or written; the message is Chinese and says what to do."""

    def __init__(self, message: str, kind: str = "io") -> None:
        super().__init__(message)
        self.kind = kind


def default_path() -> Path:
    return paths.data_dir() / OFFICE_DB_NAME


class OfficeDB:
    def __init__(self, path: Path | None = None, backup_keep: int = DEFAULT_BACKUP_KEEP) -> None:
        """*backup_keep*: how many rotating backups to keep — the caller's ``backup_keep``
        setting (:class:`~desktop.consolidate.service.OfficeService` passes it)."""
        self.path = Path(path) if path is not None else default_path()
        self._ready = False
        self._open_lock = threading.Lock()
        self._backup_keep = backup_keep
        self._network = False
        self.notices: list[str] = []  # what opening did (restored, kept aside …); shown once

    def take_notices(self) -> list[str]:
        """The notices not shown yet (thread-safe enough: lists are swapped, not mutated)."""
        out, self.notices = self.notices, []
        return out

    def _error(self, exc: BaseException) -> OfficeDBError:
        if isinstance(exc, StoreError):
            return OfficeDBError(str(exc), exc.kind)
        if isinstance(exc, sqlite3.Error):
            inner = from_sqlite(exc, self.path, writing=True, what="汇总数据库")
            return OfficeDBError(str(inner), inner.kind)
        if isinstance(exc, OSError) and (os_error := from_os(exc, self.path.parent)) is not None:
            return OfficeDBError(str(os_error), os_error.kind)
        raise exc

    def _open_once(self) -> None:
        """The checks of :mod:`desktop.store.dbfile`, once per OfficeDB (the first caller)."""
        with self._open_lock:
            if self._ready:
                return
            folder = self.path.parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
                self._network = paths.is_network_path(folder)
                notices = dbfile.prepare(self.path, OFFICE)
                db = dbfile.connect_writable(self.path, wal_mode=not self._network)
                try:
                    dbfile.migrate(db, self.path, OFFICE)
                finally:
                    db.close()
            except (StoreError, OSError, sqlite3.Error) as exc:
                raise self._error(exc) from exc
            self.notices += notices
            self._ready = True

    @contextmanager
    def connect(self) -> Iterator[Database]:
        """A fresh connection for this operation on this thread; closed afterwards."""
        self._open_once()
        try:
            db = connect(self.path, wal=not self._network)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        try:
            yield db
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        finally:
            db.close()

    def backup(self) -> None:
        """A backup when the content changed since the newest one (after an import); a
        notice for the next look when it could not be made."""
        with self.connect() as db:
            notice = dbfile.rotate(
                db.conn, self.path.parent / BACKUPS_DIR, max(1, self._backup_keep), OFFICE
            )
        if notice:
            self.notices.append(notice)

    def version(self) -> int | None:
        """The schema version in the file's header, without opening it (tests, diagnostics)."""
        with contextlib.suppress(OSError):
            return read_header(self.path).user_version
        return None

    # -- reads ---------------------------------------------------------------------------------
    def current(self, catalogue_id: str) -> list[dict]:
        """Rows of the reports in use for *catalogue_id* (payload as text), by unit name."""
        with self.connect() as db:
            return list(
                db.query(
                    "select * from reports where catalogue_id = ? order by unit", [catalogue_id]
                )
            )

    def catalogue_counts(self) -> dict[str, int]:
        with self.connect() as db:
            return {
                r["catalogue_id"]: r["n"]
                for r in db.query(
                    "select catalogue_id, count(*) as n from reports group by catalogue_id"
                )
            }

    def history(self, catalogue_id: str, unit: str) -> list[dict]:
        """Older reports of one unit, newest archive first (without the payload text)."""
        with self.connect() as db:
            return list(
                db.query(
                    "select id, source_name, report_date, status, imported_at, archived_at, note "
                    "from history where catalogue_id = ? and unit = ? order by id desc",
                    [catalogue_id, unit],
                )
            )

    def history_counts(self, catalogue_id: str) -> dict[str, int]:
        with self.connect() as db:
            return {
                r["unit"]: r["n"]
                for r in db.query(
                    "select unit, count(*) as n from history where catalogue_id = ? group by unit",
                    [catalogue_id],
                )
            }

    def last_batch(self) -> dict | None:
        with self.connect() as db:
            rows = list(db.query("select * from batches order by id desc limit 1"))
            if not rows:
                return None
            batch = rows[0]
            batch["rejections"] = list(
                db.query(
                    "select name, path, reason from rejections where batch_id = ? order by id",
                    [batch["id"]],
                )
            )
            return batch
