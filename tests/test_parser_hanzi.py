"""Traditional → simplified with OpenCC: offline, only for files that need it, and a Chinese
message instead of a traceback when the converter cannot be loaded."""

from __future__ import annotations

import os
import sys

import opencc
import pytest

from desktop.parser import ParseError, hanzi, parse_file
from tests.conftest import SAMPLES

REPRINT = SAMPLES / "guoban-2016-traditional.big5.txt"
SIMPLIFIED = SAMPLES / "liaodong-2017-province.txt"


@pytest.fixture(autouse=True)
def fresh_converter():
    hanzi._converter.cache_clear()
    yield
    hanzi._converter.cache_clear()


def test_conversion_uses_phrases_and_leaves_simplified_text_alone():
    assert hanzi.to_simplified("牽頭單位：各縣（市、區）人民政府；建立臺賬，釐清職責") == (
        "牵头单位：各县（市、区）人民政府；建立台账，厘清职责"
    )
    text = SIMPLIFIED.read_text(encoding="utf-8")
    assert hanzi.count_traditional(text) == 0
    assert hanzi.to_simplified(text) == text


def test_a_simplified_file_never_loads_opencc(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("OpenCC loaded for a simplified file")

    monkeypatch.setattr(opencc, "OpenCC", refuse)
    assert parse_file(SIMPLIFIED).catalogue.task("1.1.2").assignments


def test_the_converter_loads_from_its_folder_when_the_full_path_fails(monkeypatch):
    """Windows: OpenCC's C++ may not open a path with characters outside the ANSI code page
    (installed under C:\\Users\\张三\\…); relative names from its own folder still work."""
    real = opencc.OpenCC
    seen: list[str] = []

    def only_relative(config: str = "t2s", *args, **kwargs):
        seen.append(config)
        if config != "t2s.json":
            raise RuntimeError(f"{config} not found or not accessible.")
        return real(config, *args, **kwargs)

    monkeypatch.setattr(opencc, "OpenCC", only_relative)
    before = os.getcwd()
    cat = parse_file(REPRINT).catalogue
    assert os.getcwd() == before
    assert seen == ["t2s", "t2s.json"]
    assert cat.task("1.2.2").assignments[0].unit == "国务院办公厅"


def test_a_converter_that_cannot_load_is_a_chinese_message(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("t2s.json not found or not accessible.")

    monkeypatch.setattr(opencc, "OpenCC", broken)
    with pytest.raises(ParseError, match="繁体字转换组件无法加载.*转换为简体后再导入"):
        parse_file(REPRINT)
    assert parse_file(SIMPLIFIED).catalogue.tasks()  # simplified files still read


def test_a_missing_opencc_package_is_a_chinese_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "opencc", None)  # import opencc → ImportError
    with pytest.raises(ParseError, match="繁体字转换组件无法加载"):
        parse_file(REPRINT)
