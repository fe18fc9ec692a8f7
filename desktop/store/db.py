"""The one place that opens the database and sets its pragmas.

Every connection to ``answers.db`` (and to its backups) is made here, so the durability settings
cannot be forgotten: WAL with ``synchronous=FULL`` (a save that returned survives a power cut;
sqlite.org/pragma.html#pragma_synchronous), ``foreign_keys=ON`` (per connection), and the
rollback journal instead of WAL on a network drive, where WAL's shared memory does not work
(sqlite.org/wal.html).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

DB_NAME = "answers.db"
LOCK_NAME = "answers.lock"
BACKUPS_DIR = "backups"
DAMAGED_DIR = "damaged"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0
SQLITE_CANTOPEN = 14


def now() -> str:
    """ISO 8601 local time to the second: what the clerk's clock says."""
    return datetime.now().isoformat(timespec="seconds")


@dataclass(frozen=True)
class Header:
    """What the first 100 bytes of a database file say, read without SQLite touching it."""

    size: int
    is_sqlite: bool
    user_version: int


def read_header(path: Path) -> Header:
    """Read the header directly, so checking a file (e.g. for a newer version) never writes it.

    ``user_version`` is the big-endian integer at offset 60 (sqlite.org/fileformat.html).
    """
    with open(path, "rb") as fh:
        head = fh.read(100)
        size = fh.seek(0, 2)
    if len(head) < 100 or not head.startswith(_MAGIC):
        return Header(size, False, 0)
    return Header(size, True, int.from_bytes(head[60:64], "big", signed=True))


def _uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


def raw_connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection (checks, backups). Read-only never creates or writes the file.

    A WAL database on a read-only medium (CD, write-protected share) cannot be opened with
    ``mode=ro`` alone, because its ``-shm`` cannot be created; when there is no ``-wal`` holding
    unsaved pages, ``immutable=1`` reads it safely.
    """
    if not read_only:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    conn = sqlite3.connect(_uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) or 0
        conn.close()
        if (code & 0xFF) != SQLITE_CANTOPEN or Path(f"{path}-wal").exists() or not path.is_file():
            raise
        conn = sqlite3.connect(_uri(path, "ro") + "&immutable=1", uri=True)
    except BaseException:
        conn.close()
        raise
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def connect(path: Path, *, read_only: bool = False, wal: bool = True) -> Database:
    """The store's connection: sqlite-utils over a connection with our pragmas."""
    conn = raw_connect(path, read_only=read_only)
    try:
        db = Database(conn, execute_plugins=False)
        if not read_only:
            if wal:
                db.enable_wal()
            elif db.journal_mode == "wal":
                db.disable_wal()
        db.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return db


def quick_check(conn: sqlite3.Connection) -> str | None:
    """None when ``PRAGMA quick_check`` says ok, else its first complaint.

    quick_check skips index consistency but reads every page, so it is fast enough for every
    start (a damaged page is found before the clerk types into it); backups get the full
    ``integrity_check``.
    """
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if rows and rows[0][0] == "ok":
        return None
    return "; ".join(str(r[0]) for r in rows[:3]) or "quick_check returned nothing"


def integrity_check(conn: sqlite3.Connection) -> str | None:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    if rows and rows[0][0] == "ok":
        return None
    return "; ".join(str(r[0]) for r in rows[:3]) or "integrity_check returned nothing"


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def has_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchone()
    return bool(row[0])
