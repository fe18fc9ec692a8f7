"""Carrying last year forward: the cover page, and last year's answers as reference.

Starting a report on a new 要点, the cover page (发文机关, 联系人, 电话, 分管负责同志 and title)
comes from the unit's last report on an earlier 要点. For each task of the new 要点 that reads
like a task of last year's (``desktop.yearly.similarity``), last year's answer is offered
beside the form; the clerk copies a paragraph with one click. Nothing of an answer is ever
copied without that click.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.answers import STATUS_KEY, is_empty, not_applicable, task_scope
from desktop.catalogue import Catalogue, CatalogueError
from desktop.forms import FormSpec
from desktop.schema import DataFileError
from desktop.store import ReportInfo, Store, StoreError
from desktop.yearly.similarity import CLOSE, Match, catalogue_matcher, same_titles

COVER_KEYS = ("issuer_name", "contact_name", "contact_phone", "leader_name", "leader_title")
CARRIED_STATE = "cover_carried_from"  # ui_state: the report the cover came from
TEXT_TYPES = ("textarea", "text")

Loader = Callable[[str], tuple[Catalogue, FormSpec]]


def previous_report(
    store: Store, unit: str, catalogue: Catalogue, load: Loader
) -> tuple[ReportInfo, Catalogue, FormSpec] | None:
    """The unit's most recently edited report on an earlier 要点 whose catalogue loads here
    (a later year's report never counts as "last year")."""
    year = catalogue.year
    for info in store.list_reports():  # newest edited first
        if info.unit != unit or info.catalogue_id == catalogue.id:
            continue
        try:
            old, form = load(info.catalogue_id)
        except (CatalogueError, DataFileError, KeyError):
            continue
        if year and old.year and old.year >= year:
            continue
        return info, old, form
    return None


def carry_cover(store: Store, report_id: int, previous: ReportInfo) -> list[str]:
    """Copy the cover fields the previous report has into the new one (one transaction).
    Returns the keys copied."""
    profile = store.load_values(previous.id).get("profile", {})
    changes = [("profile", k, profile[k]) for k in COVER_KEYS if profile.get(k)]
    if not changes:
        return []
    store.save_fields(report_id, changes)
    store.set_ui_state(report_id, CARRIED_STATE, previous.id)
    return [k for _, k, _ in changes]


@dataclass(frozen=True)
class Paragraph:
    key: str  # the task field it was written in (measures, results …)
    label: str  # that field's label
    text: str


@dataclass(frozen=True)
class Reference:
    """Last year's answer to a task like this one."""

    task_id: str  # last year's task
    source: str  # 《2016年政务公开工作要点》（大政办发〔2016〕125号）
    name: str  # 一（六） 深入推进预决算公开
    text: str  # last year's task text
    score: float
    status: str
    paragraphs: tuple[Paragraph, ...]
    facts: tuple[str, ...]  # figures and evidence, as read-only lines

    @property
    def closeness(self) -> str:
        return "内容高度相近" if self.score >= CLOSE else "内容部分相近"


class References:
    """Last year's answers for the tasks of one report, computed on first use."""

    def __init__(self, build: Callable[[], dict[str, list[Reference]]]) -> None:
        self._build = build
        self._by_task: dict[str, list[Reference]] | None = None

    def for_task(self, task_id: str) -> list[Reference]:
        if self._by_task is None:
            try:
                self._by_task = self._build()
            except (StoreError, CatalogueError, DataFileError):
                self._by_task = {}  # reference only: never worth an error on the task page
        return self._by_task.get(task_id, [])


def references_for(
    store: Store, info: ReportInfo, catalogue: Catalogue, load: Loader, limit: int = 2
) -> References:
    """Last year's answers for a report; worked out on first use (opening a report stays
    fast), empty when the unit has no report on an earlier 要点 here."""

    def build() -> dict[str, list[Reference]]:
        found = previous_report(store, info.unit, catalogue, load)
        if found is None:
            return {}
        previous, old, old_form = found
        values = store.load_values(previous.id)
        answered = {tid for tid in old.task_ids() if _said(values.get(task_scope(tid), {}))}
        matcher = catalogue_matcher(catalogue, old)
        titled = same_titles(catalogue, old)
        out: dict[str, list[Reference]] = {}
        for tid in catalogue.task_ids():
            refs = []
            matches = matcher.best(tid, limit=6)
            twin = titled.get(tid)
            if twin is not None and all(m.task_id != twin for m in matches):
                matches.insert(0, Match(twin, matcher.score(tid, twin)))
            for match in matches:
                if match.task_id in answered:
                    answer = values.get(task_scope(match.task_id), {})
                    refs.append(_reference(old, old_form, match.task_id, match.score, answer))
                if len(refs) >= limit:
                    break
            if refs:
                out[tid] = refs
        return out

    return References(build)


def _said(stored: dict[str, Any]) -> bool:
    """The unit wrote something for the task (store shape: figures as ``figures.<key>``)."""
    if not_applicable(stored):
        return False
    return any(not is_empty(v) for k, v in stored.items() if k != "applicable")


def _reference(
    old: Catalogue, form: FormSpec, task_id: str, score: float, answer: dict[str, Any]
) -> Reference:
    paragraphs: list[Paragraph] = []
    for spec in form.task_fields:
        value = answer.get(spec.key)
        if spec.type in TEXT_TYPES and isinstance(value, str):
            for para in value.splitlines():
                if para.strip():
                    paragraphs.append(Paragraph(spec.key, spec.label, para.strip()))
    facts: list[str] = []
    for fig in form.all_figures(task_id):
        value = answer.get(fig.store_key)
        if value is None or value == "":
            continue
        shown = ("是" if value else "否") if isinstance(value, bool) else f"{value}{fig.unit}"
        facts.append(f"{fig.label}：{shown}")
    for entry in answer.get("evidence") or []:
        if isinstance(entry, dict):
            title = entry.get("title") or ""
            where = entry.get("url") or ""
            if title or where:
                facts.append(f"公开载体：{title} {where}".strip())
    return Reference(
        task_id=task_id,
        source=old.label(),
        name=old.display_name(task_id, 30),
        text=old.task(task_id).text,
        score=score,
        status=str(answer.get(STATUS_KEY) or ""),
        paragraphs=tuple(paragraphs),
        facts=tuple(facts),
    )
