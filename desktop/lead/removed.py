"""Parts the lead removed: which of them can come back, and bringing one back.

A part removed by mistake (“删除…” on the task page, ``answers parts --remove``) stays in
``answers.db`` as history (:meth:`desktop.store.contributions.Contributions.remove`). The newest
removed part of a unit for a task can be restored while that unit has no part in use for the
task: it is shown, summed and put in the report again, as if it had never been removed. When the
unit has sent a part since, that one is in use and nothing is restored (its older versions stay
readable as history).

Qt-free; the task page's panel and the CLI word the results.
"""

from __future__ import annotations

from datetime import datetime

from desktop.catalogue import Catalogue
from desktop.errors import UserError
from desktop.store.contributions import Contribution, Contributions


class NothingToRestore(UserError):
    """No removed part of that unit for that task, or the unit has a part in use."""


def stamp() -> str:
    """When a part was removed or restored, as the history note says it."""
    return datetime.now().strftime("%Y-%m-%d %H:%M")


def removed_at(part: Contribution) -> str:
    """``2016-11-28 10:05`` from a removed part's note (the note itself if it has no time)."""
    start, end = part.note.find("（"), part.note.rfind("）")
    return part.note[start + 1 : end] if 0 <= start < end else part.note


def restorable(
    contributions: Contributions, report_id: int, task_id: str | None = None
) -> list[Contribution]:
    """Per task and unit without a part in use: the newest removed part, by task then unit."""
    in_use = {(p.task_id, p.unit) for p in contributions.current(report_id, task_id)}
    out: list[Contribution] = []
    seen: set[tuple[str, str]] = set()
    for part in contributions.removed(report_id, task_id):  # newest first per (task, unit)
        key = (part.task_id, part.unit)
        if key in seen or key in in_use:
            continue
        seen.add(key)
        out.append(part)
    return out


def restore(
    contributions: Contributions,
    report_id: int,
    task_id: str,
    unit: str,
    catalogue: Catalogue,
) -> Contribution:
    """Bring back *unit*'s newest removed part of the task; returns it. Raises
    :class:`NothingToRestore` saying why not, :class:`desktop.store.StoreError` when the
    database cannot be written (nothing changed)."""
    task = catalogue.display_name(task_id, 20)
    if contributions.current_one(report_id, task_id, unit) is not None:
        raise NothingToRestore(
            f"“{unit}”的{task}材料正在使用，不需要恢复（以前的版本留作历史，可在任务页查看）。"
        )
    part = next((p for p in restorable(contributions, report_id, task_id) if p.unit == unit), None)
    if part is None:
        raise NothingToRestore(f"“{unit}”没有已删除的{task}材料，无可恢复。")
    contributions.restore(part.id, stamp())
    return part
