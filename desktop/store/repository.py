"""The Store: the only API the wizard, the export and the CLI use to read and save answers.

Values are kept one row per field (``field_values``: report, scope, key, JSON value), so one
keystroke pause saves one small row. Every change also appends a revision (old → new, time) in
the same transaction, so the clerk can see and restore earlier wording, and a save that
returned is on disk (WAL, ``synchronous=FULL``; see :mod:`desktop.store.db`).

Scopes: ``profile``, ``texts``, ``review``, ``task:<S.I.P>``; status changes of the report are
recorded as revisions with scope ``report``, key ``status``.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from desktop.answers import (
    DRAFT,
    REPORT_STATUSES,
    STATUS_KEY,
    TASK_PREFIX,
    counts_as_answered,
    is_scope,
)
from desktop.store.db import now
from desktop.store.errors import ReportNotFound, StoreError, from_sqlite
from desktop.store.lock import InstanceLock

MAX_VALUE_CHARS = 10_000_000
STATUS_SCOPE = "report"


@dataclass(frozen=True)
class ReportInfo:
    id: int
    unit: str
    catalogue_id: str
    status: str  # "draft" | "final"
    created_at: str  # ISO 8601 local time, seconds
    updated_at: str
    answered_tasks: int  # tasks with a non-empty status or a not-applicable decision


@dataclass(frozen=True)
class Revision:
    id: int
    scope: str
    key: str
    old: Any  # JSON values (None when the field was empty)
    new: Any
    at: str  # ISO 8601 local time


def _report_info(row: tuple[Any, ...], answered: int) -> ReportInfo:
    rid, unit, catalogue_id, status, created_at, updated_at = row
    return ReportInfo(rid, unit, catalogue_id, status, created_at, updated_at, answered)


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just made (always set after one)."""
    assert cur.lastrowid is not None
    return int(cur.lastrowid)


def check_scope(scope: str, key: str) -> None:
    """Programming errors (not the clerk's): a scope or key the store does not know."""
    if not is_scope(scope):
        raise ValueError(f"unknown scope {scope!r}")
    if not isinstance(key, str) or not key:
        raise ValueError(f"bad key {key!r}")


def encode(value: Any) -> str:
    """JSON text for the database. Control characters survive as JSON escapes (\\u000b …).

    Chinese is stored as UTF-8, not escaped; only text carrying lone surrogates (a broken paste)
    falls back to ASCII escapes, which SQLite's UTF-8 could not hold otherwise.
    """
    try:
        text = json.dumps(
            value, ensure_ascii=False, allow_nan=False, sort_keys=True, separators=(",", ":")
        )
    except (TypeError, ValueError) as exc:
        raise TypeError(f"value is not JSON-serialisable: {exc}") from exc
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return text


def decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _size(value: Any, text: str | None) -> int:
    if isinstance(value, str):
        return len(value)
    return len(text or "")


def too_large_message(chars: int) -> str:
    return (
        f"这一项的内容太长（约{chars / 10000:.0f}万字），超过了{MAX_VALUE_CHARS // 10000}万字的上限，"
        "没有保存（之前保存的内容都还在）。请删去不需要的部分（如粘贴时带入的大段表格）后再保存。"
    )


REVISION_WINDOW_S = 30.0


