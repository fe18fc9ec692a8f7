"""The realistic sample reports under tests/samples/reports are what they claim to be."""

from __future__ import annotations

import pytest

from desktop import payload as payload_mod
from desktop.applicability import tasks_for
from tests.samples import reports

TEXT_FIELDS = ("measures", "results", "next_steps", "unfinished_reason", "problems")


@pytest.mark.parametrize("name", reports.NAMES)
def test_sample_is_a_valid_final_report_covering_every_task_of_its_unit(
    name, catalogue, form, directory_bundled
):
    data = reports.load(name)
    assert payload_mod.validate(data, catalogue, form) == []
    assert data["status"] == "final" and data["review"]["confirmed"] is True
    unit = directory_bundled.unit(data["unit"])
    assert set(data["answers"]) == {
        a.task_id for a in tasks_for(catalogue, directory_bundled, unit)
    }
    for task_id, answer in data["answers"].items():
        if answer["applicable"]:
            size = sum(len(answer.get(k, "")) for k in TEXT_FIELDS)
            assert 190 <= size <= 600, (task_id, size)
        else:
            assert answer["optional"] and answer["not_applicable_reason"]


def test_samples_cover_the_cases_the_report_must_handle():
    finance, district = (reports.load(n) for n in reports.NAMES)
    statuses = {a.get("status") for a in finance["answers"].values()}
    assert {"已完成", "持续推进", "未完成"} <= statuses
    assert sum(not a["applicable"] for a in finance["answers"].values()) == 4
    assert sum(a["role"] == "lead" for a in finance["answers"].values()) >= 5
    assert (
        len(district["answers"]) == 21 and district["unit_info"]["title_name"] == "中山区人民政府"
    )
    paths = [
        e["path"]
        for d in (finance, district)
        for a in d["answers"].values()
        for e in a.get("evidence", [])
        if e.get("path")
    ]
    assert any(p.startswith("C:\\Users\\") for p in paths) and any(
        p.startswith("/home/") for p in paths
    )


@pytest.mark.parametrize("name", reports.EDGES)
def test_edge_samples_are_valid_final_reports_of_every_task(
    name, catalogue, form, directory_bundled
):
    data = reports.load(name)
    assert payload_mod.validate(data, catalogue, form) == []
    assert data["status"] == "final" and data["review"]["confirmed"] is True
    unit = directory_bundled.unit(data["unit"])
    assert set(data["answers"]) == {
        a.task_id for a in tasks_for(catalogue, directory_bundled, unit)
    }
