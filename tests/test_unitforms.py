"""Categories recognised by the form of their name, and where the unit directory sends them:
a 要点 from another place, level or year reaches the right units without listing its wording."""

from __future__ import annotations

import pytest

from desktop.applicability import tasks_for, unknown_units
from desktop.parser import parse_file
from desktop.unitforms import FORMS as FORMS_ALL
from desktop.unitforms import category_form
from tests.conftest import ROOT, SAMPLES

FORMS = {
    # governments below the issuer
    "各市政府": "governments",
    "各县(市、区)人民政府(管委会)": "local",
    "各区市县政府和先导区管委会": "local",
    "各县（市）区政府": "governments",
    "各区市县政府、各先导区管委会": "local",
    "各地级以上市人民政府": "governments",
    "功能区管委会": "zones",
    "各先导区管委会": "zones",
    "各县市区": "governments",
    # towns and streets
    "各镇（街）": "towns",
    "各乡镇（街道）": "towns",
    "各街道办事处": "towns",
    "各乡镇人民政府": "towns",
    "各乡镇场街": "towns",  # 乡镇、国营农场、街道 (建平县 2020)
    "各镇街": "towns",
    # departments of the issuing government
    "省政府各部门": "departments",
    "市直各部门": "departments",
    "区政府各部门": "departments",
    "市政府各委办局": "departments",
    "各部门": "departments",
    # the departments concerned (the clerk decides whether the unit is)
    "省政府相关部门": "related",
    "市政府有关部门": "related",
    "省直各有关单位": "related",
    "县直各有关部门（单位）": "related",
    # everyone else directly under the issuer
    "市直其他单位": "others",
    # everyone
    "各地区、各部门": "all",
    "各地区各部门": "all",
    "各单位": "all",
}
SINGLE_UNITS = [
    "市财政局",
    "市政府办公室",
    "省政府办公厅",
    "国务院办公厅",
    "市委网信办",
    "区行政服务中心",
    "市属各高校",
    "县政府办公室",
]


@pytest.mark.parametrize("name", list(FORMS))
def test_a_category_is_known_by_its_form(name):
    assert category_form(name) == FORMS[name]


@pytest.mark.parametrize("name", SINGLE_UNITS)
def test_a_single_unit_is_no_category(name):
    assert category_form(name) is None


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("各县（市、区）人民政府（管委会）", "各区市县政府和先导区管委会"),
        ("各市政府", "各区市县政府"),
        ("各县（市）区政府", "各区市县政府"),
        ("功能区管委会", "各先导区管委会"),
        ("各功能区管委会", "各先导区管委会"),
        ("市直各部门", "市政府各部门"),
        ("省政府各部门", "市政府各部门"),
        ("区直有关部门", "市政府相关部门"),
        ("市直其他单位", "市直其他单位"),
        ("各镇（街）", "各镇（街道）"),
        ("各地区各部门", "各地区、各部门"),
    ],
)
def test_the_directory_maps_each_form_to_one_of_its_categories(directory_bundled, name, category):
    found = directory_bundled.category(name)
    assert found is not None and found.name == category
    assert directory_bundled.knows(name)


def test_a_unit_named_like_a_category_stays_a_unit(directory_bundled):
    assert directory_bundled.category("市财政局") is None
    assert directory_bundled.unit("市财政局") is not None


def test_a_new_places_categories_reach_dalian_units(directory_bundled, tmp_path):
    """The catalogue of a city 要点 naming 各县（市、区）人民政府（管委会）, 市直各部门,
    市直其他单位, 功能区管委会 and 各镇（街）: none of them is unknown, and each reaches the
    directory's units of that kind."""
    cat = parse_file(SAMPLES / "jiangbei-2022-keyed-traditional.big5.txt").catalogue
    unknown = {name for _, name in unknown_units(cat, directory_bundled)}
    assert unknown == {"市税务局", "市人力资源社会保障局", "市政府办公室"}

    def tasks(unit: str) -> list[tuple[str, str]]:
        u = directory_bundled.unit(unit)
        assert u is not None
        return [(a.task_id, a.role) for a in tasks_for(cat, directory_bundled, u)]

    assert tasks("中山区") == [("1.1.1", "responsible"), ("1.2.1", "responsible")]
    assert tasks("金普新区") == [
        ("1.1.1", "responsible"),
        ("1.2.1", "responsible"),
        ("2.2.1", "responsible"),  # 功能区管委会
    ]
    assert tasks("市财政局") == [("1.1.1", "responsible"), ("2.2.1", "responsible")]
    assert tasks("市委办公厅") == []  # a 市委 unit: neither a department nor 市直其他单位
    assert tasks("大连大学") == [("2.2.1", "responsible")]


def test_the_bundled_directory_declares_every_form():
    import json

    data = json.loads((ROOT / "forms" / "units.json").read_text(encoding="utf-8"))
    declared = {f for c in data["categories"] for f in c.get("forms", ())}
    assert declared == set(FORMS_ALL)
