"""One unit's report in and out of the store as the exchange payload (docs/exchange-format.md).

Export groups the stored rows back into the payload's shape (``figures.<key>`` → ``figures``),
with ``role``/``optional`` computed from the unit directory for every task the unit must or may
answer, and leaves out empty values. Import validates the whole document first
(:func:`desktop.payload.validate` plus the unit) and then writes everything in one transaction:
all of it, or — on any problem or failure — nothing.

Import makes the stored report equal to the file: a stored value the file does not carry is
cleared (with a revision, so it can be restored from the history).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from desktop import payload
from desktop.answers import (
    DRAFT,
    FIGURES,
    PLAIN_SCOPES,
    PROFILE,
    REVIEW,
    TEXTS,
    figure_key_of,
    figure_store_key,
    task_scope,
)
from desktop.applicability import tasks_for
from desktop.catalogue import Catalogue
from desktop.forms import FormSpec
from desktop.names import name_problem, normalise
from desktop.payload import PayloadError
from desktop.payload_types import Answer, Payload, UnitInfo
from desktop.store.repository import Store
from desktop.units import KIND_LABELS, Directory, Unit

META_GROUPS = PLAIN_SCOPES  # the payload's top-level groups are the store's plain scopes


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _utf8_safe(value: Any) -> Any:
    """Lone surrogates (a broken paste; the store keeps them) cannot be written as UTF-8:
    the exchange file carries U+FFFD in their place, so writing it never fails."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_utf8_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _utf8_safe(v) for k, v in value.items()}
    return value


def _empty(value: Any) -> bool:
    # Stricter than answers.is_empty on purpose: whitespace the clerk typed travels as typed,
    # so export → import leaves the store exactly as it was.
    return value is None or value == "" or value == [] or value == {}


def unit_info(unit: Unit) -> UnitInfo:
    info: UnitInfo = {"kind": unit.kind, "categories": list(unit.categories)}
    if unit.full_name:
        info["full_name"] = unit.full_name
    if unit.title_name:
        info["title_name"] = unit.title_name
    return info


def export_payload(
    store: Store, report_id: int, catalogue: Catalogue, form: FormSpec, directory: Directory
) -> Payload:
    """The exchange document of one report. Canonical text: ``desktop.payload.dumps``.

    Tasks with stored answers that the directory no longer assigns to the unit are exported
    too, without ``role``/``optional`` (nothing typed is dropped); see :func:`orphan_tasks`.
    """
    info = store.report_info(report_id)
    if info.catalogue_id != catalogue.id:
        raise ValueError(f"report {report_id} answers {info.catalogue_id}, not {catalogue.id}")
    values = store.load_values(report_id)
    data = payload.empty(catalogue, info.unit)
    data["status"] = info.status
    unit = directory.unit(info.unit)
    if unit is not None:
        data["unit_info"] = unit_info(unit)
    data["profile"] = _filled(values.get(PROFILE, {}))
    data["texts"] = _filled(values.get(TEXTS, {}))
    data["review"] = _filled(values.get(REVIEW, {}))
    answers: dict[str, Answer] = {}
    applicable = tasks_for(catalogue, directory, unit) if unit is not None else []
    for duty in applicable:
        answer = _answer(values.get(task_scope(duty.task_id), {}))
        answers[duty.task_id] = {"role": duty.role, "optional": duty.optional, **answer}
    for task_id in catalogue.task_ids():
        if task_id not in answers and values.get(task_scope(task_id)):
            answers[task_id] = _answer(values[task_scope(task_id)])
    data["answers"] = answers
    # Evidence files by name only: the clerk's folders and user name stay on this PC.
    return payload.without_local_paths(cast(Payload, _utf8_safe(data)))


def _filled(stored: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in stored.items() if not _empty(v)}


def _answer(stored: dict[str, Any]) -> Answer:
    """One task's stored fields in the payload's shape (``applicable`` true unless stored)."""
    out: dict[str, Any] = {"applicable": True}
    for key, value in stored.items():
        if _empty(value):
            continue
        figure = figure_key_of(key)
        if figure is not None:
            out.setdefault(FIGURES, {})[figure] = value
        else:
            out[key] = value
    return cast(Answer, out)  # keys are the form's task fields: validate() holds them to it


def orphan_tasks(data: Payload) -> list[str]:
    """Task ids in an exported document that the directory does not assign to its unit."""
    return [tid for tid, a in data.get("answers", {}).items() if "role" not in a]


@dataclass
class ImportResult:
    report_id: int
    unit: str
    written: int  # values set or changed (not counting the default applicable: true)
    cleared: int  # stored values the file did not carry, now empty
    notices: list[str] = field(default_factory=list)


