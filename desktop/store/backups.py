"""Backup copies of the database, made with the SQLite backup API and checked.

Never a file copy: committed data may still sit in ``answers.db-wal``, which a copy of the
main file alone would lose. Each copy
is written under a temporary name, switched to the rollback journal (so it is one
self-contained file), checked with ``PRAGMA integrity_check`` and only then renamed to
``backups/answers-YYYYMMDD-HHMMSS[-n].db``. Rotation keeps the newest N of these; copies made
before a migration (``answers-before-vN-…``) are never rotated away.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop import dates
from desktop.errors import UserError
from desktop.store.db import has_tables, integrity_check, quick_check, raw_connect, user_version

_STAMP = "%Y%m%d-%H%M%S"
PART_SUFFIX = ".part"
PREFIX = "answers"  # the clerks' store; the office's database uses "office"


def _pattern(prefix: str) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(prefix)}-(?:(?P<label>[a-z][a-z0-9-]*?)-)?"
        r"(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.db$"
    )


class BackupError(UserError):
    """A backup could not be made or did not pass its check (the message is Chinese)."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    label: str  # "" for rotating backups, e.g. "before-v2" for pre-migration copies
    seq: int

    @property
    def rotating(self) -> bool:
        return not self.label


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds, for the message after a restore."""

    reports: int
    units: list[str]
    last_change: str  # ISO time of the newest saved change in it, "" if none


def when(moment: datetime) -> str:
    """2026年5月10日 10:30:15 — how the clerk reads a time."""
    return f"{dates.shown(moment)} {moment:%H:%M:%S}"


def _name(backups_dir: Path, label: str, moment: datetime, prefix: str = PREFIX) -> Path:
    """A fresh name; within one second the counter only grows, so names sort by age even
    after rotation has deleted the first of them."""
    stamp = moment.strftime(_STAMP)
    base = f"{prefix}-{label + '-' if label else ''}{stamp}"
    taken = [
        b.seq
        for b in list_backups(backups_dir, prefix)
        if b.label == label and b.taken_at.strftime(_STAMP) == stamp
    ]
    n = max(taken, default=0) + 1
    while True:
        target = backups_dir / (f"{base}.db" if n == 1 else f"{base}-{n}.db")
        if not target.exists() and not target.with_name(target.name + PART_SUFFIX).exists():
            return target
        n += 1


def make_backup(
    src: sqlite3.Connection, backups_dir: Path, label: str = "", prefix: str = PREFIX
) -> Path:
    """Copy the database behind *src* into *backups_dir*; raises BackupError or OSError."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    target = _name(backups_dir, label, datetime.now(), prefix)
    part = target.with_name(target.name + PART_SUFFIX)
    dst = sqlite3.connect(str(part))
    try:
        src.backup(dst)
        # The copy inherits WAL mode from the source; a backup must be a single file.
        dst.execute("PRAGMA journal_mode = DELETE")
        problem = integrity_check(dst)
    except BaseException:
        dst.close()
        _remove_quietly(part)
        raise
    dst.close()
    if problem:
        _remove_quietly(part)
        raise BackupError(f"备份副本未通过完整性检查（{problem}）")
    os.replace(part, target)
    return target


def list_backups(backups_dir: Path, prefix: str = PREFIX) -> list[BackupInfo]:
    """Every backup of the database *prefix* names, newest first."""
    if not backups_dir.is_dir():
        return []
    found: list[BackupInfo] = []
    pattern = _pattern(prefix)
    for path in backups_dir.iterdir():
        m = pattern.match(path.name)
        if not m or not path.is_file():
            continue
        try:
            taken = datetime.strptime(m["stamp"], _STAMP)
        except ValueError:
            continue
        found.append(BackupInfo(path, taken, m["label"] or "", int(m["n"] or 1)))
    found.sort(key=lambda b: (b.taken_at, b.seq), reverse=True)
    return found


