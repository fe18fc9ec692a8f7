"""Contributions: the parts cooperating units sent to this (lead) unit, kept in ``answers.db``.

A contribution belongs to the lead's report and one task (tables of schema step 2 in
:mod:`desktop.store.migrations`). It is never a report of the unit that sent it: the wizard,
the exchange export and 汇总 never read these tables. Every version received is kept; per
(report, task, unit) one is ``current`` and the older ones are history with a note saying why
they were replaced. Which of two is newer is the caller's rule (:mod:`desktop.lead.collect`).

The lead's choices per task live beside them in ``contribution_options``: whether the report
gets the 配合单位落实情况 table for the task (``in_report``) and, for each figure taken as the
sum of the units' figures, the total with its breakdown (``sum.<figure key>``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, cast

from desktop.payload_types import Answer
from desktop.store.db import now
from desktop.store.repository import Store, decode, encode, inserted_id


@dataclass(frozen=True)
class Incoming:
    """One unit's answer to one task, as read from a file, before it is stored."""

    task_id: str
    unit: str
    answer: Answer
    source_name: str
    source_kind: str  # contribution / report / docx
    sha256: str  # of the answer (canonical JSON): the same part sent twice is no news
    sender: dict[str, Any] = field(default_factory=dict)  # contact_name, contact_phone, status
    source_mtime: float = 0.0
    report_date: str = ""
    exported_at: str = ""


@dataclass(frozen=True)
class Contribution:
    id: int
    task_id: str
    unit: str
    answer: Answer
    sender: dict[str, Any]
    source_name: str
    source_kind: str
    source_mtime: float
    report_date: str
    exported_at: str
    sha256: str
    received_at: str
    current: bool
    note: str

    @property
    def removed(self) -> bool:
        """The lead removed this part (collected by mistake)."""
        return not self.current and self.note.startswith(REMOVED_NOTE)


# The note of a part the lead removed (collected by mistake). It stays as history, is never
# used again, and the very same part collected once more is not taken back in.
REMOVED_NOTE = "牵头单位已删除"
RESTORED_NOTE = "牵头单位已恢复"  # a removed part brought back (desktop.lead.removed)


_COLUMNS = (
    "id, task_id, unit, answer, sender, source_name, source_kind, source_mtime, report_date, "
    "exported_at, sha256, received_at, current, note"
)


def _row(row: tuple[Any, ...]) -> Contribution:
    return Contribution(
        id=row[0],
        task_id=row[1],
        unit=row[2],
        answer=cast(Answer, decode(row[3]) or {}),  # validated when it was collected
        sender=decode(row[4]) or {},
        source_name=row[5] or "",
        source_kind=row[6] or "",
        source_mtime=row[7] or 0.0,
        report_date=row[8] or "",
        exported_at=row[9] or "",
        sha256=row[10] or "",
        received_at=row[11],
        current=bool(row[12]),
        note=row[13] or "",
    )


