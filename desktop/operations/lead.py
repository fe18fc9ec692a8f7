"""牵头单位 and their 配合单位: sending a part and collecting parts (docs/lead.md).

The use cases behind 工具 → “发送给牵头单位…” / “收集配合单位材料…” and ``answers export
--for-lead`` / ``answers collect``. The window and the CLI only choose (leads, files, whether to
add an unknown sender) and word the results; the order of steps and the checks are here.

* Sending: :func:`plan_sending` (which leads, which tasks; :class:`NothingToSend` when there is
  nothing), :func:`choose_leads` (names as typed on the command line), :func:`write_parts`.
* Collecting: :func:`find_lead_report` (the CLI's ``--unit``), :func:`collect_target`
  (gathered on the caller's thread), :meth:`CollectTarget.read` (no database: may run on a
  worker), :func:`store_parts` (one transaction, the directory reloaded when a sender was
  added), :func:`collect` (all of it, for the CLI and the self-check).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.catalogue import Catalogue
from desktop.errors import UserError
from desktop.fileio import atomic_write
from desktop.forms import FormSpec
from desktop.lead import collect as collect_mod
from desktop.lead import send
from desktop.lead.collect import CollectPlan, CollectResult, NewUnit
from desktop.lead.final import REOPENED_NOTE, reopen_if_final
from desktop.payload import dumps
from desktop.payload_types import Payload
from desktop.services import Services
from desktop.store import StoreError
from desktop.units import Directory, Unit

__all__ = [
    "ALL_LEADS",
    "CollectTarget",
    "NoLeadReport",
    "NothingToSend",
    "Sending",
    "WrittenPart",
    "choose_leads",
    "collect",
    "collect_target",
    "find_lead_report",
    "plan_sending",
    "store_parts",
    "write_parts",
]

ALL_LEADS = ("all", "全部")


class NothingToSend(UserError):
    """The unit shares no task with a lead, or has not filled the shared tasks yet."""


class NoLeadReport(UserError):
    """Which report to collect into cannot be told (none, or several and no ``--unit``)."""


# -- sending -------------------------------------------------------------------------------------
@dataclass
class Sending:
    """One unit's report and the leads it shares tasks with."""

    sender: str
    data: Payload
    catalogue: Catalogue
    parcels: list[send.Parcel]

    def parcel(self, lead: str) -> send.Parcel:
        return next(p for p in self.parcels if p.lead == lead)

    def ready(self) -> list[send.Parcel]:
        """Leads with at least one shared task filled in."""
        return [p for p in self.parcels if p.tasks]

    def names(self, task_ids: list[str]) -> str:
        return "、".join(self.catalogue.display_name(t, 24) for t in task_ids)

    def text(self, lead: str) -> str:
        """The contribution file for *lead* (canonical JSON)."""
        return dumps(send.contribution(self.data, lead, self.parcel(lead).tasks))


def plan_sending(data: Payload, catalogue: Catalogue, directory: Directory) -> Sending:
    """What the unit of the payload *data* can send. Raises :class:`NothingToSend` with the
    reason when it shares no task with a lead, or none of the shared tasks is filled."""
    sender = str(data.get("unit", ""))
    sending = Sending(sender, data, catalogue, send.parcels(data, catalogue, directory))
    if not sending.parcels:
        raise NothingToSend(
            f"要点中没有“{sender}”与其他牵头单位共同承担的任务，不需要发送配合材料。"
        )
    if not sending.ready():
        listed = "；".join(f"{p.lead}：{sending.names(p.empty)}" for p in sending.parcels)
        raise NothingToSend(
            f"与牵头单位共同承担的任务都还没有填写（{listed}）。请先在对应的任务页填写，再发送。"
        )
    return sending


def choose_leads(sending: Sending, names: Iterable[str], directory: Directory) -> list[str]:
    """The leads *names* mean (a name, an alias or ``all``), in order, each once. Raises
    :class:`NothingToSend` naming the leads one can send to."""
    wanted: list[str] = []
    known = {p.lead: p for p in sending.parcels}
    for name in names:
        if name.strip() in ALL_LEADS:
            wanted += [p.lead for p in sending.ready() if p.lead not in wanted]
            continue
        unit = directory.unit(name)
        lead = unit.name if unit is not None else name.strip()
        if lead not in known:
            raise NothingToSend(
                f"“{sending.sender}”没有与“{lead}”共同承担的任务。可发送给：{'、'.join(known)}。"
            )
        if not known[lead].tasks:
            raise NothingToSend(
                f"与“{lead}”共同承担的任务（{sending.names(known[lead].empty)}）还没有填写，"
                "没有可发送的内容。请先填写再发送。"
            )
        if lead not in wanted:
            wanted.append(lead)
    return wanted


