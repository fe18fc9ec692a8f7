"""The exchange payload as types (docs/exchange-format.md): the whole document (:class:`Payload`)
and its parts.

What a file from another PC holds is untrusted: it is plain JSON (``object`` /
``Mapping[str, Any]``) until :func:`desktop.payload.validate` has passed it; only then is it cast
to :class:`Payload` (``payload.load``, the 汇总 reader, ``operations.exchange``,
``store.exchange.apply_payload``). What this program builds is a :class:`Payload` from the start,
so a misspelt key is a type error, not a file another PC refuses.
"""

from __future__ import annotations

from typing import Any, Required, TypedDict


class CatalogueRef(TypedDict):
    id: str
    title: str
    doc_number: str


class UnitInfo(TypedDict, total=False):
    kind: str
    categories: list[str]
    full_name: str
    title_name: str


class Evidence(TypedDict, total=False):
    title: str
    url: str
    path: str  # a file name only once exported (the clerk's folders stay on the PC)


class Answer(TypedDict, total=False):
    """One task's answer. ``role``/``optional`` are computed for the reader's directory."""

    role: str  # lead / responsible / cooperate
    optional: bool  # a 相关部门 task
    applicable: bool
    not_applicable_reason: str
    status: str  # one of the form's status words
    measures: str
    results: str
    next_steps: str
    unfinished_reason: str
    problems: str
    evidence: list[Evidence]
    figures: dict[str, Any]  # figure key → integer, decimal, boolean, date or text


class ContributionRef(TypedDict):
    """A cooperating unit's part for its lead unit (docs/lead.md): who it is for, which tasks."""

    to: str
    tasks: list[str]


class Payload(TypedDict, total=False):
    """One unit's report. Empty groups may be missing; the header keys never are."""

    format: Required[str]  # "zwgk-report"
    version: Required[int]
    catalogue: Required[CatalogueRef]
    unit: Required[str]
    unit_info: UnitInfo
    status: str  # draft / final
    # keys of profile_fields / report_fields / review_fields in forms/fields/common.json
    profile: dict[str, Any]
    texts: dict[str, Any]
    review: dict[str, Any]
    answers: dict[str, Answer]  # task id → answer
    exported_at: str
    app_version: str
    contribution: ContributionRef