def prune(backups_dir: Path, keep: int, prefix: str = PREFIX) -> list[Path]:
    """Delete rotating backups beyond the newest *keep* (at least one is always kept)."""
    keep = max(1, keep)
    rotating = [b for b in list_backups(backups_dir, prefix) if b.rotating]
    removed = []
    for old in rotating[keep:]:
        try:
            old.path.unlink()
            removed.append(old.path)
        except OSError:
            pass  # a backup we cannot delete does no harm
    return removed


def clean_partial(backups_dir: Path) -> None:
    """Remove copies a crash interrupted before they were checked (our own temp files)."""
    if backups_dir.is_dir():
        for path in backups_dir.glob(f"*{PART_SUFFIX}"):
            _remove_quietly(path)


def content_marker(conn: sqlite3.Connection) -> tuple[Any, ...]:
    """Changes when anything worth backing up changes (every save adds a revision)."""
    try:
        reports = conn.execute("SELECT count(*), max(updated_at) FROM reports").fetchone()
        rev = conn.execute("SELECT max(id), count(*) FROM revisions").fetchone()
        values = conn.execute("SELECT count(*) FROM field_values").fetchone()
    except sqlite3.Error:
        return ()
    return (*reports, *rev, *values)


Marker = Callable[[sqlite3.Connection], tuple[Any, ...]]
Summarize = Callable[[sqlite3.Connection], "BackupSummary"]


def newest_matches(
    conn: sqlite3.Connection,
    backups_dir: Path,
    prefix: str = PREFIX,
    marker: Marker | None = None,
) -> bool:
    """True when the newest rotating backup already holds what *conn* holds."""
    marker = marker or content_marker
    newest = next((b for b in list_backups(backups_dir, prefix) if b.rotating), None)
    if newest is None:
        return False
    try:
        with contextlib.closing(raw_connect(newest.path, read_only=True)) as other:
            return marker(other) == marker(conn) != ()
    except sqlite3.Error:
        return False


def restored_text(summary: BackupSummary) -> str:
    """``3 份报告（市财政局、中山区、…），最后保存于 2016年11月28日 10:30:15``."""
    units = "、".join(summary.units[:5]) + ("等" if len(summary.units) > 5 else "")
    last = ""
    if summary.last_change:
        with contextlib.suppress(ValueError):
            last = f"，最后保存于 {when(datetime.fromisoformat(summary.last_change))}"
    return f"{summary.reports} 份报告（{units}）{last}"


def summarize(conn: sqlite3.Connection) -> BackupSummary:
    units = [r[0] for r in conn.execute("SELECT unit FROM reports ORDER BY updated_at DESC")]
    last = conn.execute("SELECT max(updated_at) FROM reports").fetchone()[0] or ""
    return BackupSummary(len(units), units, last)


def newest_good(
    backups_dir: Path,
    max_version: int,
    prefix: str = PREFIX,
    summary: Summarize | None = None,
) -> tuple[BackupInfo, BackupSummary, list[str]] | None:
    """The newest backup that opens, passes quick_check and is not from a newer version.

    Also returns why newer backups were skipped, so the notice can say so.
    """
    summary = summary or summarize
    skipped: list[str] = []
    for info in list_backups(backups_dir, prefix):
        try:
            with contextlib.closing(raw_connect(info.path, read_only=True)) as conn:
                problem = quick_check(conn)
                version = user_version(conn)
                if problem:
                    skipped.append(f"{info.path.name}（已损坏）")
                    continue
                if version > max_version or not has_tables(conn):
                    skipped.append(f"{info.path.name}（无法使用）")
                    continue
                return info, summary(conn), skipped
        except sqlite3.Error:
            skipped.append(f"{info.path.name}（无法打开）")
    return None


def restore(backup: Path, db_path: Path) -> None:
    """Write *backup* into a new *db_path* with the backup API (db_path must not exist)."""
    part = db_path.with_name(db_path.name + PART_SUFFIX)
    _remove_quietly(part)
    with contextlib.closing(raw_connect(backup, read_only=True)) as src:
        dst = sqlite3.connect(str(part))
        try:
            src.backup(dst)
        finally:
            dst.close()
    os.replace(part, db_path)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
