"""Chinese numerals, both ways: headings are written 一、（十二）之二, and notices are read with
numbers such as 二〇一六年八月二十五日, 不少于两次 or （十一）. The one place for either direction."""

from __future__ import annotations

import re

NUMERALS = "一二三四五六七八九十"  # 1 … 10: what a heading number is written with
_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGIT.update({"六": 6, "七": 7, "八": 8, "九": 9})
_D = "一二两三四五六七八九"
# 0 … 999 written as a count: [X]百[零][X]十[X]; anything else (一二, 十十) is no number.
_COUNT = re.compile(rf"^(?:([{_D}]?)百(零)?)?(?:([{_D}]?)十)?([{_D}]?)$")


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (for headings)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else NUMERALS[tens - 1]
    return head + "十" + (NUMERALS[ones - 1] if ones else "")


def cn_to_int(text: str) -> int | None:
    """3 → 3, 三 → 3, 两 → 2, 十二 → 12, 二十 → 20, 一百零五 → 105; None when *text* is not one
    well-formed number (一二, 十十, x)."""
    if text.isdecimal():
        return int(text)
    if text in ("零", "〇", "○"):
        return 0
    m = _COUNT.match(text)
    if not text or m is None:
        return None
    hundreds, zero, tens, ones = m.groups()
    if zero is not None and (tens is not None or not ones):
        return None  # 零 stands only between 百 and a lone digit: 一百零五
    total = 0
    if "百" in text:
        total += _DIGIT[hundreds] * 100 if hundreds else 100
    if tens is not None:
        total += _DIGIT[tens] * 10 if tens else 10
    return total + (_DIGIT[ones] if ones else 0)


def cn_digits(text: str) -> str:
    """A year written digit by digit: 二〇一六 → 2016 (零 and ○ read as 〇)."""
    return "".join(str(_DIGIT[c]) for c in text)
