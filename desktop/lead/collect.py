"""Collect parts: read the files cooperating units sent, keep the tasks this unit leads.

Two steps, so the window can read in the background and ask the clerk in between:

1. :func:`read_parts` (no database; safe off the GUI thread) reads every file through the same
   safe reader as 汇总 (:mod:`desktop.consolidate.reader`: size limits, hostile .docx, payload
   validation) — contribution files, full exchange files and our .docx reports alike. One bad
   file is listed with its reason and never stops the others. From each file it keeps only the
   tasks this unit is named to lead; other tasks of a contribution are listed as skipped with
   the reason. Files for another 要点 are refused. Parts from a unit the directory does not know
   wait in :attr:`CollectPlan.unknown` until the clerk says whether to add the unit.
2. :func:`store_parts` writes them as contributions to the lead's report in one transaction:
   per (task, unit) the newest part is used, older ones are kept as history (the rule of
   :func:`desktop.consolidate.records.compare`, the same one 汇总 uses for reports). Nothing
   becomes a report of the sending unit.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import cast

from desktop import payload as payload_mod
from desktop.answers import has_content, not_applicable
from desktop.catalogue import Catalogue
from desktop.consolidate.reader import (
    CatalogueUnavailable,
    Rejected,
    RejectedFile,
    discover,
    read_file,
)
from desktop.consolidate.records import Report, compare
from desktop.forms import FormSpec
from desktop.lead.roles import led_tasks, named_leads
from desktop.payload_types import Answer, Payload
from desktop.store.contributions import Contribution, Contributions, Incoming, answer_hash
from desktop.store.repository import Store
from desktop.units import KIND_LABELS, Directory, Unit

Progress = Callable[[int, int, str], None]  # done, total, file name


@dataclass
class Skipped:
    """A task of a file that was not taken, and why."""

    source: str
    unit: str
    task: str  # the 要点's numbering and short name, as people read it
    reason: str

    def message(self) -> str:
        return f"{self.source}：“{self.unit}”的{self.task}——{self.reason}"


@dataclass
class NewUnit:
    """A sender the unit directory does not know; added only if the clerk agrees."""

    unit: Unit
    files: list[str] = field(default_factory=list)
    dropped_categories: list[str] = field(default_factory=list)

    def question(self) -> str:
        cats = "、".join(self.unit.categories) or "无"
        kind = KIND_LABELS.get(self.unit.kind, "其他单位")
        return (
            f"“{self.unit.name}”不在本机的单位名录中（来自 {'、'.join(self.files)}；"
            f"单位类型：{kind}；类别：{cats}）。\n"
            "如确是配合本单位工作的单位，可加入单位名录并收下它的材料；否则不收。"
        )


@dataclass
class CollectPlan:
    lead: str
    catalogue_id: str
    parts: list[Incoming] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    unknown: dict[str, NewUnit] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    files: int = 0


@dataclass
class CollectResult:
    added: list[Incoming] = field(default_factory=list)
    replaced: list[tuple[Incoming, str]] = field(default_factory=list)  # (part, why)
    unchanged: list[Incoming] = field(default_factory=list)
    older: list[tuple[Incoming, str]] = field(default_factory=list)  # kept as history only
    declined: list[Incoming] = field(default_factory=list)  # unknown unit, clerk said no
    removed: list[Incoming] = field(default_factory=list)  # the very part the lead removed
    units_added: list[str] = field(default_factory=list)
    plan: CollectPlan | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def used(self) -> list[Incoming]:
        return self.added + [p for p, _ in self.replaced]

    def summary(self, catalogue: Catalogue) -> str:
        units = sorted({p.unit for p in self.used})
        head = (
            f"收到 {len(units)} 个单位的 {len(self.used)} 项材料：{'、'.join(units)}。"
            if units
            else "没有收到新的材料。"
        )
        plan = self.plan
        if plan is not None:
            left = [
                f"{len(plan.rejected)} 个文件未收入" if plan.rejected else "",
                f"{len(plan.skipped)} 项任务未收入" if plan.skipped else "",
                f"{len(self.declined)} 项材料来自名录外的单位，未收" if self.declined else "",
                f"{len(self.removed)} 项材料此前已删除，未再收入" if self.removed else "",
            ]
            if any(left):
                head += "另有" + "，".join(x for x in left if x) + "（原因见下）。"
        return head

    def messages(self, catalogue: Catalogue) -> list[str]:
        """One Chinese line per thing the clerk should know, most important first."""

        def name(p: Incoming) -> str:
            return f"“{p.unit}”的{catalogue.display_name(p.task_id, 20)}"

        out = [f"{p.source_name}：已收入{name(p)}。" for p in self.added]
        out += [
            f"{p.source_name}：{name(p)}已更新（{why}）；原材料留作历史。"
            for p, why in self.replaced
        ]
        out += [f"{p.source_name}：{name(p)}与已收到的相同，无需重复收取。" for p in self.unchanged]
        out += [f"{p.source_name}：{name(p)}未采用，{why}；已留作历史。" for p, why in self.older]
        out += [
            f"{p.source_name}：未收{name(p)}——“{p.unit}”不在单位名录中，您选择了不加入。"
            for p in self.declined
        ]
        out += [
            f"{p.source_name}：未收{name(p)}——这份材料此前已被删除；"
            "该单位发来修改后的材料时会照常收入。"
            for p in self.removed
        ]
        out += [f"已将“{u}”加入单位名录。" for u in self.units_added]
        plan = self.plan
        if plan is not None:
            out += [s.message() for s in plan.skipped]
            out += [r.message() for r in plan.rejected]
            out += plan.notes
        return out + self.notes


class _ThisCatalogue:
    """Only the lead's own 要点: a part for another one is refused, whatever is installed."""

    def __init__(self, catalogue: Catalogue, form: FormSpec) -> None:
        self.catalogue, self.form = catalogue, form

    def get(self, catalogue_id: str, title: str = "") -> tuple[Catalogue, FormSpec]:
        if catalogue_id != self.catalogue.id:
            named = f"《{title}》" if title else f"“{catalogue_id}”"
            raise CatalogueUnavailable(
                f"这份材料属于要点{named}，不是本报告的《{self.catalogue.title}》，未收入"
            )
        return self.catalogue, self.form


