"""Reading answers: one unit's answer to one task, and one task across every unit."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop import dates
from desktop.answers import not_applicable
from desktop.catalogue import ROLE_RANK
from desktop.consolidate.matrix import NO_REPORT, NOT_APPLICABLE, OPTIONAL_OPEN, Matrix
from desktop.consolidate.totals import format_number
from desktop.forms import FigureSpec, FormSpec
from desktop.payload_types import Answer
from desktop.textclean import xml_safe

_TEXT_KEYS = ("measures", "results", "next_steps", "unfinished_reason", "problems")


@dataclass
class AnswerView:
    """What the office reads when it clicks a cell. ``lines`` are (label, text) pairs."""

    unit: str
    task_id: str
    task_text: str
    role_label: str
    state: str
    lines: list[tuple[str, str]] = field(default_factory=list)
    source: str = ""
    task_name: str = ""  # 一（六） 深入推进预决算公开 (Catalogue.display_name)

    def text(self) -> str:
        head = f"{self.unit} · {self.task_name or self.task_id}（{self.role_label}）· {self.state}"
        body = [f"【{label}】\n{value}" for label, value in self.lines]
        tail = [f"来源：{self.source}"] if self.source else []
        return "\n\n".join([head, *body, *tail])


def answer_lines(
    answer: Answer, form: FormSpec, figures: list[FigureSpec]
) -> list[tuple[str, str]]:
    """The filled-in parts of an answer as (label, text), in the form's order; of the figures,
    only *figures* (those the 要点 asks of the unit)."""
    out: list[tuple[str, str]] = []
    if not_applicable(answer):
        out.append(("不适用理由", answer.get("not_applicable_reason", "") or "（未说明）"))
        return out
    labels = {f.key: f.label for f in form.task_fields}
    if answer.get("status"):
        out.append((labels.get("status", "完成状态"), answer["status"]))
    for key in _TEXT_KEYS:
        value = answer.get(key)
        if isinstance(value, str) and value.strip():
            out.append((labels.get(key, key), xml_safe(value)))
    given = answer.get("figures") or {}
    for spec in figures:
        if spec.key in given:
            value = given[spec.key]
            if isinstance(value, bool):
                shown = "是" if value else "否"
            elif isinstance(value, (int, float)):
                shown = format_number(value) + spec.unit
            else:
                shown = str(value)
            out.append((spec.label, shown))
    evidence = answer.get("evidence") or []
    if evidence:
        items = []
        for e in evidence:
            title = e.get("title", "")
            where = e.get("url") or e.get("path") or ""
            items.append(f"{title} {where}".strip())
        out.append((labels.get("evidence", "公开载体及网址"), "\n".join(items)))
    return out


def answer_view(matrix: Matrix, form: FormSpec, unit: str, task_id: str) -> AnswerView | None:
    """None when the task does not concern *unit*."""
    cell = matrix.cell(unit, task_id)
    if cell is None:
        return None
    row = matrix.row(unit)
    view = AnswerView(
        unit,
        task_id,
        matrix.catalogue.task(task_id).text,
        cell.role_label + ("（相关部门，可选）" if cell.optional else ""),
        cell.state,
        task_name=matrix.catalogue.display_name(task_id),
    )
    if row.report is None:
        view.lines.append(("情况", "该单位尚未报送报告。"))
        return view
    report = row.report
    profile = report.data.get("profile", {})
    contact = "，".join(
        x
        for x in (profile.get("contact_name", ""), profile.get("contact_phone", ""))
        if isinstance(x, str) and x
    )
    date = f"，报告日期{dates.shown_iso(report.report_date)}" if report.report_date else ""
    draft = "（草稿，报送单位尚未定稿）" if row.draft else ""
    view.source = f"{report.source_name}{draft}{date}" + (f"，联系人{contact}" if contact else "")
    answer = report.answers().get(task_id)
    if answer is None:
        if cell.kind == OPTIONAL_OPEN:
            view.lines.append(
                ("情况", "该单位未选择此项（相关部门任务，由单位自行判断是否适用）。")
            )
        else:
            view.lines.append(("情况", "报告中没有填写这项任务。"))
        return view
    view.lines += answer_lines(answer, form, row.asked(form, task_id))
    if not view.lines:
        view.lines.append(("情况", "报告中这项任务没有填写内容。"))
    return view


@dataclass
class TaskColumn:
    unit: str
    role: str
    role_label: str
    kind: str  # one of matrix.KINDS
    state: str  # the kind in words
    values: dict[str, str] = field(default_factory=dict)  # label → text
    draft: bool = False  # the unit's report is a draft


@dataclass
class TaskView:
    task_id: str
    task_text: str
    item_title: str
    labels: list[str]  # the row labels, in order
    columns: list[TaskColumn]


def task_view(matrix: Matrix, form: FormSpec, task_id: str) -> TaskView:
    """Every unit the task concerns, side by side: lead units first, then 负责, then 配合;
    units that answered before those that did not; directory order within."""
    section, item = matrix.catalogue.item_of(task_id)
    del section
    labels: list[str] = ["责任类型", "完成状态"]
    field_labels = {f.key: f.label for f in form.task_fields}
    labels += [field_labels[k] for k in _TEXT_KEYS if k in field_labels]
    labels += [s.label for s in form.all_figures(task_id)]
    labels += [field_labels.get("evidence", "公开载体及网址"), "不适用理由"]
    order = {u: n for n, u in enumerate(matrix.units())}
    columns: list[TaskColumn] = []
    for cell in matrix.cells_for_task(task_id):
        if cell.kind == OPTIONAL_OPEN:
            continue
        col = TaskColumn(cell.unit, cell.role, cell.role_label, cell.kind, cell.state)
        col.values["责任类型"] = cell.role_label
        col.values["完成状态"] = cell.state
        col.draft = matrix.row(cell.unit).draft
        report = matrix.row(cell.unit).report
        answer = report.answers().get(task_id) if report else None
        if answer:
            figures = matrix.row(cell.unit).asked(form, task_id)
            for label, text in answer_lines(answer, form, figures):
                col.values[label] = text
        columns.append(col)
    columns.sort(
        key=lambda c: (
            -ROLE_RANK[c.role],
            c.kind in (NO_REPORT, NOT_APPLICABLE),
            order[c.unit],
        )
    )
    return TaskView(task_id, matrix.catalogue.task(task_id).text, item.title, labels, columns)
