"""Dates as clerks type them: ``2016-12-20``, ``2016.12.20``, ``2016/12/20``, ``2016年12月20日``,
``20161220``, with full-width digits from a Chinese input method. Stored as ISO ``2016-12-20``;
shown as ``2016年12月20日``. Qt-free, so the CLI and the tests use the same rules as the wizard.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_SEPARATED = re.compile(r"^(\d{4})\s*[-./年\s]\s*(\d{1,2})\s*[-./月\s]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
HINT = "请按“2016-12-20”或“2016年12月20日”填写日期"


def parse(text: str) -> dt.date | None:
    """The date *text* names, or None when it is not a real calendar date (2016-02-30)."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    match = _SEPARATED.match(text) or _COMPACT.match(text)
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def to_iso(value: dt.date) -> str:
    return value.isoformat()


def from_iso(value: object) -> dt.date | None:
    """A stored value back as a date (None for anything that is not an ISO date)."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def shown(value: dt.date) -> str:
    """``2016年11月28日``: the one way a date is written for people (report, 汇总, screens)."""
    return f"{value.year}年{value.month}月{value.day}日"


def shown_iso(value: object, empty: str = "未填") -> str:
    """A date kept as ISO text (``2016-11-28``) as people read it; *empty* for none, the text
    itself if it is not a date (a hand-edited file says what it says)."""
    if not value:
        return empty
    date = from_iso(value)
    return shown(date) if date else str(value)
