"""The answer vocabulary: scopes and figure keys made and read in one place, and the status
words really being data — renamed in forms/, the wizard's follow-up questions, the report's
prose and 汇总 all follow; a status option without a meaning is refused with a clear message."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from desktop import answers, forms
from desktop.consolidate import matrix as matrix_mod
from desktop.consolidate.records import Report
from desktop.consolidate.totals import tallies
from desktop.report.body import Writing, task_text
from desktop.schema import DataFileError
from tests.conftest import ROOT

COMMON = ROOT / "forms" / "fields" / "common.json"


def test_task_scope_is_built_and_read_back_in_one_place():
    scope = answers.task_scope("1.6.1")
    assert scope == "task:1.6.1"
    assert answers.task_id_of(scope) == "1.6.1"
    assert answers.task_id_of("profile") is None and answers.task_id_of("export") is None
    assert answers.is_scope(scope) and answers.is_scope("review")
    assert not answers.is_scope("task:abc") and not answers.is_scope("report")
    key = answers.figure_store_key("press_conferences")
    assert key == "figures.press_conferences"
    assert answers.figure_key_of(key) == "press_conferences"
    assert answers.figure_key_of("measures") is None


def test_emptiness_and_answered():
    assert answers.is_empty("  \n") and answers.is_empty([]) and answers.is_empty(None)
    assert not answers.is_empty(0) and not answers.is_empty(False)
    assert answers.has_content({"figures": {"press_conferences": 0}})
    assert not answers.has_content({"applicable": False, "measures": "写了也不算"})
    assert not answers.has_content({"applicable": True, "figures": {"x": ""}})
    assert answers.counts_as_answered({"status": "任一状态"})
    assert answers.counts_as_answered({"applicable": False})
    assert not answers.counts_as_answered({"status": " ", "measures": "只写了做法"})


def _renamed_common(tmp_path: Path, old: str, new: str, meanings: bool = True) -> Path:
    """common.json with one status word renamed everywhere it occurs (options, show_when and,
    unless *meanings* is False, the meanings)."""
    data = json.loads(COMMON.read_text(encoding="utf-8"))
    for f in data["task_fields"]:
        if "options" in f:
            f["options"] = [new if o == old else o for o in f["options"]]
        if meanings and "meanings" in f:
            f["meanings"] = {k: new if v == old else v for k, v in f["meanings"].items()}
        for key, allowed in f.get("show_when", {}).items():
            f["show_when"][key] = [new if o == old else o for o in allowed]
    path = tmp_path / "common.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def test_a_renamed_status_word_flows_through_wizard_report_and_consolidation(
    tmp_path, catalogue, form, directory_bundled
):
    ongoing = form.statuses.ongoing
    renamed = forms.load(
        catalogue,
        common=_renamed_common(tmp_path, ongoing, "正在推进"),
        directory=directory_bundled,
    )
    assert renamed.statuses.ongoing == "正在推进"
    # The wizard asks for the plan under the new word.
    assert renamed.task_field("next_steps").visible({"status": "正在推进"})

    # The report's prose treats it as ongoing: the plan is written after the lead sentence.
    task = catalogue.task("1.6.1")
    answer = {"status": "正在推进", "measures": "公开预算。", "next_steps": "年底前完成"}
    writing = Writing(catalogue, renamed, directory_bundled.unit("市财政局"), "我局")
    prose = task_text(writing, task, answer).paragraphs
    assert prose[-1] == "下一步，我局将于年底前完成。"

    # 汇总 files the answer under the new word, not under 未填写.
    unit = "市财政局"
    data = {"unit": unit, "status": "final", "answers": {"1.6.1": dict(answer, role="lead")}}
    reports = {unit: Report(catalogue.id, unit, data, "市财政局.json")}
    m = matrix_mod.build(catalogue, directory_bundled, reports, renamed.statuses)
    cell = m.cell(unit, "1.6.1")
    assert (cell.kind, cell.state, cell.text) == (answers.ONGOING, "正在推进", "牵头·正在推进")
    assert "正在推进" in m.states and cell.colour == matrix_mod.COLOURS[answers.ONGOING]
    tally = next(t for t in tallies(m, renamed) if t.task_id == "1.6.1")
    assert tally.ongoing == [unit] and unit not in tally.no_status


def test_a_status_option_without_a_meaning_is_refused(tmp_path, catalogue, directory_bundled):
    bad = _renamed_common(tmp_path, "持续推进", "正在推进", meanings=False)
    with pytest.raises(DataFileError) as err:
        forms.load(catalogue, common=bad, directory=directory_bundled)
    message = str(err.value)
    assert message.startswith("common.json：task_fields[0].meanings")
    assert "正在推进" in message and "持续推进" in message


def test_a_status_meaning_missing_is_refused(tmp_path, catalogue, directory_bundled):
    data = json.loads(COMMON.read_text(encoding="utf-8"))
    del data["task_fields"][0]["meanings"]["ongoing"]
    bad = tmp_path / "common.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        forms.load(catalogue, common=bad, directory=directory_bundled)
    assert "meanings" in str(err.value) and "ongoing" in str(err.value)


# -- the status words live in forms/, never in code ----------------------------------------------


def status_words() -> set[str]:
    data = json.loads(COMMON.read_text(encoding="utf-8"))
    status = next(f for f in data["task_fields"] if f["key"] == "status")
    return set(status["options"])


def spelled_status_words(source: str, words: set[str]) -> list[int]:
    """Lines where a string literal is exactly a status word (a comparison, a dict key, a
    default): code that would silently stop matching when forms/ renames the word."""
    return sorted(
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in words
    )


def test_the_check_finds_a_spelled_status_word():
    words = status_words()
    code = 'def f(a):\n    return a.get("status") == "未完成"\n'
    assert spelled_status_words(code, words) == [2]
    assert spelled_status_words('x = "该项工作尚未完成。"\n', words) == []


def test_no_code_module_spells_a_status_word():
    words = status_words()
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "desktop").rglob("*.py"))
        if (lines := spelled_status_words(path.read_text(encoding="utf-8"), words))
    }
    assert found == {}
