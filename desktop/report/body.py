"""一、工作开展情况: the overview, then the unit's work in the 要点's own order and parts.

Headings a reader can follow: one （一） per part of the 要点 the unit reports on (围绕深化改革、
经济发展，推进权力运行全流程公开 → （一）推进权力运行全流程公开; 保障措施 closes as
（五）落实保障措施), under it one ``1.`` per item — none when the part has a single item — named
for the task the unit actually answered, not for the item's first task. A heading never repeats
the one above it and never stands over nothing: an answer that gives only a status adds a
sentence at the end of its part, not a heading; one that gives figures too says them under its
own item when the part has headings (else with the statuses after the overview).

Each task reads as the clerk wrote it — 做法, then 成效 with the 要点's figures woven in with
the unit as subject — and a 持续推进 task ends with the clerk's 推进计划 (``下一步，我局将…``),
a 未完成 task with its reason. Web addresses are taken out of the body (they are listed in the
落实情况表). Finally no sentence is said twice anywhere in the section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.answers import DONE, FIGURES, ONGOING, UNFINISHED, has_content
from desktop.catalogue import Catalogue, Item, Section, Task, short_name
from desktop.numerals import cn_number
from desktop.report import prose
from desktop.report.figures import figure_sentence
from desktop.report.model import Heading, Para

if TYPE_CHECKING:
    from desktop.forms import FormSpec
    from desktop.units import Unit

_PART_VERBS = re.compile(
    r"^(?:推进|扩大|提升|提高|加强|强化|完善|深化|做好|健全|建立|落实|推动|开展)"
)
# How a status-only answer reads, by the status's meaning (the words themselves are forms/ data).
_STATUS_CLAUSE = {DONE: "已按要求完成", ONGOING: "正在持续推进", UNFINISHED: "尚未完成"}


@dataclass
class Writing:
    """Who writes and for whom: what every paragraph of the body needs."""

    catalogue: Catalogue
    form: FormSpec
    unit: Unit
    me: str  # 我局 / 我区 / 我委
    urls: dict[str, list[str]] = field(default_factory=dict)  # task id → addresses taken out


@dataclass
class TaskText:
    task: Task
    paragraphs: list[str]  # the task's own paragraphs; empty for a thin (status-only) answer
    status_clause: str = ""  # a thin answer: 已按要求完成 / 正在持续推进 / 尚未完成
    figures: str = ""  # a thin answer's figures, as a sentence


def _clerk(writing: Writing, task_id: str, raw: object) -> list[str]:
    """A clerk's field as cleaned paragraphs, addresses taken out (and kept for the table)."""
    out = []
    for para in prose.paragraphs(raw):
        # A task's addresses are listed in its row of the 落实情况表 (the overview's nowhere).
        text, urls = prose.strip_urls(para, listed=bool(task_id))
        writing.urls.setdefault(task_id, []).extend(urls)
        if text.strip("，。；、 "):
            out.append(prose.sentence(text))
    return out


def task_text(writing: Writing, task: Task, answer: dict) -> TaskText:
    """What one answered task says."""
    meaning = writing.form.statuses.meaning(answer.get("status"))
    measures = _clerk(writing, task.id, answer.get("measures"))
    results = _clerk(writing, task.id, answer.get("results")) if meaning != UNFINISHED else []
    specs = writing.form.figures_for(task.id, writing.unit)
    figures = figure_sentence(
        specs, answer.get(FIGURES, {}), writing.me, "\n".join(measures + results)
    )
    paras = measures + results
    if meaning == ONGOING:
        plan = _clerk(writing, task.id, answer.get("next_steps"))
        if plan:
            plan[0] = prose.plan_lead(writing.me, plan[0])
        paras_after = plan
    elif meaning == UNFINISHED:
        reason = _clerk(writing, task.id, answer.get("unfinished_reason"))
        if reason:
            reason[0] = "该项工作尚未完成，" + reason[0]
        paras_after = reason
    else:
        paras_after = []
    if not paras and not paras_after:
        return TaskText(task, [], _STATUS_CLAUSE.get(meaning or "", ""), figures)
    if figures:
        if paras:
            paras[-1] += figures  # 成效 and its figures in one paragraph
        else:
            paras.append(figures)
    return TaskText(task, paras + paras_after)


def _with_figures(text: TaskText) -> TaskText:
    """A thin answer that carries figures as a paragraph of its own: the figures, and the
    status when the work is not done (``…，该项工作正在持续推进。``)."""
    if text.paragraphs or not text.figures:
        return text
    para = text.figures
    if text.status_clause and text.status_clause != _STATUS_CLAUSE[DONE]:
        para = f"{para.rstrip('。')}，该项工作{text.status_clause}。"
    return TaskText(text.task, [para])


def part_title(section: Section) -> str:
    """A part of the 要点 as a heading: the aim after the comma of 围绕……，推进…… ; a title
    without a verb (保障措施) reads 落实保障措施."""
    title = prose.clean(section.title)
    aim = title.rsplit("，", 1)[-1] if "，" in title else title
    return aim if _PART_VERBS.match(aim) else f"落实{aim}"