class Contributions:
    """The contributions of one store. Reads work in a read-only window; writes raise
    :class:`desktop.store.StoreError` there (``locked``), as every store write does."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading ----------------------------------------------------------------------------
    def current(self, report_id: int, task_id: str | None = None) -> list[Contribution]:
        """The contributions in use, by task then unit."""
        return self._select(report_id, task_id, "current = 1", (), "id")

    def current_one(self, report_id: int, task_id: str, unit: str) -> Contribution | None:
        rows = self.store._read(
            f"SELECT {_COLUMNS} FROM contributions WHERE report_id = ? AND task_id = ? "
            "AND unit = ? AND current = 1 ORDER BY id DESC LIMIT 1",
            (report_id, task_id, unit),
        )
        return _row(rows[0]) if rows else None

    def history(self, report_id: int, task_id: str, unit: str) -> list[Contribution]:
        """Every version received from *unit* for the task, newest received first."""
        rows = self.store._read(
            f"SELECT {_COLUMNS} FROM contributions WHERE report_id = ? AND task_id = ? "
            "AND unit = ? ORDER BY id DESC",
            (report_id, task_id, unit),
        )
        return [_row(r) for r in rows]

    # -- writing (the caller groups calls in ``store.transaction()``) ------------------------
    def add(self, report_id: int, incoming: Incoming, *, current: bool, note: str = "") -> int:
        with self.store.transaction():
            cur = self.store.db.conn.execute(
                "INSERT INTO contributions (report_id, task_id, unit, answer, sender, "
                "source_name, source_kind, source_mtime, report_date, exported_at, sha256, "
                "received_at, current, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    report_id,
                    incoming.task_id,
                    incoming.unit,
                    encode(incoming.answer),
                    encode(incoming.sender),
                    incoming.source_name,
                    incoming.source_kind,
                    incoming.source_mtime,
                    incoming.report_date,
                    incoming.exported_at,
                    incoming.sha256,
                    now(),
                    int(current),
                    note,
                ),
            )
            return inserted_id(cur)

    def retire(self, contribution_id: int, note: str) -> None:
        """No longer in use (a newer part from the same unit arrived); kept as history."""
        with self.store.transaction():
            self.store.db.conn.execute(
                "UPDATE contributions SET current = 0, note = ? WHERE id = ?",
                (note, contribution_id),
            )

    def remove(self, contribution_id: int, when: str) -> None:
        """The lead removed the part (collected by mistake): no longer in use, kept as history
        with a note saying so; :meth:`removed_hashes` keeps it from coming back unchanged."""
        self.retire(contribution_id, f"{REMOVED_NOTE}（{when}）")

    def removed(self, report_id: int, task_id: str | None = None) -> list[Contribution]:
        """The parts the lead removed, by task then unit, newest received first."""
        return self._select(
            report_id, task_id, "current = 0 AND note LIKE ?", (REMOVED_NOTE + "%",), "id DESC"
        )

    def _select(
        self, report_id: int, task_id: str | None, where: str, params: tuple[str, ...], order: str
    ) -> list[Contribution]:
        """A report's contributions matching *where*, by task then unit (then *order*)."""
        clause = f"report_id = ? AND {where}" + (" AND task_id = ?" if task_id is not None else "")
        values = (report_id, *params, *(() if task_id is None else (task_id,)))
        rows = self.store._read(
            f"SELECT {_COLUMNS} FROM contributions WHERE {clause} ORDER BY task_id, unit, {order}",
            values,
        )
        return [_row(r) for r in rows]

    def restore(self, contribution_id: int, when: str) -> None:
        """A part the lead removed by mistake is in use again; its note says when it came back."""
        with self.store.transaction():
            self.store.db.conn.execute(
                "UPDATE contributions SET current = 1, note = ? WHERE id = ?",
                (f"{RESTORED_NOTE}（{when}）", contribution_id),
            )

    def removed_hashes(self, report_id: int, task_id: str, unit: str) -> set[str]:
        """The parts of *unit* for the task that the lead removed, by their hash."""
        return {v.sha256 for v in self.history(report_id, task_id, unit) if v.removed and v.sha256}

    # -- the lead's choices -----------------------------------------------------------------
    def options(self, report_id: int, task_id: str) -> dict[str, Any]:
        rows = self.store._read(
            "SELECT key, value FROM contribution_options WHERE report_id = ? AND task_id = ?",
            (report_id, task_id),
        )
        return {key: decode(value) for key, value in rows}

    def tasks_with_option(self, report_id: int, key: str, value: Any) -> list[str]:
        rows = self.store._read(
            "SELECT task_id FROM contribution_options WHERE report_id = ? AND key = ? "
            "AND value = ? ORDER BY task_id",
            (report_id, key, encode(value)),
        )
        return [r[0] for r in rows]

    def set_option(self, report_id: int, task_id: str, key: str, value: Any) -> None:
        """Set (or, with None, remove) one of the lead's choices for a task."""
        with self.store.transaction():
            conn = self.store.db.conn
            if value is None:
                conn.execute(
                    "DELETE FROM contribution_options WHERE report_id = ? AND task_id = ? "
                    "AND key = ?",
                    (report_id, task_id, key),
                )
                return
            conn.execute(
                "INSERT INTO contribution_options (report_id, task_id, key, value) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (report_id, task_id, key) "
                "DO UPDATE SET value = excluded.value",
                (report_id, task_id, key, encode(value)),
            )


def answer_hash(answer: Answer) -> str:
    import hashlib

    text = json.dumps(answer, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
