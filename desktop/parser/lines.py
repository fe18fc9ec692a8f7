"""From the raw lines of a 要点 to the clean logical lines the structure parser reads.

What real copies of a 要点 look like, and what is done about it here:

* table rows (``.docx`` tables; ``|``- or tab-separated rows in a ``.txt`` copied from Word,
  Excel or a web page): cells become lines; under a header row naming ``牵头单位`` /
  ``责任单位`` / ``配合单位`` / ``完成时限`` columns a bare cell becomes ``牵头单位：…``, so
  the clause grammar reads it; a ``序号`` cell numbers the row's task;
* traditional-character reprints (converted when the text has several traditional forms),
  pinyin annotations some sites insert (``公開(kāi)``);
* half-width punctuation beside Chinese (→ official full-width), spaces a PDF copy leaves
  between Chinese characters (``2019 年``), page numbers (``— 3 —``);
* hard-wrapped paragraphs (PDF or e-mail copies): re-joined.

Every line dropped here comes back as a :class:`ParseWarning` with its line number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from desktop.parser import hanzi
from desktop.parser.clauses import ROLE_KEYS, TIME_KEYS, looks_like_unit, parse_clause, split_top
from desktop.parser.source import CELL_SEP, PARA_SEP
from desktop.textclean import normalise_space, to_fullwidth_punct

CN = "一二三四五六七八九十"
_CN_NUM = f"[{CN}]+"
RE_SECTION = re.compile(rf"^(?P<num>{_CN_NUM})\s*[、.．。]\s*(?P<rest>.*)$")
RE_ITEM_CN = re.compile(rf"^[（(]\s*(?P<num>{_CN_NUM})\s*[）)]\s*[、.．]?\s*(?P<rest>.*)$")
RE_ARABIC = re.compile(r"^(?P<num>\d{1,2})\s*[.．、](?!\d)\s*(?P<rest>.*)$")
RE_PAREN_AR = re.compile(r"^[（(]\s*(?P<num>\d{1,2})\s*[）)]\s*(?P<rest>.*)$")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
RE_ENCLOSED = re.compile(rf"^(?P<num>[{_CIRCLED}{_PAREN_DIGITS}])\s*(?P<rest>.*)$")
SENTENCE_END = "。；！？）)」”：:"
MAX_TITLE = 40
TRAD_THRESHOLD = 3

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’《》"
_SPACE_BETWEEN = re.compile(
    rf"(?<=[{_CJK}{_CJK_PUNCT}]) +(?=[{_CJK}{_CJK_PUNCT}0-9])|(?<=[0-9]) +(?=[{_CJK}{_CJK_PUNCT}])"
)
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(rf"(?<=[{_CJK}])[(（][a-zü]*[{_TONES}][a-zü{_TONES}]*[)）]")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—－–~～\s]*\d{1,3}[-—－–~～\s]*|第\d{1,3}页(?:[,，/／]?共\d{1,3}页)?|\d{1,3}/\d{1,3})$"
)
_MD_RULE = re.compile(r"^[\s|:：\-—]+$")
_SEQ_KEYS = ("序号", "编号")


@dataclass
class ParseWarning:
    line: int
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.message}" if self.line else self.message


@dataclass
class Line:
    no: int
    text: str
    # Continues the paragraph above although that ended a sentence (a hard-wrapped copy whose
    # line was full): the task's text goes on without a line break.
    cont: bool = False


# -- numbering markers --------------------------------------------------------------------


def cn_to_int(text: str) -> int:
    if not text or any(c not in CN for c in text):
        return 0
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return 0
        return (CN.index(tens) + 1 if tens else 1) * 10 + (CN.index(ones) + 1 if ones else 0)
    if len(text) == 1:
        return CN.index(text) + 1
    return 0


def marker(text: str) -> tuple[str, int, str] | None:
    """``（三）正文`` → ("item", 3, "正文"); kinds: section 一、 item （一） arabic 1. paren_ar (1)."""
    for kind, rx in (
        ("item", RE_ITEM_CN),
        ("paren_ar", RE_PAREN_AR),
        ("section", RE_SECTION),
        ("arabic", RE_ARABIC),
    ):
        m = rx.match(text)
        if m:
            num = m.group("num")
            value = int(num) if num.isdigit() else cn_to_int(num)
            if value <= 0 or value > 99:
                return None
            if kind == "arabic" and re.match(r"^\d{1,2}\s*[.．、]\s*\d", text):
                return None
            if kind == "section" and not m.group("rest").strip():
                return None
            return kind, value, m.group("rest").strip()
    m = RE_ENCLOSED.match(text)
    if m:
        ch = m.group("num")
        value = (_CIRCLED.index(ch) if ch in _CIRCLED else _PAREN_DIGITS.index(ch)) + 1
        return "paren_ar", value, m.group("rest").strip()
    return None


def heading_only(rest: str) -> bool:
    """A marker line whose text is a title only (the body follows on the next lines)."""
    body = rest.rstrip("。.")
    return bool(body) and len(body) <= MAX_TITLE and not re.search(r"[。；]", body)


def is_heading_line(text: str) -> bool:
    m = marker(text)
    return m is not None and (m[0] == "section" or heading_only(m[2]))


# -- cleaning ------------------------------------------------------------------------------


class _Cleaner:
    def __init__(self, raw: list[str], warnings: list[ParseWarning]) -> None:
        trad = hanzi.count_traditional("\n".join(raw))
        self.convert = trad >= TRAD_THRESHOLD
        if self.convert:
            warnings.append(ParseWarning(0, f"文件含繁体字（{trad}处），已按简体识别。"))
        self.pinyin = 0
        self.pinyin_line = 0

    def __call__(self, text: str, no: int) -> str:
        text = normalise_space(text)
        if not text:
            return ""
        if self.convert:
            text = hanzi.to_simplified(text)
        text, n = _PINYIN.subn("", text)
        if n:
            self.pinyin += n
            self.pinyin_line = self.pinyin_line or no
        text = to_fullwidth_punct(text)
        return _SPACE_BETWEEN.sub("", text)


# -- tables --------------------------------------------------------------------------------


def _cells(raw: str, ncols: int = 0) -> list[list[str]] | None:
    """The cells of a table row (each a list of paragraphs), or None for an ordinary line.

    ``|`` rows come as ``a | b | c |`` (web copies: each cell closed by a bar) or
    ``| a | b | c |`` (Markdown); an empty first cell (a merged cell) makes the two look alike,
    so the table's column count decides.
    """
    if CELL_SEP in raw:
        return [cell.split(PARA_SEP) for cell in raw.split(CELL_SEP)]
    stripped = raw.strip()
    if stripped.count("|") >= 2 or (stripped.count("|") == 1 and stripped.endswith("|")):
        if _MD_RULE.match(stripped):
            return []
        closed = stripped[:-1].split("|") if stripped.endswith("|") else stripped.split("|")
        if stripped.startswith("|") and stripped.endswith("|"):
            markdown = stripped[1:-1].split("|")
            if ncols == 0 or len(markdown) == ncols or len(closed) != ncols:
                closed = markdown
        return [[c] for c in closed]
    # Tab-separated cells (a table copied from Word or Excel); "1.<tab>text" is a list number.
    parts = [p for p in re.split(r"\t+", stripped) if p.strip()]
    if len(parts) >= 2 and marker(parts[0].strip()) is None:
        return [[p] for p in raw.strip("\r\n").split("\t")]
    return None


def _column_kind(label: str) -> str | None:
    label = re.sub(r"\s", "", label)
    if len(label) > 10:
        return None
    for key in ROLE_KEYS:
        if label.startswith(key):
            return f"role:{key}"
    for key in TIME_KEYS:
        if label.startswith(key):
            return f"time:{key}"
    if label in _SEQ_KEYS:
        return "seq"
    return "text"


def _header_columns(cells: list[str]) -> list[str] | None:
    """Column kinds when *cells* is a header row (short labels, at least one role column)."""
    kinds = [_column_kind(c) for c in cells]
    if any(k is None for k in kinds) or not any(k and k.startswith("role:") for k in kinds):
        return None
    return [k or "text" for k in kinds]


def _row_lines(cells: list[list[str]], columns: list[str] | None) -> list[str]:
    out: list[str] = []
    seq = ""
    filled = [i for i, paras in enumerate(cells) if any(paras)]
    for idx, paras in enumerate(cells):
        paras = [p for p in paras if p]
        if not paras:
            continue
        kind = columns[idx] if columns and idx < len(columns) else "text"
        if kind == "text" and columns and idx == filled[-1] and idx > 0:
            # A web copy drops merged cells, shifting the row left: a bare list of units in a
            # text column, last in its row, belongs under the table's (empty) role column.
            role = next((k for k in columns[idx + 1 :] if k.startswith("role:")), None)
            if role and _unit_list(paras):
                kind = role
        joined = "、".join(paras)
        if kind == "seq" and re.fullmatch(r"\d{1,3}", joined):
            seq = joined
        elif kind.startswith("role:"):
            if any(parse_clause(p) is not None for p in paras):
                out.extend(paras)  # the cell already says who does what
            else:
                out.append(f"{kind[5:]}：{joined}")
        elif kind.startswith("time:"):
            out.append(f"{kind[5:]}：{'；'.join(paras)}")
        else:
            if seq and marker(paras[0]) is None:
                paras = [f"{seq}.{paras[0]}", *paras[1:]]
                seq = ""
            out.extend(paras)
    return out


def _unit_list(paras: list[str]) -> bool:
    names = [n for p in paras for n in split_top(p, "、，,")]
    return all(
        0 < len(n.strip()) <= 20 and looks_like_unit(n.strip()) and "。" not in n for n in names
    )


# -- the whole file ------------------------------------------------------------------------


def prepare(raw: list[str]) -> tuple[list[Line], list[ParseWarning]]:
    """Clean lines, numbered by their line (``.txt``) or paragraph/row (``.docx``) in the file."""
    warnings: list[ParseWarning] = []
    clean = _Cleaner(raw, warnings)
    out: list[Line] = []
    columns: list[str] | None = None
    for no, text in enumerate(raw, start=1):
        cells = _cells(text, len(columns) if columns else 0)
        if cells is None:
            texts = [clean(text, no)]
            # A table goes on through its merged rows (a section or item heading spanning the
            # table comes out as a line of its own); plain text or a blank line ends it.
            if not texts[0] or marker(texts[0]) is None:
                columns = None
        else:
            cleaned = [[clean(p, no) for p in cell] for cell in cells]
            header = _header_columns([" ".join(c) for c in cleaned]) if cleaned else None
            if header is not None:
                columns = header
                out.append(Line(no, ""))
                continue
            texts = _row_lines(cleaned, columns) or [""]
        for t in texts:
            if t and _PAGE_NUMBER.match(t):
                warnings.append(ParseWarning(no, f"单独的页码或数字“{t}”已忽略。"))
                t = ""
            out.append(Line(no, t))
    if clean.pinyin:
        warnings.append(
            ParseWarning(clean.pinyin_line, f"去掉了网页转载加入的拼音注音{clean.pinyin}处。")
        )
    return out, warnings


def _wrap_width(lines: list[Line]) -> int:
    """The width a hard-wrapped copy was cut at, or 0 when the text is not hard-wrapped."""
    lengths = [len(ln.text) for ln in lines if len(ln.text) >= 12]
    if len(lengths) < 6:
        return 0
    counts = Counter(lengths)
    best, hits = 0, 0
    for width in counts:
        n = counts[width] + counts.get(width - 1, 0)
        if n > hits or (n == hits and width > best):
            best, hits = width, n
    return best if hits >= max(4, len(lengths) * 0.3) else 0


def join_wrapped(lines: list[Line], is_clause_line: Callable[[str], bool]) -> list[Line]:
    """Re-join paragraphs that were hard-wrapped (copied from a PDF, an e-mail or a web page).

    A line is continued by the next one when it stops mid-sentence; a page break in a PDF copy
    (a blank line or two, the form feed) may stand between the two halves.
    """
    width = _wrap_width(lines)
    out: list[Line] = []
    blanks: list[Line] = []
    for ln in lines:
        if not ln.text:
            blanks.append(ln)
            continue
        prev = out[-1] if out and out[-1].text else None
        if (
            isinstance(prev, _Joined)
            and len(blanks) <= 2
            and prev.no != ln.no  # cells of one table row stay apart
            and prev.text[-1] not in SENTENCE_END
            and marker(ln.text) is None
            and not is_clause_line(ln.text)
            and not is_clause_line(prev.text)
            and (
                (len(prev.text) >= 20 and not is_heading_line(prev.text))
                or (width and len(prev.last) >= width - 1)
            )
        ):
            prev.text += ln.text
            prev.last = ln.text
            blanks = []
            continue
        cont = (
            isinstance(prev, _Joined)
            and len(blanks) <= 2
            and width > 0
            and len(prev.last) >= width - 1
            and marker(ln.text) is None
        )
        out.extend(blanks)
        blanks = []
        out.append(_Joined(ln.no, ln.text, cont))
    out.extend(blanks)
    return [Line(ln.no, ln.text, ln.cont) for ln in out]


@dataclass
class _Joined(Line):
    last: str = ""

    def __post_init__(self) -> None:
        self.last = self.text
