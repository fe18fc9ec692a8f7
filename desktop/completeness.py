"""How complete a report is: per-task state, missing required fields, below-minimum figures.

Qt-free and shared by the wizard (side-panel marks, review page, the finalise gate) and the
export (warnings). Values are the store's shape: scope → key → value, with figures under
``figures.<key>`` in the task's scope.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.answers import evidence_filled, is_empty, task_scope
from desktop.applicability import Applicable
from desktop.forms import FieldSpec, FigureSpec, FormSpec
from desktop.textclean import quoted
from desktop.units import Unit

EMPTY, PARTIAL, DONE, WARNING, NOT_APPLICABLE, UNDECIDED = (
    "empty",
    "partial",
    "done",
    "warning",
    "not_applicable",
    "undecided",
)


@dataclass(frozen=True)
class Problem:
    page: str  # page key: "profile", "scope", "task:<id>", "texts", "review"
    label: str  # what a clerk reads: "一（六） 深入推进预决算公开：未填写“主要做法”"
    kind: str  # "missing" or "warning"
    field: str = ""  # the field key, to focus it after jumping


def visible_fields(form: FormSpec, values: dict[str, Any]) -> list[FieldSpec]:
    return [f for f in form.task_fields if f.visible(values)]


def missing_task_fields(form: FormSpec, values: dict[str, Any]) -> list[FieldSpec]:
    missing = []
    for f in visible_fields(form, values):
        if not f.required:
            continue
        value = values.get(f.key)
        if f.type == "evidence":
            if not evidence_filled(value):
                missing.append(f)
        elif is_empty(value):
            missing.append(f)
    return missing


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def figure_warnings(
    form: FormSpec, task_id: str, values: dict[str, Any], unit: Unit
) -> list[tuple[FigureSpec, str]]:
    """Figures below what the 要点 demands of *unit*, or inconsistent with each other
    (warnings only). Figures the 要点 does not ask of the unit are never checked."""
    out: list[tuple[FigureSpec, str]] = []
    figures = form.figures_for(task_id, unit)
    by_key = {f.key: values.get(f.store_key) for f in figures}
    for fig in figures:
        value = by_key[fig.key]
        if value is None or value == "":
            continue
        number = _num(value)
        if fig.demand_min is not None and number is not None and number < fig.demand_min:
            out.append(
                (
                    fig,
                    f"{quoted(fig.label)}为{value:g}{fig.unit}，低于要点要求的{fig.demand_min:g}{fig.unit}。",
                )
            )
        if fig.demand_true and value is False:
            out.append((fig, f"{quoted(fig.label)}为“否”，要点要求做到。"))
        if fig.at_most_field:
            other = _num(by_key.get(fig.at_most_field))
            if number is not None and other is not None and number > other:
                ref = next(f for f in figures if f.key == fig.at_most_field)
                out.append(
                    (
                        fig,
                        f"{quoted(fig.label)}（{value:g}）大于{quoted(ref.label)}（{other:g}），请核对。",
                    )
                )
        if fig.at_least_field:
            other = _num(by_key.get(fig.at_least_field))
            if number is not None and other is not None and number < other:
                ref = next(f for f in figures if f.key == fig.at_least_field)
                out.append(
                    (
                        fig,
                        f"{quoted(fig.label)}（{value:g}）少于{quoted(ref.label)}（{other:g}），要点要求每起都在24小时内发布。",
                    )
                )
    return out


def from_cover(fig: FigureSpec, value: Any, cover: Mapping[str, Any]) -> bool:
    """*value* is only the copy of the cover's field that the figure is prefilled from (the
    分管负责同志 of 五（一） repeats the 封面信息), not an answer to the task."""
    if not fig.prefill_from or is_empty(value):
        return False
    return bool(cover.get(fig.prefill_from.split(".", 1)[1]) == value)


def task_state(
    form: FormSpec,
    duty: Applicable,
    values: dict[str, Any],
    unit: Unit,
    cover: Mapping[str, Any] | None = None,
) -> str:
    """The side panel's mark of one task, from that task's own answers only: a figure that
    merely repeats the cover (*cover*: the ``profile`` values) does not make it 填写中."""
    if duty.optional:
        decided = values.get("applicable")
        if decided is None:
            return UNDECIDED
        if decided is False:
            return NOT_APPLICABLE
    figures = form.figures_for(duty.task_id, unit)
    own = [values.get(f.key) for f in form.task_fields] + [
        values.get(f.store_key)
        for f in figures
        if not from_cover(f, values.get(f.store_key), cover or {})
    ]
    if all(is_empty(v) for v in own):
        return EMPTY
    if missing_task_fields(form, values):
        return PARTIAL
    if figure_warnings(form, duty.task_id, values, unit):
        return WARNING
    return DONE


def review(
    form: FormSpec,
    applicable: list[Applicable],
    values: dict[str, dict[str, Any]],
    task_titles: dict[str, str],
    unit: Unit,
) -> list[Problem]:
    """Everything missing or questionable, in wizard order; each names the page to jump to."""
    problems: list[Problem] = []
    profile = values.get("profile", {})
    for f in form.profile_fields:
        if f.required and is_empty(profile.get(f.key)):
            problems.append(
                Problem("profile", f"封面信息：未填写{quoted(f.label)}", "missing", f.key)
            )
    issuer = profile.get("issuer_name")
    if not is_empty(issuer):
        from desktop.names import name_problem

        # The report's title, signature and file name carry it: the export refuses it too.
        problem = name_problem(issuer, "发文机关名称")
        if problem:
            problems.append(Problem("profile", f"封面信息：{problem}", "missing", "issuer_name"))
    for duty in applicable:
        task_values = values.get(task_scope(duty.task_id), {})
        title = task_titles.get(duty.task_id, duty.task_id)
        page = task_scope(duty.task_id)
        if duty.optional:
            decided = task_values.get("applicable")
            if decided is None:
                problems.append(
                    Problem("scope", f"{title}：请确认本单位是否适用", "missing", duty.task_id)
                )
                continue
            if decided is False:
                if is_empty(task_values.get("not_applicable_reason")):
                    problems.append(
                        Problem(
                            "scope", f"{title}：选择了“不适用”，请填写原因", "missing", duty.task_id
                        )
                    )
                continue
        for f in missing_task_fields(form, task_values):
            problems.append(Problem(page, f"{title}：未填写{quoted(f.label)}", "missing", f.key))
        for fig, message in figure_warnings(form, duty.task_id, task_values, unit):
            problems.append(Problem(page, f"{title}：{message}", "warning", fig.store_key))
    texts = values.get("texts", {})
    for f in form.report_fields:
        if f.required and is_empty(texts.get(f.key)):
            problems.append(
                Problem("texts", f"报告正文：未填写{quoted(f.label)}", "missing", f.key)
            )
    return problems


def review_missing(form: FormSpec, values: dict[str, dict[str, Any]]) -> list[Problem]:
    out = []
    rv = values.get("review", {})
    for f in form.review_fields:
        value = rv.get(f.key)
        if f.required and (is_empty(value) or value is False):
            out.append(Problem("review", f"保密审查：未填写{quoted(f.label)}", "missing", f.key))
    return out


def can_finalise(problems: list[Problem], review_problems: list[Problem]) -> bool:
    return not any(p.kind == "missing" for p in problems) and not review_problems
