"""Schema version in ``PRAGMA user_version``; one function per step; a backup before any step.

As in Vorta's ``store/migrations.py``, each step moves the schema from version N-1 to N and
sets the version in the same transaction, so an interrupted migration leaves the database at the
last completed step, never in between. Before the first step on a database that holds data, a
copy is made with the SQLite backup API (``backups/answers-before-vN-…db``), which rotation
never deletes.

To change the schema: add ``_vN`` below, register it in ``STEPS``, bump ``SCHEMA_VERSION`` and
add a test that opens a database of version N-1. Use sqlite-utils' ``table.transform()`` for
column changes (it copies the table inside the open transaction, so a failed step leaves
the old table as it was).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from desktop.store import backups
from desktop.store.db import has_tables, user_version

SCHEMA_VERSION = 2


def _v1(db: Database) -> None:
    """Reports, one row per field value, every saved change, and per-report UI state."""
    db.table("reports").create(
        {
            "id": int,
            "unit": str,
            "catalogue_id": str,
            "status": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"unit", "catalogue_id", "status", "created_at", "updated_at"},
        defaults={"status": "draft"},
    )
    db.table("reports").create_index(["unit", "catalogue_id"], unique=True)
    # value: JSON text. One row per (report, scope, key); no row means empty.
    db.table("field_values").create(
        {"report_id": int, "scope": str, "key": str, "value": str, "updated_at": str},
        pk=("report_id", "scope", "key"),
        not_null={"report_id", "scope", "key", "value", "updated_at"},
        foreign_keys=[("report_id", "reports", "id")],
    )
    # old / new: JSON text, NULL when the field was (or became) empty.
    db.table("revisions").create(
        {"id": int, "report_id": int, "scope": str, "key": str, "old": str, "new": str, "at": str},
        pk="id",
        not_null={"report_id", "scope", "key", "at"},
        foreign_keys=[("report_id", "reports", "id")],
    )
    db.table("revisions").create_index(["report_id", "scope", "key", "id"])
    db.table("ui_state").create(
        {"report_id": int, "key": str, "value": str},
        pk=("report_id", "key"),
        not_null={"report_id", "key", "value"},
        foreign_keys=[("report_id", "reports", "id")],
    )


def _v2(db: Database) -> None:
    """Parts that cooperating units sent to this (lead) unit, and the lead's choices about them.

    A contribution belongs to the lead's report and one task; it is never a report of the unit
    that sent it. Every received version is kept: ``current`` marks the one in use per
    (report, task, unit), older ones stay as history with a note saying why they were replaced.
    """
    db.table("contributions").create(
        {
            "id": int,
            "report_id": int,
            "task_id": str,
            "unit": str,
            "answer": str,  # JSON: the unit's answer to the task, as in the exchange format
            "sender": str,  # JSON: contact, report status and dates of the sending unit
            "source_name": str,
            "source_kind": str,  # contribution / report (a full exchange file) / docx
            "source_mtime": float,
            "report_date": str,
            "exported_at": str,
            "sha256": str,
            "received_at": str,
            "current": int,
            "note": str,
        },
        pk="id",
        not_null={"report_id", "task_id", "unit", "answer", "received_at", "current"},
        defaults={"current": 1, "note": ""},
        foreign_keys=[("report_id", "reports", "id")],
    )
    db.table("contributions").create_index(["report_id", "task_id", "unit", "current"])
    # value: JSON. Keys: in_report (bool), sum.<figure key> ({total, parts, at}).
    db.table("contribution_options").create(
        {"report_id": int, "task_id": str, "key": str, "value": str},
        pk=("report_id", "task_id", "key"),
        not_null={"report_id", "task_id", "key", "value"},
        foreign_keys=[("report_id", "reports", "id")],
    )


STEPS: dict[int, Callable[[Database], None]] = {1: _v1, 2: _v2}


class MigrationFailed(Exception):
    def __init__(self, version: int, cause: BaseException, backup: Path | None) -> None:
        super().__init__(f"step {version}: {cause}")
        self.version = version
        self.cause = cause
        self.backup = backup


def migrate(
    db: Database,
    db_path: Path,
    backups_dir: Path,
    target: int | None = None,
    steps: dict[int, Callable[[Database], None]] | None = None,
    prefix: str = backups.PREFIX,
) -> Path | None:
    """Bring *db* to *target* (default ``SCHEMA_VERSION``) step by step.

    Returns the pre-migration backup made (None for a new, empty database or when nothing was
    to do). A newer database is the caller's concern: it is refused before this is called.
    Raises :class:`MigrationFailed` with the step and the backup when a step fails; the steps
    before it stay committed and the failed one is rolled back.
    """
    target = SCHEMA_VERSION if target is None else target
    steps = STEPS if steps is None else steps
    current = user_version(db.conn)
    if current >= target:
        return None
    backup: Path | None = None
    if has_tables(db.conn):
        backup = backups.make_backup(
            db.conn, backups_dir, label=f"before-v{current + 1}", prefix=prefix
        )
    for version in range(current + 1, target + 1):
        try:
            with db.atomic():
                steps[version](db)
                # user_version lives in the header page: it commits with the step or not at all.
                db.execute(f"PRAGMA user_version = {int(version)}")
        except Exception as exc:
            raise MigrationFailed(version, exc, backup) from exc
    return backup
