"""Chinese official prose from answers: clean text, sentences, dates, figures, title lines.

Everything a clerk typed passes :func:`clean` (XML-safe, full-width punctuation next to Chinese,
no indentation spaces) before it reaches a renderer; everything this module writes itself is
Chinese with full-width punctuation, and no value ever prints as ``None``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from desktop.forms import FigureSpec
from desktop.textclean import to_fullwidth_punct, xml_safe

_END_PUNCT = "。！？；：…"
_CLOSERS = "”’）》」』"
_SPACES = " \t\u3000\xa0"
_DIGITS = "0123456789"


_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’《》—…"
# Spaces typed between Chinese characters (or beside Chinese punctuation) are noise in print;
# spaces between Latin words are kept.
_CJK_GAP = re.compile(f"(?<=[{_CJK}])[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?=[{_CJK}])")


def _line(text: str) -> str:
    text = to_fullwidth_punct(text.strip(_SPACES))
    return _CJK_GAP.sub("", text).strip(_SPACES)


def clean(text: Any) -> str:
    """One cleaned line of text (inner newlines become nothing); '' for missing values."""
    if text is None or isinstance(text, bool):
        return ""
    return "".join(_line(line) for line in xml_safe(str(text)).split("\n"))


def paragraphs(text: Any) -> list[str]:
    """A clerk's multi-line answer as cleaned paragraphs (blank lines dropped)."""
    if text is None or isinstance(text, bool):
        return []
    return [line for line in map(_line, xml_safe(str(text)).split("\n")) if line]


def sentence(text: str) -> str:
    """End *text* as a sentence: add ``。`` unless it already ends with closing punctuation;
    a trailing comma or 顿号 becomes ``。``."""
    text = text.rstrip(_SPACES)
    if not text:
        return ""
    if text[-1] in "，、,;":
        text = text[:-1]
    stripped = text.rstrip(_CLOSERS)
    if stripped and stripped[-1] in _END_PUNCT:
        return text  # 。 or ！ already there, possibly inside closing quotes: “……。”
    return text + "。"


def join_clauses(parts: list[str]) -> str:
    """``a``, ``b``, ``c`` → ``a，b，c。`` (empty parts skipped)."""
    parts = [p.rstrip("。；，") for p in parts if p]
    return sentence("，".join(parts)) if parts else ""


def clip(text: str, limit: int) -> str:
    """Shorten to *limit* characters with a Chinese ellipsis ``……``."""
    return text if len(text) <= limit else text[: limit - 2].rstrip("，、；。") + "……"


def cn_date(value: Any) -> str:
    """``2016-11-28`` → ``2016年11月28日`` (Arabic numerals, no padding, GB/T 9704 §7.3.5)."""
    if isinstance(value, date):
        d = value
    else:
        try:
            d = date.fromisoformat(str(value))
        except ValueError:
            return clean(value)
    return f"{d.year}年{d.month}月{d.day}日"


def number(value: int | float) -> str:
    """12 → ``12``, 3.50 → ``3.5``, 2.0 → ``2`` (never scientific notation)."""
    if isinstance(value, int):
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def figure_clause(spec: FigureSpec, value: Any) -> str:
    """One figure as a clause, from the form's ``sentence``/``sentence_true``/``sentence_false``."""
    if value is None or value == "":
        return ""
    if spec.type == "boolean":
        if not isinstance(value, bool):
            return ""
        chosen = spec.sentence_true if value else spec.sentence_false
        return clean(chosen) if chosen else ""
    if spec.type in ("integer", "decimal") and isinstance(value, (int, float)):
        shown = number(value)
    elif spec.type == "date":
        shown = cn_date(value)
    else:
        shown = clean(value)
    if not shown:
        return ""
    if spec.sentence:
        return clean(spec.sentence.replace("{value}", shown))
    return clean(f"{spec.label}{shown}{spec.unit}")


