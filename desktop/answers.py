"""The answer vocabulary: how answers are named, keyed and judged, in one place.

Everything that stores, exchanges, checks, writes or consolidates answers speaks these words:

* **Scopes** — where a value lives in the store: ``profile``, ``texts``, ``review`` and one
  ``task:<id>`` per task (:func:`task_scope` builds it, :func:`task_id_of` reads it back).
* **Figure keys** — a task's figures are stored in its scope as ``figures.<key>`` and travel in
  the exchange payload as ``answer["figures"][key]`` (:func:`figure_store_key`,
  :func:`figure_key_of`).
* **Report status** — a report is a ``draft`` or ``final`` (:data:`REPORT_STATUSES`).
* **Emptiness** — :func:`is_empty` (nothing said), :func:`evidence_filled`,
  :func:`has_content` (the unit said something about a task), :func:`counts_as_answered`
  (a task that counts towards progress).
* **Task status** — the words a clerk picks (已完成 …) are *data*: they are the options of the
  ``status`` field in ``forms/fields/common.json``, which also says what each one means
  (``done`` / ``ongoing`` / ``unfinished``). Code asks :class:`StatusWords` (``form.statuses``)
  for the word of a meaning or the meaning of a word and never spells a status word itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

# -- scopes --------------------------------------------------------------------------------------

PROFILE: Final = "profile"
TEXTS: Final = "texts"
REVIEW: Final = "review"
PLAIN_SCOPES: Final = (PROFILE, TEXTS, REVIEW)
TASK_PREFIX: Final = "task:"
_TASK_ID = re.compile(r"\d+\.\d+\.\d+")


def task_scope(task_id: str) -> str:
    """The store scope (and wizard page key) of one task: ``task:1.6.1``."""
    return f"{TASK_PREFIX}{task_id}"


def task_id_of(scope: str) -> str | None:
    """The task id of a task scope; None for any other scope or page key."""
    if scope.startswith(TASK_PREFIX):
        return scope[len(TASK_PREFIX) :]
    return None


def is_task_scope(scope: str) -> bool:
    """A well-formed task scope (``task:`` and a section.item.paragraph id)."""
    task_id = task_id_of(scope)
    return task_id is not None and _TASK_ID.fullmatch(task_id) is not None


def is_scope(scope: str) -> bool:
    return scope in PLAIN_SCOPES or is_task_scope(scope)


# -- figures -------------------------------------------------------------------------------------

FIGURE_PREFIX: Final = "figures."
FIGURES: Final = "figures"  # the key of an answer's figures in the payload


def figure_store_key(key: str) -> str:
    """Where the store keeps a figure in its task's scope: ``figures.<key>``."""
    return f"{FIGURE_PREFIX}{key}"


def figure_key_of(store_key: str) -> str | None:
    """The figure key of a stored key; None for a task field that is not a figure."""
    if store_key.startswith(FIGURE_PREFIX):
        return store_key[len(FIGURE_PREFIX) :]
    return None


# -- report status -------------------------------------------------------------------------------

DRAFT: Final = "draft"
FINAL: Final = "final"
REPORT_STATUSES: Final = (DRAFT, FINAL)


# -- task status (the words come from forms/) ----------------------------------------------------

STATUS_KEY: Final = "status"
DONE: Final = "done"
ONGOING: Final = "ongoing"
UNFINISHED: Final = "unfinished"
STATUS_MEANINGS: Final = (DONE, ONGOING, UNFINISHED)


@dataclass(frozen=True)
class StatusWords:
    """The task-status words of one form, by meaning (read from ``forms/fields/common.json``)."""

    done: str
    ongoing: str
    unfinished: str

    @classmethod
    def from_meanings(cls, meanings: Mapping[str, str]) -> StatusWords:
        """From ``{"done": word, "ongoing": word, "unfinished": word}`` (KeyError if short)."""
        return cls(meanings[DONE], meanings[ONGOING], meanings[UNFINISHED])

    @property
    def words(self) -> tuple[str, str, str]:
        """The words in meaning order: done, ongoing, unfinished."""
        return (self.done, self.ongoing, self.unfinished)

    def word(self, meaning: str) -> str:
        return dict(zip(STATUS_MEANINGS, self.words, strict=True))[meaning]

    def meaning(self, word: object) -> str | None:
        """``done`` / ``ongoing`` / ``unfinished`` for one of the words; None for anything else
        (no status, or a word this form does not know)."""
        for meaning, known in zip(STATUS_MEANINGS, self.words, strict=True):
            if word == known:
                return meaning
        return None


# -- emptiness -----------------------------------------------------------------------------------

# What a task answer says (besides figures and problems) when the unit reports on the task.
CONTENT_KEYS: Final = (
    "status",
    "measures",
    "results",
    "next_steps",
    "unfinished_reason",
    "evidence",
)


def is_empty(value: Any) -> bool:
    """Nothing said: no value, blank text, an empty list or object. ``False`` and ``0`` are
    answers."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def evidence_filled(value: Any) -> bool:
    """At least one evidence entry points somewhere (an address or a file)."""
    return isinstance(value, list) and any(
        isinstance(e, dict) and (str(e.get("url", "")).strip() or str(e.get("path", "")).strip())
        for e in value
    )


def not_applicable(answer: Mapping[str, Any] | None) -> bool:
    """The unit declared the (相关部门) task not applicable to it."""
    return bool(answer) and answer.get("applicable") is False  # type: ignore[union-attr]


def has_content(answer: Mapping[str, Any] | None) -> bool:
    """The unit said something about the task (not merely that it applies). Payload shape."""
    if not answer or not_applicable(answer):
        return False
    if any(answer.get(k) for k in CONTENT_KEYS):
        return True
    figures = answer.get(FIGURES) or {}
    return any(v not in (None, "") for v in figures.values())


def counts_as_answered(values: Mapping[str, Any]) -> bool:
    """A task that counts towards the clerk's progress: a status is chosen, or the task was
    declared not applicable. *values* are one task's fields (store or payload shape)."""
    return not is_empty(values.get(STATUS_KEY)) or values.get("applicable") is False
