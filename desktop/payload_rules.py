"""The rules an exchange payload must meet before anything is imported (``payload.validate``).

Validation never trusts the file: unknown task ids, wrong types, oversized texts, another
catalogue, a newer format version are each reported as one Chinese line naming the place.
Beyond the shape it enforces what a file must not be able to claim or smuggle in:

* ``status: final`` only with the 保密审查 done (``review.confirmed``, reviewer and date);
* a task the unit must report on (not a 相关部门 one) is never ``applicable: false``;
* dates between 2000 and a year from today (9999-12-31 would pin a report forever under the
  newer-wins rule of 汇总), numbers finite and within reason, every text within its length;
* unit and lead names through the shared name validator (:mod:`desktop.names`);
* untrusted values are quoted short and visible (:func:`shown`), never whole.

:mod:`desktop.payload` re-exports :func:`validate`, :func:`check_value`, :func:`check_evidence`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from desktop.answers import DRAFT, FIGURES, REPORT_STATUSES
from desktop.catalogue import ROLES, Catalogue
from desktop.forms import FormSpec
from desktop.names import name_problem
from desktop.textclean import clip, visible

if TYPE_CHECKING:
    from desktop.units import Directory

FORMAT = "zwgk-report"
VERSION = 1
MAX_TEXT = 200_000  # characters in one answer field
MAX_EVIDENCE = 200
MAX_EVIDENCE_TEXT = 2000  # characters of an evidence entry's name or address
ALLOWED_TOP = frozenset(
    (
        "format",
        "version",
        "catalogue",
        "unit",
        "unit_info",
        "status",
        "profile",
        "texts",
        "review",
        "answers",
        "exported_at",
        "app_version",
        "contribution",  # a cooperating unit's part for its lead unit (docs/lead.md)
    )
)
MAX_NUMBER = 10**15  # no count or amount in a report comes near; bigger is a damaged file
EARLIEST_DATE = date(2000, 1, 1)
FUTURE_DAYS = 366  # a date (or export time) later than a year from today is refused

# Messages name the place as a person reads it — 一（六）“完成状态”, 封面信息“报告日期” — never
# as a JSON path with an internal task id (answers["1.6.1"].status): the office reads them in
# its import log, the clerk in the import dialog.
TOP_NAMES = {
    "catalogue": "要点",
    "unit": "填报单位",
    "unit_info": "单位信息",
    "status": "报告状态",
    "app_version": "程序版本号",
    "exported_at": "导出时间",
    "contribution": "配合材料",
    "profile": "封面信息",
    "texts": "报告正文",
    "review": "审查定稿",
    "answers": "任务答复",
}
SUB_NAMES = {
    "title": "要点名称",
    "doc_number": "文号",
    "kind": "单位类型",
    "full_name": "单位全称",
    "title_name": "发文机关名称",
    "categories": "单位类别",
    "to": "牵头单位",
    "tasks": "任务",
}
ANSWER_NAMES = {
    "role": "责任类型",
    "optional": "是否可选",
    "applicable": "是否适用",
    "not_applicable_reason": "不适用的理由",
    "evidence": "公开载体",
    FIGURES: "填报数据",
}
EVIDENCE_NAMES = {"title": "名称", "url": "网址", "path": "文件名"}


def _in(where: str, name: str) -> str:
    """``一（六）`` + ``完成状态`` → ``一（六）“完成状态”``."""
    return f"{where}“{name}”"


def _unknown(where: str, key: Any) -> str:
    return f"{where}中的“{shown(key)}”：不认识的项"


def check_header(data: Mapping[str, Any]) -> list[str]:
    """Format and version only: what must hold before anything else is read."""
    if data.get("format") != FORMAT:
        return ["不是本程序导出的报告数据（缺少格式标记 zwgk-report）"]
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        return ["报告数据缺少格式版本号"]
    if version > VERSION:
        return [
            f"报告数据由更新版本的程序导出（格式版本{version}，本程序支持到{VERSION}），请升级本程序后再导入"
        ]
    if version < 1:
        return [f"报告数据的格式版本{version}无效"]
    return []


def validate(
    data: Mapping[str, Any],
    catalogue: Catalogue,
    form: FormSpec,
    directory: Directory | None = None,
) -> list[str]:
    """Every problem in *data* for *catalogue*; empty when it can be imported as is.

    With *directory*, a task the unit must report on (not a 相关部门 one) marked not
    applicable is a problem too.
    """
    problems = check_header(data)
    if problems:
        return problems
    for key in data:
        if key not in ALLOWED_TOP:
            problems.append(_unknown("报告数据", key))
    cat = data.get("catalogue")
    if not isinstance(cat, dict) or not isinstance(cat.get("id"), str):
        problems.append("要点：缺少要点目录编号")
    elif cat["id"] != catalogue.id:
        title = cat.get("title") if isinstance(cat.get("title"), str) else cat["id"]
        problems.append(f"要点：报告属于要点“{shown(title)}”，不是当前的《{catalogue.title}》")
        return problems
    else:
        for k in ("title", "doc_number"):
            problems += _check_text(cat.get(k, ""), _in("要点", SUB_NAMES[k]), 300)
    unit = data.get("unit")
    if not isinstance(unit, str) or not unit.strip():
        problems.append("填报单位：缺少填报单位名称")
    else:
        problem = name_problem(unit, "填报单位名称")
        if problem:
            problems.append(f"填报单位：{problem}")
    if "contribution" in data:
        problems += _check_contribution(data["contribution"], catalogue)
    if data.get("status", DRAFT) not in REPORT_STATUSES:
        problems.append(f"报告状态：“{shown(data.get('status'))}”不是 draft 或 final")
    problems += _check_unit_info(data.get("unit_info", {}))
    for key, limit in (("app_version", 40), ("exported_at", 40)):
        if key in data:
            problems += _check_text(data[key], TOP_NAMES[key], limit)
    if isinstance(data.get("exported_at"), str) and data["exported_at"]:
        problems += _check_moment(data["exported_at"], TOP_NAMES["exported_at"])
    for key, fields in (
        ("profile", form.profile_fields),
        ("texts", form.report_fields),
        ("review", form.review_fields),
    ):
        problems += _check_fields(data.get(key, {}), fields, TOP_NAMES[key])
    problems += _check_review_gate(data)
    answers = data.get("answers", {})
    if not isinstance(answers, dict):
        problems.append("任务答复：应为对象（任务编号 → 答案）")
        return problems
    known = set(catalogue.task_ids())
    for task_id, answer in answers.items():
        if task_id not in known:
            # Unknown to this 要点: its id is all there is to name it by.
            problems.append(f"任务答复：要点中没有编号为 {shown(task_id)} 的任务")
            continue
        where = catalogue.ref(task_id)  # 一（六）, as the 要点 numbers it
        if not isinstance(answer, dict):
            problems.append(f"{where}：应为对象")
            continue
        problems += _check_answer(answer, form, task_id, where)
    if directory is not None and not problems:
        problems += _check_mandatory(data, catalogue, directory)
    return problems


def shown(value: Any, limit: int = 40) -> str:
    """An untrusted value as it may appear in a message: short, control characters visible."""
    if isinstance(value, str) and len(value) <= limit and value.isprintable():
        return value  # the common case (every key of every answer): nothing to do
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)[:200]
    return clip(visible(text[: limit + 1]), limit)


def _check_unit_info(info: Any) -> list[str]:
    if not isinstance(info, dict):
        return ["单位信息：应为对象"]
    problems = []
    for key in info:
        if key not in ("kind", "full_name", "title_name", "categories"):
            problems.append(_unknown("单位信息", key))
    if "categories" in info:
        cats = info["categories"]
        where = _in("单位信息", SUB_NAMES["categories"])
        if not _is_str_list(cats):
            problems.append(f"{where}：应为文字列表")
        elif len(cats) > 20 or any(len(c) > 60 for c in cats):
            problems.append(f"{where}：类别过多或名称过长")
    for k in ("kind", "full_name", "title_name"):
        if k in info:
            problems += _check_text(info[k], _in("单位信息", SUB_NAMES[k]), 80)
    return problems


def _check_review_gate(data: Mapping[str, Any]) -> list[str]:
    """A final report has passed the 保密审查 gate: the file cannot just claim it."""
    if data.get("status") != "final":
        return []
    review = data.get("review")
    review = review if isinstance(review, dict) else {}
    if (
        review.get("confirmed") is True
        and review.get("reviewer_name")
        and review.get("review_date")
    ):
        return []
    return [
        "报告状态：报告标为定稿，但没有完成保密审查确认（确认、审查人、审查日期）。"
        "请让该单位在程序的“审查定稿”中完成保密审查后重新导出"
    ]


def _check_mandatory(
    data: Mapping[str, Any], catalogue: Catalogue, directory: Directory
) -> list[str]:
    """Tasks the unit must report on may not be marked not applicable."""
    from desktop.applicability import tasks_for
    from desktop.units import Unit

    declined = [t for t, a in data.get("answers", {}).items() if a.get("applicable") is False]
    if not declined:
        return []  # nothing declined: no need to work out which tasks are mandatory
    unit = directory.unit(data["unit"])
    if unit is None:
        info = data.get("unit_info") or {}
        categories = tuple(
            c.name for c in map(directory.category, info.get("categories", ())) if c is not None
        )
        unit = Unit(name=data["unit"], categories=categories)
    mandatory = {a.task_id for a in tasks_for(catalogue, directory, unit) if not a.optional}
    return [
        f"{catalogue.ref(task_id)}：这是“{unit.name}”必须报告的任务"
        "（不是“相关部门”自行判断的任务），不能标为“不适用”"
        for task_id in declined
        if task_id in mandatory
    ]


def _check_contribution(block: Any, catalogue: Catalogue) -> list[str]:
    if not isinstance(block, dict):
        return ["配合材料：应为对象"]
    problems = []
    for key in block:
        if key not in ("to", "tasks"):
            problems.append(_unknown("配合材料", key))
    to = block.get("to")
    where = _in("配合材料", SUB_NAMES["to"])
    if not isinstance(to, str) or not to.strip():
        problems.append(f"{where}：缺少牵头单位名称")
    else:
        problem = name_problem(to, "牵头单位名称")
        if problem:
            problems.append(f"{where}：{problem}")
    tasks = block.get("tasks", [])
    if not _is_str_list(tasks) or len(tasks) > len(catalogue.task_ids()):
        problems.append(f"{_in('配合材料', SUB_NAMES['tasks'])}：应为任务编号列表")
    return problems


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _check_answer(answer: Mapping[str, Any], form: FormSpec, task_id: str, where: str) -> list[str]:
    problems: list[str] = []
    specs = {f.key: f for f in form.task_fields}
    for key, value in answer.items():
        label = specs[key].label if key in specs else ANSWER_NAMES.get(key)
        if label is None:
            problems.append(_unknown(where, key))
            continue
        place = _in(where, label)
        if key == "applicable":
            if not isinstance(value, bool):
                problems.append(f"{place}：应为 true 或 false")
        elif key == "not_applicable_reason":
            problems += _check_text(value, place, 500)
        elif key == "role":
            if value not in ROLES:
                problems.append(f"{place}：“{shown(value)}”不是 lead/responsible/cooperate")
        elif key == "optional":
            if not isinstance(value, bool):
                problems.append(f"{place}：应为 true 或 false")
        elif key == "evidence":
            problems += check_evidence(value, place)
        elif key == FIGURES:
            problems += _check_figures(value, form, task_id, where)
        elif key in specs:
            problems += check_value(
                value, specs[key].type, place, specs[key].options, specs[key].max_length or MAX_TEXT
            )
    return problems


def _check_fields(values: Any, fields: list, where: str) -> list[str]:
    if not isinstance(values, dict):
        return [f"{where}：应为对象"]
    specs = {f.key: f for f in fields}
    problems = []
    for key, value in values.items():
        if key not in specs:
            problems.append(_unknown(where, key))
            continue
        spec = specs[key]
        place = _in(where, spec.label)
        problems += check_value(value, spec.type, place, spec.options, spec.max_length or MAX_TEXT)
    return problems


def _check_figures(values: Any, form: FormSpec, task_id: str, where: str) -> list[str]:
    if not isinstance(values, dict):
        return [f"{_in(where, ANSWER_NAMES[FIGURES])}：应为对象"]
    # Every figure of the task is accepted (a unit's earlier answer to a figure that is no longer
    # asked of it is kept, never a reason to refuse the file); readers show only theirs.
    specs = {f.key: f for f in form.all_figures(task_id)}
    problems = []
    for key, value in values.items():
        if key not in specs:
            problems.append(f"{where}中的“{shown(key)}”：这项任务没有这项数据")
            continue
        spec = specs[key]
        place = f"{where}“{spec.label}”"
        wrong = check_value(value, spec.type, place, (), 2000)
        problems += wrong
        if not wrong and isinstance(value, (int, float)) and not isinstance(value, bool):
            if spec.min is not None and value < spec.min:
                problems.append(f"{place}：不能小于{spec.min:g}")
            if spec.max is not None and value > spec.max:
                problems.append(f"{place}：不能大于{spec.max:g}")
    return problems


def check_evidence(value: Any, where: str) -> list[str]:
    if not isinstance(value, list):
        return [f"{where}：应为列表"]
    if len(value) > MAX_EVIDENCE:
        return [f"{where}：最多{MAX_EVIDENCE}条"]
    problems = []
    for i, entry in enumerate(value):
        place = f"{where}第{i + 1}条"
        if not isinstance(entry, dict):
            problems.append(f"{place}：应为对象")
            continue
        for key, item in entry.items():
            if key not in EVIDENCE_NAMES:
                problems.append(_unknown(place, key))
            else:
                problems += _check_text(item, _in(place, EVIDENCE_NAMES[key]), MAX_EVIDENCE_TEXT)
    return problems


def _check_text(value: Any, where: str, limit: int) -> list[str]:
    if not isinstance(value, str):
        return [f"{where}：应为文字"]
    if len(value) > limit:
        return [f"{where}：超过{limit}个字"]
    return []


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_value(
    value: Any, kind: str, where: str, options: tuple = (), limit: int = MAX_TEXT
) -> list[str]:
    """Type check of one value against a field type from ``forms/``."""
    if value is None:
        return []
    if kind in ("text", "textarea", "url", "phone"):
        return _check_text(value, where, limit)
    if kind == "choice":
        if value == "":
            return []
        if value not in options:
            return [f"{where}：“{shown(value)}”不是可选值（{'、'.join(options)}）"]
        return []
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return [f"{where}：应为整数"]
        return _check_magnitude(value, where)
    if kind == "decimal":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return [f"{where}：应为数字"]
        if isinstance(value, float) and not math.isfinite(value):
            return [f"{where}：“{value}”不是数字"]
        return _check_magnitude(value, where)
    if kind == "boolean":
        if not isinstance(value, bool):
            return [f"{where}：应为 true 或 false"]
        return []
    if kind == "date":
        if value == "":
            return []
        if not isinstance(value, str) or not _DATE.match(value):
            return [f"{where}：日期应写成 YYYY-MM-DD"]
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return [f"{where}：“{value}”不是有效日期"]
        return _check_day(day, where)
    if kind == "evidence":
        return check_evidence(value, where)
    return [f"{where}：未知的字段类型 {kind}"]


def _check_magnitude(value: float, where: str) -> list[str]:
    if abs(value) > MAX_NUMBER:
        return [f"{where}：数字 {shown(value, 20)} 超出合理范围"]
    return []


def _check_day(day: date, where: str) -> list[str]:
    """Dates decide which report is newer (docs/consolidate.md): 9999-12-31 would pin one."""
    latest = date.today() + timedelta(days=FUTURE_DAYS)
    if day < EARLIEST_DATE or day > latest:
        return [f"{where}：日期 {day.isoformat()} 不在合理范围内（应在 2000 年到明年之间）"]
    return []


def _check_moment(value: str, where: str) -> list[str]:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return [f"{where}：“{shown(value)}”不是有效的时间"]
    return _check_day(moment.date(), where)
