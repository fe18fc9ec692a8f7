"""The figures the 要点 demands, said the way a clerk says them.

A figure (``forms/fields/<catalogue>.json``) becomes a clause of one sentence per task, with
the unit as its subject (``我局全年受理政府信息公开申请126件，已答复126件``), never a
subject-less machine line after the clerk's text. What a person would not write is left out:

* a zero reads as the form's ``sentence_zero`` (``全年未发生特别重大、重大突发事件``), or is
  not said at all when the form has none — no “0起”;
* a figure counted *within* a zero (``其中24小时内…`` under no incidents) is not said, and one
  equal to the figure it is counted within, said just before it, reads as the form's
  ``sentence_all`` (``受理政府信息公开申请7件，均已答复``, not ``已答复7件``);
* a figure the clerk's own text already states (a sentence naming one of its ``keywords``
  with the same number, or with 未/没有 for a zero) is not said again;
* a URL is never printed in the body: it goes to the 落实情况表 (:func:`figure_urls`);
* a sentence may cite another figure of the task (``明确由{leader_title}{value}同志…``); the
  cited figure is then never said on its own.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from desktop.forms import FigureSpec
from desktop.report.prose import clean, cn_date, number, sentence, split_sentences
from desktop.textclean import xml_safe

_REF = re.compile(r"\{(\w+)\}")
_NEGATION = re.compile(r"未|没有|无|零|(?<![\d.])0(?![\d.])")
_CN_DIGITS = {
    1: "一",
    2: "两二",
    3: "三",
    4: "四",
    5: "五",
    6: "六",
    7: "七",
    8: "八",
    9: "九",
    10: "十",
}


def _present(value: Any) -> bool:
    return value is not None and value != ""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _shown(spec: FigureSpec, value: Any) -> str:
    if spec.type in ("integer", "decimal") and _is_number(value):
        return number(value)
    if spec.type == "date":
        return cn_date(value)
    return clean(value)


def _number_in(text: str, value: float) -> bool:
    """*value* written in *text* as a whole number (126, not 1260), or for small counts as a
    Chinese numeral (两期, 三次)."""
    if re.search(rf"(?<![\d.]){re.escape(number(value))}(?![\d]|\.\d)", text):
        return True
    if isinstance(value, int) or float(value).is_integer():
        numerals = _CN_DIGITS.get(int(value), "")
        return any(
            re.search(rf"(?<![一二三四五六七八九十两]){n}[个次件起期场项人名条]", text)
            for n in numerals
        )
    return False


def already_said(spec: FigureSpec, value: Any, sentences: list[str]) -> bool:
    """Whether one of the clerk's *sentences* already states this figure."""
    if spec.type == "text":
        shown = clean(value)
        return bool(shown) and any(shown in s for s in sentences)
    if not spec.keywords:
        return False
    about = [s for s in sentences if any(k in s for k in spec.keywords)]
    if not about:
        return False
    if spec.type == "boolean":
        return any(bool(_NEGATION.search(s)) != bool(value) for s in about)
    if _is_number(value):
        if value == 0:
            return any(_NEGATION.search(s) for s in about)
        return any(_number_in(s, value) for s in about)
    if spec.type == "date":
        try:
            d = date.fromisoformat(str(value))
        except ValueError:
            return False
        return any(re.search(rf"(?<!\d){d.month}月", s) for s in about)
    return False


def _clause(spec: FigureSpec, value: Any, values: dict, specs: dict[str, FigureSpec]) -> str:
    if spec.type == "boolean":
        if not isinstance(value, bool):
            return ""
        return clean(spec.sentence_true if value else spec.sentence_false)
    if _is_number(value) and value == 0:
        return clean(spec.sentence_zero)
    shown = _shown(spec, value)
    if not shown:
        return ""
    template = spec.sentence or f"{spec.label}{{value}}{spec.unit}"

    def cite(match: re.Match[str]) -> str:
        key = match.group(1)
        if key == "value":
            return shown
        other = specs.get(key)
        cited = values.get(key)
        return _shown(other, cited) if other is not None and _present(cited) else ""

    return clean(_REF.sub(cite, template))


def _cited(specs: list[FigureSpec]) -> set[str]:
    return {k for s in specs for k in _REF.findall(s.sentence) if k != "value"}


def figure_sentence(specs: list[FigureSpec], values: dict, me: str, clerk_text: str) -> str:
    """One sentence with every figure worth saying, the unit (*me*) as subject; '' if none.

    *specs* are the figures the 要点 asks of this unit (``FormSpec.figures_for``), in form
    order; *clerk_text* is what the clerk wrote for the task (做法, 成效).
    """
    if not isinstance(values, dict):
        return ""
    by_key = {s.key: s for s in specs}
    cited = _cited(specs)
    sentences = split_sentences(clerk_text)
    clauses: list[str] = []
    said: set[str] = set()
    for spec in specs:
        value = values.get(spec.key)
        if not _present(value) or spec.key in cited or spec.type == "url":
            continue
        parent = spec.at_most_field or spec.at_least_field
        if parent and _is_number(values.get(parent)) and values.get(parent) == 0:
            continue  # “其中…” of nothing
        if already_said(spec, value, sentences):
            continue
        clause = _clause(spec, value, values, by_key)
        if spec.sentence_all and parent in said and value == values.get(parent) != 0:
            clause = clean(spec.sentence_all)  # 受理…7件，均已答复 — only right after the whole
        if clause:
            clauses.append(clause.rstrip("。；，"))
            said.add(spec.key)
    if not clauses:
        return ""
    return sentence(me + "，".join(clauses))


def figure_urls(specs: list[FigureSpec], values: dict) -> list[tuple[str, str]]:
    """``(channel, url)`` of the task's URL figures: they belong in the table, not the body.
    *channel* is the name the form gives the address (``channel``), else empty."""
    if not isinstance(values, dict):
        return []
    out = []
    for spec in specs:
        value = values.get(spec.key)
        if spec.type == "url" and isinstance(value, str) and value.strip():
            out.append((clean(spec.channel), xml_safe(value).replace("\n", "").strip()))
    return out
