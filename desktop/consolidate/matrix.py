"""The matrix: units × tasks, each cell the unit's role on the task and where it stands.

A plain data structure (no Qt): the Qt view, the .xlsx writer and the CLI all read it.

Rows are the units of the directory (all of them are expected: section 五 binds everyone) and
any unit that reported without being in the directory (placed by the categories its report
carries). A cell's role comes from the unit's answer when it gave one, otherwise from
:mod:`desktop.applicability`. Where it stands is a *kind* (:data:`KINDS`: the three status
meanings of ``forms/`` and the matrix's own four) shown as a *state* word: the status words
are the form's (:class:`desktop.answers.StatusWords`), the others :data:`WORDS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.answers import (
    DONE,
    FINAL,
    ONGOING,
    STATUS_MEANINGS,
    UNFINISHED,
    StatusWords,
    not_applicable,
)
from desktop.applicability import tasks_for
from desktop.catalogue import ROLE_LABELS, Catalogue
from desktop.consolidate.records import Report
from desktop.forms import FigureSpec, FormSpec
from desktop.payload_types import Answer
from desktop.units import Directory, Unit

NO_REPORT = "no_report"
NO_STATUS = "no_status"  # reported, but no status for this task
NOT_APPLICABLE = "not_applicable"
OPTIONAL_OPEN = "optional_open"  # a 相关部门 task the unit did not take up (not a gap)
KINDS = (*STATUS_MEANINGS, NO_STATUS, NO_REPORT, NOT_APPLICABLE, OPTIONAL_OPEN)
LAGGING = (UNFINISHED, NO_STATUS, NO_REPORT)
WORDS = {
    NO_STATUS: "未填写",
    NO_REPORT: "未报送",
    NOT_APPLICABLE: "不适用",
    OPTIONAL_OPEN: "未选择",
}
OTHER_CATEGORY = "其他单位"
# A row's report, in words: finalised, a draft (still counted, never passed off as final), none.
REPORT_FINAL, REPORT_DRAFT, REPORT_NONE = "定稿", "草稿", "未报送"
REPORT_WORDS = (REPORT_FINAL, REPORT_DRAFT, REPORT_NONE)

# Cell colours by kind (hex, no '#'): shared by the Qt view and the .xlsx so they look the same.
COLOURS = {
    DONE: "C6EFCE",
    ONGOING: "FFEB9C",
    UNFINISHED: "FFC7CE",
    NO_STATUS: "F8CBAD",
    NO_REPORT: "D9D9D9",
    NOT_APPLICABLE: "EDEDED",
    OPTIONAL_OPEN: "FFFFFF",
}


@dataclass(frozen=True)
class Cell:
    unit: str
    task_id: str
    role: str  # lead / responsible / cooperate
    optional: bool
    kind: str  # one of KINDS
    state: str  # the kind in words (已完成, 未报送 …)

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def text(self) -> str:
        if self.kind == OPTIONAL_OPEN:
            return f"{self.role_label}（可选）"
        return f"{self.role_label}·{self.state}"

    @property
    def colour(self) -> str:
        return COLOURS[self.kind]

    @property
    def lagging(self) -> bool:
        return self.kind in LAGGING


@dataclass
class Row:
    unit: str
    categories: tuple[str, ...]
    kind: str
    known: bool
    report: Report | None
    # The unit as the directory (or, outside it, its report) describes it, with every category
    # and alias: decides which figures the 要点 asks of it.
    member: Unit | None = None

    @property
    def reported(self) -> bool:
        return self.report is not None

    @property
    def draft(self) -> bool:
        """The unit's report is a draft (not yet marked 定稿 after its 保密审查)."""
        return self.report is not None and self.report.status != FINAL

    @property
    def report_word(self) -> str:
        """定稿 / 草稿 / 未报送."""
        if self.report is None:
            return REPORT_NONE
        return REPORT_DRAFT if self.draft else REPORT_FINAL

    def asked(self, form: FormSpec, task_id: str) -> list[FigureSpec]:
        """The figures the 要点 asks this unit for on the task."""
        return form.figures_for(task_id, self.member or Unit(self.unit, self.categories))