def read_parts(
    items: Iterable[str | os.PathLike[str]],
    catalogue: Catalogue,
    form: FormSpec,
    directory: Directory,
    lead: Unit,
    progress: Progress | None = None,
) -> CollectPlan:
    """Read files and folders; never raises for a bad file (see the module docstring)."""
    plan = CollectPlan(lead.name, catalogue.id)
    files, plan.rejected = discover(items)
    plan.files = len(files) + len(plan.rejected)
    led = set(led_tasks(catalogue, directory, lead))
    if not led:
        plan.notes.append(f"要点没有指定“{lead.name}”牵头的任务，无需收集配合单位材料。")
        return plan
    cache = _ThisCatalogue(catalogue, form)
    for n, path in enumerate(files):
        if progress:
            progress(n, len(files), path.name)
        try:
            report = read_file(path, cache, directory)
        except RejectedFile as exc:
            rejected = exc.rejected
            if "不是本报告的" in rejected.reason:
                rejected.hint = "请确认对方填报的是同一年度的要点。"
            plan.rejected.append(rejected)
            continue
        _take(plan, report, catalogue, directory, lead, led)
    if progress:
        progress(len(files), len(files), "")
    return plan


def _take(
    plan: CollectPlan,
    report: Report,
    catalogue: Catalogue,
    directory: Directory,
    lead: Unit,
    led: set[str],
) -> None:
    data, source = report.data, report.source_name
    if report.unit == lead.name:
        plan.rejected.append(
            Rejected(source, report.source_path, f"这是“{lead.name}”（本单位）自己的材料，未收入")
        )
        return
    block = payload_mod.contribution_of(data)
    kind = "contribution" if block else ("docx" if report.source_kind == "docx" else "report")
    elsewhere = ""
    if block:
        addressee = directory.unit(block.get("to", ""))
        to = addressee.name if addressee else str(block.get("to", "")).strip()
        elsewhere = "" if to == lead.name else to
        if elsewhere and not led & set(report.answers()):
            plan.rejected.append(
                Rejected(
                    source,
                    report.source_path,
                    f"这是“{report.unit}”发给“{to}”的配合材料，其中没有本单位牵头的任务，未收入",
                )
            )
            return
    if not report.known_unit:
        entry = plan.unknown.get(report.unit) or _new_unit(report, directory)
        entry.files.append(source)
        plan.unknown[report.unit] = entry
    sender = {
        k: v
        for k, v in {
            "contact_name": data.get("profile", {}).get("contact_name", ""),
            "contact_phone": data.get("profile", {}).get("contact_phone", ""),
            "status": report.status,
        }.items()
        if v
    }
    not_led = 0
    for task_id, answer in report.answers().items():
        task = catalogue.display_name(task_id, 20)
        if task_id not in led:
            if block and not elsewhere:
                leads_named = "、".join(
                    u.name for u in named_leads(catalogue.task(task_id), directory)
                )
                why = f"牵头单位是{leads_named}" if leads_named else "要点未指定单独的牵头单位"
                plan.skipped.append(
                    Skipped(source, report.unit, task, f"本单位不牵头这项任务（{why}），未收入")
                )
            else:
                not_led += 1
            continue
        if not_applicable(answer):
            plan.skipped.append(Skipped(source, report.unit, task, "该单位填报为不适用，未收入"))
            continue
        if not has_content(answer):
            plan.skipped.append(Skipped(source, report.unit, task, "该单位尚未填写这项任务"))
            continue
        # What the unit said; role/optional/applicable are the reader's to compute.
        part = cast(
            Answer, {k: v for k, v in answer.items() if k not in ("role", "optional", "applicable")}
        )
        plan.parts.append(
            Incoming(
                task_id=task_id,
                unit=report.unit,
                answer=part,
                source_name=source,
                source_kind=kind,
                sha256=answer_hash(part),
                sender=sender,
                source_mtime=report.source_mtime,
                report_date=report.report_date,
                exported_at=report.exported_at,
            )
        )
    if elsewhere:
        plan.notes.append(
            f"{source}：这份材料是“{report.unit}”发给“{elsewhere}”的，"
            "其中由本单位牵头的任务已照样收入。"
        )
    if not block and not_led:
        taken = sum(1 for p in plan.parts if p.source_name == source)
        plan.notes.append(
            f"{source}：是“{report.unit}”的完整报告，收入其中本单位牵头的 {taken} 项任务；"
            f"其余 {not_led} 项不由本单位牵头，未收入。"
        )


