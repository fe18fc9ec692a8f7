"""The lead unit's desk: what arrived for a task it leads, and what it does with it.

Qt-free; the task page's panel (``desktop/ui/pages/contributions_panel.py``) only shows a
:class:`TaskParts` and calls the actions here. The lead's own answer is never written from here:
:meth:`LeadDesk.quote` and :meth:`LeadDesk.take_sum` return what to write, and the page writes it
through its usual edit path (autosave, history, a final report becoming a draft again).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desktop.catalogue import ROLE_LABELS, Catalogue
from desktop.forms import FigureSpec, FormSpec
from desktop.lead import removed
from desktop.lead.roles import Expected, expected, leads, led_tasks
from desktop.payload_types import Answer
from desktop.report import prose
from desktop.store.contributions import Contribution, Contributions
from desktop.store.repository import Store
from desktop.units import Directory, Unit

IN_REPORT = "in_report"
SUM_PREFIX = "sum."
SUMMABLE = ("integer", "decimal")
# How clerks refer to their own unit at the start of a sentence; a quote names the unit instead.
_SELF = re.compile(
    r"^(我们|我单位|本单位|我中心|本中心|我局|本局|我委|本委|我办|本办|我厅|本厅|我区|本区|"
    r"我县|本县|我校|本校|我院|本院|我所|本所)"
)


@dataclass(frozen=True)
class FigureSum:
    """A summable figure of the task over the units' parts."""

    spec: FigureSpec
    total: int | float
    parts: tuple[tuple[str, int | float], ...]  # (unit, value) of units that gave one
    without: tuple[str, ...]  # units whose part lacks the figure
    taken: dict | None  # what the lead took last time: {total, parts, at}
    own: Any  # the lead's current value of the figure

    @property
    def store_key(self) -> str:
        return self.spec.store_key

    @property
    def is_taken(self) -> bool:
        """The lead's figure is this very sum (not a number typed since, nor an older sum)."""
        return (
            self.taken is not None
            and self.own == self.total
            and dict(self.taken.get("parts", {})) == dict(self.parts)
        )

    def breakdown(self) -> str:
        """``市教育局 3 + 中山区 5 = 8``."""
        terms = " + ".join(f"{u} {prose.number(v)}" for u, v in self.parts)
        return f"{terms} = {prose.number(self.total)}" if terms else "（尚无数据）"


@dataclass
class TaskParts:
    """Everything the panel shows for one lead task."""

    task_id: str
    parts: list[Contribution] = field(default_factory=list)
    expected: Expected = field(default_factory=Expected)
    sums: list[FigureSum] = field(default_factory=list)
    in_report: bool = False
    history: dict[str, int] = field(default_factory=dict)  # unit → older versions kept

    @property
    def units(self) -> list[str]:
        return [p.unit for p in self.parts]

    def missing(self) -> list[tuple[str, list[str]]]:
        """(clause name, units that have not sent anything), per group the 要点 names."""
        sent = set(self.units)
        out = []
        for label, names in self.expected.groups:
            left = [n for n in names if n not in sent]
            if left:
                out.append((label, left))
        return out

    def missing_count(self) -> int:
        return len({n for _label, names in self.missing() for n in names})

    def missing_line(self, limit: int | None = None) -> str:
        """Who the 要点 names for the task besides the lead, and who has not sent anything:
        ``要点要求配合：各区市县政府和先导区管委会、市政府各部门（共 37 个单位）。已收到 2 个
        单位的材料；尚未发送 35 个：西岗区、沙河口区……``. *limit* shortens the list with 等."""
        exp = self.expected
        by_role: dict[str, list[str]] = {}
        for label, _names in exp.groups:
            by_role.setdefault(exp.roles.get(label, "cooperate"), []).append(label)
        for label in exp.open_groups:
            by_role.setdefault(exp.roles.get(label, "cooperate"), []).append(
                f"{label}（由各单位自行确定）"
            )
        named = "；".join(
            f"{ROLE_LABELS[role]}：{'、'.join(labels)}" for role, labels in by_role.items()
        )
        total = len(exp.units())
        count = f"（共 {total} 个单位）" if total > len(exp.groups) else ""
        head = f"要点要求{named or '：无其他单位'}{count}。已收到 {len(self.parts)} 个单位的材料"
        if not exp.groups:
            return head + "。"
        left = [n for _label, names in self.missing() for n in names]
        if not left:
            return head + "，要点点名的单位都已发送。"
        shown = left if limit is None or len(left) <= limit else left[:limit]
        more = "等" if len(shown) < len(left) else ""
        return f"{head}；尚未发送 {len(left)} 个：{'、'.join(shown)}{more}。"