def item_title(item: Item, answered: list[TaskText]) -> str:
    """The item's title when its first task is among those answered (or several are); a
    single other task is named by its own short name."""
    if answered[0].task.id == item.tasks[0].id or len(answered) > 1:
        return prose.clean(item.title)
    return short_name(answered[0].task)


def _thin_paragraph(thin: list[TaskText], alone: bool) -> str:
    """The status-only answers of a part in one paragraph: ``此外，A、B等工作已按要求完成；C工作
    正在持续推进。`` plus any figures they carry."""
    clauses = []
    for clause in _STATUS_CLAUSE.values():
        names = [short_name(t.task) for t in thin if t.status_clause == clause]
        if names:
            who = f"{'、'.join(names)}等" if len(names) > 1 else names[0]
            work = "" if who.endswith("工作") else "工作"  # never 连接工作工作
            clauses.append(f"{who}{work}{clause}")
    text = prose.sentence("；".join(clauses)) if clauses else ""
    if text and not alone:
        text = "此外，" + text
    return text + "".join(t.figures for t in thin if t.figures)


def work_blocks(
    writing: Writing, overview: object, answers: dict[str, dict]
) -> list[Heading | Para]:
    """The blocks under 一、工作开展情况 (empty when nothing is answered at all). Status-only
    answers of a part with headings close that part (``此外，…``); those of a part with nothing
    else follow the overview."""
    blocks: list[Heading | Para] = [Para(p) for p in _clerk(writing, "", overview)]
    after_overview = len(blocks)
    leftovers: list[TaskText] = []
    n = 0
    for section in writing.catalogue.sections:
        answered = [
            (
                item,
                [
                    task_text(writing, t, answers[t.id])
                    for t in item.tasks
                    if has_content(answers.get(t.id))
                ],
            )
            for item in section.items
        ]
        answered = [(item, texts) for item, texts in answered if texts]
        if any(t.paragraphs for _item, texts in answered for t in texts):
            # The part has headings: an answer that gives figures says them under its own
            # item, never in the closing 此外 sentence under another item's heading.
            answered = [(item, [_with_figures(t) for t in texts]) for item, texts in answered]
        items: list[tuple[Item, list[TaskText]]] = []
        thin: list[TaskText] = []
        for item, texts in answered:
            thin += [t for t in texts if not t.paragraphs]
            full = [t for t in texts if t.paragraphs]
            if full:
                items.append((item, full))
        if not items:
            leftovers += thin
            continue
        n += 1
        heading = part_title(section)
        blocks.append(Heading(2, f"（{cn_number(n)}）", heading))
        for k, (item, full) in enumerate(items, 1):
            title = item_title(item, full)
            if len(items) > 1 and title != heading:
                blocks.append(Heading(3, f"{k}.", title))
            blocks += [Para(p) for t in full for p in t.paragraphs]
        if thin:
            blocks.append(Para(_thin_paragraph(thin, alone=False)))
    if leftovers:
        # Parts answered by statuses only: said with the overview, before the parts with
        # headings (under the last part they would read as part of it).
        blocks.insert(after_overview, Para(_thin_paragraph(leftovers, alone=True)))
    return blocks


def _key(sentence: str) -> str:
    return re.sub(r"[\s，。、；：！？“”‘’（）《》]", "", sentence)


def tidy(blocks: list) -> list:
    """No sentence twice (the later one goes), no empty paragraph, no heading over nothing."""
    seen: set[str] = set()
    out: list = []
    for block in blocks:
        if isinstance(block, Para):
            kept = []
            for s in prose.split_sentences(block.text):
                key = _key(s)
                if len(key) >= 8 and key in seen:
                    continue
                seen.add(key)
                kept.append(s)
            text = "".join(kept).strip()
            if not text:
                continue
            block = Para(text)
        out.append(block)
    return drop_empty_headings(out)


def drop_empty_headings(blocks: list) -> list:
    """Remove every heading followed by nothing but headings of its level or above, and a
    heading that says exactly what the heading above it says."""
    out: list = []
    for block in reversed(blocks):  # *out* is built backwards: out[-1] follows *block*
        if isinstance(block, Heading):
            nxt = out[-1] if out else None
            if nxt is None or (isinstance(nxt, Heading) and nxt.level <= block.level):
                continue
            if isinstance(nxt, Heading) and nxt.text == block.text:
                out.pop()  # the lower heading repeats this one: its text stays, it goes
        out.append(block)
    out.reverse()
    # Renumbering after a removal keeps （一）（二）… and 1. 2. without gaps.
    return _renumber(out)


def _renumber(blocks: list) -> list:
    counts = {1: 0, 2: 0, 3: 0}
    out = []
    for block in blocks:
        if isinstance(block, Heading) and block.level in counts:
            counts[block.level] += 1
            for deeper in range(block.level + 1, 4):
                counts[deeper] = 0
            n = counts[block.level]
            number = {1: f"{cn_number(n)}、", 2: f"（{cn_number(n)}）", 3: f"{n}."}[block.level]
            block = Heading(block.level, number, block.text)
        out.append(block)
    return out
