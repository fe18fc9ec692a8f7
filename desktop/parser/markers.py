"""Numbering markers of a 要点: ``一、`` sections, ``（一）`` items, ``1.`` and ``（1）`` / ``①``
sub-levels, and whether a marker line is a heading only."""

from __future__ import annotations

import re
from typing import NamedTuple

from desktop.numerals import NUMERALS, cn_to_int

_CN_NUM = f"[{NUMERALS}]+"
RE_SECTION = re.compile(rf"^(?P<num>{_CN_NUM})\s*[、.．。]\s*(?P<rest>.*)$")
RE_ITEM_CN = re.compile(rf"^[（(]\s*(?P<num>{_CN_NUM})\s*[）)]\s*[、.．]?\s*(?P<rest>.*)$")
RE_ARABIC = re.compile(r"^(?P<num>\d{1,2})\s*[.．、](?!\d)\s*(?P<rest>.*)$")
RE_PAREN_AR = re.compile(r"^[（(]\s*(?P<num>\d{1,2})\s*[）)]\s*(?P<rest>.*)$")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
RE_ENCLOSED = re.compile(rf"^(?P<num>[{_CIRCLED}{_PAREN_DIGITS}])\s*(?P<rest>.*)$")
MAX_TITLE = 40


class Marker(NamedTuple):
    """``（三）正文`` → Marker("item", 3, "正文")."""

    kind: str  # section 一、 | item （一） | arabic 1. | paren_ar （1） ①
    value: int
    rest: str


def marker(text: str) -> Marker | None:
    """The numbering a line starts with, or None."""
    for kind, rx in (
        ("item", RE_ITEM_CN),
        ("paren_ar", RE_PAREN_AR),
        ("section", RE_SECTION),
        ("arabic", RE_ARABIC),
    ):
        m = rx.match(text)
        if m:
            num = m.group("num")
            value = cn_to_int(num) or 0
            if value <= 0 or value > 99:
                return None
            if kind == "arabic" and re.match(r"^\d{1,2}\s*[.．、]\s*\d", text):
                return None
            if kind == "section" and not m.group("rest").strip():
                return None
            return Marker(kind, value, m.group("rest").strip())
    m = RE_ENCLOSED.match(text)
    if m:
        ch = m.group("num")
        value = (_CIRCLED.index(ch) if ch in _CIRCLED else _PAREN_DIGITS.index(ch)) + 1
        return Marker("paren_ar", value, m.group("rest").strip())
    return None


def kind_of(text: str) -> str | None:
    m = marker(text)
    return m.kind if m else None


def heading_only(rest: str) -> bool:
    """A marker line whose text is a title only (the body follows on the next lines)."""
    body = rest.rstrip("。.")
    return bool(body) and len(body) <= MAX_TITLE and not re.search(r"[。；]", body)


def is_heading_line(text: str) -> bool:
    m = marker(text)
    return m is not None and (m.kind == "section" or heading_only(m.rest))
