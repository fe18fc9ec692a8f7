"""The forms are data with a schema: loaded, cross-checked, and a malformed file says where."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop import forms, units
from desktop.schema import DataFileError
from desktop.units import Unit
from tests.conftest import ROOT

FIELDS = ROOT / "forms" / "fields"


def copy_json(src: Path, dst: Path, edit) -> Path:
    data = json.loads(src.read_text(encoding="utf-8"))
    edit(data)
    dst.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return dst


def test_bundled_forms_load_with_every_demanded_figure(catalogue, form):
    assert [f.key for f in form.task_fields] == [
        "status",
        "measures",
        "results",
        "next_steps",
        "unfinished_reason",
        "evidence",
        "problems",
    ]
    assert form.task_field("status").options == ("已完成", "持续推进", "未完成")
    demanded = {tid: {f.key: f for f in figs} for tid, figs in form.figures.items()}
    assert demanded["3.1.2"]["head_interpretations"].demand_min == 1
    assert demanded["3.3.1"]["press_conferences"].demand_min == 2
    assert demanded["1.10.1"]["water_quality_quarters"].demand_min == 4
    assert set(demanded["5.2.1"]) == {
        "requests_received",
        "requests_answered",
        "reconsiderations",
        "lawsuits",
    }
    assert demanded["5.3.1"]["budget_prepared"].demand_true is True
    assert {"3.2.3", "4.2.1", "4.3.1", "5.1.1"} <= set(demanded)
    assert [f.key for f in form.report_fields] == ["overview", "problems", "plans"]


def test_status_dependent_fields(form):
    results = form.task_field("results")
    assert results.visible({"status": "已完成"}) and not results.visible({"status": "未完成"})
    assert form.task_field("unfinished_reason").visible({"status": "未完成"})


def test_malformed_json_names_file_and_line(tmp_path, catalogue, directory_bundled):
    bad = tmp_path / "common.json"
    bad.write_text('{"version": 1,\n "task_fields": [,]}', encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        forms.load(catalogue, common=bad, directory=directory_bundled)
    assert "common.json" in str(err.value) and "第2行" in str(err.value)


def test_wrong_type_names_the_place(tmp_path, catalogue, directory_bundled):
    def edit(data):
        data["task_fields"][1]["type"] = "paragraph"

    bad = copy_json(FIELDS / "common.json", tmp_path / "common.json", edit)
    with pytest.raises(DataFileError) as err:
        forms.load(catalogue, common=bad, directory=directory_bundled)
    message = str(err.value)
    assert (
        message.startswith("common.json：")
        and "task_fields[1].type" in message
        and "paragraph" in message
    )


def test_figures_for_an_unknown_task_are_refused(tmp_path, catalogue, directory_bundled):
    def edit(data):
        data["tasks"]["9.9.9"] = data["tasks"].pop("3.3.1")

    bad = copy_json(FIELDS / "dalian-2016.json", tmp_path / "dalian-2016.json", edit)
    with pytest.raises(DataFileError) as err:
        forms.load(catalogue, figures=bad, directory=directory_bundled)
    assert 'tasks["9.9.9"]' in str(err.value) and "9.9.9" in str(err.value)


def test_cross_references_are_checked(tmp_path, catalogue, directory_bundled):
    def edit(data):
        data["tasks"]["5.2.1"][1]["at_most_field"] = "requests_sent"

    bad = copy_json(FIELDS / "dalian-2016.json", tmp_path / "dalian-2016.json", edit)
    with pytest.raises(DataFileError) as err:
        forms.load(catalogue, figures=bad, directory=directory_bundled)
    assert 'tasks["5.2.1"][1]' in str(err.value) and "requests_sent" in str(err.value)


def test_a_new_catalogue_without_figures_gets_the_common_form(catalogue, directory_bundled):
    from dataclasses import replace

    other = replace(catalogue, id="yaodian-2017-abcdef12")
    spec = forms.load(other, directory=directory_bundled)
    assert spec.figures == {} and spec.task_fields


def test_users_can_add_and_rename_units(tmp_path):
    overlay = tmp_path / "units.json"
    units.save_user_unit(
        Unit("市旅发委", ("市政府各部门", "市政府相关部门"), kind="department"), overlay=overlay
    )
    units.save_user_unit(
        Unit("普兰店区人民政府", ("各区市县政府和先导区管委会",), kind="district"),
        renamed_from="普兰店区",
        overlay=overlay,
    )
    directory = units.load(overlay=overlay)
    assert directory.unit("市旅发委").user_added
    assert directory.unit("普兰店区").name == "普兰店区人民政府"  # the old name still finds it
    assert [c.name for c in directory.categories_of(directory.unit("市旅发委"))] == [
        "各地区、各部门",
        "市政府各部门",
        "市政府相关部门",
    ]


def test_malformed_unit_directory_names_the_problem(tmp_path):
    def edit(data):
        data["units"][3]["categories"] = ["市政府所有部门"]

    bundled = copy_json(ROOT / "forms" / "units.json", tmp_path / "units.json", edit)
    (tmp_path / "schema").mkdir()
    shutil.copy(ROOT / "forms" / "schema" / "units.schema.json", tmp_path / "schema")
    with pytest.raises(DataFileError) as err:
        units.load(bundled=bundled, overlay=tmp_path / "none.json")
    assert "units[3].categories" in str(err.value) and "市政府所有部门" in str(err.value)
