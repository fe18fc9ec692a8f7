"""The date a notice is signed with, as web copies and mirrors give it.

Forms seen in real copies: ``2016年8月25日`` or ``二〇一八年五月十日``, alone or after the issuer's
name; with the filler a page put around it (``2021年6月18日？？？？？？`` where a mirror turned the
non-breaking spaces of the signature block into question marks, full-width spaces); and, on the
line right under the issuer, the digits alone when the page lost 年, 月 and 日 (``20197 9``,
``2016518`` — 寿光 2019, a 辽宁 reprint), read only where one split gives a real month and day.
"""

from __future__ import annotations

import re

from desktop.numerals import cn_digits, cn_to_int
from desktop.textclean import CJK

_DATE = r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
_CN_DIGITS = "〇零○一二三四五六七八九"
_CN_DATE = (
    rf"(?P<cy>[{_CN_DIGITS}]{{4}})年(?P<cm>[一二三四五六七八九十]{{1,2}})月"
    r"(?P<cd>[一二三四五六七八九十]{1,3})日"
)
RE_DATE_LINE = re.compile(rf"^(?P<who>[{CJK}（）]{{0,30}}?)(?:{_DATE}|{_CN_DATE})$")
# What a page puts in or around a signature line: spaces of every width, and the question marks
# a mirror leaves where it could not encode them.
_FILLER = re.compile(r"[\s?？\u00a0\u3000\u2002\u2003]+")
_BARE_SPACED = re.compile(r"^(?P<y>(?:19|20)\d{2})\s*(?P<m>\d{1,2})\s+(?P<d>\d{1,2})$")
_BARE_RUN = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<md>\d{2,4})$")


def _iso(year: str, month: int, day: int) -> str | None:
    return f"{year}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def date_of(text: str) -> tuple[str, str] | None:
    """``大连市人民政府办公厅 2016年8月25日`` → ("大连市人民政府办公厅", "2016-08-25")."""
    m = RE_DATE_LINE.match(_FILLER.sub("", text))
    if not m:
        return None
    if m.group("y"):
        iso = _iso(m.group("y"), int(m.group("m")), int(m.group("d")))
    else:
        iso = _iso(
            cn_digits(m.group("cy")), cn_to_int(m.group("cm")) or 0, cn_to_int(m.group("cd")) or 0
        )
    return (m.group("who"), iso) if iso else None


def bare_date(text: str) -> str | None:
    """A date whose 年, 月 and 日 the page lost: ``20197 9`` → 2019-07-09, ``2016518`` →
    2016-05-18; None when the digits split into a month and a day in more ways than one
    (``2019111``: 1月11日 or 11月1日) or in none."""
    text = text.replace("？", " ").replace("?", " ").replace("\u3000", " ").strip()
    m = _BARE_SPACED.match(text)
    if m:
        return _iso(m.group("y"), int(m.group("m")), int(m.group("d")))
    m = _BARE_RUN.match(text)
    if not m:
        return None
    md = m.group("md")
    found = [
        iso
        for cut in range(1, len(md))
        if len(md[:cut]) <= 2 and len(md[cut:]) <= 2
        if (iso := _iso(m.group("y"), int(md[:cut]), int(md[cut:])))
    ]
    return found[0] if len(found) == 1 else None