@dataclass
class WrittenPart:
    lead: str
    path: Path
    tasks: list[str]
    empty: list[str]  # shared with the lead but not filled in: not sent


def default_path(sending: Sending, lead: str, folder: Path) -> Path:
    """``<folder>/中山区致市政府办公厅的配合材料.json``."""
    return Path(folder) / send.file_name(sending.sender, lead)


def write_parts(sending: Sending, targets: dict[str, Path]) -> list[WrittenPart]:
    """Write one contribution file per lead (atomically). Raises
    :class:`desktop.fileio.FileWriteError` at the first file that cannot be written (those
    before it stay written)."""
    written = []
    for lead, path in targets.items():
        parcel = sending.parcel(lead)
        atomic_write(Path(path), sending.text(lead).encode("utf-8"), "配合材料")
        written.append(WrittenPart(lead, Path(path), list(parcel.tasks), list(parcel.empty)))
    return written


# -- collecting ----------------------------------------------------------------------------------
def find_lead_report(services: Services, unit_arg: str | None, catalogue_id: str | None) -> int:
    """The report to collect into: the unit's (``--unit``), or the only one on this PC.
    Raises :class:`NoLeadReport` saying what to do."""
    reports = [r for r in services.store.list_reports() if catalogue_id in (None, r.catalogue_id)]
    if unit_arg:
        unit = services.directory().unit(unit_arg)
        name = unit.name if unit is not None else unit_arg.strip()
        mine = [r for r in reports if r.unit == name]
        if not mine:
            have = "、".join(r.unit for r in reports) or "无"
            raise NoLeadReport(
                f"本机没有“{name}”的报告（已有报告的单位：{have}）。"
                "请先在填报向导中选择该单位开始填写，再收集配合单位材料。"
            )
        return mine[0].id
    if len(reports) == 1:
        return reports[0].id
    if not reports:
        raise NoLeadReport("本机还没有任何报告。请先在填报向导中选择本单位开始填写，再收集材料。")
    have = "、".join(r.unit for r in reports)
    raise NoLeadReport(f"本机有多份报告（{have}），请用 --unit 指明为哪个牵头单位收集。")


@dataclass
class CollectTarget:
    """The lead's report and what reading needs, gathered on the caller's thread; :meth:`read`
    touches no database, so the window runs it on a worker."""

    report_id: int
    catalogue: Catalogue
    form: FormSpec
    directory: Directory
    lead: Unit
    led: list[str] = field(default_factory=list)

    def read(
        self,
        items: Iterable[str | os.PathLike[str]],
        progress: collect_mod.Progress | None = None,
    ) -> CollectPlan:
        return collect_mod.read_parts(
            items, self.catalogue, self.form, self.directory, self.lead, progress
        )


def collect_target(services: Services, report_id: int) -> CollectTarget:
    """Raises :class:`desktop.store.StoreError` (the report cannot be read) or
    :class:`desktop.catalogue.CatalogueError` (its 要点 is not on this PC)."""
    from desktop.lead.roles import led_tasks

    info = services.store.report_info(report_id)
    catalogue = services.catalogue(info.catalogue_id)
    directory = services.directory()
    lead = directory.unit(info.unit) or Unit(info.unit)
    return CollectTarget(
        report_id,
        catalogue,
        services.form(catalogue),
        directory,
        lead,
        led_tasks(catalogue, directory, lead),
    )


def store_parts(
    services: Services, target: CollectTarget, plan: CollectPlan, add_units: Iterable[str] = ()
) -> CollectResult:
    """Store the plan's parts as contributions of the lead's report (one transaction; nothing
    of it becomes a report of the senders). Raises :class:`desktop.store.StoreError` with
    nothing written, e.g. in a window that only reads."""
    if services.store.read_only:
        raise StoreError(
            "数据已在另一个窗口中打开，这里不能收集。请在那个窗口中收集，或关闭它后再试。",
            "locked",
        )
    result = collect_mod.store_parts(services.store, target.report_id, plan, add_units)
    if result.units_added:
        services.reload_directory()
    return result


def collect(
    services: Services,
    report_id: int,
    items: Iterable[str | os.PathLike[str]],
    add_unit: Callable[[NewUnit], bool],
) -> CollectResult:
    """Read and store at once; *add_unit* decides for each sender missing from the directory.
    A final report that got new parts becomes a draft (:func:`desktop.lead.final.reopen_if_final`;
    the window does it through its session instead)."""
    target = collect_target(services, report_id)
    plan = target.read(items)
    add = [name for name, entry in plan.unknown.items() if add_unit(entry)]
    result = store_parts(services, target, plan, add)
    if result.used and reopen_if_final(services.store, report_id):
        result.notes.append(REOPENED_NOTE)
    return result
