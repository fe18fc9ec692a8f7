"""Marks a web page lost, put back before the structure is read.

Some government sites render the numerals of item headings and the closing bracket of a clause
in a way that does not survive a copy (寿光 2020 要点 as stored from its page): items come as
``()深入解读重要政策措施。…`` and a paragraph ends ``…带头解读政策。(责任单位:各市直部门``. Such
items are numbered in order within their section (``（一）``, ``（二）`` …) and a clause left
open at the end of its paragraph is closed — only where the next line starts a new heading or
item (a clause a hard-wrapped copy cut over two lines goes on below and is left alone). Each
repair is reported once, with the first line it concerns.
"""

from __future__ import annotations

import re

from desktop.numerals import cn_number
from desktop.parser.clauses import parse_clause
from desktop.parser.lines import Line, ParseWarning
from desktop.parser.markers import marker

_LOST_NUMBER = re.compile(r"^[（(]\s*[）)]\s*(?=\S)")
_OPEN_CLAUSE = re.compile(r"[（(](?P<inner>[^（）()]{2,200})$")


def restore_lost_marks(lines: list[Line], warnings: list[ParseWarning]) -> None:
    """Number ``（）`` items and close clauses left open, in place; *warnings* gets a note."""
    _number_items(lines, warnings)
    _close_clauses(lines, warnings)


def _number_items(lines: list[Line], warnings: list[ParseWarning]) -> None:
    lost = [ln for ln in lines if _LOST_NUMBER.match(ln.text)]
    if len(lost) < 2:  # one stray "()" is no numbering
        return
    count = 0
    for ln in lines:
        found = marker(ln.text) if ln.text else None
        m = _LOST_NUMBER.match(ln.text)
        if found is not None and found.kind == "section":
            count = 0
        elif found is not None and found.kind == "item":
            count = found.value
        elif m and count < 99:  # a heading number goes up to 九十九
            count += 1
            ln.text = f"（{cn_number(count)}）{ln.text[m.end() :]}"
    warnings.append(
        ParseWarning(
            lost[0].no,
            f"条目编号“（）”中没有数字（网页复制时丢失），已按顺序补为“（一）”“（二）”等，"
            f"共{len(lost)}处，请核对。",
        )
    )


def _close_clauses(lines: list[Line], warnings: list[ParseWarning]) -> None:
    closed: list[Line] = []
    texts = [ln for ln in lines if ln.text]
    for ln, nxt in zip(texts, [*texts[1:], None], strict=True):
        m = _OPEN_CLAUSE.search(ln.text.rstrip("。；;"))
        if m is None or (nxt is not None and marker(nxt.text) is None):
            continue
        if m.start() == 0 or parse_clause(m.group("inner").strip()) is None:
            continue
        ln.text = ln.text.rstrip("。；;") + "）"
        closed.append(ln)
    if closed:
        warnings.append(
            ParseWarning(
                closed[0].no,
                f"分工括号没有闭合（网页复制时丢失），已在段末补上“）”，共{len(closed)}处。",
            )
        )
