"""Figures totalled per task, and a per-task tally of who is done and who lags.

Only figures marked ``"sum": true`` in ``forms/fields/<catalogue>.json`` are added up (counts of
press conferences, 依申请公开 requests, trainings …); a date or a yes/no is not summable. Answers a
unit declared not applicable are left out, and so is a figure the 要点 does not ask of the unit
(``applies_to``/``not_for`` in the form).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.answers import DONE, ONGOING, UNFINISHED, not_applicable
from desktop.consolidate.matrix import (
    NO_REPORT,
    NO_STATUS,
    NOT_APPLICABLE,
    OPTIONAL_OPEN,
    Matrix,
)
from desktop.forms import FigureSpec, FormSpec


@dataclass
class FigureTotal:
    task_id: str
    spec: FigureSpec
    total: float = 0
    by_unit: list[tuple[str, float]] = field(default_factory=list)

    @property
    def units(self) -> int:
        """How many units gave this figure."""
        return len(self.by_unit)

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def total_text(self) -> str:
        return format_number(self.total)


def format_number(value: float) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def figure_totals(matrix: Matrix, form: FormSpec) -> list[FigureTotal]:
    """One total per summable figure, in catalogue order."""
    out: list[FigureTotal] = []
    for task_id in matrix.task_ids:
        for spec in form.all_figures(task_id):
            if not spec.sum or spec.type not in ("integer", "decimal"):
                continue
            total = FigureTotal(task_id, spec)
            for row in matrix.rows:
                # A figure the 要点 does not ask of a unit is not added up, even if its
                # report carries one (e.g. typed in before the form said so).
                if row.report is None or spec not in row.asked(form, task_id):
                    continue
                answer = row.report.answers().get(task_id)
                if not answer or not_applicable(answer):
                    continue
                value = (answer.get("figures") or {}).get(spec.key)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    total.by_unit.append((row.unit, value))
                    total.total += value
            if spec.type == "integer":
                total.total = int(total.total)
            else:
                total.total = round(total.total, 6)
            out.append(total)
    return out


@dataclass
class TaskTally:
    task_id: str
    done: list[str] = field(default_factory=list)
    ongoing: list[str] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)
    no_status: list[str] = field(default_factory=list)  # reported, but not this task
    no_report: list[str] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)
    lead_units: list[str] = field(default_factory=list)
    totals: list[FigureTotal] = field(default_factory=list)

    @property
    def answered(self) -> list[str]:
        return self.done + self.ongoing + self.unfinished

    @property
    def involved(self) -> int:
        """Units the task concerns (mandatory, or optional ones that took it up)."""
        return len(self.answered) + len(self.no_status) + len(self.no_report)

    @property
    def lagging(self) -> list[str]:
        return self.unfinished + self.no_status + self.no_report


def tallies(matrix: Matrix, form: FormSpec) -> list[TaskTally]:
    by_task: dict[str, list[FigureTotal]] = {}
    for t in figure_totals(matrix, form):
        by_task.setdefault(t.task_id, []).append(t)
    buckets = {
        DONE: "done",
        ONGOING: "ongoing",
        UNFINISHED: "unfinished",
        NO_STATUS: "no_status",
        NO_REPORT: "no_report",
        NOT_APPLICABLE: "not_applicable",
    }
    out = []
    for task_id in matrix.task_ids:
        tally = TaskTally(task_id, totals=by_task.get(task_id, []))
        for cell in matrix.cells_for_task(task_id):
            if cell.kind == OPTIONAL_OPEN:
                continue
            getattr(tally, buckets[cell.kind]).append(cell.unit)
            if cell.role == "lead":
                tally.lead_units.append(cell.unit)
        out.append(tally)
    return out
