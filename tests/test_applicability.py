"""Who must report on what: spelled out for the units the issue names."""

from __future__ import annotations

import json

import pytest

from desktop.applicability import tasks_for
from desktop.units import Unit

SAFEGUARDS = [
    ("5.1.1", "responsible", False),
    ("5.2.1", "responsible", False),
    ("5.3.1", "responsible", False),
]
RELATED_DEPARTMENT_TASKS = [
    ("1.4.1", "responsible", True),
    ("1.5.1", "responsible", True),
    ("1.7.1", "responsible", True),
    ("2.2.1", "responsible", True),
    ("2.3.1", "cooperate", True),
    ("3.1.2", "responsible", True),
    ("3.1.3", "responsible", True),
    ("3.1.4", "responsible", True),
    ("3.2.1", "responsible", True),
    ("3.2.3", "responsible", True),
    ("3.3.1", "responsible", True),
]


def _order(rows):
    return sorted(rows, key=lambda r: tuple(int(x) for x in r[0].split(".")))


def applicable(catalogue, directory, name):
    unit = directory.unit(name)
    assert unit is not None, name
    return [(a.task_id, a.role, a.optional) for a in tasks_for(catalogue, directory, unit)]


def test_lead_department_finance_bureau(catalogue, directory_bundled):
    expected = _order(
        [
            ("1.1.1", "responsible", False),
            ("1.2.1", "responsible", False),
            ("1.3.1", "cooperate", False),
            ("1.5.3", "cooperate", False),
            ("1.6.1", "lead", False),
            ("1.8.1", "lead", False),
            ("2.4.1", "lead", False),
            ("2.4.2", "lead", False),
            ("3.1.1", "lead", False),
            ("3.2.2", "responsible", False),
            ("4.2.1", "responsible", False),
            ("4.3.1", "cooperate", False),
            *SAFEGUARDS,
            *RELATED_DEPARTMENT_TASKS,
        ]
    )
    assert applicable(catalogue, directory_bundled, "市财政局") == expected


def test_cooperating_department_water_bureau(catalogue, directory_bundled):
    expected = _order(
        [
            ("1.1.1", "responsible", False),
            ("1.2.1", "responsible", False),
            ("1.3.1", "cooperate", False),
            ("1.5.3", "cooperate", False),
            ("1.6.1", "cooperate", False),
            ("1.10.1", "responsible", False),
            ("3.1.1", "lead", False),
            ("3.2.2", "responsible", False),
            ("4.2.1", "responsible", False),
            ("4.3.1", "cooperate", False),
            *SAFEGUARDS,
            *RELATED_DEPARTMENT_TASKS,
        ]
    )
    assert applicable(catalogue, directory_bundled, "市水务局") == expected


DISTRICT_TASKS = [
    ("1.1.1", "responsible", False),
    ("1.2.1", "responsible", False),
    ("1.3.1", "cooperate", False),
    ("1.4.1", "responsible", False),
    ("1.5.3", "cooperate", False),
    ("1.6.1", "cooperate", False),
    ("1.7.1", "responsible", False),
    ("1.7.2", "responsible", False),
    ("3.1.1", "lead", False),
    ("3.1.2", "responsible", False),
    ("3.1.3", "responsible", False),
    ("3.1.4", "responsible", False),
    ("3.2.1", "responsible", False),
    ("3.2.2", "responsible", False),
    ("3.2.3", "responsible", False),
    ("3.3.1", "responsible", False),
    ("4.2.1", "responsible", False),
    ("4.3.1", "cooperate", False),
    *SAFEGUARDS,
]


@pytest.mark.parametrize("name", ["中山区", "瓦房店市", "长海县"])
def test_district(catalogue, directory_bundled, name):
    assert applicable(catalogue, directory_bundled, name) == DISTRICT_TASKS


@pytest.mark.parametrize("name", ["金普新区", "高新技术产业园区"])
def test_pilot_zone(catalogue, directory_bundled, name):
    assert applicable(catalogue, directory_bundled, name) == DISTRICT_TASKS


def test_city_university(catalogue, directory_bundled):
    assert applicable(catalogue, directory_bundled, "大连大学") == [
        ("2.9.1", "lead", False),
        *SAFEGUARDS,
    ]


def test_strongest_role_wins_and_named_beats_optional(catalogue, directory_bundled):
    rows = dict((t, (r, o)) for t, r, o in applicable(catalogue, directory_bundled, "市政府办公厅"))
    assert rows["4.3.1"] == ("lead", False)  # 牵头 beats 配合 via 市政府各部门
    assert rows["3.2.1"] == ("responsible", False)  # named, not merely a 相关部门
    assert rows["2.2.1"] == ("lead", False)
    rows = dict(
        (t, (r, o)) for t, r, o in applicable(catalogue, directory_bundled, "市政府新闻办公室")
    )
    assert rows["3.3.1"] == ("responsible", False)


def test_user_added_unit_gets_tasks_by_its_categories(catalogue, directory_bundled):
    directory_bundled.units.append(
        Unit("市旅发委", ("市政府各部门", "市政府相关部门"), kind="department")
    )
    directory_bundled._reindex()
    try:
        rows = applicable(catalogue, directory_bundled, "市旅发委")
        assert ("1.6.1", "cooperate", False) in rows
        assert ("1.4.1", "responsible", True) in rows
    finally:
        directory_bundled.units.pop()
        directory_bundled._reindex()


def test_cli_tasks_json(cli):
    done = cli("catalogue", "tasks", "--unit", "市水务局", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {"id": "1.10.1", "role": "responsible", "optional": False} in rows
    assert {"id": "2.3.1", "role": "cooperate", "optional": True} in rows
    assert all(set(r) == {"id", "role", "optional"} for r in rows)


def test_cli_unknown_unit_suggests_closest(cli):
    done = cli("catalogue", "tasks", "--unit", "市财政")
    assert done.returncode == 2
    assert "市财政局" in done.stderr
    assert "Traceback" not in done.stderr
