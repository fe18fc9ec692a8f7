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
from dataclasses import dataclass

from desktop.parser import hanzi
from desktop.parser.markers import is_heading_line, marker
from desktop.parser.placement import is_clause_line, is_verb_tail, split_trailing_bare
from desktop.parser.tables import cells_of, header_columns, regroup_cell_lines, row_lines
from desktop.textclean import CJK, CJK_PUNCT, normalise_space, to_fullwidth_punct

SENTENCE_END = "。；！？）)」”：:"
TRAD_THRESHOLD = 3

_SPACE_BETWEEN = re.compile(
    rf"(?<=[{CJK}{CJK_PUNCT}]) +(?=[{CJK}{CJK_PUNCT}0-9])|(?<=[0-9]) +(?=[{CJK}{CJK_PUNCT}])"
)
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(rf"(?<=[{CJK}])[(（][a-zü]*[{_TONES}][a-zü{_TONES}]*[)）]")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—－–~～\s]*\d{1,3}[-—－–~～\s]*|第\d{1,3}页(?:[,，/／]?共\d{1,3}页)?|\d{1,3}/\d{1,3})$"
)


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

    def key(self, text: str) -> str:
        """A line as table detection compares it: simplified, without any spaces."""
        text = re.sub(r"\s", "", text)
        return hanzi.to_simplified(text) if self.convert else text


# -- the whole file ------------------------------------------------------------------------


def prepare(raw: list[str]) -> tuple[list[Line], list[ParseWarning]]:
    """Clean lines, numbered by their line (``.txt``) or paragraph/row (``.docx``) in the file."""
    warnings: list[ParseWarning] = []
    clean = _Cleaner(raw, warnings)
    out: list[Line] = []
    columns: list[str] | None = None
    for no, text in regroup_cell_lines(raw, clean.key):
        cells = cells_of(text, len(columns) if columns else 0)
        if cells is None:
            texts = [clean(text, no)]
            # A table goes on through its merged rows (a section or item heading spanning the
            # table comes out as a line of its own); plain text or a blank line ends it.
            if not texts[0] or marker(texts[0]) is None:
                columns = None
        else:
            cleaned = [[clean(p, no) for p in cell] for cell in cells]
            header = header_columns([" ".join(c) for c in cleaned]) if cleaned else None
            if header is not None:
                columns = header
                out.append(Line(no, ""))
                continue
            texts = row_lines(cleaned, columns) or [""]
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


def join_wrapped(lines: list[Line]) -> list[Line]:
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
            and prev.no != ln.no
            and prev.text[-1] not in SENTENCE_END
            and is_verb_tail(ln.text)
        ):
            # "…省政府各部门负责" / "落实": the clause goes on (it read as one already).
            prev.text += ln.text
            prev.last = ln.text
            blanks = []
            continue
        if (
            isinstance(prev, _Joined)
            and len(blanks) <= 2
            and prev.no != ln.no  # cells of one table row stay apart
            and prev.text[-1] not in SENTENCE_END
            and marker(ln.text) is None
            and not is_clause_line(prev.text)
            # A paragraph ending in its clause is complete, whatever its last character.
            and split_trailing_bare(prev.text) is None
            and (
                # A full line of a hard-wrapped copy goes on, even into a clause.
                (width and len(prev.last) >= width - 2)
                or (
                    len(prev.text) >= 20
                    and not is_heading_line(prev.text)
                    and not is_clause_line(ln.text)
                )
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
