"""The responsibility-clause grammar of a 要点.

Forms handled (docs/parser.md, with the variants seen in other years' and cities' 要点)::

    X牵头落实 / X分别牵头落实 / X按职责分工分别牵头落实 / X牵头 / X主办   → X lead
    X负责落实 / X分别落实 / X落实 / X负责 / X分别负责落实                 → X responsible
    X牵头落实,Y配合落实 / X牵头,Y负责落实 / X牵头落实,Y分别落实           → X lead, Y …
    X牵头,Y参与 / X主办,Y协办 / X负责,Y协助                              → X lead/resp., Y cooperate
    X会同有关部门落实                                                     → X lead, 有关部门 cooperate
    X为牵头单位 / X为责任单位                                             → keyed, inline
    牵头单位:A、B;责任单位:C、D;配合单位:E;完成时限:…                   → keyed lists

X and Y are lists joined by 、; names may contain brackets, even brackets holding a 、
(``各县（市、区）人民政府``), so lists are split on 、 and on the role verbs only at bracket depth
zero. A keyed list may continue after a comma (``责任单位:各区政府,市直各部门``); a part without
a verb takes the verb of the part after it (``X牵头，Y，Z负责`` → Y, Z responsible). Deadlines,
keyed or not (``完成时限:2017年底``, ``2022年底前``, ``长期坚持``), and asides (``不再逐一列出``,
``见附件1，下同``) assign no one; ``以下均需X落实`` makes X responsible for every later task.
Where a clause stands in the text: :mod:`desktop.parser.placement`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.catalogue import ROLE_RANK, Assignment
from desktop.textclean import CJK
from desktop.unitforms import category_form

_VERB_ROLE = [
    ("牵头负责落实", "lead"),
    ("牵头落实", "lead"),
    ("牵头负责", "lead"),
    ("牵头", "lead"),
    ("主办", "lead"),
    ("负责落实", "responsible"),
    ("负责", "responsible"),
    ("组织落实", "responsible"),
    ("配合落实", "cooperate"),
    ("配合", "cooperate"),
    ("参与落实", "cooperate"),
    ("参与", "cooperate"),
    ("协助落实", "cooperate"),
    ("协助", "cooperate"),
    ("协办", "cooperate"),
    ("负总责", "lead"),
    ("统筹", "lead"),
    ("落实", "responsible"),
]
_VERBS = "|".join(v for v, _ in _VERB_ROLE)
# A clause without brackets ends in its verb, or is keyed (``…；责任单位：X``).
ENDS_IN_VERB = re.compile(rf"(?:{_VERBS})$")
_ROLE_OF = dict(_VERB_ROLE)
_SEGMENT = re.compile(
    rf"^(?P<units>.+?)(?:(?:按照?|根据)职(?:责|能)(?:分工)?)?(?:分别|共同|具体)?(?P<verb>{_VERBS})$"
)
# "市财政局、市税务局等有关部门" reaches 有关部门 too; "…等部门" / "…等" adds no one.
_ETC = re.compile(r"等(?P<rest>有关部门|相关部门|有关单位|相关单位|部门|单位)?$")
_TOGETHER = re.compile(
    r"^(?P<units>.+?)会同(?P<others>.+?)(?:共同)?(?:负责落实|落实|负责|推进|实施)?$"
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
    "责任科室": "responsible",
    "配合单位": "cooperate",
    "配合部门": "cooperate",
    "协办单位": "cooperate",
    "参与单位": "cooperate",
    "参与部门": "cooperate",
    "协同单位": "cooperate",
    "协同部门": "cooperate",
    "主责部门": "lead",
    "牵头处室": "lead",
    "责任处室": "responsible",
    "配合处室": "cooperate",
    "责任主体": "responsible",
}
# Keys of a table's columns too; the short keys below only with their colon, inside a clause.
ROLE_KEYS = tuple(_KEY_ROLE)
_SHORT_KEY_ROLE = {"牵头": "lead", "主办": "lead", "责任": "responsible", "配合": "cooperate"}
_KEY_ROLE.update(_SHORT_KEY_ROLE)
TIME_KEYS = ("完成时限", "完成时间", "时限要求", "时间要求", "时间节点", "进度安排")
_KEYS = "|".join([*ROLE_KEYS, *_SHORT_KEY_ROLE])
_KEY_NOTE = r"(?:[（(][^（）()]{1,6}[）)])?"  # 责任单位（部门）：
_KEYED = re.compile(rf"^(?P<key>{_KEYS}){_KEY_NOTE}\s*[:：]\s*(?P<units>.*)$")
KEYED_LINE = re.compile(rf"^(?:{_KEYS}){_KEY_NOTE}\s*[:：]")
# "牵头单位：X 责任单位：Y" in one table cell: each key starts a part of its own.
_KEY_BREAK = re.compile(
    rf"(?<=[^\s；;，,。:：])\s*(?=(?:{'|'.join([*ROLE_KEYS, *TIME_KEYS])}){_KEY_NOTE}\s*[:：])"
)
_KEYED_INLINE = re.compile(rf"^(?P<units>.+?)为(?P<key>{_KEYS})$")
_TIME = re.compile(rf"^(?:{'|'.join(TIME_KEYS)})\s*[:：]")
_SEPARATORS = ",，;；。"
# A deadline standing in a clause without its key: "2022年底前", "持续推进", "长期坚持".
_N = "\\d一二三四五六七八九十〇○零"
_DEADLINE = re.compile(
    rf"^(?:[{_N}]{{2,4}}年)?(?:[{_N}]{{1,3}}月)?(?:[{_N}]{{1,3}}日)?"
    r"(?:年底|月底|年末|月末|底|末|年内|上半年|下半年|年中|上旬|中旬|下旬)?"
    r"(?:前|以前|之前|内)?(?:完成|前完成)?$"
    r"|^(?:长期|持续|常态化|定期|经常性|按年度|按季度|按月|每年|全年|年内)"
    r"(?:坚持|推进|开展|实施|落实|完成)?$"
)
# "以下均需各县市区落实", "以下各项均由各地区各部门落实", "不再逐一列出", "下同".
_STANDING = re.compile(
    r"^以下(?:各项|任务)?(?:均|都|皆)?(?:需|须|要|由)?(?P<units>.+?)(?:负责)?(?:落实|执行)$"
)
_ASIDE = re.compile(r"^(?:不再(?:逐一|一一|逐项)?列(?:出|明)|下同|见附件\d*(?:，下同)?|略)$")
# Unit names end like this; a bare line (no brackets) is only a clause if every name does.
_UNIT_SUFFIX = re.compile(
    r"(局|委|办|厅|室|中心|政府|管委会|部门|单位|高校|学校|大学|学院|院|会|所|处|站|队|部|区|县|市|"
    r"镇|乡|街道|公司|集团|社|行|校|馆|台|署|团|组|科|司|庭|监|关|机构|地区|企业|府|省)$"
)
_TRAILING_BRACKET = re.compile(r"[（(][^（）()]*[）)]$")
# Clauses stand in round brackets, in some Word documents in 【】; some offices close a
# paragraph with a clause in 〔〕 (吉林市 2021: ``…公开。〔各县(市)区人民政府,…按照职能分别落实〕``).
OPEN = "（(【〔"
CLOSE = "）)】〕"


@dataclass
class ClauseParse:
    assignments: list[Assignment]
    problems: list[str]
    # "以下均需各县市区落实，不再逐一列出": units that stand for this and every later task.
    standing: list[Assignment] = field(default_factory=list)


def split_top(text: str, separators: str) -> list[str]:
    """Split on any of *separators* outside brackets: ``各县（市、区）政府、市直各部门`` → 2."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "（(〔[［【":
            depth += 1
        elif ch in "）)〕]］】":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in separators:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


# Brackets nested inside a bracketed clause are written 〔〕 (``（各市〔州〕、县〔市、区〕政府…）``);
# in a unit's own name they are ordinary round brackets.
_NESTED = str.maketrans("〔〕", "（）")
_LEVELS = "省市县区州旗盟"
# "各市（州）、县（市、区）政府": the kinds of government listed before their shared 政府.
_EACH_LEVEL = re.compile(rf"^各[{_LEVELS}]+(?:（[^（）]*）)?$")
_LEVEL_HEAD = re.compile(rf"^[{_LEVELS}]+(?:（[^（）]*）)?[{_LEVELS}]*(?:人民)?政府$")


def _shared_head(parts: list[str]) -> list[str]:
    """``各市（州）``, ``县（市、区）政府`` → one name: the two kinds share the 政府 after them."""
    out: list[str] = []
    for part in parts:
        if out and _EACH_LEVEL.match(out[-1].strip()) and _LEVEL_HEAD.match(part.strip()):
            out[-1] = f"{out[-1].strip()}、{part.strip()}"
        else:
            out.append(part)
    return out


def _units(text: str) -> list[str]:
    units = []
    for raw in _shared_head(split_top(text.translate(_NESTED), "、")):
        name = raw.strip().strip("“”\"'").strip()
        if name.startswith("由"):
            name = name[1:]
        etc = _ETC.search(name)
        if etc and len(name) > etc.end() - etc.start() + 1:
            name = name[: etc.start()]
            if etc.group("rest") in ("有关部门", "相关部门", "有关单位", "相关单位"):
                units.extend([name, etc.group("rest")])
                continue
        if name:
            units.extend(_split_and(name))
    return units


def _split_and(name: str) -> list[str]:
    """``省直有关部门和各市政府`` → two names. Only where every part is a unit or a category by
    its form and the whole is not one category (``各区市县政府和先导区管委会``): names such as
    ``市人力资源和社会保障局`` hold 和 themselves."""
    if category_form(name) is not None:
        return [name]
    parts = [p.strip() for p in split_top(name, "和及与")]
    if len(parts) < 2 or not all(
        _plausible_unit(p) and (category_form(p) is not None or looks_like_unit(p)) and len(p) >= 3
        for p in parts
    ):
        return [name]
    return parts


_HAN = re.compile(f"[{CJK}]")
# Words of a sentence, never of an organisation's name: "各县（市、区）要结合实际抓好落实".
_PROSE = re.compile(r"(?<![重主纪摘提])要|应当|必须|抓好|结合实际|认真|切实|进一步")


def _plausible_unit(name: str) -> bool:
    return (
        1 < len(name) <= 40
        and bool(_HAN.search(name))
        and "。" not in name
        and not _PROSE.search(name)
    )


def looks_like_unit(name: str) -> bool:
    """An organisation's name by its ending (``各县（市）区政府`` counts: brackets are dropped)."""
    base = name
    while _TRAILING_BRACKET.search(base) and len(base) > 2:
        base = _TRAILING_BRACKET.sub("", base)
    return bool(_UNIT_SUFFIX.search(base))


def is_time_line(text: str) -> bool:
    """``完成时限：2017年底`` — a task's deadline in a table or a keyed layout."""
    return bool(_TIME.match(text.strip()))


def is_deadline(text: str) -> bool:
    """``2022年底前``, ``持续推进``, ``长期坚持`` — a deadline, never a unit."""
    text = text.strip().rstrip("。.")
    return bool(text) and bool(_DEADLINE.match(text))


def _bare_units(seg: str) -> list[str] | None:
    """A list of unit names without a verb (``市统计局``, ``各区市县政府、各先导区管委会``)."""
    names = _units(seg)
    if names and all(_plausible_unit(n) and looks_like_unit(n) for n in names):
        return names
    return None


def parse_clause(inner: str, strict_units: bool = False) -> ClauseParse | None:
    """Parse the text inside a clause's brackets. None when it is not a clause at all.

    ``strict_units`` (used for bracket-less lines) also demands that every name looks like an
    organisation, so ordinary sentences ending in 落实 are not taken for clauses.

    Comma-separated parts without a verb take the role of the part after them
    (``X牵头，Y，Z负责`` → Y and Z responsible) or go on a keyed list before them
    (``责任单位：A，B``); deadlines and asides (``不再逐一列出``, ``见附件1，下同``) assign no one.
    """
    text = inner.strip().rstrip("。.")
    if not text or len(text) > 300:
        return None
    text = _KEY_BREAK.sub("；", text)
    assignments: list[Assignment] = []
    standing: list[Assignment] = []
    problems: list[str] = []
    parsed_any = False
    keyed_role: str | None = None  # a keyed list may go on after a comma
    pending: list[str] = []  # names waiting for the verb of a later part
    for seg in (s.strip() for s in split_top(text, _SEPARATORS)):
        if not seg:
            continue
        if _TIME.match(seg) or is_deadline(seg) or _ASIDE.match(seg):
            keyed_role = None
            continue
        stand = _STANDING.match(seg)
        if stand and (names := _bare_units(stand.group("units"))):
            standing.extend(Assignment(n, "responsible") for n in names)
            continue
        found, keyed = _parse_segment(seg)
        if found is None and (names := _bare_units(seg)):
            if keyed_role is not None:
                found, keyed = [Assignment(n, keyed_role) for n in names], keyed_role
            else:
                pending.extend(names)
                continue
        if found is None:
            problems.append(f"无法识别的分工表述“{seg}”")
            keyed_role = None
            continue
        if pending and keyed is None:
            role = found[0].role
            found = [Assignment(n, role) for n in pending] + found
            pending = []
        keyed_role = keyed
        if any(not _plausible_unit(a.unit) for a in found):
            return None
        if strict_units and any(not looks_like_unit(a.unit) for a in found):
            return None
        parsed_any = True
        assignments.extend(found)
    problems.extend(f"无法识别的分工表述“{n}”" for n in pending)
    if not parsed_any:
        return None
    if strict_units and problems:
        return None
    return ClauseParse(merge(assignments), problems, merge(standing))


def _parse_segment(seg: str) -> tuple[list[Assignment] | None, str | None]:
    """(assignments, role of a keyed list so a following comma part can continue it)."""
    keyed = _KEYED.match(seg) or _KEYED_INLINE.match(seg)
    if keyed:
        role = _KEY_ROLE[keyed.group("key")]
        units = _units(keyed.group("units"))
        return ([Assignment(u, role) for u in units] or None), role
    together = _TOGETHER.match(seg)
    if together and "会同" in seg:
        leads = _units(together.group("units"))
        others = _units(together.group("others"))
        if leads and others:
            return [Assignment(u, "lead") for u in leads] + [
                Assignment(u, "cooperate") for u in others
            ], None
    match = _SEGMENT.match(seg)
    if not match:
        return None, None
    role = _ROLE_OF[match.group("verb")]
    units = _units(match.group("units"))
    if not units:
        return None, None
    return [Assignment(u, role) for u in units], None


def merge(assignments: list[Assignment]) -> list[Assignment]:
    """One entry per unit, in first-seen order, keeping the strongest role."""
    best: dict[str, str] = {}
    for a in assignments:
        if a.unit not in best or ROLE_RANK[a.role] > ROLE_RANK[best[a.unit]]:
            best[a.unit] = a.role
    return [Assignment(u, r) for u, r in best.items()]
