"""Generated unit reports, for tests, the benchmark and screenshots of the office window.

Each report is a valid payload (exchange format v1) built from the unit's applicable tasks, so
it passes :func:`desktop.payload.validate`. Which status a task gets and which figures it
carries are chosen by the caller (or by a deterministic default), so a test knows the answer.
It can be written as exchange ``.json`` or as a minimal ``.docx`` with the payload embedded
(:func:`desktop.docx_payload.embed`) — the container the import path reads.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

from desktop import payload as payload_mod
from desktop.answers import DONE, ONGOING, UNFINISHED, StatusWords
from desktop.applicability import tasks_for
from desktop.catalogue import Catalogue
from desktop.fileio import atomic_write
from desktop.forms import FormSpec
from desktop.units import Directory, Unit

StatusFor = Callable[[str, str], str | None]  # (unit, task id) → status, or None to omit
FigureFor = Callable[[str, str, str], int | float | bool | str | None]


def default_status(unit: str, task_id: str, words: StatusWords) -> str | None:
    """Mostly done, some ongoing, a few unfinished; stable for a given unit and task."""
    n = zlib.crc32(f"{unit}|{task_id}".encode()) % 10
    return words.done if n < 6 else words.ongoing if n < 9 else words.unfinished


def default_figure(unit: str, task_id: str, key: str) -> int | float | bool | str | None:
    n = zlib.crc32(f"{unit}|{task_id}|{key}".encode()) % 7
    return n


def _figure_value(spec, value):
    if value is None:
        return None
    if spec.type == "integer":
        v = int(value)
        if spec.max is not None:
            v = min(v, int(spec.max))
        return v
    if spec.type == "decimal":
        return float(value)
    if spec.type == "boolean":
        return bool(value)
    if spec.type == "date":
        return value if isinstance(value, str) else "2016-10-20"
    return str(value)


def make_payload(
    catalogue: Catalogue,
    form: FormSpec,
    directory: Directory,
    unit: Unit | str,
    report_date: str = "2016-11-28",
    status_for: StatusFor | None = None,
    figure_for: FigureFor = default_figure,
    final: bool = True,
    include_optional: bool = False,
    measures_chars: int = 0,
) -> dict:
    """A report of *unit* on every mandatory task that applies to it."""
    if status_for is None:
        words = form.statuses
        status_for = lambda u, t: default_status(u, t, words)  # noqa: E731
    if isinstance(unit, str):
        found = directory.unit(unit)
        unit = found if found is not None else Unit(unit)
    data = payload_mod.empty(catalogue, unit.name)
    data["status"] = "final" if final else "draft"
    data["unit_info"] = {
        "kind": unit.kind,
        "full_name": unit.full_name or unit.name,
        "categories": list(unit.categories),
    }
    data["profile"] = {
        "issuer_name": unit.report_name,
        "contact_name": "张三",
        "contact_phone": "0411-12345678",
        "leader_name": "李四",
        "leader_title": "副主任",
        "report_date": report_date,
    }
    data["texts"] = {
        "overview": f"{unit.name}高度重视政务公开工作。",
        "problems": "个别栏目更新不够及时。",
        "plans": "进一步加强政务公开工作。",
    }
    data["review"] = {"reviewer_name": "王五", "review_date": report_date, "confirmed": True}
    for duty in tasks_for(catalogue, directory, unit):
        if duty.optional and not include_optional:
            continue
        status = status_for(unit.name, duty.task_id)
        if status is None:
            continue
        answer: dict = {"role": duty.role, "optional": duty.optional, "applicable": True}
        answer["status"] = status
        cited = catalogue.ref(duty.task_id)  # as a clerk would write it, never the id
        answer["measures"] = f"{unit.name}落实{cited}的主要做法。"
        if measures_chars:
            filler = (
                "通过政府网站专栏、新闻发布会和政务新媒体及时公开相关信息，并建立台账逐项落实。"
            )
            answer["measures"] += (filler * (measures_chars // len(filler) + 1))[:measures_chars]
        meaning = form.statuses.meaning(status)
        if meaning in (DONE, ONGOING):
            answer["results"] = f"{unit.name}落实{cited}取得成效。"
        if meaning == ONGOING:
            answer["next_steps"] = "年底前完成。"
        if meaning == UNFINISHED:
            answer["unfinished_reason"] = "人员不足，明年一季度完成。"
        figures = {}
        for spec in form.figures_for(duty.task_id, unit):
            value = _figure_value(spec, figure_for(unit.name, duty.task_id, spec.key))
            if value is not None:
                figures[spec.key] = value
        for spec in form.figures_for(duty.task_id, unit):
            # Keep generated figures consistent (e.g. answered ≤ received).
            ref = spec.at_most_field
            if ref and spec.key in figures and ref in figures:
                figures[spec.key] = min(figures[spec.key], figures[ref])
        if figures:
            answer["figures"] = figures
        data["answers"][duty.task_id] = answer
    return data


def write_json(path: Path, data: dict) -> Path:
    atomic_write(path, payload_mod.dumps(data).encode("utf-8"), "交换文件")
    return path


def write_docx(path: Path, data: dict) -> Path:
    """A minimal Word file carrying the payload, as the clerks' export does."""
    from io import BytesIO

    from docx import Document

    from desktop.docx_payload import embed

    doc = Document()
    name = data["profile"].get("issuer_name") or data["unit"]
    doc.add_paragraph(f"{name}关于{data['catalogue']['title']}落实情况的报告")
    doc.add_paragraph("市政府办公厅：")
    doc.add_paragraph(data["texts"].get("overview", ""))
    embed(doc, payload_mod.dumps(data))
    buffer = BytesIO()
    doc.save(buffer)
    atomic_write(path, buffer.getvalue(), "报告")
    return path
