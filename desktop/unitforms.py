"""Categories of addressee recognised by the form of their name, whatever the place or level.

Every 要点 names its categories its own way: 各市政府, 省政府各部门, 各县（市、区）人民政府（管委会）,
各镇（街）, 市直其他单位, 功能区管委会 … A reader knows them by their shape, and so does the unit
directory (forms/units.json maps each *form* to one of its categories), so a 要点 from another
city, level or year reaches the right units without anyone listing its wording first.

Forms::

    all           各地区各部门 / 各地各部门 / 各级各部门 / 各单位
    towns         各镇（街）/ 各乡镇（街道）/ 各街道办事处 / 各镇人民政府 / 各乡镇场街
    local         governments and zones together: 各县（市、区）人民政府（管委会）,
                  各区市县政府和先导区管委会
    governments   各…政府 / 各县市区 / 各区市县
    zones         各…管委会 / 功能区管委会 / 各开发区管委会
    related       …有关部门 / …相关部门 / …有关单位 / …相关单位
    departments   各部门 / …各部门 / …各委办局 / …直各单位
    others        …其他单位
"""

from __future__ import annotations

import re

FORMS = ("all", "towns", "local", "governments", "zones", "related", "departments", "others")

_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "all",
        re.compile(
            r"^各(?:地区|地|级|级政府)[、和及]?各?(?:部门|单位)(?:[、和及]各?单位)?$|^各单位$"
        ),
    ),
    # A run of the kinds of place below a county, as a county writes them together:
    # 各乡镇, 各镇街, 各乡镇场街 (乡镇、国营农场、街道), 各苏木乡镇.
    (
        "towns",
        re.compile(
            r"^各(?:乡镇|镇|乡|街道|街|场|农场|林场|牧场|苏木|社区)+(?:人民政府|政府|办事处|办)*$"
        ),
    ),
    (
        "governments",
        re.compile(
            r"^(?:各.{0,12}?(?:人民政府|政府|管委会|管理委员会)(?:[和、及].{0,8}?(?:政府|管委会))?"
            r"|各?.{0,6}?(?:功能区|开发区|先导区|园区)管委会"
            r"|各(?:县市区|区市县|县区|市县|区县|县市|市区|区|县|市))$"
        ),
    ),
    ("related", re.compile(r"^[^和及、，]{0,12}?[有相]关(?:部门|单位)(?:[和及](?:部门|单位))?$")),
    (
        "departments",
        re.compile(r"^[^和及、，]{0,12}?(?:各部门|各委办局|各厅委|直各单位|直部门|各直属机构)$"),
    ),
    ("others", re.compile(r"^[^和及、，]{0,12}?其他单位$")),
)


def category_form(name: str) -> str | None:
    """The form of a category name (one of :data:`FORMS`), or None for a single unit."""
    base = _BRACKETS.sub("", name.strip()).replace(" ", "")
    if not 2 <= len(base) <= 30:
        return None
    for form, rule in _RULES:
        if rule.match(base):
            if form == "governments":
                return _local_kind(name)
            return form
    return None


def _local_kind(name: str) -> str:
    """Governments, zones' 管委会, or both (``…人民政府（管委会）``, ``…政府和…管委会``)."""
    government = "政府" in name
    zone = "管委会" in name or "管理委员会" in name
    if government and zone:
        return "local"
    return "zones" if zone else "governments"
