"""The exchange payload's parts as types (docs/exchange-format.md), for what the program writes.

What a file from another PC holds is untrusted: the document is a plain ``dict[str, Any]`` until
:func:`desktop.payload.validate` has passed it (and stays one: its groups are walked by name).
The parts this program builds — a task's answer, a unit's info, the catalogue reference — are
typed with these, so a misspelt key is a type error, not a file another PC refuses.
"""

from __future__ import annotations

from typing import Any, TypedDict


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
