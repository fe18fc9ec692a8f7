"""The report payload: one unit's report as a versioned JSON document.

It is the exchange file (``answers export`` / ``answers import``), the part embedded in the
exported ``.docx`` and what 汇总 reads. The format is documented in ``docs/exchange-format.md``;
this module builds nothing from the store itself, it only defines and validates the shape.

Reading is bounded and strict (:func:`parse`, :func:`read_file` through
:mod:`desktop.safejson`); the rules a payload must meet are :mod:`desktop.payload_rules`
(re-exported here: :func:`validate`, :func:`check_value`, :func:`check_evidence`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from typing import Any, cast

from desktop import safejson
from desktop.answers import DRAFT
from desktop.catalogue import Catalogue
from desktop.errors import UserError
from desktop.forms import FormSpec
from desktop.payload_rules import (
    ALLOWED_TOP,
    FORMAT,
    MAX_EVIDENCE,
    MAX_TEXT,
    VERSION,
    check_evidence,
    check_header,
    check_value,
    shown,
    validate,
)
from desktop.payload_types import CatalogueRef, Payload
from desktop.safeio import UnreadableFile, read_bounded

MAX_PAYLOAD_BYTES = 30 * 1024 * 1024
MAX_DEPTH = 16  # the payload is 5 deep; anything deeper is not ours


class PayloadError(UserError):
    """The payload cannot be used at all; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems[:5]))
        self.problems = problems


def dumps(data: Mapping[str, Any]) -> str:
    """Canonical text: sorted keys, so export → import → export is byte-identical."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def empty(catalogue: Catalogue, unit: str) -> Payload:
    return {
        "format": FORMAT,
        "version": VERSION,
        "catalogue": catalogue_ref(catalogue),
        "unit": unit,
        "unit_info": {},
        "status": DRAFT,
        "profile": {},
        "texts": {},
        "review": {},
        "answers": {},
    }


def catalogue_ref(catalogue: Catalogue) -> CatalogueRef:
    return {"id": catalogue.id, "title": catalogue.title, "doc_number": catalogue.doc_number}


def file_name(path: object) -> str:
    """The last part of a path from any PC (``C:\\Users\\张三\\Desktop\\通知.pdf`` → ``通知.pdf``)."""
    return re.split(r"[\\/]", str(path).strip())[-1] if path else ""


def without_local_paths(data: Payload) -> Payload:
    """A copy of *data* whose evidence files carry only their file names: the folders on the
    clerk's PC (and the user name in them) never leave it — not in an exchange file, not in a
    report. Anything malformed is left as it is (validation reports it)."""
    answers = data.get("answers")
    if not isinstance(answers, dict):
        return data
    out = data.copy()
    out["answers"] = {}
    for task_id, answer in answers.items():
        evidence = answer.get("evidence") if isinstance(answer, dict) else None
        if isinstance(evidence, list) and any(
            isinstance(e, dict) and isinstance(e.get("path"), str) for e in evidence
        ):
            answer = answer.copy()
            answer["evidence"] = [
                {**e, "path": file_name(e["path"])}
                if isinstance(e, dict) and isinstance(e.get("path"), str)
                else e
                for e in evidence
            ]
        out["answers"][task_id] = answer
    return out


# -- validation --------------------------------------------------------------------------------


def parse(text: str | bytes) -> dict[str, Any]:
    """JSON text → dict (not yet validated: see :func:`load`), or :class:`PayloadError` with a
    Chinese reason.

    Through :mod:`desktop.safejson`: depth, size, huge integers, NaN/Infinity, duplicate keys
    and lone surrogates are refused here, before anything else looks at the data.
    """
    try:
        data = safejson.loads(text, max_bytes=MAX_PAYLOAD_BYTES, max_depth=MAX_DEPTH)
    except safejson.JSONProblem as exc:
        raise PayloadError([str(exc)]) from exc
    if not isinstance(data, dict):
        raise PayloadError(["文件内容不是报告数据（顶层应为对象）"])
    return data


def read_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read an exchange file bounded (never more than :data:`MAX_PAYLOAD_BYTES`, regular
    files only) and :func:`parse` it. Raises :class:`PayloadError`."""
    try:
        data = read_bounded(path, MAX_PAYLOAD_BYTES, "报告数据文件")
    except UnreadableFile as exc:
        raise PayloadError([str(exc)]) from exc
    return parse(data)


def contribution_of(data: object) -> dict[str, Any] | None:
    """The ``contribution`` block of a cooperating unit's part for a lead unit, else None.

    Such a document carries only the tasks shared with that lead: it is never a report of
    the unit (汇总 and ``answers import`` refuse it; the lead collects it)."""
    block = data.get("contribution") if isinstance(data, dict) else None
    return block if isinstance(block, dict) else None  # unvalidated: read its keys with care


def load(text: str | bytes, catalogue: Catalogue, form: FormSpec) -> Payload:
    """Parse and validate; :class:`PayloadError` lists every problem."""
    data = parse(text)
    problems = validate(data, catalogue, form)
    if problems:
        raise PayloadError(problems)
    return cast(Payload, data)  # validated: it has the shape Payload describes


__all__ = [
    "ALLOWED_TOP",
    "FORMAT",
    "MAX_EVIDENCE",
    "MAX_TEXT",
    "VERSION",
    "Payload",
    "PayloadError",
    "check_evidence",
    "check_header",
    "check_value",
    "contribution_of",
    "dumps",
    "empty",
    "load",
    "parse",
    "shown",
    "validate",
]
