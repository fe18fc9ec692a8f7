"""Chinese numerals and the ways text is shortened for people: one home each."""

from __future__ import annotations

import pytest

from desktop.numerals import cn_digits, cn_number, cn_to_int
from desktop.textclean import abridge, clip, columns, cut_list, fit_columns, visible


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3),
        ("12", 12),
        ("三", 3),
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("九十九", 99),
        ("一百", 100),
        ("一百零五", 105),
        ("两百二十", 220),
        ("零", 0),
        ("一二", None),
        ("十十", None),
        ("一百零二十", None),
        ("", None),
        ("x", None),
    ],
)
def test_a_count_is_read_only_when_well_formed(text: str, value: int | None) -> None:
    assert cn_to_int(text) == value


def test_every_heading_number_reads_back() -> None:
    assert [cn_number(n) for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]
    assert all(cn_to_int(cn_number(n)) == n for n in range(1, 100))


def test_a_year_written_digit_by_digit() -> None:
    assert cn_digits("二〇一六") == "2016"
    assert cn_digits("二零一七") == "2017"


def test_clip_keeps_the_limit_and_marks_the_cut() -> None:
    assert clip("一二三", 3) == "一二三"
    assert clip("一二三四", 3) == "一二三…"


def test_visible_names_invisible_characters() -> None:
    assert visible("市\u200b财政局") == "市⟨U+200B⟩财政局"
    assert visible("市财政局") == "市财政局"


def test_fit_columns_counts_wide_characters_twice() -> None:
    assert columns("ab市") == 4
    line = fit_columns("已报送" * 20, 20)
    assert columns(line) <= 20 and line.endswith("…")


def test_a_long_list_ends_with_deng_at_a_dunhao() -> None:
    text = "政府信息公开、政策解读、回应关切、平台建设、制度规范"
    assert cut_list(text, 16, keep=6) == "政府信息公开、政策解读等"
    assert abridge(text, 13) == "政府信息公开、政策解读等"
    assert abridge(text, 12) == "政府信息公开等"  # 等 counts: the second item no longer fits
    assert abridge("短", 12) == "短"
