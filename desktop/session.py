"""One open report, as the wizard sees it: the service between widgets and the store.

Widgets read and write values here; they never see SQL. Every edit lands in memory at once
(:meth:`ReportSession.set_value`) and is queued; :meth:`flush` writes the queue to the store in
one transaction. If the store cannot write (disk full, file locked, database gone read-only)
the queue is kept and the error returned, so the UI can tell the clerk and retry — nothing
typed is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop import completeness
from desktop.answers import DRAFT, FINAL, PROFILE, REVIEW, is_empty, task_scope
from desktop.applicability import Applicable, tasks_for
from desktop.catalogue import Catalogue, short_name
from desktop.completeness import Problem
from desktop.forms import FigureSpec, FormSpec
from desktop.payload_types import Payload
from desktop.store import Revision, Store, StoreError
from desktop.units import Directory, Unit

if TYPE_CHECKING:
    from desktop.yearly.carry import References


@dataclass(frozen=True)
class TaskRef:
    """A task as the wizard lists it."""

    duty: Applicable  # the unit's duty on the task: its role, and whether it may opt out
    section_no: int
    item_title: str
    text: str
    clause: str | None
    ref: str  # the 要点's numbering: 一（二）之二 (Catalogue.ref), never the internal id
    name: str  # its short name (catalogue.short_name)
    paragraphs: int  # tasks in its item (several: the page names the item too)

    @property
    def task_id(self) -> str:
        return self.duty.task_id

    @property
    def title(self) -> str:
        """一（二）之二 进一步加大审计结果公告及整改情况的公开力度: what a person cites."""
        return f"{self.ref} {self.name}"


class ReportSession:
    def __init__(
        self,
        store: Store,
        report_id: int,
        catalogue: Catalogue,
        form: FormSpec,
        directory: Directory,
    ) -> None:
        self.store = store
        self.report_id = report_id
        self.catalogue = catalogue
        self.form = form
        self.directory = directory
        info = store.report_info(report_id)
        self.unit_name = info.unit
        self.status = info.status
        unit = directory.unit(info.unit)
        self.unit: Unit = unit if unit is not None else Unit(info.unit)
        self.values: dict[str, dict[str, Any]] = store.load_values(report_id)
        self.pending: dict[tuple[str, str], Any] = {}
        self.pending_status: str | None = None  # a status change not yet written
        # Values as they were when the report was final, for every field edited since: what
        # "keep it final" restores (None while the report has not been reopened by an edit).
        self.since_final: dict[tuple[str, str], Any] | None = None
        # The cooperating units' parts changed since the report was final: no undo restores
        # them, so "keep it final" is not offered (see parts_changed).
        self.reopened_by_parts = False
        self.last_error: StoreError | None = None
        self.tasks: list[TaskRef] = []
        for duty in tasks_for(catalogue, directory, self.unit):
            section, item = catalogue.item_of(duty.task_id)
            task = catalogue.task(duty.task_id)
            self.tasks.append(
                TaskRef(
                    duty,
                    section.no,
                    item.title,
                    task.text,
                    task.clause,
                    catalogue.ref(duty.task_id),
                    short_name(task),
                    len(item.tasks),
                )
            )
        self._by_id = {t.task_id: t for t in self.tasks}
        # Last year's answers shown beside the form (set by Services; None: no earlier report).
        self.references: References | None = None

    # -- reading --------------------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def value(self, scope: str, key: str, default: Any = None) -> Any:
        return self.values.get(scope, {}).get(key, default)

    def task(self, task_id: str) -> TaskRef:
        return self._by_id[task_id]

    def task_values(self, task_id: str) -> dict[str, Any]:
        return self.values.get(task_scope(task_id), {})

    def is_applicable(self, task_id: str) -> bool | None:
        """True for mandatory tasks; for optional ones the clerk's choice (None = undecided)."""
        ref = self._by_id[task_id]
        if not ref.duty.optional:
            return True
        return self.value(task_scope(task_id), "applicable")

    def answer_tasks(self) -> list[TaskRef]:
        """Tasks that get an answer page: mandatory ones and optional ones marked 适用."""
        return [t for t in self.tasks if self.is_applicable(t.task_id) is True]

    def optional_tasks(self) -> list[TaskRef]:
        return [t for t in self.tasks if t.duty.optional]

    def task_state(self, task_id: str) -> str:
        return completeness.task_state(
            self.form,
            self._by_id[task_id].duty,
            self.task_values(task_id),
            self.unit,
            self.values.get(PROFILE, {}),
        )

    def progress(self) -> tuple[int, int]:
        """(answered, owed) over the tasks the unit must answer. A 相关部门 task declared not
        applicable counts as done only with its reason — as the review sees it."""
        done = total = 0
        for t in self.tasks:
            state = self.task_state(t.task_id)
            total += 1
            if state in (completeness.DONE, completeness.WARNING):
                done += 1
            elif state == completeness.NOT_APPLICABLE and self.has_reason(t.task_id):
                done += 1
        return done, total

    def has_reason(self, task_id: str) -> bool:
        """A reason is given for declaring the task not applicable."""
        return not is_empty(self.task_values(task_id).get("not_applicable_reason"))

    def optional_counts(self) -> dict[str, int]:
        """The 相关部门 tasks by decision: applies, not applicable (and of those without a
        reason yet), undecided."""
        counts = {"applies": 0, "not_applicable": 0, "no_reason": 0, "undecided": 0}
        for t in self.optional_tasks():
            decided = self.is_applicable(t.task_id)
            if decided is None:
                counts["undecided"] += 1
            elif decided:
                counts["applies"] += 1
            else:
                counts["not_applicable"] += 1
                counts["no_reason"] += not self.has_reason(t.task_id)
        return counts

    def problems(self) -> list[Problem]:
        titles = {t.task_id: t.title for t in self.tasks}
        return completeness.review(
            self.form, [t.duty for t in self.tasks], self.values, titles, self.unit
        )

    def review_problems(self) -> list[Problem]:
        return completeness.review_missing(self.form, self.values)

    def can_finalise(self) -> bool:
        return completeness.can_finalise(self.problems(), self.review_problems())

    def history(self, scope: str, key: str) -> list[Revision]:
        self.flush(seal=True)
        return self.store.history(self.report_id, scope, key)

    # -- writing --------------------------------------------------------------------------------
    def set_value(self, scope: str, key: str, value: Any) -> bool:
        """Record an edit in memory and queue it for the store. False when nothing changed."""
        old = self.value(scope, key)
        if old == value:
            return False
        if self.status == FINAL and self.since_final is None:
            self.since_final = {}  # the first edit of a finalised report: remember to undo
        if self.since_final is not None:
            self.since_final.setdefault((scope, key), old)
        self.values.setdefault(scope, {})[key] = value
        self.pending[(scope, key)] = value
        if scope == PROFILE:
            self._follow_cover(key, old, value)
        return True

    def _follow_cover(self, key: str, old: Any, value: Any) -> None:
        """Figures prefilled from the cover field *key* and not changed since follow it: a
        copy the clerk never touched is never left behind with the cover's old value."""
        if is_empty(old):
            return
        for t in self.answer_tasks():
            for fig in self.form.figures_for(t.task_id, self.unit):
                if fig.prefill_from == f"{PROFILE}.{key}":
                    scope = task_scope(t.task_id)
                    if self.value(scope, fig.store_key) == old:
                        self.set_value(scope, fig.store_key, value)

    @property
    def unsaved(self) -> bool:
        """Edits or a status change are queued and not yet on disk."""
        return bool(self.pending) or self.pending_status is not None

    def reopen(self) -> None:
        """Editing a finalised report makes it a draft again, to be reviewed anew (the 保密审查
        confirmation is withdrawn). Queued like any edit: written with the next flush, kept and
        retried if that fails — the database never stays ``final`` under edits."""
        self.status = DRAFT
        self.pending_status = DRAFT
        self.set_value(REVIEW, "confirmed", False)

    def parts_changed(self) -> bool:
        """The lead collected, removed or restored cooperating units' parts: the report's
        配合单位落实情况 table and the sums it offers changed. A final report becomes a draft, as
        after any edit (True: it was final). These are not field edits — "keep it final"
        cannot undo them, so from now on it is not offered."""
        was_final = self.status == FINAL
        if was_final or self.since_final is not None:
            self.since_final = None
            self.reopened_by_parts = True
        if was_final:
            self.reopen()
        return was_final

    def keep_final(self) -> None:
        """Undo every edit made since the report was final (the 保密审查 confirmation comes
        back with them) and make it final again — queued and written like any edit."""
        earlier, self.since_final = self.since_final or {}, None
        for (scope, key), value in earlier.items():
            self.set_value(scope, key, value)
        self.status = FINAL
        self.pending_status = FINAL

    def flush(self, seal: bool = False) -> StoreError | None:
        """Write every queued edit in one transaction. Returns the error (queue kept) or None.

        Autosaves coalesce into the field's open revision; ``seal`` (an explicit save, leaving
        a page) closes the revisions so the next edit starts a new history entry.
        """
        if not self.unsaved:
            if seal:
                self.store.seal_revisions()
            return None
        changes = [(scope, key, value) for (scope, key), value in self.pending.items()]
        status = self.pending_status
        try:
            with self.store.transaction():
                self.store.save_fields(self.report_id, changes, coalesce=True)
                if status is not None:
                    self.store.set_status(self.report_id, status)
            if seal:
                self.store.seal_revisions()
        except StoreError as exc:
            self.last_error = exc
            return exc
        for scope, key, value in changes:
            if self.pending.get((scope, key)) == value:
                del self.pending[(scope, key)]
        if self.pending_status == status:
            self.pending_status = None
        self.last_error = None
        return None

    def set_status(self, status: str) -> None:
        error = self.flush(seal=True)
        if error is not None:
            raise error
        self.store.set_status(self.report_id, status)
        self.status = status
        self.pending_status = None
        self.since_final = None
        self.reopened_by_parts = False

    def set_ui_state(self, key: str, value: Any) -> None:
        try:
            self.store.set_ui_state(self.report_id, key, value)
        except StoreError:
            pass  # where the clerk left off is a convenience, never worth an error box

    def get_ui_state(self, key: str, default: Any = None) -> Any:
        return self.store.get_ui_state(self.report_id, key, default)

    def figures(self, task_id: str) -> list[FigureSpec]:
        """The figures the 要点 asks this unit for on the task."""
        return self.form.figures_for(task_id, self.unit)

    def figure_warnings(self, task_id: str) -> list[tuple[FigureSpec, str]]:
        return completeness.figure_warnings(
            self.form, task_id, self.task_values(task_id), self.unit
        )

    def prefill_figures(self) -> None:
        """Copy profile values into figures that declare ``prefill_from`` while those are empty."""
        for t in self.answer_tasks():
            for fig in self.form.figures_for(t.task_id, self.unit):
                if not fig.prefill_from:
                    continue
                source = self.value(PROFILE, fig.prefill_from.split(".", 1)[1])
                scope = task_scope(t.task_id)
                if source and is_empty(self.value(scope, fig.store_key)):
                    self.set_value(scope, fig.store_key, source)

    def payload(self) -> Payload:
        """The report as the exchange document (for preview, export, 汇总)."""
        from desktop.store.exchange import export_payload

        self.flush()
        return export_payload(self.store, self.report_id, self.catalogue, self.form, self.directory)