@dataclass(frozen=True)
class Arrivals:
    """How many of the units the 要点 names for a lead task have sent their part."""

    received: int  # named units that sent a part
    expected: int  # units the 要点 names (0: only 相关部门, each deciding for itself)
    others: int = 0  # parts from units the 要点 does not name

    def short(self) -> str:
        """``2/3`` (or ``2`` when the 要点 names nobody in particular), for the side panel;
        parts of units the 要点 does not name are counted in :meth:`line` only."""
        return f"{self.received}/{self.expected}" if self.expected else str(self.others)

    def line(self) -> str:
        """``已收到 2/3 份``, with the parts from units the 要点 does not name said apart."""
        if not self.expected:
            return f"已收到 {self.others} 份配合单位材料"
        text = f"已收到 {self.received}/{self.expected} 份配合单位材料"
        if self.others:
            text += f"（另有 {self.others} 个其他单位的材料）"
        return text


@dataclass(frozen=True)
class ReportRow:
    """One row of the report's 配合单位落实情况 table."""

    task_id: str
    task: str  # short name
    unit: str
    status: str
    summary: str


class LeadDesk:
    def __init__(
        self,
        store: Store,
        report_id: int,
        catalogue: Catalogue,
        form: FormSpec,
        directory: Directory,
        unit: Unit,
    ) -> None:
        self.store = store
        self.report_id = report_id
        self.catalogue = catalogue
        self.form = form
        self.directory = directory
        self.unit = unit
        self.contributions = Contributions(store)

    @classmethod
    def for_session(cls, session: Any) -> LeadDesk:
        """From a :class:`desktop.session.ReportSession` (kept ``Any``: no import cycle)."""
        return cls(
            session.store,
            session.report_id,
            session.catalogue,
            session.form,
            session.directory,
            session.unit,
        )

    def leads(self, task_id: str) -> bool:
        return leads(self.catalogue, self.directory, self.unit, task_id)

    def led_tasks(self) -> list[str]:
        return led_tasks(self.catalogue, self.directory, self.unit)

    def task_parts(self, task_id: str, own: dict[str, Any] | None = None) -> TaskParts:
        """The parts in use for *task_id*; *own* is the lead's current answer (for the sums)."""
        parts = self.contributions.current(self.report_id, task_id)
        options = self.contributions.options(self.report_id, task_id)
        view = TaskParts(
            task_id,
            parts,
            expected(self.catalogue, self.directory, task_id, self.unit),
            in_report=bool(options.get(IN_REPORT)),
        )
        own = own or {}
        for spec in self.form.figures_for(task_id, self.unit):
            if spec.sum and spec.type in SUMMABLE:
                view.sums.append(
                    _sum(spec, parts, options.get(SUM_PREFIX + spec.key), own.get(spec.store_key))
                )
        for part in parts:
            older = len(self.contributions.history(self.report_id, task_id, part.unit)) - 1
            if older > 0:
                view.history[part.unit] = older
        return view

    def arrivals(self) -> dict[str, Arrivals]:
        """For every task this unit leads: how many of the expected parts have arrived."""
        by_task: dict[str, set[str]] = {}
        for part in self.contributions.current(self.report_id):
            by_task.setdefault(part.task_id, set()).add(part.unit)
        out = {}
        for task_id in self.led_tasks():
            names = set(expected(self.catalogue, self.directory, task_id, self.unit).units())
            sent = by_task.get(task_id, set())
            out[task_id] = Arrivals(len(sent & names), len(names), len(sent - names))
        return out

    # -- actions ----------------------------------------------------------------------------
    def remove(self, task_id: str, unit: str) -> Contribution | None:
        """The lead removes *unit*'s part of the task (collected by mistake): it is no longer
        shown, summed or put in the report; kept as history; the same file collected again is
        not taken back (a corrected part from the unit is)."""
        part = self.contributions.current_one(self.report_id, task_id, unit)
        if part is not None:
            self.contributions.remove(part.id, removed.stamp())
        return part

    def restorable(self, task_id: str | None = None) -> list[Contribution]:
        """Removed parts that can come back (:func:`desktop.lead.removed.restorable`)."""
        return removed.restorable(self.contributions, self.report_id, task_id)

    def restore(self, task_id: str, unit: str) -> Contribution:
        """Bring back *unit*'s newest removed part of the task: shown, summed and reported
        again. Raises :class:`desktop.lead.removed.NothingToRestore` saying why not."""
        return removed.restore(self.contributions, self.report_id, task_id, unit, self.catalogue)

    def sums_with(self, task_id: str, unit: str) -> list[str]:
        """Labels of the figures whose total, as filled into the lead's answer, counts *unit*."""
        options = self.contributions.options(self.report_id, task_id)
        return [
            spec.label
            for spec in self.form.figures_for(task_id, self.unit)
            if unit in (options.get(SUM_PREFIX + spec.key) or {}).get("parts", {})
        ]

    def quote(self, task_id: str, unit: str, key: str = "measures") -> str:
        """A paragraph for the lead's text: the unit's answer, with the unit named.

        ``我局组织了……`` from 市教育局 becomes ``市教育局组织了……``; text that does not start by
        naming its unit is introduced with the name: ``市教育局：……``."""
        part = self.contributions.current_one(self.report_id, task_id, unit)
        if part is None:
            return ""
        return quote_text(unit, part.answer.get(key))

    def take_sum(self, task_id: str, figure_key: str, own: Any = None) -> FigureSum:
        """Record that the lead's figure is the sum of the parts; returns it (the caller writes
        ``total`` into the figure). The breakdown stays with the report's data."""
        spec = next(f for f in self.form.figures_for(task_id, self.unit) if f.key == figure_key)
        parts = self.contributions.current(self.report_id, task_id)
        figure = _sum(spec, parts, None, own)
        taken = {
            "total": figure.total,
            "parts": dict(figure.parts),
            "at": datetime.now().isoformat(timespec="seconds"),
        }
        self.contributions.set_option(self.report_id, task_id, SUM_PREFIX + figure_key, taken)
        return FigureSum(spec, figure.total, figure.parts, figure.without, taken, figure.total)

    def set_in_report(self, task_id: str, on: bool) -> None:
        self.contributions.set_option(self.report_id, task_id, IN_REPORT, True if on else None)

    def report_rows(self) -> list[ReportRow]:
        """Rows of the 配合单位落实情况 table: the tasks the clerk chose, in catalogue order."""
        chosen = set(self.contributions.tasks_with_option(self.report_id, IN_REPORT, True))
        rows: list[ReportRow] = []
        for task_id in self.catalogue.task_ids():
            if task_id not in chosen or not self.leads(task_id):
                continue
            for part in self.contributions.current(self.report_id, task_id):
                rows.append(
                    ReportRow(
                        task_id,
                        prose.clean(self.catalogue.display_name(task_id)),
                        part.unit,
                        prose.clean(part.answer.get("status")) or "未填报",
                        one_line(part.unit, part.answer, self.form.all_figures(task_id)),
                    )
                )
        return rows