class Store:
    """One open database. Create it with :func:`desktop.store.open_store`."""

    def __init__(
        self,
        db: Database,
        path: Path,
        *,
        read_only: bool = False,
        lock: InstanceLock | None = None,
        read_only_error: StoreError | None = None,
        on_close: Callable[[sqlite3.Connection], None] | None = None,
    ) -> None:
        self._db = db
        self._on_close = on_close  # e.g. the backup of this session (desktop.store.opening)
        self.path = path
        self.read_only = read_only
        self._lock = lock
        self._read_only_error = read_only_error or StoreError(
            "本窗口以只读方式打开数据，不能保存修改。", "readonly"
        )
        self._closed = False
        # Revisions still open for coalescing: (report, scope, key) → (revision id, opened at).
        self._open_revisions: dict[tuple[int, str, str], tuple[int, float]] = {}

    # -- life cycle -------------------------------------------------------------------------
    @property
    def db(self) -> Database:
        """The sqlite-utils database, for tests, the benchmark and migrations — not for views."""
        return self._db

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            if self._on_close is not None and not self.read_only:
                try:
                    self._on_close(self._db.conn)
                except Exception:  # noqa: BLE001 - closing must close; the data is saved
                    pass
            self._db.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several calls into one transaction (nested calls become savepoints).

        Any exception rolls everything back; SQLite failures come out as StoreError.
        """
        if self.read_only:
            raise self._read_only_error
        try:
            with self._db.atomic():
                yield
        except sqlite3.Error as exc:
            raise from_sqlite(exc, self.path) from exc

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._db.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise from_sqlite(exc, self.path, writing=False) from exc

    # -- reports ----------------------------------------------------------------------------
    def list_reports(self) -> list[ReportInfo]:
        """Newest updated first."""
        rows = self._read(
            "SELECT id, unit, catalogue_id, status, created_at, updated_at FROM reports "
            "ORDER BY updated_at DESC, id DESC"
        )
        counts = self._answered_counts()
        return [_report_info(row, counts.get(row[0], 0)) for row in rows]

    def _answered_counts(self, report_id: int | None = None) -> dict[int, int]:
        # Only the two fields that decide it are read; the rule itself is the vocabulary's.
        where = "" if report_id is None else "AND report_id = ?"
        tasks: dict[tuple[int, str], dict[str, Any]] = {}
        for rid, scope, key, text in self._read(
            "SELECT report_id, scope, key, value FROM field_values "
            f"WHERE scope LIKE ? AND key IN (?, 'applicable') {where}",
            (f"{TASK_PREFIX}%", STATUS_KEY) + (() if report_id is None else (report_id,)),
        ):
            tasks.setdefault((rid, scope), {})[key] = decode(text)
        counts: dict[int, int] = {}
        for (rid, _scope), values in tasks.items():
            if counts_as_answered(values):
                counts[rid] = counts.get(rid, 0) + 1
        return counts

    def find_report(self, unit: str, catalogue_id: str) -> int | None:
        rows = self._read(
            "SELECT id FROM reports WHERE unit = ? AND catalogue_id = ?", (unit, catalogue_id)
        )
        return rows[0][0] if rows else None

    def create_report(self, unit: str, catalogue_id: str) -> int:
        """The report of *unit* for *catalogue_id*; created if missing (one per pair)."""
        unit = unit.strip() if isinstance(unit, str) else unit
        if not unit or not isinstance(unit, str) or not catalogue_id:
            raise ValueError("unit and catalogue_id are required")
        existing = self.find_report(unit, catalogue_id)
        if existing is not None:
            return existing
        at = now()
        with self.transaction():
            cur = self._db.conn.execute(
                "INSERT INTO reports (unit, catalogue_id, status, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (unit, catalogue_id, DRAFT, at, at),
            )
            return inserted_id(cur)

    def report_info(self, report_id: int) -> ReportInfo:
        rows = self._read(
            "SELECT id, unit, catalogue_id, status, created_at, updated_at FROM reports "
            "WHERE id = ?",
            (report_id,),
        )
        if not rows:
            raise ReportNotFound(report_id)
        return _report_info(rows[0], self._answered_counts(report_id).get(report_id, 0))

    def set_status(self, report_id: int, status: str) -> None:
        """draft / final; the change is recorded as a revision (scope ``report``)."""
        if status not in REPORT_STATUSES:
            raise ValueError(f"status must be one of {REPORT_STATUSES}")
        with self.transaction():
            conn = self._db.conn
            row = conn.execute("SELECT status FROM reports WHERE id = ?", (report_id,)).fetchone()
            if row is None:
                raise ReportNotFound(report_id)
            if row[0] == status:
                return
            at = now()
            conn.execute(
                "UPDATE reports SET status = ?, updated_at = ? WHERE id = ?",
                (status, at, report_id),
            )
            conn.execute(
                "INSERT INTO revisions (report_id, scope, key, old, new, at) "
                "VALUES (?, ?, 'status', ?, ?, ?)",
                (report_id, STATUS_SCOPE, encode(row[0]), encode(status), at),
            )

    # -- values -----------------------------------------------------------------------------
    def save_field(self, report_id: int, scope: str, key: str, value: Any) -> Revision | None:
        """Save one field as one committed transaction; None (nothing written) if unchanged.

        Text is stored exactly as given, control characters included. Raises StoreError:
        ``too_large`` (over 10,000,000 characters), ``full``, ``locked`` (read-only window),
        ``readonly``, ``io``. On any error nothing of this call is written.
        """
        done = self.save_fields(report_id, [(scope, key, value)])
        return done[0] if done else None

    def save_fields(
        self, report_id: int, changes: list[tuple[str, str, Any]], *, coalesce: bool = False
    ) -> list[Revision]:
        """Several fields in one transaction (import, retry of queued edits); all or none.

        ``coalesce`` (autosave while typing): a field saved again within
        :data:`REVISION_WINDOW_S` of its last revision updates that revision instead of adding
        one, so a morning of typing leaves a readable history rather than one row per second.
        :meth:`seal_revisions` (an explicit save, leaving a page) closes the open revisions.
        """
        if self.read_only:
            raise self._read_only_error
        prepared = []
        for scope, key, value in changes:
            check_scope(scope, key)
            if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
                raise StoreError(too_large_message(len(value)), "too_large")
            text = None if value is None else encode(value)
            if _size(value, text) > MAX_VALUE_CHARS:
                raise StoreError(too_large_message(_size(value, text)), "too_large")
            prepared.append((scope, key, text))
        if not prepared:
            return []
        at = now()
        done: list[Revision] = []
        with self.transaction():
            conn = self._db.conn
            self._require(conn, report_id)
            for scope, key, text in prepared:
                rev = self._apply(conn, report_id, scope, key, text, at, coalesce)
                if rev is not None:
                    done.append(rev)
            if done:
                conn.execute("UPDATE reports SET updated_at = ? WHERE id = ?", (at, report_id))
        return done

    @staticmethod
    def _require(conn: sqlite3.Connection, report_id: int) -> None:
        if conn.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is None:
            raise ReportNotFound(report_id)

    def seal_revisions(self) -> None:
        """The next save of any field starts a new revision."""
        self._open_revisions.clear()

    def _apply(
        self,
        conn: sqlite3.Connection,
        report_id: int,
        scope: str,
        key: str,
        text: str | None,
        at: str,
        coalesce: bool = False,
    ) -> Revision | None:
        row = conn.execute(
            "SELECT value FROM field_values WHERE report_id = ? AND scope = ? AND key = ?",
            (report_id, scope, key),
        ).fetchone()
        old = row[0] if row else None
        if old == text:
            return None
        if text is None:
            conn.execute(
                "DELETE FROM field_values WHERE report_id = ? AND scope = ? AND key = ?",
                (report_id, scope, key),
            )
        else:
            conn.execute(
                "INSERT INTO field_values (report_id, scope, key, value, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (report_id, scope, key) "
                "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (report_id, scope, key, text, at),
            )
        field = (report_id, scope, key)
        opened = self._open_revisions.get(field)
        if coalesce and opened is not None and time.monotonic() - opened[1] < REVISION_WINDOW_S:
            row = conn.execute("SELECT old FROM revisions WHERE id = ?", (opened[0],)).fetchone()
            if row is not None:
                conn.execute(
                    "UPDATE revisions SET new = ?, at = ? WHERE id = ?", (text, at, opened[0])
                )
                return Revision(opened[0], scope, key, decode(row[0]), decode(text), at)
        cur = conn.execute(
            "INSERT INTO revisions (report_id, scope, key, old, new, at) VALUES (?, ?, ?, ?, ?, ?)",
            (report_id, scope, key, old, text, at),
        )
        rev_id = inserted_id(cur)
        if coalesce:
            self._open_revisions[field] = (rev_id, time.monotonic())
        else:
            self._open_revisions.pop(field, None)
        return Revision(rev_id, scope, key, decode(old), decode(text), at)

    def load_values(self, report_id: int) -> dict[str, dict[str, Any]]:
        """scope → key → value, for every non-empty field of the report."""
        out: dict[str, dict[str, Any]] = {}
        for scope, key, text in self._read(
            "SELECT scope, key, value FROM field_values WHERE report_id = ? ORDER BY scope, key",
            (report_id,),
        ):
            out.setdefault(scope, {})[key] = decode(text)
        return out

    def history(self, report_id: int, scope: str, key: str, limit: int = 100) -> list[Revision]:
        """Saved changes of one field, newest first."""
        rows = self._read(
            "SELECT id, scope, key, old, new, at FROM revisions "
            "WHERE report_id = ? AND scope = ? AND key = ? ORDER BY id DESC LIMIT ?",
            (report_id, scope, key, int(limit)),
        )
        return [Revision(r[0], r[1], r[2], decode(r[3]), decode(r[4]), r[5]) for r in rows]

    # -- UI state (no revisions) ------------------------------------------------------------
    def set_ui_state(self, report_id: int, key: str, value: Any) -> None:
        text = encode(value)
        with self.transaction():
            self._require(self._db.conn, report_id)
            self._db.conn.execute(
                "INSERT INTO ui_state (report_id, key, value) VALUES (?, ?, ?) "
                "ON CONFLICT (report_id, key) DO UPDATE SET value = excluded.value",
                (report_id, key, text),
            )

    def get_ui_state(self, report_id: int, key: str, default: Any = None) -> Any:
        rows = self._read(
            "SELECT value FROM ui_state WHERE report_id = ? AND key = ?", (report_id, key)
        )
        return decode(rows[0][0]) if rows else default
