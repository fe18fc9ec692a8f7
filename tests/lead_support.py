"""Shared helpers for the lead-unit tests (this module holds no tests itself).

The scenario is the 要点's own: 四（三）(4.3.1) is led by 市政府办公厅, every district and city
department cooperates, and the task asks for 举办政务公开业务培训次数 and 培训人数 — figures the
lead reports as the sum over the units.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop import payload
from desktop.lead import send
from desktop.store import Store, task_scope
from desktop.store.exchange import export_payload
from tests.test_store_support import real_context

TASK = "4.3.1"
LEAD = "市政府办公厅"
PARTS = {
    "市教育局": {
        "measures": "我局组织全市教育系统政务公开业务培训，覆盖各区市县教育局。",
        "results": "全系统政务公开人员轮训一遍。",
        "trainings_held": 3,
        "people_trained": 120,
    },
    "中山区": {
        "measures": "举办全区政务公开培训班，各街道政务公开专员参加。",
        "results": "",
        "trainings_held": 5,
        "people_trained": 260,
    },
}


def fill_part(store: Store, unit: str, **override) -> int:
    """*unit*'s report with its part of 4.3.1 (and 1.6.1, shared with 市财政局) answered."""
    part = {**PARTS[unit], **override}
    rid = store.create_report(unit, real_context()[0].id)
    scope = task_scope(TASK)
    changes = [
        ("profile", "issuer_name", unit),
        ("profile", "contact_name", "赵敏"),
        ("profile", "contact_phone", "0411-82765432"),
        ("profile", "report_date", part.get("report_date", "2016-11-20")),
        (scope, "status", "已完成"),
        (scope, "measures", part["measures"]),
        (scope, "figures.trainings_held", part["trainings_held"]),
        (scope, "figures.people_trained", part["people_trained"]),
        (
            scope,
            "evidence",
            [{"title": "培训通知", "url": "", "path": "C:\\Users\\zhao\\通知.pdf"}],
        ),
        (task_scope("1.6.1"), "status", "持续推进"),
        (task_scope("1.6.1"), "measures", "公开部门预算和“三公”经费。"),
    ]
    if part["results"]:
        changes.append((scope, "results", part["results"]))
    store.save_fields(rid, changes)
    return rid


def full_payload(store: Store, report_id: int) -> dict:
    catalogue, form, directory = real_context()
    return export_payload(store, report_id, catalogue, form, directory)


def write_part(store: Store, unit: str, folder: Path, lead: str = LEAD, **override) -> Path:
    """The contribution file *unit* sends to *lead*, as “发送给牵头单位…” writes it."""
    catalogue, _form, directory = real_context()
    rid = store.find_report(unit, catalogue.id) or fill_part(store, unit, **override)
    data = full_payload(store, rid)
    parcel = next(p for p in send.parcels(data, catalogue, directory) if p.lead == lead)
    doc = send.contribution(data, lead, parcel.tasks)
    path = folder / send.file_name(unit, lead)
    path.write_text(payload.dumps(doc), encoding="utf-8")
    return path


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
