"""Who leads a task, who shares it with the lead, and who the 要点 expects to send a part.

A unit *leads* a task when the 要点 names it (or one of its aliases) as 牵头. A task whose
lead is a category (``各区市县政府和先导区管委会、市政府各部门牵头落实``) is led by every member
for itself: there is nobody to send a part to, and nothing to collect.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.applicability import Applicable
from desktop.catalogue import Catalogue, Task
from desktop.units import Directory, Unit


def named_leads(task: Task, directory: Directory) -> list[Unit]:
    """The units the 要点 names to lead *task* (categories are not named units)."""
    out: list[Unit] = []
    for a in task.assignments:
        if a.role != "lead":
            continue
        unit = directory.unit(a.unit)
        if unit is not None and unit not in out:
            out.append(unit)
    return out


def leads(catalogue: Catalogue, directory: Directory, unit: Unit, task_id: str) -> bool:
    return any(u.name == unit.name for u in named_leads(catalogue.task(task_id), directory))


def led_tasks(catalogue: Catalogue, directory: Directory, unit: Unit) -> list[str]:
    """The tasks *unit* is named to lead, in catalogue order."""
    return [t.id for t in catalogue.tasks() if leads(catalogue, directory, unit, t.id)]


def shared_with_leads(
    catalogue: Catalogue, directory: Directory, unit: Unit, applicable: list[Applicable]
) -> dict[str, list[str]]:
    """Lead unit name → the tasks *unit* shares with it (it has a role there, the lead is named,
    and *unit* is not itself a named lead), in catalogue order; leads in order of first task."""
    out: dict[str, list[str]] = {}
    for duty in applicable:
        task = catalogue.task(duty.task_id)
        named = named_leads(task, directory)
        if any(u.name == unit.name for u in named):
            continue
        for lead in named:
            out.setdefault(lead.name, []).append(duty.task_id)
    return out


@dataclass
class Expected:
    """The units the 要点 names for a task besides its lead, grouped as the clause names them."""

    groups: list[tuple[str, list[str]]] = field(default_factory=list)  # (clause name, units)
    open_groups: list[str] = field(default_factory=list)  # 相关部门: each unit decides
    co_leads: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # clause name → responsible/cooperate

    def units(self) -> list[str]:
        seen: list[str] = []
        for _label, names in self.groups:
            seen += [n for n in names if n not in seen]
        return seen


def expected(catalogue: Catalogue, directory: Directory, task_id: str, lead: Unit) -> Expected:
    out = Expected()
    task = catalogue.task(task_id)
    # Named units are listed under their own name, never again inside a category.
    listed: set[str] = {lead.name} | {
        u.name for a in task.assignments if (u := directory.unit(a.unit)) is not None
    }
    for a in task.assignments:
        named = directory.unit(a.unit)
        if named is not None:
            if named.name == lead.name:
                continue
            if a.role == "lead":
                out.co_leads.append(named.name)
            else:
                out.groups.append((named.name, [named.name]))
                out.roles[named.name] = a.role
            continue
        category = directory.category(a.unit)
        if category is None:
            continue
        out.roles[a.unit] = a.role
        if category.optional:
            out.open_groups.append(a.unit)
            continue
        members = [u.name for u in directory.members(category) if u.name not in listed]
        listed.update(members)
        if members:
            out.groups.append((a.unit, members))
    return out
