"""Answers follow their task when a corrected 要点 renumbers it.

When the office splits a task, the tasks after it in the item move down a number (1.2.2 →
1.2.3); a unit that already answered them must find its words under the new number. An
answer to a task the office removed is moved aside (scope ``retired:<revision>:<id>``), never
deleted, so a new task that takes over the number starts empty. History moves with the
answer. One transaction; a failure changes nothing.
"""

from __future__ import annotations

from desktop.answers import task_scope
from desktop.store.repository import Store


def renumber_tasks(
    store: Store,
    catalogue_id: str,
    moved: dict[str, str],
    retired: list[str],
    revision: int,
) -> int:
    """Move the answers of every report on *catalogue_id*. Returns the reports touched."""
    targets: dict[str, str] = {task_scope(o): task_scope(n) for o, n in moved.items()}
    targets.update({task_scope(o): f"retired:{revision}:{o}" for o in retired})
    if not targets:
        return 0
    rows = store.db.conn.execute(
        "SELECT id FROM reports WHERE catalogue_id = ?", (catalogue_id,)
    ).fetchall()
    report_ids = [r[0] for r in rows]
    if not report_ids:
        return 0
    touched: set[int] = set()
    with store.transaction():
        conn = store.db.conn
        for phase in ("out", "in"):
            for old, new in targets.items():
                parked = f"moving:{old}"
                source, target = (old, parked) if phase == "out" else (parked, new)
                for report_id in report_ids:
                    cur = conn.execute(
                        "UPDATE field_values SET scope = ? WHERE report_id = ? AND scope = ?",
                        (target, report_id, source),
                    )
                    if cur.rowcount:
                        touched.add(report_id)
                    conn.execute(
                        "UPDATE revisions SET scope = ? WHERE report_id = ? AND scope = ?",
                        (target, report_id, source),
                    )
    return len(touched)
