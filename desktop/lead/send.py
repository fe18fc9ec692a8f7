"""Send my part: a cooperating unit's answers to the tasks it shares with one lead unit.

The file is the exchange format (docs/exchange-format.md) with a ``contribution`` block naming
the lead and the tasks; it carries only those tasks, the unit's contact and its report date.
Evidence leaves the PC as a file name only, never a local path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from desktop.answers import DRAFT, has_content, not_applicable
from desktop.applicability import tasks_for
from desktop.catalogue import Catalogue
from desktop.lead.roles import shared_with_leads
from desktop.payload import without_local_paths
from desktop.payload_types import Payload
from desktop.units import Directory, Unit

PROFILE_KEYS = ("issuer_name", "contact_name", "contact_phone", "report_date")
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass
class Parcel:
    """What one lead gets: the shared tasks with something to say, and those still empty."""

    lead: str
    tasks: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)


def parcels(payload: Payload, catalogue: Catalogue, directory: Directory) -> list[Parcel]:
    """One parcel per lead unit this report's unit shares tasks with (tasks it declared not
    applicable are left out)."""
    unit = directory.unit(payload.get("unit", "")) or Unit(payload.get("unit", ""))
    answers = payload.get("answers", {})
    out = []
    shared = shared_with_leads(catalogue, directory, unit, tasks_for(catalogue, directory, unit))
    for lead, task_ids in shared.items():
        parcel = Parcel(lead)
        for task_id in task_ids:
            answer = answers.get(task_id)
            if not_applicable(answer):
                continue
            (parcel.tasks if has_content(answer) else parcel.empty).append(task_id)
        if parcel.tasks or parcel.empty:
            out.append(parcel)
    return out


def contribution(
    payload: Payload, lead: str, task_ids: list[str], when: str | None = None
) -> Payload:
    """The contribution document for *lead* from a unit's full payload."""
    answers = payload.get("answers", {})
    profile = payload.get("profile", {})
    data: Payload = {
        "format": payload["format"],
        "version": payload["version"],
        "catalogue": payload["catalogue"],
        "unit": payload["unit"],
        "unit_info": payload.get("unit_info", {}),
        "status": payload.get("status", DRAFT),
        "contribution": {"to": lead, "tasks": [t for t in task_ids if t in answers]},
        "profile": {k: profile[k] for k in PROFILE_KEYS if k in profile},
        "texts": {},
        # The 保密审查 confirmation goes along: a part of a final report is itself checked.
        "review": payload.get("review", {}),
        "answers": {t: answers[t] for t in task_ids if t in answers},
        "exported_at": when or datetime.now().isoformat(timespec="seconds"),
    }
    # Evidence files by name only: the folders on this PC do not go to the lead either.
    return without_local_paths(data)


def file_name(sender: str, lead: str) -> str:
    """``市教育局致市政府办公厅的配合材料.json``: who sends, to whom (safe on Windows)."""
    name = f"{sender}致{lead}的配合材料"
    return _UNSAFE_NAME.sub("", name).strip(" .") + ".json"
