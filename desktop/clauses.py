"""The responsibility-clause grammar of a 要点.

Forms handled (YAODIAN.md, plus other years' and cities' variants)::

    X牵头落实 / X分别牵头落实 / X按职责分工分别牵头落实 / X牵头      → X lead
    X负责落实 / X分别落实 / X落实 / X负责                            → X responsible
    X牵头落实,Y配合落实 / X牵头,Y负责落实 / X牵头落实,Y分别落实     → X lead, Y …
    X会同有关部门落实                                                 → X lead, 有关部门 cooperate
    牵头单位:A、B;责任单位:C、D;配合单位:E                         → keyed lists

X and Y are lists joined by 、; names may contain brackets (各县(市)区政府), so lists are split
on 、 and on the role verbs only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.catalogue import ROLE_RANK, Assignment

_VERB_ROLE = [
    ("牵头负责落实", "lead"),
    ("牵头落实", "lead"),
    ("牵头负责", "lead"),
    ("牵头", "lead"),
    ("负责落实", "responsible"),
    ("负责", "responsible"),
    ("组织落实", "responsible"),
    ("配合落实", "cooperate"),
    ("配合", "cooperate"),
    ("参与落实", "cooperate"),
    ("参与", "cooperate"),
    ("协助落实", "cooperate"),
    ("协助", "cooperate"),
    ("落实", "responsible"),
]
_VERBS = "|".join(v for v, _ in _VERB_ROLE)
_ROLE_OF = dict(_VERB_ROLE)
_SEGMENT = re.compile(
    rf"^(?P<units>.+?)(?:按职责分工|按照职责分工|按职责)?(?:分别|共同|具体)?(?P<verb>{_VERBS})$"
)
_TOGETHER = re.compile(
    r"^(?P<units>.+?)会同(?P<others>.+?)(?:共同)?(?:负责落实|落实|负责|推进|实施)?$"
)
_KEYED = re.compile(
    r"^(?P<key>牵头单位|牵头部门|主办单位|主责单位|责任单位|负责单位|落实单位|责任部门|"
    r"配合单位|配合部门|协办单位|参与单位)\s*[:：]\s*(?P<units>.+)$"
)
_KEY_ROLE = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "主办单位": "lead",
    "主责单位": "lead",
    "责任单位": "responsible",
    "负责单位": "responsible",
    "落实单位": "responsible",
    "责任部门": "responsible",
    "配合单位": "cooperate",
    "配合部门": "cooperate",
    "协办单位": "cooperate",
    "参与单位": "cooperate",
}
_SPLIT_SEGMENTS = re.compile(r"[,，;；。]")
# Unit names end like this; a bare line (no brackets) is only a clause if every name does.
_UNIT_SUFFIX = re.compile(
    r"(局|委|办|厅|室|中心|政府|管委会|部门|单位|高校|学校|大学|学院|院|会|所|处|站|队|部|区|县|市|"
    r"镇|乡|街道|公司|集团|社|行|校|馆|台|署|团|组|科|司|庭|监|关|机构|地区|企业)$"
)


@dataclass
class ClauseParse:
    assignments: list[Assignment]
    problems: list[str]


def _units(text: str) -> list[str]:
    units = []
    for raw in text.split("、"):
        name = raw.strip().strip("“”\"'").strip()
        if name.startswith("由"):
            name = name[1:]
        if name:
            units.append(name)
    return units


def _plausible_unit(name: str) -> bool:
    return 1 < len(name) <= 40 and bool(re.search(r"[\u4e00-\u9fff]", name)) and "。" not in name


def parse_clause(inner: str, strict_units: bool = False) -> ClauseParse | None:
    """Parse the text inside a clause's brackets. None when it is not a clause at all.

    ``strict_units`` (used for bracket-less lines) also demands that every name looks like an
    organisation, so ordinary sentences ending in 落实 are not taken for clauses.
    """
    text = inner.strip().rstrip("。.")
    if not text or len(text) > 300:
        return None
    assignments: list[Assignment] = []
    problems: list[str] = []
    parsed_any = False
    for seg in (s.strip() for s in _SPLIT_SEGMENTS.split(text)):
        if not seg:
            continue
        found = _parse_segment(seg)
        if found is None:
            problems.append(f"无法识别的分工表述“{seg}”")
            continue
        if any(not _plausible_unit(a.unit) for a in found):
            return None
        if strict_units and any(not _UNIT_SUFFIX.search(a.unit) for a in found):
            return None
        parsed_any = True
        assignments.extend(found)
    if not parsed_any:
        return None
    if strict_units and problems:
        return None
    return ClauseParse(merge(assignments), problems)


def _parse_segment(seg: str) -> list[Assignment] | None:
    keyed = _KEYED.match(seg)
    if keyed:
        role = _KEY_ROLE[keyed.group("key")]
        return [Assignment(u, role) for u in _units(keyed.group("units"))] or None
    together = _TOGETHER.match(seg)
    if together and "会同" in seg:
        leads = _units(together.group("units"))
        others = _units(together.group("others"))
        if leads and others:
            return [Assignment(u, "lead") for u in leads] + [
                Assignment(u, "cooperate") for u in others
            ]
    match = _SEGMENT.match(seg)
    if not match:
        return None
    role = _ROLE_OF[match.group("verb")]
    units = _units(match.group("units"))
    if not units:
        return None
    return [Assignment(u, role) for u in units]


def merge(assignments: list[Assignment]) -> list[Assignment]:
    """One entry per unit, in first-seen order, keeping the strongest role."""
    best: dict[str, str] = {}
    for a in assignments:
        if a.unit not in best or ROLE_RANK[a.role] > ROLE_RANK[best[a.unit]]:
            best[a.unit] = a.role
    return [Assignment(u, r) for u, r in best.items()]


def split_trailing_bracket(text: str) -> tuple[str, str] | None:
    """``正文（内容）。`` → (``正文``, ``内容``); handles brackets nested inside the clause."""
    body = text.rstrip()
    while body.endswith(("。", ".", "；", ";")):
        body = body[:-1].rstrip()
    if not body.endswith(("）", ")")):
        return None
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        ch = body[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                return body[:i].rstrip(), body[i + 1 : -1]
    return None
