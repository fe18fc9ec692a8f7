"""The neutral document model of a report: what is said, in order, not how it is laid out.

:func:`desktop.report.compose.compose_report` builds one from a unit's payload; 汇总 can build
its own (a consolidated report) from the same blocks. The Word writer and the HTML preview
render any model: the layout rules of GB/T 9704 (blank lines, indents, fonts) live there and in
the template, never here. Every text in a block is already clean (XML-safe, full-width
punctuation) when it reaches a renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Title:
    """The 标题, already broken into lines (梯形/菱形) by the composer."""

    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass(frozen=True)
class Recipient:
    """主送机关, with its full-width colon: ``市政府办公厅：``."""

    text: str


@dataclass(frozen=True)
class Para:
    """A body paragraph (first line indented 2 characters, justified)."""

    text: str


@dataclass(frozen=True)
class Heading:
    """``一、`` (level 1, 黑体), ``（一）`` (2, 楷体), ``1.`` (3, 仿宋 bold), ``（1）`` (4, 仿宋).

    *number* is the ordinal with its punctuation (``一、``, ``（一）``, ``1.``, ``（1）``).
    """

    level: int
    number: str
    text: str

    @property
    def full_text(self) -> str:
        return f"{self.number}{self.text}"


@dataclass(frozen=True)
class Column:
    """A table column: header text and a relative width (scaled to the text block)."""

    title: str
    weight: float = 1.0
    align: str = "left"  # left / center
    # Equal values in consecutive rows print as one merged cell (a task over the rows of the
    # units that cooperate on it), not as a value followed by blank cells.
    merge: bool = False


def merged_spans(rows: tuple[tuple[str, ...], ...], column: int) -> list[int]:
    """Per row, how many rows its cell in *column* spans: 0 for a row merged into the one
    above, 1 for a cell of its own, n for the first of n equal non-empty values."""
    spans = [1] * len(rows)
    start = 0
    for i in range(1, len(rows) + 1):
        value = rows[start][column] if column < len(rows[start]) else ""
        same = i < len(rows) and value and column < len(rows[i]) and rows[i][column] == value
        if not same:
            spans[start] = i - start
            for k in range(start + 1, i):
                spans[k] = 0
            start = i
    return spans


@dataclass(frozen=True)
class Table:
    """A bordered table with a repeated header row. A cell's ``\\n`` starts a new paragraph."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class AttachmentNote:
    """附件说明: ``附件：name`` (one) or ``附件：1.name`` with aligned names (several)."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class Signature:
    """发文机关署名, centred over the date."""

    text: str


@dataclass(frozen=True)
class Date:
    """成文日期, already written ``2016年11月28日``."""

    text: str


@dataclass(frozen=True)
class Note:
    """附注, already in full-width brackets: ``（联系人：张三，联系电话：…）``."""

    text: str


@dataclass(frozen=True)
class PageBreak:
    """The next block starts a new page; with *landscape* a new section on a landscape page
    (GB/T 9704 allows a 横排表格 for a wide table)."""

    landscape: bool = False


@dataclass(frozen=True)
class AttachmentLabel:
    """``附件`` (or ``附件1``) on the first line of an attachment page, 黑体, flush left."""

    text: str = "附件"


@dataclass(frozen=True)
class AttachmentTitle:
    """The attachment's title, centred on the third line of its page."""

    text: str


Block = (
    Title
    | Recipient
    | Para
    | Heading
    | Table
    | AttachmentNote
    | Signature
    | Date
    | Note
    | PageBreak
    | AttachmentLabel
    | AttachmentTitle
)


@dataclass
class ReportModel:
    """A whole report: its blocks in reading order plus document properties."""

    blocks: list[Block] = field(default_factory=list)
    title: str = ""  # document property (标题), the title on one line
    author: str = ""  # document property (作者): the issuing unit
    draft: bool = False  # not final: every page carries a visible 草稿 mark

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def of_type(self, kind: type) -> list:
        return [b for b in self.blocks if isinstance(b, kind)]

    def text(self) -> str:
        """Plain text, one block (or table row) per line: for tests, search and logs."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Title):
                out.extend(b.lines)
            elif isinstance(b, Heading):
                out.append(b.full_text)
            elif isinstance(b, Table):
                out.append("\t".join(c.title for c in b.columns))
                out.extend("\t".join(r) for r in b.rows)
            elif isinstance(b, AttachmentNote):
                out.extend(attachment_note_lines(b))
            elif isinstance(b, PageBreak):
                out.append("\f")
            else:
                out.append(b.text)
        return "\n".join(out)


def attachment_note_lines(note: AttachmentNote) -> list[str]:
    """``附件：name`` or ``附件：1.name`` / ``　　　2.name`` (the writer aligns the names)."""
    if len(note.names) == 1:
        return [f"附件：{note.names[0]}"]
    return [f"{'附件：' if i == 0 else ''}{i + 1}.{n}" for i, n in enumerate(note.names)]
