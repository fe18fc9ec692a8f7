"""The parser's draft of a 要点 and how it becomes the catalogue.

The structure pass (:mod:`desktop.parser.structure`) collects sections → items → *blocks* (the
text of one task with the clause that closed it, if any). Building the catalogue numbers them
``S.I.P`` and gives every block its assignments: its own clause, else a clause standing for the
whole item or section (no warning: the document says so), else a neighbour's in the same item
(warned: a reader must check), else 各地区、各部门 — warned too, unless the whole section has no
clause at all (保障措施 binds everyone).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.catalogue import Assignment, Item, Section, Task, task_ref
from desktop.numerals import cn_number
from desktop.parser.clauses import merge, parse_clause
from desktop.parser.markers import MAX_TITLE
from desktop.parser.placement import Clause, split_trailing_bracket

EVERYONE = "各地区、各部门"
# A section that only states the year's aims (一、总体要求 / 指导思想 / 工作目标) before the
# sections of tasks: nobody reports on it.
_AIMS = "总体要求|指导思想|工作目标|目标要求|基本原则|工作原则|总体目标|主要目标|目标任务"
_PREAMBLE = re.compile(rf"^(?:{_AIMS})(?:[和及与、](?:{_AIMS}))*$")


@dataclass
class Block:
    line: int
    texts: list[str] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    clause: str | None = None
    clause_line: int = 0
    standing: list[Assignment] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.clause is not None

    def text(self) -> str:
        return "\n".join(t for t in self.texts if t)

    def close(self, clause: Clause, line: int) -> None:
        self.assignments = merge(self.assignments + clause.assignments)
        self.clause = clause.text if self.clause is None else f"{self.clause}；{clause.text}"
        self.clause_line = line
        self.standing = merge([*self.standing, *clause.standing])


@dataclass
class DraftItem:
    line: int
    title: str
    blocks: list[Block] = field(default_factory=list)
    default: Clause | None = None
    default_line: int = 0


@dataclass
class DraftSection:
    line: int
    title: str
    items: list[DraftItem] = field(default_factory=list)
    default: Clause | None = None
    default_line: int = 0
    implicit_items: bool = False

    @property
    def has_clauses(self) -> bool:
        return self.default is not None or any(
            it.default is not None or any(b.closed for b in it.blocks) for it in self.items
        )


def first_sentence(text: str) -> str:
    """An item's title when it has no heading of its own: its first sentence, clipped."""
    m = re.match(r"^(.+?)[。；：！？]", text)
    title = (m.group(1) if m else text).strip()
    split = split_trailing_bracket(title)
    if split and split[0] and parse_clause(split[1]) is not None:
        title = split[0]
    if len(title) > MAX_TITLE:
        title = title[:MAX_TITLE].rstrip("，、") + "…"
    return title


def join_default(old: Clause | None, new: Clause) -> Clause:
    if old is None:
        return new
    return Clause(
        merge(old.assignments + new.assignments),
        f"{old.text}；{new.text}",
        tuple(merge([*old.standing, *new.standing])),
    )


class SectionBuilder:
    """Drafts → catalogue sections, recording where each task and its clause stand."""

    def __init__(self, warn: Callable[[int, str], None]) -> None:
        self.warn = warn
        self.task_lines: dict[str, int] = {}
        self.clause_lines: dict[str, int] = {}
        # Units an aside bound to every later task ("以下均需…落实，不再逐一列出").
        self.standing: list[Assignment] = []

    def sections(self, drafts: list[DraftSection]) -> list[Section]:
        out: list[Section] = []
        tasks_elsewhere = sum(1 for sec in drafts if sec.items and not self._preamble(sec)) > 0
        for s_no, sec in enumerate(drafts, start=1):
            if tasks_elsewhere and self._preamble(sec):
                # Left out, the other sections keep the 要点's own numbers (二、…) so that
                # tasks are cited as the document numbers them.
                self.warn(
                    sec.line,
                    f"“{cn_number(s_no)}、{sec.title}”只写总体要求，没有任务和分工，未作为任务导入。",
                )
                continue
            section = Section(s_no, sec.title)
            has = sec.has_clauses
            for i_no, it in enumerate(sec.items, start=1):
                section.items.append(self._build_item(s_no, i_no, it, sec, has))
            out.append(section)
        return out

    @staticmethod
    def _preamble(sec: DraftSection) -> bool:
        return bool(_PREAMBLE.match(sec.title.replace(" ", ""))) and not sec.has_clauses

    def _build_item(
        self, s_no: int, i_no: int, it: DraftItem, sec: DraftSection, has: bool
    ) -> Item:
        blocks = [b for b in it.blocks if b.texts]
        item = Item(i_no, it.title or (first_sentence(blocks[0].text()) if blocks else ""))
        if not blocks:
            blocks = [Block(it.line, [it.title])]
            self.warn(it.line, f"条目“{it.title}”没有正文，按标题作为任务处理。")
        for p_no, b in enumerate(blocks, start=1):
            task_id = f"{s_no}.{i_no}.{p_no}"
            ref = task_ref(s_no, i_no, p_no, len(blocks))  # warnings cite the 要点's numbering
            assignments, clause, line = self._resolve(b, blocks, it, sec, has, ref)
            if self.standing:
                assignments = merge(assignments + self.standing)
            self.standing = merge(self.standing + b.standing)
            item.tasks.append(Task(task_id, b.text(), assignments, clause))
            self.task_lines[task_id] = b.line
            if line:
                self.clause_lines[task_id] = line
        return item

    def _resolve(
        self,
        block: Block,
        blocks: list[Block],
        item: DraftItem,
        section: DraftSection,
        section_has_clauses: bool,
        ref: str,
    ) -> tuple[list[Assignment], str | None, int]:
        if block.closed:
            return block.assignments, block.clause, block.clause_line
        if item.default:
            return item.default.assignments, item.default.text, item.default_line
        idx = blocks.index(block)
        following = next((b for b in blocks[idx + 1 :] if b.closed), None)
        if following is not None:
            self.warn(
                block.line,
                f"任务{ref}没有单独的责任分工，按同一条目中其后的分工（{following.clause}）处理。",
            )
            return following.assignments, following.clause, following.clause_line
        preceding = next((b for b in reversed(blocks[:idx]) if b.closed), None)
        if preceding is not None:
            self.warn(
                block.line,
                f"任务{ref}没有单独的责任分工，按同一条目中其前的分工（{preceding.clause}）处理。",
            )
            return preceding.assignments, preceding.clause, preceding.clause_line
        if section.default:
            return section.default.assignments, section.default.text, section.default_line
        if section_has_clauses:
            self.warn(
                block.line,
                f"任务{ref}没有找到责任分工，按“各地区、各部门”均需落实处理，请核对。",
            )
        return [Assignment(EVERYONE, "responsible")], None, 0


def year_of(text: str) -> int:
    m = re.search(r"(19|20)\d{2}", text or "")
    return int(m.group(0)) if m else 0


def catalogue_id(year: int, doc_number: str, title: str) -> str:
    digest = hashlib.sha1((doc_number + title).encode("utf-8")).hexdigest()[:8]
    return f"yaodian-{year or 'x'}-{digest}"
