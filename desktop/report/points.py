"""二、存在的问题 and 三、下一步工作打算 as one numbered list each (一是、二是、三是…).

The clerk's report-level text usually already counts its points (``一是……。二是……。``) after a
lead sentence (``对照要点要求，还存在一些不足：``). Its points are kept in their words and
renumbered; the problems the clerk noted under single tasks follow as further points, each tied
to its task (``四是预决算公开方面，……``). What the list already says is not said twice: a
clause of a task's problem that repeats a point already made (most of its pairs of characters
appear there) is dropped, and a task's problem with nothing new left is dropped altogether.
A task's problem that repeats one of the clerk's points is about that point: what it adds on
the same topic (a word in common) joins that point instead of standing as a point of its own
that says the same thing in other words — ``一是政策解读的形式还不够丰富，……运用不多，仍以
文字为主，解读的针对性有待提高。`` rather than a separate ``六是政策解读仍以文字为主……``.
Nothing new is ever dropped: a clause on another topic still becomes its own point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.catalogue import Catalogue, short_name
from desktop.numerals import cn_number
from desktop.report import prose
from desktop.textclean import CJK

_MARKER = re.compile(
    r"(?:^|(?<=[。；：:！？\n]))\s*"
    r"(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+[、．.]|（[一二三四五六七八九十]+）|"
    r"\d{1,2}[、．.](?!\d)|（\d{1,2}）|[①-⑳])"
)
# A point typed after a space on the same line (“1、网站更新不及时 2、解读形式单一”): the space is
# where the clerk broke the list, and cleaning would drop it.
_SPACED_MARKER = re.compile(
    r"[ \t\u3000]+(?=(?:\d{1,2}|[一二三四五六七八九十]+)[、．.](?!\d)|"
    r"[（(](?:\d{1,2}|[一二三四五六七八九十]+)[)）]|[①-⑳])"
)
_TOPIC_VERBS = re.compile(
    r"^(?:深入推进|积极做好|进一步|推进|推动|加强|加快|积极|提高|完善|建立健全|建立|健全|"
    r"做好|实行|强化|注重|发挥|深化|扩大|提升|落实|开展)"
)
DUPLICATE_SHARE = 0.6  # of a clause's character pairs found in one point already made
MIN_NEW_CHARS = 6
# A clause joining a point drops the subject the point already names (政策解读仍以文字为主 →
# 仍以文字为主) only when that subject is this long and what follows reads as a predicate.
MIN_SUBJECT_CHARS = 3
_PREDICATE_START = re.compile(
    r"^(?:仍|还|尚|不|较|有|存在|未|没有|缺|亟|需|偏|过|依然|依旧|主要|多|少|普遍|总体|整体)"
)


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
    if isinstance(text, str):
        text = _SPACED_MARKER.sub("\n", text)
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


# Pairs that say how things stand rather than what they are about: a clause sharing only
# these with a point is on another topic.
_GENERIC_PAIRS = _COMMON_PAIRS | {
    "存在", "情况", "有待", "待提", "提高", "不够", "进一", "一步", "需要", "要进", "较为",
    "仍然", "问题", "方面", "部分", "个别", "还不", "不足", "薄弱", "有效", "及时",
}  # fmt: skip


def _repeated_in(clause: str, said: list[set[str]]) -> int | None:
    """The index of the point (or other text already said) *clause* repeats, else None."""
    pairs = _pairs(clause)
    if not pairs:
        return -1
    shares = [len(pairs & s) / len(pairs) for s in said]
    best = max(range(len(shares)), key=shares.__getitem__, default=None)
    return best if best is not None and shares[best] >= DUPLICATE_SHARE else None


_FUNCTION_CHARS = set("的了和与等在对是为将把被有之")


def _shares_topic(clause: str, point_pairs: set[str]) -> bool:
    """Whether *clause* shares a word of substance with a point (解读, 监测, 滞后), not just
    how things stand (存在…情况, 有待提高) or a particle (的情)."""
    shared = (_pairs(clause) & point_pairs) - _GENERIC_PAIRS
    return any(not (set(pair) & _FUNCTION_CHARS) for pair in shared)


def _without_subject(clause: str, point: str) -> str:
    """*clause* without the subject it shares with the opening of *point*, when what is left
    reads as a predicate (政策解读仍以文字为主 after 政策解读的形式… → 仍以文字为主)."""
    opening = re.split(r"[，；。]", point, maxsplit=1)[0]
    n = 0
    while n < min(len(clause), len(opening)) and clause[n] == opening[n]:
        n += 1
    rest = clause[n:]
    subject_ok = n >= MIN_SUBJECT_CHARS and re.fullmatch(f"[{CJK}]+", clause[:n])
    if subject_ok and len(rest) >= 3 and _PREDICATE_START.match(rest):
        return rest
    return clause


def _extend(point: str, clauses: list[str]) -> str:
    more = "，".join(_without_subject(c, point) for c in clauses)
    return prose.sentence(f"{point.rstrip('。；;，,')}，{more}")


def problems(text: object, task_problems: list[tuple[str, object]], catalogue: Catalogue) -> Points:
    """The clerk's 存在的问题 merged with the problems noted per task (``(task_id, text)`` in
    the 要点's order), without saying anything twice (see the module's docstring)."""
    base = split_points(text)
    points = list(base.points)
    clerk = len(points)  # the clerk's own points: what a task's problem may join
    said = [_pairs(p) for p in points] + ([_pairs(base.lead)] if base.lead else [])
    for task_id, raw in task_problems:
        body = " ".join(prose.paragraphs(raw))
        body = re.sub(r"^(?:[一二三四五六七八九十]+是|存在问题[：:])", "", body)
        clauses = [c.strip() for c in re.split(r"[，；。！？]", body) if c.strip()]
        repeated = [_repeated_in(c, said) for c in clauses]
        fresh = [c for c, r in zip(clauses, repeated, strict=True) if r is None]
        about_point = next((r for r in repeated if r is not None and 0 <= r < clerk), None)
        if about_point is not None:
            joining = [c for c in fresh if _shares_topic(c, said[about_point])]
            if joining:
                points[about_point] = _extend(points[about_point], joining)
                said[about_point] = said[about_point] | _pairs("".join(joining))
                fresh = [c for c in fresh if c not in joining]
        new = "，".join(fresh)
        if len(_pairs(new)) < MIN_NEW_CHARS - 1:
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