def _resolve_unit(data: Payload, directory: Directory) -> tuple[Unit | None, list[str]]:
    """The directory's unit for the document, or a new one from ``unit_info``; problems."""
    problem = directory.name_problem(data["unit"], "填报单位名称")
    if problem:
        return None, [f"unit：{problem}"]
    name = normalise(data["unit"])
    known = directory.unit(name)
    if known is not None:
        return known, []
    info = data.get("unit_info") or {}
    categories = info.get("categories") or []
    if not categories:
        return None, [
            f"unit：单位名录中没有“{name}”，文件中也没有它的类别（unit_info.categories），"
            "无法确定它要报告哪些任务。请先在填报向导中添加该单位，再导入。"
        ]
    problems = [
        f"unit_info.categories：没有名为“{c}”的单位类别"
        for c in categories
        if directory.category(c) is None
    ]
    if problems:
        return None, problems
    for key, what in (("full_name", "单位全称"), ("title_name", "发文机关名称")):
        problem = name_problem(info.get(key, ""), what, max_length=80, allow_empty=True)
        if problem:
            problems.append(f"unit_info.{key}：{problem}")
    if problems:
        return None, problems
    kind = str(info["kind"]) if info.get("kind") in KIND_LABELS else "other"
    unit = Unit(
        name=name,
        categories=tuple(directory.category(c).name for c in categories),  # type: ignore[union-attr]
        full_name=normalise(info.get("full_name", "")),
        title_name=normalise(info.get("title_name", "")),
        kind=kind,
        user_added=True,
    )
    return unit, []


def _changes(data: Payload) -> list[tuple[str, str, Any]]:
    changes: list[tuple[str, str, Any]] = []
    groups = cast(Mapping[str, Any], data)  # the plain groups are walked by their scope names
    for group in META_GROUPS:
        for key, value in groups.get(group, {}).items():
            changes.append((group, key, value))
    for task_id, answer in data.get("answers", {}).items():
        scope = task_scope(task_id)
        for key, value in answer.items():
            if key in ("role", "optional"):
                continue  # computed for the reader's directory, never stored
            if key == FIGURES:
                for fkey, fvalue in answer.get("figures", {}).items():
                    changes.append((scope, figure_store_key(fkey), fvalue))
            else:
                changes.append((scope, key, value))
    return changes


def contribution_refusal(unit: str, block: Mapping[str, Any]) -> str:
    """Why a contribution is not imported as a report (it is only a part of some tasks)."""
    return (
        f"这是“{unit}”发给牵头单位“{block.get('to', '')}”的配合材料，不是完整的报告，不能作为报告导入。"
        "牵头单位请打开本单位的报告，用“工具 → 收集配合单位材料…”收入。"
    )


def apply_payload(
    store: Store,
    data: Mapping[str, Any],
    catalogue: Catalogue,
    form: FormSpec,
    directory: Directory,
) -> ImportResult:
    """Validate *data* and write all of it in one transaction, or raise and write nothing.

    Raises :class:`desktop.payload.PayloadError` listing every problem, or StoreError.
    """
    if not isinstance(data, dict):
        raise PayloadError(["文件内容不是报告数据（顶层应为对象）"])
    problems = payload.validate(data, catalogue, form, directory)
    if problems:
        raise PayloadError(problems)
    block = payload.contribution_of(data)
    if block is not None:
        raise PayloadError([contribution_refusal(data["unit"], block)])
    data = cast(Payload, data)  # validated above
    unit, problems = _resolve_unit(data, directory)
    if problems or unit is None:
        raise PayloadError(problems)
    # A path from another PC points nowhere here; an older export may still carry one.
    changes = _changes(payload.without_local_paths(data))
    incoming = {(scope, key) for scope, key, _ in changes}
    with store.transaction():
        report_id = store.create_report(unit.name, catalogue.id)
        clears = [
            (scope, key, None)
            for scope, fields in store.load_values(report_id).items()
            for key in fields
            if (scope, key) not in incoming
        ]
        done = store.save_fields(report_id, changes + clears)
        store.set_status(report_id, data.get("status", DRAFT))
    cleared = sum(1 for r in done if (r.scope, r.key) not in incoming)
    # "applicable: true" is the default every export spells out; not worth counting as content.
    written = sum(
        1
        for r in done
        if (r.scope, r.key) in incoming and not (r.key == "applicable" and r.new is True)
    )
    result = ImportResult(report_id, unit.name, written, cleared)
    if directory.unit(unit.name) is None:
        from desktop.fileio import FileWriteError
        from desktop.names import InvalidName
        from desktop.schema import DataFileError
        from desktop.units import save_user_unit

        try:
            save_user_unit(unit)
            result.notices.append(f"单位“{unit.name}”不在单位名录中，已按文件中的类别加入名录。")
        except (OSError, DataFileError, FileWriteError, InvalidName) as exc:
            result.notices.append(
                f"报告已导入，但没能把单位“{unit.name}”加入单位名录（{exc}）。"
                "请在填报向导中手动添加该单位。"
            )
    return result


def import_payload(
    store: Store,
    data: Mapping[str, Any],
    catalogue: Catalogue,
    form: FormSpec,
    directory: Directory,
) -> int:
    """As :func:`apply_payload`; returns the report id (the store-api.md signature)."""
    return apply_payload(store, data, catalogue, form, directory).report_id
