"""Turn a 要点 document (any year, any city) into a :class:`~desktop.catalogue.Catalogue`.

The structure it expects (YAODIAN.md): a header (notice title, 文号, date), sections ``一、``,
items ``（一）``, optional sub-items ``1.``, paragraphs ending in a responsibility clause, and a
closing paragraph naming the deadline and the office the report goes to.

Nothing is dropped silently: every line that is not header, structure or text of a task comes
back as a :class:`ParseWarning` with its line number.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop import hanzi
from desktop.catalogue import Assignment, Catalogue, Item, Section, Task
from desktop.clauses import merge, parse_clause, split_trailing_bracket
from desktop.sourcefile import SourceError, SourceText, read_source
from desktop.textclean import normalise_space, to_fullwidth_punct

CN = "一二三四五六七八九十"
_CN_NUM = f"[{CN}]+"
RE_SECTION = re.compile(rf"^(?P<num>{_CN_NUM})\s*[、.．]\s*(?P<rest>.*)$")
RE_ITEM_CN = re.compile(rf"^[（(]\s*(?P<num>{_CN_NUM})\s*[）)]\s*[、.．]?\s*(?P<rest>.*)$")
RE_ARABIC = re.compile(r"^(?P<num>\d{1,2})\s*[.．、](?!\d)\s*(?P<rest>.*)$")
RE_PAREN_AR = re.compile(r"^[（(]\s*(?P<num>\d{1,2})\s*[）)]\s*(?P<rest>.*)$")
RE_DOC_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,12})\s*[〔\[［【(（]\s*(?P<year>\d{4})\s*[〕\]］】)）]\s*(?P<n>\d+)\s*号"
)
RE_DATE = re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$")
RE_CN_DATE = re.compile(
    r"^(?P<y>[〇零一二三四五六七八九○]{4})年(?P<m>[一二三四五六七八九十]+)月(?P<d>[一二三四五六七八九十]+)日$"
)
RE_CLOSING = re.compile(
    r"(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日|底)\s*(?:前|之前).{0,40}?向(?P<to>[\u4e00-\u9fff]{2,20}?)(?:报送|报告|提交|上报)"
)
RE_CLOSING_ALT = re.compile(r"(?:报送|提交|上报).{0,20}(?:落实情况|工作总结|情况报告)|落实情况报告")
SENTENCE_END = "。；！？）)」”：:"
MAX_TITLE = 40
EVERYONE = "各地区、各部门"

KIND_RANK = {"section": 0, "item": 1, "arabic": 2, "paren_ar": 3}


@dataclass
class ParseWarning:
    line: int
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.message}" if self.line else self.message


@dataclass
class ParseResult:
    catalogue: Catalogue
    warnings: list[ParseWarning]
    task_lines: dict[str, int] = field(default_factory=dict)


class ParseError(Exception):
    """No catalogue can be made; ``str()`` is a one-line Chinese reason."""


# -- internal model -------------------------------------------------------------------------


@dataclass
class _Block:
    line: int
    texts: list[str] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    clause: str | None = None
    clause_line: int = 0

    @property
    def closed(self) -> bool:
        return self.clause is not None

    def text(self) -> str:
        return "\n".join(t for t in self.texts if t)


@dataclass
class _Item:
    line: int
    title: str
    blocks: list[_Block] = field(default_factory=list)
    default: tuple[list[Assignment], str] | None = None


@dataclass
class _Section:
    line: int
    title: str
    items: list[_Item] = field(default_factory=list)
    default: tuple[list[Assignment], str] | None = None
    implicit_items: bool = False


@dataclass
class _Line:
    no: int
    text: str


def _marker(text: str) -> tuple[str, int, str] | None:
    for kind, rx in (
        ("item", RE_ITEM_CN),
        ("paren_ar", RE_PAREN_AR),
        ("section", RE_SECTION),
        ("arabic", RE_ARABIC),
    ):
        m = rx.match(text)
        if m:
            num = m.group("num")
            value = int(num) if num.isdigit() else _cn_to_int(num)
            if value <= 0 or value > 99:
                return None
            if kind == "arabic" and re.match(r"^\d{1,2}\s*[.．、]\s*\d", text):
                return None
            return kind, value, m.group("rest").strip()
    return None


def _cn_to_int(text: str) -> int:
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN.index(tens) + 1 if tens else 1) * 10 + (CN.index(ones) + 1 if ones else 0)
    if len(text) == 1:
        return CN.index(text) + 1
    return 0


def _cn_date(m: re.Match[str]) -> str:
    digits = "〇一二三四五六七八九"
    year = "".join(str(digits.index("〇" if c in "零○" else c)) for c in m.group("y"))
    return f"{year}-{_cn_to_int(m.group('m')):02d}-{_cn_to_int(m.group('d')):02d}"


def _first_sentence(text: str) -> str:
    m = re.match(r"^(.+?)[。；：！？]", text)
    title = m.group(1) if m else text
    title = title.strip()
    if len(title) > MAX_TITLE:
        title = title[:MAX_TITLE].rstrip("，、") + "…"
    return title


def _heading_only(rest: str) -> bool:
    """A marker line whose text is a title only (the body follows on the next lines)."""
    body = rest.rstrip("。.")
    return bool(body) and len(body) <= MAX_TITLE and not re.search(r"[。；]", body)


class _Parser:
    def __init__(self, lines: list[str]) -> None:
        self.raw = lines
        self.warnings: list[ParseWarning] = []
        self.sections: list[_Section] = []
        self.header: list[_Line] = []
        self.deadline_md: tuple[int, int] | None = None
        self.report_to = ""
        self.closing_line = 0
        self.task_lines: dict[str, int] = {}

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ParseWarning(line, message))

    # -- pass 1: clean lines, join hard-wrapped ones ------------------------------------------
    def logical_lines(self) -> list[_Line]:
        text_all = "\n".join(self.raw)
        trad = hanzi.count_traditional(text_all)
        convert = trad >= 3
        if convert:
            self.warn(0, f"文件含繁体字（{trad}处），已按简体识别。")
        out: list[_Line] = []
        for no, raw in enumerate(self.raw, start=1):
            text = normalise_space(raw)
            if not text:
                out.append(_Line(no, ""))
                continue
            if convert:
                text = hanzi.to_simplified(text)
            text = to_fullwidth_punct(text)
            out.append(_Line(no, text))
        return out

    def join_wrapped(self, lines: list[_Line], start: int) -> list[_Line]:
        """Re-join paragraphs that were hard-wrapped (copied from a PDF or a web page)."""
        out: list[_Line] = []
        for ln in lines:
            if not ln.text:
                out.append(ln)
                continue
            prev = out[-1] if out and out[-1].text else None
            if (
                prev is not None
                and ln.no > start
                and prev.no >= start
                and len(prev.text) >= 20
                and prev.text[-1] not in SENTENCE_END
                and _marker(ln.text) is None
                and not self._is_clause_line(ln.text)
                and not _is_heading_line(prev.text)
            ):
                prev.text += ln.text
                continue
            out.append(_Line(ln.no, ln.text))
        return out

    # -- clause helpers -----------------------------------------------------------------------
    def _is_clause_line(self, text: str) -> bool:
        return self._clause_of_line(text, warn_line=0) is not None

    def _clause_of_line(self, text: str, warn_line: int) -> tuple[list[Assignment], str] | None:
        """A whole line that is a clause: ``（X牵头落实）``, ``X牵头落实``, ``牵头单位：X``."""
        stripped = text.strip().rstrip("。.")
        if stripped.startswith(("（", "(")) and stripped.endswith(("）", ")")):
            split = split_trailing_bracket(stripped)
            if split is not None and not split[0]:
                parsed = parse_clause(split[1])
                if parsed:
                    self._report_problems(parsed.problems, warn_line)
                    return parsed.assignments, split[1].strip()
            return None
        if len(stripped) > 150 or "。" in stripped:
            return None
        parsed = parse_clause(stripped, strict_units=True)
        if parsed:
            return parsed.assignments, stripped
        return None

    def _trailing_clause(self, text: str, line: int) -> tuple[str, list[Assignment], str] | None:
        split = split_trailing_bracket(text)
        if split is None or not split[0]:
            return None
        parsed = parse_clause(split[1])
        if not parsed:
            return None
        self._report_problems(parsed.problems, line)
        return split[0], parsed.assignments, split[1].strip()

    def _report_problems(self, problems: list[str], line: int) -> None:
        for p in problems:
            if line:
                self.warn(line, p + "，该部分未计入责任分工。")

    # -- pass 2: structure --------------------------------------------------------------------
    def parse(self) -> None:
        lines = self.logical_lines()
        first_section = next(
            (i for i, ln in enumerate(lines) if ln.text and _is_section_start(ln.text)), None
        )
        if first_section is None:
            # Some 要点 start at （一） without 一、 sections.
            first_section = next(
                (i for i, ln in enumerate(lines) if ln.text and RE_ITEM_CN.match(ln.text)), None
            )
        if first_section is None:
            raise ParseError("没有找到任何“一、”或“（一）”编号的条目，这不像是一份工作要点。")
        self.header = [ln for ln in lines[:first_section] if ln.text]
        body = self.join_wrapped(lines[first_section:], lines[first_section].no)
        item_kind = self._item_kind(body)
        task_kind = {"item": "arabic", "arabic": "paren_ar"}.get(item_kind)
        section: _Section | None = None
        item: _Item | None = None
        block: _Block | None = None
        ended = False
        for ln in body:
            text = ln.text
            if not text:
                continue
            if ended:
                self.warn(ln.no, f"正文结束后的内容未导入：{_clip(text)}")
                continue
            marker = _marker(text)
            kind = marker[0] if marker else None
            if kind == "section" and not self._looks_like_sentence(marker[2]):
                section = _Section(ln.no, _strip_title(marker[2]))
                self._check_sequence(len(self.sections) + 1, marker[1], ln.no, f"{marker[1]}、")
                self.sections.append(section)
                item = block = None
                rest_clause = self._trailing_clause(marker[2], ln.no)
                if rest_clause:
                    section.title = _strip_title(rest_clause[0])
                    section.default = (rest_clause[1], rest_clause[2])
                continue
            if section is None:
                section = _Section(ln.no, "")
                self.sections.append(section)
                self.warn(ln.no, "文件没有“一、”级标题，全部条目归入同一部分。")
            if kind == item_kind:
                item = _Item(ln.no, "")
                self._check_sequence(len(section.items) + 1, marker[1], ln.no, "条目")
                section.items.append(item)
                block = None
                rest = marker[2]
                trailing = self._trailing_clause(rest, ln.no) if rest else None
                if trailing and _heading_only(trailing[0]):
                    item.title = _strip_title(trailing[0])
                    item.default = (trailing[1], trailing[2])
                    continue
                if not rest or _heading_only(rest):
                    item.title = _strip_title(rest) if rest else ""
                    continue
                item.title = _first_sentence(rest)
                block = self._new_block(item, ln.no)
                self._add_text(block, rest, ln.no, item)
                continue
            if self._is_closing(text):
                ended = True
                self.closing_line = ln.no
                continue
            clause_line = self._clause_of_line(text, ln.no)
            if clause_line is not None:
                self._attach_clause(section, item, block, clause_line, ln.no)
                if section.implicit_items and block is not None and block.closed:
                    item = block = None
                continue
            if item is None:
                # Paragraphs directly under a section heading: each one is an item of its own.
                section.implicit_items = True
                item = _Item(ln.no, _first_sentence(marker[2] if marker else text))
                section.items.append(item)
                block = self._new_block(item, ln.no)
                self._add_text(block, text, ln.no, item)
                if block.closed:
                    item = block = None
                continue
            starts_task = kind is not None and kind == task_kind
            if block is None or block.closed or starts_task:
                block = self._new_block(item, ln.no)
            if not item.title:
                item.title = _first_sentence(marker[2] if marker else text)
            self._add_text(block, text, ln.no, item)
            if section.implicit_items and block.closed:
                item = block = None
        if not self.sections or not any(s.items for s in self.sections):
            raise ParseError("没有识别出任何条目，请检查文件是否为工作要点正文。")

    def _looks_like_sentence(self, rest: str) -> bool:
        # "一、" followed by a long paragraph with a clause is a numbered item, not a heading.
        return len(rest) > 60 and self._trailing_clause(rest, 0) is not None

    def _item_kind(self, body: list[_Line]) -> str:
        kinds = {m[0] for ln in body if ln.text and (m := _marker(ln.text)) and m[0] != "section"}
        for k in ("item", "arabic", "paren_ar"):
            if k in kinds:
                return k
        return "item"

    def _check_sequence(self, expected: int, got: int, line: int, what: str) -> None:
        if expected != got:
            self.warn(
                line,
                f"编号不连续：此处应为第{expected}个{what}，文件中为第{got}个，已按出现顺序编号。",
            )

    def _new_block(self, item: _Item, line: int) -> _Block:
        block = _Block(line)
        item.blocks.append(block)
        return block

    def _add_text(self, block: _Block, text: str, line: int, item: _Item) -> None:
        trailing = self._trailing_clause(text, line)
        if trailing:
            block.texts.append(text)
            block.assignments = merge(block.assignments + trailing[1])
            block.clause = trailing[2]
            block.clause_line = line
        else:
            block.texts.append(text)

    def _attach_clause(
        self,
        section: _Section,
        item: _Item | None,
        block: _Block | None,
        clause: tuple[list[Assignment], str],
        line: int,
    ) -> None:
        assignments, text = clause
        if block is not None and item is not None and block in item.blocks:
            if block.clause is None or block.clause_line >= line - 3:
                block.assignments = merge(block.assignments + assignments)
                block.clause = text if block.clause is None else f"{block.clause}；{text}"
                block.clause_line = line
                return
        if item is not None:
            if item.default:
                item.default = (merge(item.default[0] + assignments), f"{item.default[1]}；{text}")
            else:
                item.default = (assignments, text)
            return
        if section.default:
            section.default = (
                merge(section.default[0] + assignments),
                f"{section.default[1]}；{text}",
            )
        else:
            section.default = (assignments, text)

    def _is_closing(self, text: str) -> bool:
        m = RE_CLOSING.search(text)
        if m and split_trailing_bracket(text) is None:
            if m.group("d"):
                self.deadline_md = (int(m.group("m")), int(m.group("d")))
            else:
                self.deadline_md = (int(m.group("m")), _month_end(int(m.group("m"))))
            self.report_to = m.group("to")
            return True
        if (
            RE_CLOSING_ALT.search(text)
            and len(self.sections)
            and split_trailing_bracket(text) is None
        ):
            last = self.sections[-1]
            # Only the very end of the document: the last section has items already.
            if last.items and any(w in text for w in ("各地区", "各部门", "各单位")):
                return True
        return False

    # -- pass 3: build the catalogue ------------------------------------------------------------
    def build(self) -> Catalogue:
        notice_title, title, issuer, doc_number, date = self._header_fields()
        year = _year_of(title) or _year_of(date) or _year_of(notice_title)
        deadline = ""
        if self.deadline_md and year:
            deadline = f"{year}-{self.deadline_md[0]:02d}-{self.deadline_md[1]:02d}"
        if not deadline:
            self.warn(0, "未找到报送期限（如“11月30日前…报送”），请在导入后核对。")
        if not self.report_to:
            self.warn(0, "未找到报告报送机关（如“向市政府办公厅报送”），请在导入后核对。")
        sections: list[Section] = []
        for s_no, sec in enumerate(self.sections, start=1):
            has_clauses = sec.default is not None or any(
                it.default is not None or any(b.closed for b in it.blocks) for it in sec.items
            )
            section = Section(s_no, sec.title)
            for i_no, it in enumerate(sec.items, start=1):
                blocks = [b for b in it.blocks if b.texts]
                item = Item(i_no, it.title or (_first_sentence(blocks[0].text()) if blocks else ""))
                if not blocks:
                    blocks = [_Block(it.line, [it.title], clause=None)]
                    self.warn(it.line, f"条目“{it.title}”没有正文，按标题作为任务处理。")
                for p_no, b in enumerate(blocks, start=1):
                    task_id = f"{s_no}.{i_no}.{p_no}"
                    assignments, clause = self._resolve(b, blocks, it, sec, has_clauses, task_id)
                    item.tasks.append(Task(task_id, b.text(), assignments, clause))
                    self.task_lines[task_id] = b.line
                section.items.append(item)
            sections.append(section)
        cat_id = _catalogue_id(year, doc_number, title)
        return Catalogue(
            id=cat_id,
            title=title,
            issuer=issuer,
            doc_number=doc_number,
            date=date,
            report_to=self.report_to,
            deadline=deadline,
            sections=sections,
            notice_title=notice_title,
        )

    def _resolve(
        self,
        block: _Block,
        blocks: list[_Block],
        item: _Item,
        section: _Section,
        section_has_clauses: bool,
        task_id: str,
    ) -> tuple[list[Assignment], str | None]:
        if block.closed:
            return block.assignments, block.clause
        if item.default:
            return item.default[0], item.default[1]
        idx = blocks.index(block)
        following = next((b for b in blocks[idx + 1 :] if b.closed), None)
        if following is not None:
            self.warn(
                block.line,
                f"任务{task_id}没有单独的责任分工，按同一条目中其后的分工（{following.clause}）处理。",
            )
            return following.assignments, following.clause
        preceding = next((b for b in reversed(blocks[:idx]) if b.closed), None)
        if preceding is not None:
            self.warn(
                block.line,
                f"任务{task_id}没有单独的责任分工，按同一条目中其前的分工（{preceding.clause}）处理。",
            )
            return preceding.assignments, preceding.clause
        if section.default:
            return section.default[0], section.default[1]
        if section_has_clauses:
            self.warn(
                block.line,
                f"任务{task_id}没有找到责任分工，按“各地区、各部门”均需落实处理，请核对。",
            )
        return [Assignment(EVERYONE, "responsible")], None

    def _header_fields(self) -> tuple[str, str, str, str, str]:
        lines = [ln.text for ln in self.header]
        notice_title = ""
        title = ""
        doc_number = ""
        date = ""
        issuer = ""
        for text in lines[:6]:
            if (
                "关于" in text
                and text.endswith(("通知", "要点", "方案", "意见"))
                and len(text) <= 80
            ):
                notice_title = text
                break
        for text in lines:
            m = RE_DOC_NUMBER.search(text)
            if m and len(text) <= 40 and not doc_number:
                doc_number = f"{m.group('prefix')}〔{m.group('year')}〕{m.group('n')}号"
            dm = RE_DATE.match(text.replace(" ", ""))
            if dm and not date:
                date = f"{dm.group('y')}-{int(dm.group('m')):02d}-{int(dm.group('d')):02d}"
            cm = RE_CN_DATE.match(text.replace(" ", ""))
            if cm and not date:
                date = _cn_date(cm)
            if (
                not title
                and re.search(r"\d{4}年.*要点$", text)
                and len(text) <= 40
                and "关于" not in text
            ):
                title = text.strip("《》")
        if not title and notice_title:
            m = re.search(r"印发(?:《)?(.+?)(?:》)?的通知$", notice_title)
            title = m.group(1) if m else notice_title
        if not title:
            title = lines[0][:60] if lines else "工作要点"
            self.warn(0, "未找到要点名称（如“2016年政务公开工作要点”），已用第一行代替。")
        if notice_title:
            m = re.match(r"^(.+?)关于", notice_title)
            issuer = m.group(1) if m else ""
        if not issuer:
            for i, text in enumerate(lines):
                if RE_DATE.match(text.replace(" ", "")) and i > 0:
                    cand = lines[i - 1]
                    if re.search(r"(政府|办公厅|办公室|委员会|局)$", cand) and len(cand) <= 30:
                        issuer = cand
                        break
        if not doc_number:
            self.warn(0, "未找到发文字号（如“大政办发〔2016〕125号”）。")
        if not date:
            self.warn(0, "未找到成文日期。")
        return notice_title, title, issuer, doc_number, date


def _is_section_start(text: str) -> bool:
    m = _marker(text)
    return m is not None and m[0] == "section"


def _is_heading_line(text: str) -> bool:
    m = _marker(text)
    return m is not None and (m[0] == "section" or _heading_only(m[2]))


def _strip_title(text: str) -> str:
    return text.strip().rstrip("。.：:；;").strip()


def _clip(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[:n] + "…"


def _year_of(text: str) -> int:
    m = re.search(r"(19|20)\d{2}", text or "")
    return int(m.group(0)) if m else 0


def _month_end(month: int) -> int:
    return 31 if month in (1, 3, 5, 7, 8, 10, 12) else 30 if month != 2 else 28


def _catalogue_id(year: int, doc_number: str, title: str) -> str:
    digest = hashlib.sha1((doc_number + title).encode("utf-8")).hexdigest()[:8]
    return f"yaodian-{year or 'x'}-{digest}"


# -- public API -------------------------------------------------------------------------------


def parse_lines(lines: list[str], catalogue_id: str | None = None) -> ParseResult:
    parser = _Parser(lines)
    parser.parse()
    catalogue = parser.build()
    if catalogue_id:
        catalogue.id = catalogue_id
    return ParseResult(catalogue, sorted(parser.warnings, key=lambda w: w.line), parser.task_lines)


def parse_source(source: SourceText, catalogue_id: str | None = None) -> ParseResult:
    return parse_lines(source.lines, catalogue_id)


def parse_file(path: Path, catalogue_id: str | None = None) -> ParseResult:
    """Parse a 要点 file. Raises :class:`SourceError` or :class:`ParseError` with a Chinese reason."""
    return parse_source(read_source(path), catalogue_id)


__all__ = ["ParseError", "ParseResult", "ParseWarning", "SourceError", "parse_file", "parse_lines"]
