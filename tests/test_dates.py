"""Dates as clerks type them (issue 12 §3): every common way of writing one is understood, and
anything that is not a calendar date is refused rather than guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop import dates

DEC20 = dt.date(2016, 12, 20)


@pytest.mark.parametrize(
    "text",
    [
        "2016-12-20",
        "2016.12.20",
        "2016/12/20",
        "2016年12月20日",
        "2016年12月20",
        "20161220",
        " 2016-12-20 ",
        "２０１６年１２月２０日",
        "2016 年 12 月 20 日",
    ],
)
def test_the_ways_a_clerk_writes_a_date(text):
    assert dates.parse(text) == DEC20


@pytest.mark.parametrize(
    "text",
    ["", "未填2016-12-20", "2016-13-01", "2016-02-30", "16-12-20", "2016-12", "明天", "1899-01-01"],
)
def test_what_is_not_a_date(text):
    assert dates.parse(text) is None


def test_stored_iso_and_shown_chinese():
    assert dates.to_iso(DEC20) == "2016-12-20"
    assert dates.from_iso("2016-12-20") == DEC20
    assert dates.from_iso("2000-13-01") is None and dates.from_iso(None) is None
    assert dates.shown(dt.date(2016, 1, 5)) == "2016年1月5日"
    assert dates.shown_iso("2016-11-28") == "2016年11月28日"
    assert dates.shown_iso("") == dates.shown_iso(None) == "未填"
    assert dates.shown_iso("11月底") == "11月底"  # a hand-edited file says what it says
