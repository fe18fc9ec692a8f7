"""Figures the 要点 asks of some kinds of unit only (``applies_to``/``not_for`` in forms/):
the form, the review, the report and 汇总 totals all leave them out for everyone else."""

from __future__ import annotations

import json

import pytest

from desktop import completeness, forms
from desktop.consolidate.officedb import OfficeDB
from desktop.consolidate.service import OfficeService
from desktop.report import compose_report
from desktop.schema import DataFileError
from tests.conftest import ROOT
from tests.samples.unit_reports import make_payload, write_json

FIELDS = ROOT / "forms" / "fields"


def keys(figures) -> list[str]:
    return [f.key for f in figures]


def test_press_conferences_are_asked_of_city_departments_only(form, directory_bundled):
    unit = directory_bundled.unit
    # 三（三） reaches districts too, but its two press conferences bind 市政府各部门 only.
    assert keys(form.figures_for("3.3.1", unit("中山区"))) == []
    assert keys(form.figures_for("3.3.1", unit("金普新区"))) == []
    assert keys(form.figures_for("3.3.1", unit("市政府新闻办公室"))) == ["press_conferences"]
    assert keys(form.figures_for("3.3.1", unit("市财政局"))) == ["press_conferences"]
    # 四（三）: the training plans are sent to 市政府办公厅, which does not send one to itself.
    assert "training_plan_date" not in keys(form.figures_for("4.3.1", unit("市政府办公厅")))
    assert keys(form.figures_for("4.3.1", unit("中山区")))[0] == "training_plan_date"
    # Figures without a restriction concern every unit the task reaches.
    assert keys(form.figures_for("3.1.2", unit("中山区"))) == ["head_interpretations"]
    assert keys(form.all_figures("3.3.1")) == ["press_conferences"]


def test_every_name_in_the_bundled_figures_is_in_the_directory(catalogue, directory_bundled):
    spec = forms.load(catalogue, directory=directory_bundled)
    assert spec.figure_names() == {"市政府各部门", "市政府办公厅"}


def _figures_file(tmp_path, edit):
    data = json.loads((FIELDS / "dalian-2016.json").read_text(encoding="utf-8"))
    edit(data["tasks"]["3.3.1"][0])
    path = tmp_path / "dalian-2016.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_misspelt_category_is_refused_naming_the_place(tmp_path, catalogue, directory_bundled):
    path = _figures_file(tmp_path, lambda f: f.update(applies_to=["市政府各部委"]))
    with pytest.raises(DataFileError) as err:
        forms.load(catalogue, figures=path, directory=directory_bundled)
    message = str(err.value)
    assert 'tasks["3.3.1"][0].applies_to' in message and "市政府各部委" in message


def test_an_alias_counts_as_its_category(tmp_path, catalogue, directory_bundled):
    path = _figures_file(tmp_path, lambda f: f.update(applies_to=["市政府各委办局"]))
    spec = forms.load(catalogue, figures=path, directory=directory_bundled)
    assert keys(spec.figures_for("3.3.1", directory_bundled.unit("市财政局"))) == [
        "press_conferences"
    ]


def test_an_empty_list_is_refused(tmp_path, catalogue, directory_bundled):
    path = _figures_file(tmp_path, lambda f: f.update(not_for=[]))
    with pytest.raises(DataFileError) as err:
        forms.load(catalogue, figures=path, directory=directory_bundled)
    assert "not_for" in str(err.value)


def test_a_district_is_never_warned_about_press_conferences(form, directory_bundled):
    district = directory_bundled.unit("中山区")
    department = directory_bundled.unit("市政府新闻办公室")
    values = {"status": "已完成", "measures": "召开新闻发布会。", "results": "效果好。"}
    # A value stored before the form said so (or forged in a file) changes nothing.
    values["figures.press_conferences"] = 0
    assert completeness.figure_warnings(form, "3.3.1", values, district) == []
    (warning,) = completeness.figure_warnings(form, "3.3.1", values, department)
    assert "低于要点要求的2次" in warning[1]


def test_the_report_prints_only_the_figures_asked_of_the_unit(catalogue, form, directory_bundled):
    for name, printed in (("中山区", False), ("市政府新闻办公室", True)):
        data = make_payload(catalogue, form, directory_bundled, name)
        answer = data["answers"]["3.3.1"]
        answer.setdefault("figures", {})["press_conferences"] = 7
        text = "\n".join(
            getattr(b, "text", "") for b in compose_report(data, catalogue, form).blocks
        )
        assert ("以市政府新闻办名义召开新闻发布会7次" in text) is printed, name


def test_totals_leave_out_figures_not_asked_of_the_unit(
    tmp_path, catalogue, form, directory_bundled
):
    files = []
    for name in ("中山区", "西岗区", "市政府新闻办公室"):
        data = make_payload(catalogue, form, directory_bundled, name)
        data["answers"]["3.3.1"].setdefault("figures", {})["press_conferences"] = 5
        files.append(str(write_json(tmp_path / f"{name}.json", data)))
    service = OfficeService(OfficeDB(tmp_path / "office.db"), directory=directory_bundled)
    service.import_paths(files)
    totals = {(t.task_id, t.spec.key): t for t in service.totals()}
    press = totals[("3.3.1", "press_conferences")]
    assert press.by_unit == [("市政府新闻办公室", 5)] and press.total == 5
    # The office reading a district's answer does not see a figure it was never asked for.
    view = service.answer("中山区", "3.3.1")
    assert all(label != "以市政府新闻办名义召开新闻发布会次数" for label, _ in view.lines)


def test_the_office_reads_installed_figures_with_its_unit_directory(
    tmp_path, data_dir, catalogue, form, directory_bundled
):
    """The 汇总 window and the consolidate command load a 要点's form like the wizard: an
    alias in applies_to counts as its category, a misspelt name is a reason, not a guess."""
    installed = data_dir / "fields" / "dalian-2016.json"  # forms of this PC's data folder
    installed.parent.mkdir(parents=True)
    installed.write_bytes(
        _figures_file(tmp_path, lambda f: f.update(applies_to=["市政府各委办局"])).read_bytes()
    )
    data = make_payload(catalogue, form, directory_bundled, "市政府新闻办公室")
    data["answers"]["3.3.1"].setdefault("figures", {})["press_conferences"] = 4
    report = write_json(tmp_path / "新闻办.json", data)
    service = OfficeService(OfficeDB(tmp_path / "office.db"), directory=directory_bundled)
    assert service.import_paths([report]).added
    totals = {(t.task_id, t.spec.key): t for t in service.totals()}
    assert totals[("3.3.1", "press_conferences")].by_unit == [("市政府新闻办公室", 4)]

    installed.write_bytes(
        _figures_file(tmp_path, lambda f: f.update(applies_to=["市政府各部委"])).read_bytes()
    )
    again = OfficeService(OfficeDB(tmp_path / "office2.db"), directory=directory_bundled)
    (rejected,) = again.import_paths([report]).rejected
    assert "填报字段文件有误" in rejected.message() and "市政府各部委" in rejected.message()
