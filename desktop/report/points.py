"""二、存在的问题 and 三、下一步工作打算 as one numbered list each (一是、二是、三是…).

The clerk's report-level text usually already counts its points (``一是……。二是……。``) after a
lead sentence (``对照要点要求，还存在一些不足：``). Its points are kept in their words and
renumbered; the problems the clerk noted under single tasks follow as further points, each tied
to its task (``四是预决算公开方面，……``). What the list already says is not said twice: a
clause of a task's problem that repeats a point already made (most of its pairs of characters
appear there) is dropped, and a task's problem with nothing new left is dropped altogether.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.catalogue import Catalogue, cn_number, short_name
from desktop.report import prose
from desktop.textclean import CJK

_MARKER = re.compile(
    r"(?:^|(?<=[。；：:！？\n]))\s*"
    r"(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+[、．.]|（[一二三四五六七八九十]+）|"
    r"\d{1,2}[、．.](?!\d)|（\d{1,2}）)"
)
_TOPIC_VERBS = re.compile(
    r"^(?:深入推进|积极做好|进一步|推进|推动|加强|加快|积极|提高|完善|建立健全|建立|健全|"
    r"做好|实行|强化|注重|发挥|深化|扩大|提升|落实|开展)"
)
DUPLICATE_SHARE = 0.6  # of a clause's character pairs found in one point already made
MIN_NEW_CHARS = 6


@dataclass(frozen=True)
class Points:
    lead: str  # the clerk's sentence before the first point ('' if none)
    points: tuple[str, ...]  # each a whole sentence or more, without its ordinal

    def paragraphs(self) -> list[str]:
        """The lead, then ``一是……`` per point; a single unnumbered point reads as prose."""
        out = [self.lead] if self.lead else []
        if len(self.points) == 1 and not self.lead:
            return [self.points[0]]
        out += [f"{cn_number(i)}是{p}" for i, p in enumerate(self.points, 1)]
        return out


def split_points(text: object) -> Points:
    """The clerk's text as lead + points, whatever ordinals the clerk used (一是, 一、, （一）,
    1.); text without ordinals is one point per paragraph."""
    paras = prose.paragraphs(text)
    if not paras:
        return Points("", ())
    joined = "\n".join(paras)
    marks = list(_MARKER.finditer(joined))
    if not marks:
        return Points("", tuple(prose.sentence(p) for p in paras))
    lead = joined[: marks[0].start()].strip().replace("\n", "")
    points = []
    for m, nxt in zip(marks, [*marks[1:], None], strict=True):
        body = joined[m.end() : nxt.start() if nxt else len(joined)].strip().replace("\n", "")
        body = body.rstrip("；;")
        if body:
            points.append(prose.sentence(body))
    if lead and not lead.endswith(("：", "。")):
        lead = lead.rstrip("，,") + "："
    return Points(lead, tuple(points))


def _pairs(text: str) -> set[str]:
    chars = re.sub(f"[^{CJK}0-9A-Za-z]", "|", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1) if "|" not in chars[i : i + 2]}


def _repeats(clause: str, said: list[set[str]]) -> bool:
    pairs = _pairs(clause)
    if not pairs:
        return True
    return any(len(pairs & s) / len(pairs) >= DUPLICATE_SHARE for s in said)


def topic(catalogue: Catalogue, task_id: str) -> str:
    """What a point is about, as a reader names it: the item's title (or, for a task other
    than the item's first, the task's own short name) without its leading verb —
    深入推进预决算公开 → 预决算公开, 实行收费目录清单管理 → 收费目录清单管理."""
    _section, item = catalogue.item_of(task_id)
    task = catalogue.task(task_id)
    name = prose.clean(item.title) if item.tasks[0].id == task_id else short_name(task)
    stripped = _TOPIC_VERBS.sub("", name)
    return stripped if len(stripped) >= 2 else name


def _names_its_task(text: str, catalogue: Catalogue, task_id: str) -> bool:
    """Whether the clerk's first clause already says what it is about (PPP项目信息公开…,
    政策解读仍以…): it shares a word with the task's or the item's name."""
    first = re.split(r"[，；。]", text, maxsplit=1)[0]
    _section, item = catalogue.item_of(task_id)
    names = _pairs(short_name(catalogue.task(task_id))) | _pairs(prose.clean(item.title))
    return len(_pairs(first) & (names - _COMMON_PAIRS)) >= 2


# Pairs every task name shares (公开, 信息, 推进): no sign of a particular topic.
_COMMON_PAIRS = {"公开", "信息", "推进", "工作", "加强", "建设", "政务", "部门", "本部"}


def _new_part(text: str, said: list[set[str]]) -> str:
    kept = [c for c in re.split(r"[，；。！？]", text) if c.strip() and not _repeats(c, said)]
    new = "，".join(c.strip() for c in kept)
    return new if len(_pairs(new)) >= MIN_NEW_CHARS - 1 else ""


def problems(text: object, task_problems: list[tuple[str, object]], catalogue: Catalogue) -> Points:
    """The clerk's 存在的问题 merged with the problems noted per task (``(task_id, text)`` in
    the 要点's order), without saying anything twice."""
    base = split_points(text)
    points = list(base.points)
    said = [_pairs(p) for p in points] + ([_pairs(base.lead)] if base.lead else [])
    for task_id, raw in task_problems:
        body = " ".join(prose.paragraphs(raw))
        body = re.sub(r"^(?:[一二三四五六七八九十]+是|存在问题[：:])", "", body)
        new = _new_part(body, said)
        if not new:
            continue
        about = topic(catalogue, task_id)
        point = new if _names_its_task(new, catalogue, task_id) else f"{about}方面，{new}"
        points.append(prose.sentence(point))
        said.append(_pairs(new))
    return Points(base.lead, tuple(points))


def plans(text: object) -> Points:
    """The clerk's 下一步工作打算, renumbered, a point repeating an earlier one dropped."""
    base = split_points(text)
    kept: list[str] = []
    said: list[set[str]] = []
    for p in base.points:
        if said and _repeats(p, said):
            continue
        kept.append(p)
        said.append(_pairs(p))
    return Points(base.lead, tuple(kept))