def lead_rows(session: Any) -> list[ReportRow]:
    """The 配合单位落实情况 rows of a :class:`desktop.session.ReportSession`'s report; none
    when the contributions cannot be read (the report itself is still written)."""
    from desktop.store import StoreError

    try:
        return LeadDesk.for_session(session).report_rows()
    except StoreError:
        return []


def _sum(spec: FigureSpec, parts: list[Contribution], taken: dict | None, own: Any) -> FigureSum:
    given: list[tuple[str, int | float]] = []
    without: list[str] = []
    for part in parts:
        value = part.answer.get("figures", {}).get(spec.key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            given.append((part.unit, value))
        else:
            without.append(part.unit)
    total: int | float = sum(v for _u, v in given)
    if spec.type == "integer":
        total = int(total)
    return FigureSum(spec, total, tuple(given), tuple(without), taken, own)


def named(unit: str, text: str) -> str:
    """*text* with its opening self-reference (我局, 本区 …) replaced by the unit's name."""
    return _SELF.sub(unit, text, count=1)


def quote_text(unit: str, text: Any) -> str:
    paras = prose.paragraphs(text)
    if not paras:
        return ""
    body = "".join(prose.sentence(p) for p in paras)
    if _SELF.match(body):
        return named(unit, body)
    if body.startswith(unit):
        return body
    return f"{unit}：{body}"


def one_line(unit: str, answer: Answer, figures: list[FigureSpec], limit: int = 60) -> str:
    """The table's summary of a part: its first sentence of 成效 (else 做法), then its figures.
    The lead's report prints it, so the unit's ``我局`` becomes its name."""
    text = ""
    for key in ("results", "measures", "unfinished_reason", "next_steps"):
        paras = prose.paragraphs(answer.get(key))
        if paras:
            text = named(unit, prose.sentence(re.split(r"(?<=[。；！？])", paras[0])[0]))
            break
    clauses = [
        prose.figure_clause(spec, answer.get("figures", {}).get(spec.key)) for spec in figures
    ]
    numbers = prose.join_clauses([c for c in clauses if c])
    # Whole clauses only: a table cell never ends mid-sentence in “……”.
    line = prose.sentence(prose.first_clauses(text, limit)) if text else ""
    if numbers:
        line = f"{line}{numbers}" if line else numbers
    return line