@dataclass
class Matrix:
    catalogue: Catalogue
    statuses: StatusWords
    rows: list[Row]
    task_ids: list[str]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    category_names: list[str] = field(default_factory=list)

    def word(self, kind: str) -> str:
        """The state word of a kind: the form's status word, or the matrix's own."""
        return self.statuses.word(kind) if kind in STATUS_MEANINGS else WORDS[kind]

    @property
    def states(self) -> tuple[str, ...]:
        """Every state word, in :data:`KINDS` order (legend, filter, the .xlsx counts)."""
        return tuple(self.word(k) for k in KINDS)

    def colour(self, state: str) -> str:
        """The colour of a state word."""
        return COLOURS[KINDS[self.states.index(state)]]

    def cell(self, unit: str, task_id: str) -> Cell | None:
        """None when the task does not concern the unit at all."""
        return self.cells.get((unit, task_id))

    def row(self, unit: str) -> Row:
        return next(r for r in self.rows if r.unit == unit)

    def units(self) -> list[str]:
        return [r.unit for r in self.rows]

    def cells_for_task(self, task_id: str) -> list[Cell]:
        return [c for r in self.rows if (c := self.cells.get((r.unit, task_id))) is not None]

    def counts(self, task_id: str) -> dict[str, int]:
        """State word → cells of the task in that state."""
        out = dict.fromkeys(self.states, 0)
        for c in self.cells_for_task(task_id):
            out[c.state] += 1
        return out

    def drafts(self) -> list[Row]:
        """Rows whose report is a draft."""
        return [r for r in self.rows if r.draft]

    def filtered(
        self,
        section: int | None = None,
        category: str | None = None,
        state: str | None = None,
        report: str | None = None,
    ) -> tuple[list[Row], list[str]]:
        """Rows and task columns to show for the filters (``None`` = any).

        *section* keeps the tasks of one section of the 要点; *category* the units of one
        category (:data:`OTHER_CATEGORY` = units in none); *report* the units whose report is
        定稿, 草稿 or 未报送 (:data:`REPORT_WORDS`); *state* keeps the units and the tasks
        that have at least one cell in that state among what remains.
        """
        columns = [t for t in self.task_ids if section is None or _section(t) == section]
        rows = [r for r in self.rows if category is None or in_category(r, category)]
        if report is not None:
            rows = [r for r in rows if r.report_word == report]
        if state is not None:
            hit = {
                (r.unit, t)
                for r in rows
                for t in columns
                if (c := self.cells.get((r.unit, t))) is not None and c.state == state
            }
            rows = [r for r in rows if any((r.unit, t) in hit for t in columns)]
            kept = {r.unit for r in rows}
            columns = [t for t in columns if any((u, t) in hit for u in kept)]
        return rows, columns


def _section(task_id: str) -> int:
    return int(task_id.split(".", 1)[0])


def in_category(row: Row, category: str) -> bool:
    if category == OTHER_CATEGORY:
        return not row.categories
    return category in row.categories


def filter_categories(directory: Directory) -> list[str]:
    """Categories a user filters by: the real groups (not 'everyone', not 'optional', not one
    without members, such as 各镇（街道） in a directory holding no town)."""
    real = [
        c.name
        for c in directory.categories
        if not c.all_units and not c.optional and directory.members(c)
    ]
    return [*real, OTHER_CATEGORY]


def build(
    catalogue: Catalogue,
    directory: Directory,
    reports: dict[str, Report],
    statuses: StatusWords,
) -> Matrix:
    """The matrix for *reports* (unit name → report in use) of *catalogue*; *statuses* are the
    status words of the catalogue's form."""
    real = set(filter_categories(directory)) - {OTHER_CATEGORY}
    units: list[Unit] = list(directory.units)
    known = {u.name for u in units}
    for name in sorted(set(reports) - known):
        r = reports[name]
        info = r.data.get("unit_info") or {}
        units.append(
            Unit(name=name, categories=r.unit_categories(), kind=info.get("kind", "other"))
        )
    matrix = Matrix(
        catalogue=catalogue,
        statuses=statuses,
        rows=[],
        task_ids=catalogue.task_ids(),
        category_names=filter_categories(directory),
    )
    for unit in units:
        report = reports.get(unit.name)
        row = Row(
            unit=unit.name,
            categories=tuple(c for c in unit.categories if c in real),
            kind=unit.kind,
            known=unit.name in known,
            report=report,
            member=unit,
        )
        matrix.rows.append(row)
        expected = {a.task_id: a for a in tasks_for(catalogue, directory, unit)}
        answers = report.answers() if report else {}
        for task_id in matrix.task_ids:
            duty = expected.get(task_id)
            answer = answers.get(task_id)
            if duty is None and answer is None:
                continue
            role = (answer or {}).get("role") or (duty.role if duty else "responsible")
            optional = duty.optional if duty else bool((answer or {}).get("optional", False))
            kind = _kind(report is not None, answer, optional, statuses)
            matrix.cells[(unit.name, task_id)] = Cell(
                unit.name, task_id, role, optional, kind, matrix.word(kind)
            )
    return matrix


def _kind(reported: bool, answer: Answer | None, optional: bool, statuses: StatusWords) -> str:
    if answer is not None:
        if not_applicable(answer):
            return NOT_APPLICABLE
        return statuses.meaning(answer.get("status")) or NO_STATUS
    if optional:
        return OPTIONAL_OPEN
    return NO_STATUS if reported else NO_REPORT
