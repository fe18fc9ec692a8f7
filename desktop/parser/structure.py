"""Turn a 要点 document (any year, any city) into a :class:`~desktop.catalogue.Catalogue`.

The structure it expects (docs/parser.md): a header (notice title, 文号, date), sections ``一、``,
items ``（一）``, optional sub-items ``1.``, paragraphs ending in a responsibility clause, and a
closing paragraph naming the deadline and the office the report goes to. Where the clause
stands varies (end of the paragraph, inside it after each sentence group, its own line with or
without brackets, ``牵头单位：`` lines, a table cell); see docs/parser.md.

Lines are cleaned and re-joined in :mod:`desktop.parser.lines`, header and closing read in
:mod:`desktop.parser.header`, clauses in :mod:`desktop.parser.clauses`. Nothing is dropped silently:
every line that is not header, structure or text of a task comes back as a
:class:`ParseWarning` with its line number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.catalogue import Catalogue
from desktop.errors import UserError
from desktop.parser.clauses import OPEN, is_time_line
from desktop.parser.draft import (
    Block,
    DraftItem,
    DraftSection,
    SectionBuilder,
    catalogue_id,
    first_sentence,
    join_default,
    year_of,
)
from desktop.parser.hanzi import ConverterUnavailable
from desktop.parser.header import (
    Closing,
    find_closing,
    is_closing_alt,
    is_title_line,
    month_end,
    read_header,
)
from desktop.parser.lines import Line, ParseWarning, join_wrapped, prepare
from desktop.parser.lost_marks import restore_lost_marks
from desktop.parser.markers import Marker, heading_only, kind_of, marker
from desktop.parser.placement import (
    Clause,
    clause_of_line,
    is_clause_line,
    read_clause,
    split_inline_clauses,
    trailing_clause,
)
from desktop.parser.source import SourceError, SourceText, read_source
from desktop.textclean import clip

_TASK_KIND = {"item": "arabic", "arabic": "paren_ar"}
_NOT_YAODIAN = "没有找到任何“一、”或“（一）”编号的条目，这不像是一份工作要点。"


@dataclass
class ParseResult:
    catalogue: Catalogue
    warnings: list[ParseWarning]
    task_lines: dict[str, int] = field(default_factory=dict)
    clause_lines: dict[str, int] = field(default_factory=dict)


class ParseError(UserError):
    """No catalogue can be made; ``str()`` is a one-line Chinese reason."""


def _strip_title(text: str) -> str:
    return text.strip().rstrip("。.：:；;").strip()


class _Parser:
    def __init__(self, raw: list[str]) -> None:
        self.raw = raw
        self.warnings: list[ParseWarning] = []
        self.sections: list[DraftSection] = []
        self.header_texts: list[str] = []
        self.closing: Closing | None = None
        self.closing_line = 0
        self.task_lines: dict[str, int] = {}
        self.clause_lines: dict[str, int] = {}
        self.items_seen = 0

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ParseWarning(line, message))

    def _report_problems(self, problems: tuple[str, ...], line: int) -> None:
        for p in problems:
            self.warn(line, p + "，该部分未计入责任分工。")

    # -- structure ----------------------------------------------------------------------------
    def parse(self) -> None:
        try:
            lines, warnings = prepare(self.raw)
        except ConverterUnavailable as exc:
            raise ParseError(str(exc)) from exc
        restore_lost_marks(lines, warnings)
        self.warnings.extend(warnings)
        first = next(
            (i for i, ln in enumerate(lines) if ln.text and kind_of(ln.text) == "section"), None
        )
        if first is None:
            # Some 要点 start at （一） (or 1.) without 一、 sections; a task list may number
            # its tasks 1. 2. 3. only (a bureau's 任务清单 whose table has a 序号 column).
            for level in ("item", "arabic"):
                first = next(
                    (i for i, ln in enumerate(lines) if ln.text and kind_of(ln.text) == level),
                    None,
                )
                if first is not None:
                    break
        if first is None:
            raise ParseError(_NOT_YAODIAN)
        numbered_only = kind_of(lines[first].text) == "arabic"
        first = self._attachment_start(lines, first)
        self.header_texts = [ln.text for ln in lines[:first] if ln.text]
        body = join_wrapped(lines[first:])
        item_kind = self._item_kind(body)
        last_marker = max(
            (i for i, ln in enumerate(body) if ln.text and kind_of(ln.text) is not None), default=0
        )
        state = _State(item_kind, _TASK_KIND.get(item_kind))
        texts = [(i, ln) for i, ln in enumerate(body) if ln.text]
        # For each line, the next section or item marker below it (kind), for look-ahead.
        upcoming: list[str | None] = [None] * len(texts)
        nxt: str | None = None
        for n in range(len(texts) - 1, -1, -1):
            upcoming[n] = nxt
            kind = kind_of(texts[n][1].text)
            if kind in ("section", item_kind):
                nxt = kind
        for n, (idx, ln) in enumerate(texts):
            if state.ended:
                self.warn(ln.no, f"正文结束后的内容未导入：{clip(ln.text, 30)}")
                continue
            state.next_text = texts[n + 1][1].text if n + 1 < len(texts) else ""
            state.items_follow = upcoming[n] == item_kind
            self._line(state, ln, idx > last_marker)
        if not any(s.items for s in self.sections):
            raise ParseError("没有识别出任何条目，请检查文件是否为工作要点正文。")
        if numbered_only and not any(s.has_clauses for s in self.sections):
            # A list numbered 1. 2. 3. that assigns no one is some other document.
            raise ParseError(_NOT_YAODIAN)
        if self.closing is None:
            # No closing paragraph: the deadline may stand inside an item (保障措施) or in the
            # notice above the body (common for task tables).
            for ln in [*reversed(body), *reversed(lines[:first])]:
                found = find_closing(ln.text) if ln.text else None
                if found:
                    self.closing, self.closing_line = found, ln.no
                    break

    @staticmethod
    def _attachment_start(lines: list[Line], first: int) -> int:
        """A notice with numbered paragraphs of its own (一、加强组织领导…) above the attached
        要点 or task table: the body starts after the attachment's title line."""
        titles = [
            i
            for i, ln in enumerate(lines)
            if i > first and ln.text and marker(ln.text) is None and is_title_line(ln.text)
        ]
        for t in reversed(titles):
            after = next(
                (i for i in range(t + 1, len(lines)) if kind_of(lines[i].text) is not None), None
            )
            if after is not None:
                return after
        return first

    def _line(self, st: _State, ln: Line, after_last_marker: bool) -> None:
        text = ln.text
        m = marker(text)
        if m is not None and m.kind == "section" and not self._looks_like_sentence(m.rest):
            self._new_section(st, ln, m)
            return
        if st.section is None:
            st.section = DraftSection(ln.no, "")
            self.sections.append(st.section)
            self.warn(ln.no, "文件没有“一、”级标题，全部条目归入同一部分。")
        section = st.section
        if m is not None and m.kind == st.item_kind:
            self._new_item(st, ln, m)
            return
        if after_last_marker and trailing_clause(text) is None:
            closing = find_closing(text)
            if closing or (section.items and is_closing_alt(text)):
                st.ended = True
                self.closing = closing or self.closing
                self.closing_line = ln.no
                return
        if is_time_line(text):
            # A task's deadline; under a section whose paragraphs are items of their own the
            # task just closed by its clause is the one it belongs to.
            last = (
                section.items[-1].blocks[-1] if section.items and section.items[-1].blocks else None
            )
            target = st.block or (last if section.implicit_items else None)
            if target is not None:
                target.texts.append(text)
            else:
                self.warn(ln.no, f"“{clip(text, 30)}”之前没有任务，未导入。")
            return
        clause = clause_of_line(text)
        if clause is not None:
            self._report_problems(clause.problems, ln.no)
            self._attach_clause(st, clause, ln.no, bracketed=text.startswith(tuple(OPEN)))
            return
        if st.item is None:
            if st.items_follow and not section.items and split_inline_clauses(text)[0][1] is None:
                # A lead-in paragraph between a section heading and its first item.
                self.warn(ln.no, f"部分标题下的引言未作为任务导入：{clip(text, 30)}")
                return
            # Paragraphs directly under a section heading: each one is an item of its own.
            section.implicit_items = True
            st.item = self._add_item(section, ln.no, first_sentence(m.rest if m else text))
            st.block = self._new_block(st.item, ln.no)
            self._add_text(st, text, ln.no)
            return
        starts_task = m is not None and m.kind == st.task_kind
        if st.block is None or st.block.closed or starts_task:
            st.block = self._new_block(st.item, ln.no)
        if not st.item.title:
            st.item.title = first_sentence(m.rest if m else text)
        # The task's own number ("1.") is in its id; the text starts after it.
        self._add_text(st, m.rest if starts_task and m and m.rest else text, ln.no, ln.cont)

    def _new_section(self, st: _State, ln: Line, m: Marker) -> None:
        section = DraftSection(ln.no, _strip_title(m.rest))
        self._check_sequence([len(self.sections) + 1], m.value, ln.no, "部分")
        self.sections.append(section)
        st.section, st.item, st.block = section, None, None
        trailing = trailing_clause(m.rest)
        if trailing:
            self._report_problems(trailing[1].problems, ln.no)
            section.title = _strip_title(trailing[0])
            section.default, section.default_line = trailing[1], ln.no

    def _new_item(self, st: _State, ln: Line, m: Marker) -> None:
        section = st.section
        assert section is not None
        # Items are numbered per section, or on through the whole document.
        self._check_sequence([len(section.items) + 1, self.items_seen + 1], m.value, ln.no, "条目")
        item = self._add_item(section, ln.no, "")
        # Only numbered items count for numbering on through the document: a paragraph
        # standing as an item of its own (a 总体要求 before the tasks) has no number.
        self.items_seen += 1
        st.item, st.block = item, None
        rest = m.rest
        trailing = trailing_clause(rest) if rest else None
        if trailing and heading_only(trailing[0]) and self._body_follows(st):
            # "（一）标题（X牵头）" with the body below: the clause covers the whole item.
            self._report_problems(trailing[1].problems, ln.no)
            item.title = _strip_title(trailing[0])
            item.default, item.default_line = trailing[1], ln.no
            return
        if not rest or (heading_only(rest) and self._body_follows(st)):
            item.title = _strip_title(rest)
            return
        item.title = first_sentence(rest)
        st.block = self._new_block(item, ln.no)
        self._add_text(st, rest, ln.no)

    def _body_follows(self, st: _State) -> bool:
        """A short marker line is a heading when text (or a deeper level) follows; when a
        clause, a deadline or the next item follows, the line is the task itself."""
        nxt = st.next_text
        if not nxt or is_time_line(nxt) or is_clause_line(nxt):
            return False
        if find_closing(nxt) or is_closing_alt(nxt):
            return False
        kind = kind_of(nxt)
        return kind is None or (kind != "section" and kind != st.item_kind)

    def _add_item(self, section: DraftSection, line: int, title: str) -> DraftItem:
        item = DraftItem(line, title)
        section.items.append(item)
        return item

    def _looks_like_sentence(self, rest: str) -> bool:
        # "一、" followed by a long paragraph with a clause is a numbered item, not a heading.
        return len(rest) > 60 and trailing_clause(rest) is not None

    def _item_kind(self, body: list[Line]) -> str:
        kinds = {kind_of(ln.text) for ln in body if ln.text}
        for k in ("item", "arabic", "paren_ar"):
            if k in kinds:
                return k
        return "item"

    def _check_sequence(self, expected: list[int], got: int, line: int, what: str) -> None:
        if got not in expected:
            self.warn(
                line,
                f"编号不连续：此处应为第{expected[0]}个{what}，文件中为第{got}个，已按出现顺序编号。",
            )

    def _new_block(self, item: DraftItem, line: int) -> Block:
        block = Block(line)
        item.blocks.append(block)
        return block

    def _add_text(self, st: _State, text: str, line: int, cont: bool = False) -> None:
        """Text of the current task; a clause inside it closes the task there, and the text
        after it starts the next task of the same item."""
        assert st.item is not None and st.block is not None
        parts = split_inline_clauses(text)
        for n, (chunk, inner) in enumerate(parts):
            if n > 0:
                st.block = self._new_block(st.item, line)
            if n == 0 and cont and st.block.texts:
                st.block.texts[-1] += chunk  # same paragraph, cut at a full line
            else:
                st.block.texts.append(chunk)
            if inner is not None:
                clause = read_clause(inner)
                assert clause is not None
                self._report_problems(clause.problems, line)
                st.block.close(clause, line)
        if st.section is not None and st.section.implicit_items and st.block.closed:
            st.item = st.block = None

    def _attach_clause(self, st: _State, clause: Clause, line: int, bracketed: bool) -> None:
        block, item, section = st.block, st.item, st.section
        assert section is not None
        if block is not None and item is not None and block in item.blocks:
            # A clause line closes the task above it, or adds to a clause just given
            # (牵头单位 / 责任单位 / 配合单位 on consecutive lines).
            if block.clause is None or block.clause_line >= line - 3:
                if bracketed and block.clause is None and block.texts:
                    # "（X牵头落实）" wrapped onto its own line ends the paragraph's text.
                    block.texts[-1] += clause.text.join(("（", "）"))
                block.close(clause, line)
                if section.implicit_items:
                    st.item = st.block = None
                return
        if item is not None:
            item.default = join_default(item.default, clause)
            item.default_line = item.default_line or line
            return
        section.default = join_default(section.default, clause)
        section.default_line = section.default_line or line

    # -- the catalogue ------------------------------------------------------------------------
    def build(self) -> Catalogue:
        header = read_header(self.header_texts, self.warn)
        year = year_of(header.title) or year_of(header.date) or year_of(header.notice_title)
        deadline, report_to = "", ""
        if self.closing is not None:
            c = self.closing
            year_due = c.year or year
            day = min(c.day, month_end(c.month))
            deadline = f"{year_due}-{c.month:02d}-{day:02d}" if year_due else ""
            report_to = c.report_to
        if not deadline:
            self.warn(0, "未找到报送期限（如“11月30日前…报送”），请在导入后核对。")
        if not report_to:
            self.warn(0, "未找到报告报送机关（如“向市政府办公厅报送”），请在导入后核对。")
        builder = SectionBuilder(self.warn)
        sections = builder.sections(self.sections)
        self.task_lines, self.clause_lines = builder.task_lines, builder.clause_lines
        return Catalogue(
            id=catalogue_id(year, header.doc_number, header.title),
            title=header.title,
            issuer=header.issuer,
            doc_number=header.doc_number,
            date=header.date,
            report_to=report_to,
            deadline=deadline,
            sections=sections,
            notice_title=header.notice_title,
        )


@dataclass
class _State:
    item_kind: str
    task_kind: str | None
    section: DraftSection | None = None
    item: DraftItem | None = None
    block: Block | None = None
    ended: bool = False
    next_text: str = ""
    items_follow: bool = False  # an item marker comes before the next section


# -- public API -------------------------------------------------------------------------------


def parse_lines(lines: list[str], catalogue_id: str | None = None) -> ParseResult:
    parser = _Parser(lines)
    parser.parse()
    catalogue = parser.build()
    if catalogue_id:
        catalogue.id = catalogue_id
    return ParseResult(
        catalogue,
        sorted(parser.warnings, key=lambda w: w.line),
        parser.task_lines,
        parser.clause_lines,
    )


def parse_source(source: SourceText, catalogue_id: str | None = None) -> ParseResult:
    return parse_lines(source.lines, catalogue_id)


def parse_file(path: Path, catalogue_id: str | None = None) -> ParseResult:
    """Parse a 要点 file. Raises :class:`SourceError` or :class:`ParseError` with a Chinese reason."""
    return parse_source(read_source(path), catalogue_id)


__all__ = [
    "ParseError",
    "ParseResult",
    "ParseWarning",
    "SourceError",
    "parse_file",
    "parse_lines",
    "parse_source",
]
