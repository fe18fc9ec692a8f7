"""Where a responsibility clause stands in a 要点's text, and reading it there.

In brackets closing a paragraph (``…（市财政局牵头落实）``), several inside one paragraph, each
closing the sentences before it (``句一。（X负责）句二。（Y负责）``), without brackets after a
paragraph's last sentence (``…培训。市政府办公室、各县（市）区政府负责落实``), or on a line of
its own (``（X牵头）``, ``X牵头落实``, ``牵头单位：X``). The grammar inside is
:mod:`desktop.parser.clauses`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from desktop.catalogue import Assignment
from desktop.parser.clauses import CLOSE, ENDS_IN_VERB, KEYED_LINE, OPEN, ROLE_KEYS, parse_clause


class Clause(NamedTuple):
    """A clause read: who does what, its text, the units an aside binds to every later task
    (``以下均需各县市区落实，不再逐一列出``), and the parts that could not be read."""

    assignments: list[Assignment]
    text: str
    standing: tuple[Assignment, ...] = ()
    problems: tuple[str, ...] = ()


def read_clause(inner: str, strict_units: bool = False) -> Clause | None:
    parsed = parse_clause(inner, strict_units)
    if parsed is None:
        return None
    return Clause(parsed.assignments, inner.strip(), tuple(parsed.standing), tuple(parsed.problems))


def clause_of_line(text: str) -> Clause | None:
    """A whole line that is a clause: ``（X牵头落实）``, ``X牵头落实``, ``牵头单位：X``."""
    stripped = text.strip().rstrip("。.")
    if stripped.startswith(tuple(OPEN)) and stripped.endswith(tuple(CLOSE)):
        split = split_trailing_bracket(stripped)
        if split is not None and not split[0]:
            return read_clause(split[1])
        return None
    if len(stripped) > 150 or "。" in stripped:
        return None
    # Without brackets every name must look like an organisation, unless the line is keyed.
    return read_clause(stripped, strict_units=KEYED_LINE.match(stripped) is None)


def is_clause_line(text: str) -> bool:
    return clause_of_line(text) is not None


def trailing_clause(text: str) -> tuple[str, Clause] | None:
    """``标题（X牵头）`` → (``标题``, the clause), for a heading or paragraph with text before
    its bracketed clause."""
    split = split_trailing_bracket(text)
    if split is None or not split[0]:
        return None
    clause = read_clause(split[1])
    return (split[0], clause) if clause is not None else None


def split_trailing_bracket(text: str) -> tuple[str, str] | None:
    """``正文（内容）。`` → (``正文``, ``内容``); handles brackets nested inside the clause."""
    body = text.rstrip()
    while body.endswith(("。", ".", "；", ";")):
        body = body[:-1].rstrip()
    if not body.endswith(tuple(CLOSE)):
        return None
    start = _matching_open(body, len(body) - 1)
    if start is None:
        return None
    return body[:start].rstrip(), body[start + 1 : -1]


def _matching_open(text: str, close: int) -> int | None:
    depth = 0
    for i in range(close, -1, -1):
        ch = text[i]
        if ch in CLOSE:
            depth += 1
        elif ch in OPEN:
            depth -= 1
            if depth == 0:
                return i
    return None


_SENTENCE_END = "。；！？"


_VERB_TAIL = re.compile(
    r"^(?:分别|共同)?(?:牵头|负责|配合|参与|协助)?(?:落实|负责|配合|实施)(?:工作)?[。.]?$"
)


def is_verb_tail(text: str) -> bool:
    """``落实`` alone on a line: the end of a clause a hard-wrapped copy cut after ``负责``."""
    return bool(_VERB_TAIL.match(text.strip()))


def split_trailing_bare(text: str) -> tuple[str, str] | None:
    """``…做好宣传培训。市政府办公室、各县（市）区政府负责落实`` → (body, clause): a clause
    without brackets closing a paragraph, after its last sentence. Every name must look like
    an organisation (or the clause be keyed), so ``…认真抓好落实`` stays text."""
    body = text.rstrip().rstrip("。.；;")
    if not ENDS_IN_VERB.search(body) and not any(k in body[-150:] for k in ROLE_KEYS):
        return None  # the cheap test first: most paragraphs end in plain text
    found: tuple[str, str] | None = None
    # The longest tail that reads as a whole clause: a keyed one holds ；itself.
    for cut in range(len(body) - 1, 0, -1):
        if body[cut] not in "。；！？":
            continue
        tail = body[cut + 1 :].strip()
        if len(tail) > 150:
            break
        if not tail or tail.startswith(tuple(OPEN)):
            continue
        parsed = parse_clause(tail, strict_units=KEYED_LINE.match(tail) is None)
        if parsed is not None and not parsed.problems:
            found = body[: cut + 1], tail
    return found


def split_inline_clauses(text: str) -> list[tuple[str, str | None]]:
    """Cut a paragraph after every bracketed clause: ``句一。（X负责）句二。（Y负责）`` →
    ``[("句一。（X负责）", "X负责"), ("句二。（Y负责）", "Y负责")]``.

    Some 要点 (e.g. 北京 2018) give one paragraph several clauses, each covering the sentences
    before it. A bracket counts only where a clause can stand: after a sentence end, or before
    one / the end of the paragraph, so ``系统（辽宁）进行公示`` stays text. The last part has
    ``None`` as clause when text follows the last clause.
    """
    parts: list[tuple[str, str | None]] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        if text[i] not in OPEN:
            i += 1
            continue
        close = _matching_close(text, i)
        if close is None:
            break
        before = text[start:i].rstrip()
        after = text[close + 1 :].lstrip()
        at_edge = (before[-1:] in _SENTENCE_END) or (not after) or (after[:1] in _SENTENCE_END)
        inner = text[i + 1 : close]
        if before and at_edge and parse_clause(inner) is not None:
            end = close + 1
            while end < n and text[end] in _SENTENCE_END + " ":
                end += 1
            parts.append((text[start:end].strip(), inner.strip()))
            start = end
            i = end
            continue
        i = close + 1
    rest = text[start:].strip()
    if rest:
        bare = split_trailing_bare(rest)
        parts.append((rest, bare[1] if bare else None))
    return parts


def _matching_close(text: str, open_: int) -> int | None:
    depth = 0
    for i in range(open_, len(text)):
        ch = text[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth -= 1
            if depth == 0:
                return i
    return None
