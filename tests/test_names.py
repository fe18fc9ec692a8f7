"""Unit and issuer names: one validator keeps lookalikes, control characters and categories of
the 要点 out of the unit directory, the clerk's store and the office's records."""

from __future__ import annotations

import json

import pytest

from desktop import units
from desktop.applicability import tasks_for
from desktop.consolidate.service import OfficeService
from desktop.names import InvalidName, check_name, name_problem, normalise
from desktop.store import open_store
from desktop.units import Unit
from tests.samples import unit_reports as samples

LOOKALIKES = {
    "zero-width space": "市财政局\u200b",
    "zero-width joiner": "市财\u200d政局",
    "RTL override": "\u202e市财政局",
    "trailing NUL": "市财政局\x00",
    "BOM": "\ufeff市财政局",
    "control only": "\x01",
    "line break": "市财政局\n中山区",
    "emoji": "市财政局🏛",
    "variation selector": "市财政局\ufe0f",
    "file-name character": "市财政局/中山区",
    "question mark": "市财政局?",
    "private use": "市财政局\ue000",
    "digits only": "123",
    "punctuation only": "……",
}


@pytest.mark.parametrize("text", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_lookalikes_and_non_names_are_refused_with_a_chinese_reason(text, directory_bundled):
    problem = name_problem(text, directory=directory_bundled)
    assert problem and "请" in problem
    assert problem.isprintable(), "the message itself must show invisible characters by code"
    with pytest.raises(InvalidName):
        check_name(text)


def test_invisible_characters_are_named_by_code_point():
    problem = name_problem("市财政局\u200b")
    assert "零宽空格（U+200B）" in problem and "⟨U+200B⟩" in problem


@pytest.mark.parametrize(
    "category",
    ["市政府各部门", "各地区、各部门", "各地区各部门", "市政府相关部门", "有关部门", "市属高校"],
)
def test_categories_of_the_yaodian_are_never_units(category, directory_bundled):
    assert "一类单位" in name_problem(category, directory=directory_bundled)


def test_real_names_pass_and_are_normalised(directory_bundled):
    for unit in directory_bundled.units:
        for name in (unit.name, unit.full_name, unit.title_name):
            if name:
                assert name_problem(name, directory=directory_bundled) is None, name
    assert check_name("\u3000市旅发委 ") == "市旅发委"
    assert check_name("大连 市  旅发委") == "大连 市 旅发委"
    assert normalise("Cafe\u0301") == "Café"  # NFC: a composed letter is not a combining mark
    assert name_problem("市财政局、市审计局").startswith("“市财政局、市审计局”像是几个单位")
    assert "超过60个字" in name_problem("市" * 61)


def test_full_and_title_names_find_the_unit(directory_bundled):
    assert directory_bundled.unit("大连市财政局").name == "市财政局"
    assert directory_bundled.unit(" 大连市财政局\u3000").name == "市财政局"
    assert directory_bundled.unit("普兰店区人民政府").name == "普兰店区"
    assert directory_bundled.unit("") is None
    assert directory_bundled.unit("市政府各部门") is None
    assert directory_bundled.category("市政府各部门").name == "市政府各部门"


def _answers_import(cli, tmp_path, data: dict, name: str):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return cli("answers", "import", str(path))


def test_answers_import_never_adds_a_category_or_a_lookalike_as_a_unit(
    tmp_path, cli, data_dir, catalogue, form, directory_bundled
):
    before = len(tasks_for(catalogue, directory_bundled, directory_bundled.unit("市财政局")))
    for i, bad in enumerate(["市政府各部门", "各地区、各部门", "市财政局\u200b", "\x01"]):
        data = samples.make_payload(catalogue, form, directory_bundled, "市财政局")
        data["unit"] = bad
        data["unit_info"]["categories"] = ["市政府各部门"]
        done = _answers_import(cli, tmp_path, data, f"bad{i}.json")
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr and "填报单位：" in done.stderr
    assert not (data_dir / "units.json").exists(), "nothing may reach the user's directory"
    good = samples.make_payload(catalogue, form, directory_bundled, "中山区")
    done = _answers_import(cli, tmp_path, good, "good.json")
    assert done.returncode == 0, done.stderr
    directory = units.load()
    assert len(tasks_for(catalogue, directory, directory.unit("市财政局"))) == before
    with open_store().store as store:
        assert [r.unit for r in store.list_reports()] == ["中山区"]


def test_answers_import_of_a_full_name_files_it_under_the_directory_name(
    tmp_path, cli, data_dir, catalogue, form, directory_bundled
):
    data = samples.make_payload(catalogue, form, directory_bundled, "市财政局")
    data["unit"] = "大连市财政局"
    done = _answers_import(cli, tmp_path, data, "full.json")
    assert done.returncode == 0, done.stderr
    assert "已导入“市财政局”" in done.stderr
    assert not (data_dir / "units.json").exists(), "no duplicate unit is added"
    with open_store().store as store:
        assert [r.unit for r in store.list_reports()] == ["市财政局"]


def test_a_poisoned_user_directory_heals_and_says_so(data_dir, catalogue, directory_bundled):
    """A directory an older version poisoned (a category filed as a unit, a lookalike, a
    duplicate of a full name) is read without those entries, with a notice."""
    data_dir.mkdir(parents=True)
    poisoned = {
        "version": 1,
        "categories": [],
        "units": [
            {"name": "市政府各部门", "kind": "other", "categories": [], "user_added": True},
            {"name": "市财政局\u200b", "kind": "other", "categories": [], "user_added": True},
            {"name": "大连市财政局", "kind": "other", "categories": [], "user_added": True},
            {"name": "市旅发委", "kind": "department", "categories": ["市政府各部门"]},
        ],
    }
    (data_dir / "units.json").write_text(json.dumps(poisoned, ensure_ascii=False), "utf-8")
    directory = units.load()
    assert len(directory.notices) == 3
    assert [u.name for u in directory.units if u.user_added] == ["市旅发委"]
    finance = directory.unit("市财政局")
    assert len(tasks_for(catalogue, directory, finance)) == len(
        tasks_for(catalogue, directory_bundled, directory_bundled.unit("市财政局"))
    )


def test_save_user_unit_refuses_bad_names(tmp_path):
    overlay = tmp_path / "units.json"
    for unit in (
        Unit("市旅发委\u200b", ("市政府各部门",)),
        Unit("市政府各部门", ()),
        Unit("市旅发委", ("市政府各部门",), title_name="市旅发委\x00"),
    ):
        with pytest.raises(InvalidName):
            units.save_user_unit(unit, overlay=overlay)
    assert not overlay.exists()
    units.save_user_unit(Unit("市旅发委", ("市政府各部门",)), overlay=overlay)
    assert units.load(overlay=overlay).unit("市旅发委").user_added


def test_consolidate_refuses_a_control_character_unit_instead_of_filing_it_elsewhere(
    tmp_path, catalogue, form, directory_bundled
):
    """``\\x01`` used to become "" and match 市政府办公厅 (whose title name is empty)."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    bad = samples.make_payload(catalogue, form, directory_bundled, "市财政局")
    bad["unit"] = "\x01"
    samples.write_json(inbox / "控制字符.json", bad)
    cat = samples.make_payload(catalogue, form, directory_bundled, "市财政局")
    cat["unit"] = "市政府各部门"
    samples.write_json(inbox / "类别.json", cat)
    full = samples.make_payload(catalogue, form, directory_bundled, "中山区")
    full["unit"] = "大连市中山区人民政府"
    samples.write_json(inbox / "中山区.json", full)
    service = OfficeService(directory=directory_bundled)
    result = service.import_paths([inbox])
    assert [r.unit for r in result.added] == ["中山区"]
    assert sorted(r.name for r in result.rejected) == ["控制字符.json", "类别.json"]
    assert all("单位名称" in r.reason for r in result.rejected)
    assert not service.matrix().row("市政府办公厅").reported
