"""Which tasks a unit must report on, and in which role.

A unit's applicable tasks are those naming it, those naming a category it belongs to, and the
tasks binding everyone (保障措施). Tasks addressed to 市政府相关部门 / 有关部门 are *optional*:
the clerk decides whether the unit is concerned (and gives a reason when it is not). When a
unit is reached by several assignments on one task, the strongest role wins: 牵头 > 负责 > 配合,
and a mandatory reach beats an optional one.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.catalogue import ROLE_RANK, Catalogue, Task
from desktop.units import Directory, Unit


@dataclass(frozen=True)
class Applicable:
    task_id: str
    role: str  # lead / responsible / cooperate
    optional: bool
    via: str  # the name in the clause that reached the unit

    def to_json(self) -> dict:
        return {"id": self.task_id, "role": self.role, "optional": self.optional}


def _reach(
    task: Task, unit: Unit, directory: Directory
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    mandatory: list[tuple[str, str]] = []
    optional: list[tuple[str, str]] = []
    for a in task.assignments:
        # A category before a unit: a clause naming 市政府各部门 addresses the category even
        # if something called a unit by that name got into the directory.
        category = directory.category(a.unit)
        if category is not None:
            if category.all_units or category.name in unit.categories:
                (optional if category.optional else mandatory).append((a.role, a.unit))
            continue
        named = directory.unit(a.unit)
        if named is not None and named.name == unit.name:
            mandatory.append((a.role, a.unit))
    return mandatory, optional


def _strongest(reached: list[tuple[str, str]]) -> tuple[str, str]:
    return max(reached, key=lambda rv: ROLE_RANK[rv[0]])


def tasks_for(catalogue: Catalogue, directory: Directory, unit: Unit) -> list[Applicable]:
    out: list[Applicable] = []
    for task in catalogue.tasks():
        mandatory, optional = _reach(task, unit, directory)
        if mandatory:
            role, via = _strongest(mandatory)
            out.append(Applicable(task.id, role, False, via))
        elif optional:
            role, via = _strongest(optional)
            out.append(Applicable(task.id, role, True, via))
    return out


def unknown_units(catalogue: Catalogue, directory: Directory) -> list[tuple[str, str]]:
    """(task id, name) for every name in a clause the directory does not know."""
    return [
        (t.id, a.unit)
        for t in catalogue.tasks()
        for a in t.assignments
        if not directory.knows(a.unit)
    ]
