"""The lead's collected parts from the command line (``answers parts``): list them, remove one
collected by mistake, restore one removed by mistake — what the task page's 配合单位材料 panel
does in the wizard.

Tasks are named as the 要点 numbers them (一（三）, 一（二）之二: :meth:`Catalogue.ref`), never by
internal id, on the way in and out. A final report whose parts change becomes a draft with its
保密审查 confirmation withdrawn (:func:`desktop.lead.final.reopen_if_final`), as in the wizard.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.errors import UserError
from desktop.lead.desk import LeadDesk
from desktop.lead.final import REOPENED_NOTE, reopen_if_final
from desktop.lead.removed import NothingToRestore, removed_at
from desktop.operations.lead import collect_target, find_lead_report
from desktop.services import Services
from desktop.store.contributions import Contribution


class PartsInputError(UserError):
    """The task or the unit named on the command line cannot be used (the message says why)."""


@dataclass
class Changed:
    """What a removal or a restore did, in the clerk's words."""

    lines: list[str]


def open_desk(services: Services, unit_arg: str | None, catalogue_id: str | None) -> LeadDesk:
    """The desk of the lead's report (``--unit``, or the only report on this PC). Raises
    :class:`PartsInputError` for a unit that leads nothing, :class:`UserError` subclasses for
    a report that cannot be found or read."""
    report_id = find_lead_report(services, unit_arg, catalogue_id)
    target = collect_target(services, report_id)
    if not target.led:
        raise PartsInputError(
            f"要点没有指定“{target.lead.name}”牵头的任务，没有配合单位材料可列出、删除或恢复。"
        )
    return LeadDesk(
        services.store, report_id, target.catalogue, target.form, target.directory, target.lead
    )


def task_of(desk: LeadDesk, text: str) -> str:
    """The task *text* cites (一（三）, 一（二）之二) among those the lead leads."""
    catalogue = desk.catalogue
    led = desk.led_tasks()
    led_refs = "、".join(catalogue.ref(t) for t in led)
    found = catalogue.tasks_of_ref(text)
    if not found:
        raise PartsInputError(
            f"要点中没有任务“{text.strip()}”：请按要点的编号写，如 一（三） 或 一（二）之二。"
            f"本单位牵头的任务：{led_refs}。"
        )
    if len(found) > 1:
        refs = "、".join(catalogue.ref(t) for t in found)
        raise PartsInputError(
            f"“{text.strip()}”下有 {len(found)} 项任务（{refs}），请写明是哪一项。"
        )
    if found[0] not in led:
        raise PartsInputError(
            f"“{desk.unit.name}”不牵头{catalogue.display_name(found[0], 20)}，没有它的配合单位材料。"
            f"本单位牵头的任务：{led_refs}。"
        )
    return found[0]


def unit_of(desk: LeadDesk, text: str) -> str:
    """The unit *text* names (its name or an alias in the directory)."""
    unit = desk.directory.unit(text)
    name = unit.name if unit is not None else text.strip()
    if not name:
        raise PartsInputError("请写明配合单位的名称，如 中山区、市教育局。")
    return name


def listing(desk: LeadDesk, task_id: str | None = None) -> list[str]:
    """One line per task with parts (or the one task asked about), then one per part: in use
    or removed (and restorable)."""
    tasks = [task_id] if task_id else desk.led_tasks()
    out: list[str] = []
    for tid in tasks:
        parts = desk.task_parts(tid).parts
        removed = desk.restorable(tid)
        if not parts and not removed and task_id is None:
            continue
        head = f"{desk.catalogue.display_name(tid, 20)}：在用 {len(parts)} 份"
        out.append(head + (f"，已删除可恢复 {len(removed)} 份" if removed else ""))
        out += [f"  · {_in_use(p)}" for p in parts]
        out += [f"  · {_removed(p)}" for p in removed]
    return out


def _in_use(part: Contribution) -> str:
    received = part.received_at.replace("T", " ")[:16]
    return f"{part.unit}　在用　{received} 收到，来自“{part.source_name}”"


def _removed(part: Contribution) -> str:
    return f"{part.unit}　已删除（{removed_at(part)}），可恢复　来自“{part.source_name}”"


def remove_part(desk: LeadDesk, task_text: str, unit_text: str) -> Changed:
    """Remove the unit's part of the task (kept as history; the same file collected again is
    not taken back). Raises :class:`PartsInputError` when there is none in use."""
    task_id, unit = task_of(desk, task_text), unit_of(desk, unit_text)
    name = desk.catalogue.display_name(task_id, 20)
    store = desk.store
    with store.transaction():
        part = desk.remove(task_id, unit)
        if part is None:
            hint = "（它已被删除，可用 --restore 恢复）" if _restorable(desk, task_id, unit) else ""
            raise PartsInputError(f"“{unit}”没有正在使用的{name}材料，无可删除{hint}。")
        reopened = reopen_if_final(store, desk.report_id)
    lines = [
        f"已删除“{unit}”的{name}材料（来自“{part.source_name}”）：不再合计，也不列入报告；"
        "留作历史，可用 --restore 恢复。"
    ]
    summed = desk.sums_with(task_id, unit)
    if summed:
        lines.append(
            f"本单位已填入的“{'、'.join(summed)}”是包含该单位数据的合计，请在填报向导中核对。"
        )
    return Changed(lines + ([REOPENED_NOTE] if reopened else []))


def restore_part(desk: LeadDesk, task_text: str, unit_text: str) -> Changed:
    """Bring back the unit's newest removed part of the task. Raises :class:`PartsInputError`
    (via :class:`NothingToRestore`) when there is none, or the unit has a part in use."""
    task_id, unit = task_of(desk, task_text), unit_of(desk, unit_text)
    name = desk.catalogue.display_name(task_id, 20)
    store = desk.store
    with store.transaction():
        try:
            part = desk.restore(task_id, unit)
        except NothingToRestore as exc:
            raise PartsInputError(str(exc)) from None
        reopened = reopen_if_final(store, desk.report_id)
    line = (
        f"已恢复“{unit}”的{name}材料（来自“{part.source_name}”）：重新计入合计，"
        "并按本任务的选择列入报告。"
    )
    return Changed([line] + ([REOPENED_NOTE] if reopened else []))


def _restorable(desk: LeadDesk, task_id: str, unit: str) -> bool:
    return any(p.unit == unit for p in desk.restorable(task_id))