def _new_unit(report: Report, directory: Directory) -> NewUnit:
    info = report.data.get("unit_info") or {}
    known = [c for c in report.unit_categories() if directory.category(c) is not None]
    unit = Unit(
        name=report.unit,
        categories=tuple(directory.category(c).name for c in known),  # type: ignore[union-attr]
        full_name=_valid_name(info.get("full_name")),
        title_name=_valid_name(info.get("title_name")),
        kind=str(info["kind"]) if info.get("kind") in KIND_LABELS else "other",
        user_added=True,
    )
    dropped = [c for c in report.unit_categories() if c not in known]
    return NewUnit(unit, dropped_categories=dropped)


def _valid_name(value: object) -> str:
    """A full or title name from a file from another PC, or '' when it is not a clean name."""
    from desktop.names import name_problem

    if not isinstance(value, str) or not value.strip():
        return ""
    return "" if name_problem(value) else value.strip()


def _as_report(part: Incoming | Contribution, catalogue_id: str) -> Report:
    """What :func:`compare` needs of a part (report date, export time, file time)."""
    return Report(
        catalogue_id=catalogue_id,
        unit=part.unit,
        # Only what compare() reads: a stand-in, never written anywhere.
        data=cast(
            Payload,
            {"profile": {"report_date": part.report_date}, "exported_at": part.exported_at},
        ),
        source_name=part.source_name,
        source_mtime=part.source_mtime,
    )


def store_parts(
    store: Store,
    report_id: int,
    plan: CollectPlan,
    add_units: Iterable[str] = (),
    save_unit: Callable[[Unit], None] | None = None,
) -> CollectResult:
    """Store the plan's parts as contributions of *report_id*, in one transaction.

    *add_units*: unknown senders the clerk agreed to add (saved with *save_unit*, by default
    to the user's unit directory); parts of the other unknown senders are not stored.
    Raises :class:`desktop.store.StoreError` (nothing written) when the database cannot be
    written.
    """
    result = CollectResult(plan=plan)
    accepted = set(add_units)
    contributions = Contributions(store)
    with store.transaction():
        for part in plan.parts:
            if part.unit in plan.unknown and part.unit not in accepted:
                result.declined.append(part)
                continue
            if part.sha256 in contributions.removed_hashes(report_id, part.task_id, part.unit):
                result.removed.append(part)
                continue
            old = contributions.current_one(report_id, part.task_id, part.unit)
            if old is None:
                contributions.add(report_id, part, current=True)
                result.added.append(part)
            elif old.sha256 == part.sha256:
                result.unchanged.append(part)
            else:
                newer, why = compare(
                    _as_report(part, plan.catalogue_id), _as_report(old, plan.catalogue_id)
                )
                if newer:
                    contributions.retire(old.id, f"被“{part.source_name}”替换：{why}")
                    contributions.add(report_id, part, current=True)
                    result.replaced.append((part, why))
                else:
                    note = f"已有较新的材料“{old.source_name}”：{why}"
                    contributions.add(report_id, part, current=False, note=note)
                    result.older.append((part, f"已有较新的材料“{old.source_name}”（{why}）"))
    for name in sorted(accepted & set(plan.unknown)):
        entry = plan.unknown[name]
        try:
            (save_unit or _save_user_unit)(entry.unit)
            result.units_added.append(name)
            if entry.dropped_categories:
                result.notes.append(
                    f"“{name}”的类别“{'、'.join(entry.dropped_categories)}”本机没有，未记入名录。"
                )
        except Exception as exc:  # noqa: BLE001 - the parts are stored; the clerk can add it by hand
            result.notes.append(
                f"已收下“{name}”的材料，但没能把它加入单位名录（{exc}）。可在单位名录中手动添加。"
            )
    return result


def _save_user_unit(unit: Unit) -> None:
    from desktop.units import save_user_unit

    save_user_unit(unit)


def collect_paths(
    items: Iterable[str | os.PathLike[str]],
    store: Store,
    report_id: int,
    catalogue: Catalogue,
    form: FormSpec,
    directory: Directory,
    ask_add_unit: Callable[[NewUnit], bool],
) -> CollectResult:
    """Both steps at once (the CLI; tests). *ask_add_unit* decides for each unknown sender."""
    info = store.report_info(report_id)
    lead = directory.unit(info.unit) or Unit(info.unit)
    plan = read_parts(items, catalogue, form, directory, lead)
    add = [name for name, entry in plan.unknown.items() if ask_add_unit(entry)]
    return store_parts(store, report_id, plan, add)