def self_reference(name: str) -> str:
    """How a unit calls itself in its own report: 市财政局 → 我局, 中山区人民政府 → 我区."""
    name = name.strip()
    if name.endswith("人民政府"):
        stem = name[: -len("人民政府")]
        return f"我{stem[-1]}" if stem and stem[-1] in "区县市" else "我单位"
    for suffix, ref in (
        ("管委会", "我委"),
        ("委员会", "我委"),
        ("中心", "我中心"),
        ("大学", "我校"),
        ("学院", "我校"),
    ):
        if name.endswith(suffix):
            return ref
    if name and name[-1] in "局委办厅院处室馆所站社会区县市":
        return f"我{name[-1]}"
    return "我单位"


# -- title lines (梯形/菱形) ------------------------------------------------------------------

TITLE_MAX_WIDTH = 20.0  # 2号 characters in the 156 mm text block (442 pt / 22 pt)


def text_width(text: str) -> float:
    """Width in full-width characters: ASCII letters and digits count half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _title_tokens(issuer: str, subject: str) -> list[tuple[str, int]]:
    """Pieces a title may break between, with a penalty for breaking *after* each piece.

    Breaking after the issuer, after 关于 or before 落实情况的报告 keeps words whole (no
    penalty); breaking inside the 要点 name is allowed between words only, at a small cost.
    """
    parts = re.findall(
        r".+?(?:人民政府|委员会|管委会|办公室|办公厅|[省市区县局厅委办])|.+$", issuer
    )
    tokens: list[tuple[str, int]] = [(p, 2) for p in parts if p] or [(issuer, 0)]
    tokens[-1] = (tokens[-1][0], 0)
    tokens.append(("关于", 0))
    words = re.findall(r"\d+年(?:度)?|工作要点|要点|[^\d]+?(?=工作要点|要点|\d|$)|\d+", subject)
    words = [w for w in words if w]
    if "".join(words) != subject:  # never print a title with words missing
        words = [subject]
    tokens.extend((w, 2) for w in words)
    tokens[-1] = (tokens[-1][0], 0)
    tokens.extend([("落实情况", 3), ("的", 99), ("报告", 99)])
    return tokens


def title_lines(issuer: str, subject: str, max_width: float = TITLE_MAX_WIDTH) -> tuple[str, ...]:
    """``{issuer}关于{subject}落实情况的报告`` broken into balanced lines.

    Two lines prefer a 正梯形 (upper not longer than lower); three or more a 菱形 (middle
    longest). Breaks fall only between words, chosen to make the lines as even as possible.
    """
    full = f"{issuer}关于{subject}落实情况的报告"
    if text_width(full) <= max_width:
        return (full,)
    tokens = _title_tokens(issuer, subject)
    n_lines = 2
    while n_lines <= len(tokens):
        best = _best_split(tokens, n_lines, max_width)
        if best is not None:
            return best
        n_lines += 1
    return (full,)


def _best_split(
    tokens: list[tuple[str, int]], n_lines: int, max_width: float
) -> tuple[str, ...] | None:
    from itertools import combinations

    best: tuple[float, tuple[str, ...]] | None = None
    for cuts in combinations(range(1, len(tokens)), n_lines - 1):
        bounds = (0, *cuts, len(tokens))
        lines = tuple(
            "".join(t for t, _ in tokens[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)
        )
        widths = [text_width(x) for x in lines]
        if max(widths) > max_width:
            continue
        mean = sum(widths) / n_lines
        cost = sum((w - mean) ** 2 for w in widths) ** 0.5
        cost += sum(tokens[c - 1][1] for c in cuts)
        if n_lines == 2 and widths[0] > widths[1]:
            cost += 1  # 倒梯形 only when clearly better balanced
        if n_lines >= 3 and max(widths) != max(widths[1:-1]):
            cost += 2  # 菱形: the middle line(s) longest
        if best is None or cost < best[0]:
            best = (cost, lines)
    return best[1] if best else None
