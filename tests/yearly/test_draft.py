"""Correcting a parsed 要点: assignments, titles, split/merge, names, figures, checks."""

from __future__ import annotations

import pytest

from desktop.catalogue import Assignment
from desktop.parser import parse_file
from desktop.yearly.draft import DraftError, DraftWarning, ReviewDraft, from_parse
from tests.conftest import SAMPLES
from tests.yearly.helpers import SAMPLE_2017, draft_2017


def test_a_new_draft_carries_firm_figures_marked_as_suggested():
    draft = draft_2017()
    assert [f["key"] for f in draft.figures_for("3.1.2")] == ["req_count"]
    assert draft.is_suggested("3.1.2", "req_count")
    # Weaker requirements are offered, not added: 4.3.1 has a deadline and a count.
    assert [f["key"] for f in draft.figures_for("4.3.1")] == ["req_count"]
    assert [s.figure["type"] for s in draft.suggestions("4.3.1")] == ["date"]


def test_warnings_are_tied_to_the_task_of_their_line():
    result = parse_file(SAMPLES / "liaodong-2017-province.txt")
    draft = from_parse(result)
    [w] = draft.warnings_for("3.1.2")
    assert w.line == 20 and "没有单独的责任分工" in w.message
    assert str(w).startswith("第20行：")
    general = from_parse(parse_file(SAMPLES / "beiling-2020-no-sections.txt")).warnings_for(None)
    assert any("发文字号" in w.message for w in general)


def test_assignments_keep_the_strongest_role_and_drop_empty_names():
    draft = draft_2017()
    draft.set_assignments(
        "1.6.1",
        [("市公共行政服务中心", "cooperate"), ("市公共行政服务中心", "lead"), (" ", "lead")],
    )
    assert draft.task("1.6.1").assignments == [Assignment("市公共行政服务中心", "lead")]
    with pytest.raises(DraftError, match="责任类型"):
        draft.set_assignments("1.6.1", [("市财政局", "boss")])
    draft.set_assignments("1.6.1", [("市财政\x0b局\n", "lead")])  # pasted from Word
    assert draft.task("1.6.1").assignments == [Assignment("市财政 局", "lead")]
    with pytest.raises(DraftError, match="超过60个字"):
        draft.set_assignments("1.6.1", [("局" * 61, "lead")])


def test_split_renumbers_and_carries_figures_and_warnings(directory_bundled):
    draft = draft_2017()
    draft.warnings.append(DraftWarning("3.1.2", 25, "x"))
    text = draft.task("3.1.1").text
    cut = text.index("解读材料")
    lines = dict(draft.lines)
    new_id = draft.split_task("3.1.1", cut)
    assert new_id == "3.1.2"
    assert draft.lines["3.1.1"] == draft.lines["3.1.2"] == lines["3.1.1"]
    assert draft.lines["3.1.3"] == lines["3.1.2"] and draft.lines["4.1.1"] == lines["4.1.1"]
    item = draft.item_of("3.1.1")
    assert [t.id for t in item.tasks] == ["3.1.1", "3.1.2", "3.1.3"]
    assert draft.task("3.1.1").text.endswith("一并报批，")
    assert draft.task("3.1.2").text.startswith("解读材料")
    assert draft.task("3.1.2").assignments == draft.task("3.1.1").assignments
    # The old 3.1.2 (不少于3次) is now 3.1.3 with its figure and warning.
    assert "不少于3次" in draft.task("3.1.3").text
    assert [f["key"] for f in draft.figures_for("3.1.3")] == ["req_count"]
    assert draft.is_suggested("3.1.3", "req_count") and not draft.figures_for("3.1.2")
    assert [w.message for w in draft.warnings_for("3.1.3")] == ["x"]
    # Merging back gives the two paragraphs in one task again.
    assert draft.merge_with_next("3.1.1") == "3.1.1"
    assert draft.task("3.1.1").text == text[:cut].strip() + "\n" + text[cut:].strip()
    assert [t.id for t in draft.item_of("3.1.1").tasks] == ["3.1.1", "3.1.2"]
    assert [f["key"] for f in draft.figures_for("3.1.2")] == ["req_count"]
    assert draft.lines == lines
    assert not [p for p in draft.problems(directory_bundled) if p.blocking]


def test_split_needs_text_on_both_sides_and_merge_a_next_task():
    draft = draft_2017()
    with pytest.raises(DraftError, match="光标"):
        draft.split_task("1.1.1", 0)
    with pytest.raises(DraftError, match="最后一项"):
        draft.merge_with_next("1.1.1")


def test_merge_joins_assignments_and_renames_clashing_figure_keys():
    draft = draft_2017()
    draft.add_figure("1.2.1", {"key": "req_count", "label": "甲", "type": "integer"})
    draft.add_figure("1.2.2", {"key": "req_count", "label": "乙", "type": "integer"})
    draft.merge_with_next("1.2.1")
    units = {a.unit: a.role for a in draft.task("1.2.1").assignments}
    assert units["市审计局"] == "lead" and units["市政府各部门"] == "responsible"
    assert [(f["key"], f["label"]) for f in draft.figures_for("1.2.1")] == [
        ("req_count", "甲"),
        ("req_count_2", "乙"),
    ]


def test_an_unknown_name_maps_to_directory_units_in_every_task(directory_bundled):
    draft = draft_2017()
    assert draft.unknown_names(directory_bundled) == ["市政务服务管理局", "各街道办事处"]
    soft = [p for p in draft.problems(directory_bundled) if not p.blocking and "名录" in p.message]
    assert len(soft) == 2 and soft[0].task_id == "1.6.1"
    assert draft.map_name("各街道办事处", ["金普新区", "保税区"]) == 1
    assert {a.unit: a.role for a in draft.task("4.1.1").assignments} == {
        "市政府办公厅": "lead",
        "金普新区": "cooperate",
        "保税区": "cooperate",
    }
    assert draft.unknown_names(directory_bundled) == ["市政务服务管理局"]
    with pytest.raises(DraftError):
        draft.map_name("市政务服务管理局", [])


def test_figures_edit_confirm_remove_and_checks():
    draft = draft_2017()
    draft.update_figure("3.1.2", "req_count", label="主要负责人解读次数", demand_min=2, help="")
    fig = draft.figure("3.1.2", "req_count")
    assert (fig["label"], fig["demand_min"]) == ("主要负责人解读次数", 2)
    assert not draft.is_suggested("3.1.2", "req_count")
    key = draft.new_figure("3.1.2")
    draft.update_figure("3.1.2", key, label="", min=5, max=1)
    messages = [p.message for p in draft.problems() if p.blocking]
    assert any("没有名称" in m for m in messages) and any("最小值大于最大值" in m for m in messages)
    draft.remove_figure("3.1.2", key)
    assert [f["key"] for f in draft.figures_for("3.1.2")] == ["req_count"]
    with pytest.raises(DraftError):
        draft.update_figure("3.1.2", "req_count", key="other")


def test_blocking_problems_name_the_task_by_its_numbering():
    draft = draft_2017()
    draft.set_assignments("2.2.1", [])
    draft.set_item_title("1.1.1", " ")
    blocking = [p for p in draft.problems() if p.blocking]
    assert [p.message for p in blocking] == [
        "一（一）：条目标题为空",
        "二（二）：没有责任单位，请添加牵头、负责或配合单位",
    ]


def test_header_and_titles_and_json_round_trip():
    draft = draft_2017()
    draft.set_header("deadline", "2017-12-10")
    draft.set_section_title(2, "围绕服务办事，推进政务服务公开")
    draft.set_task_text("2.2.1", "推进社会救助信息公开。")
    assert draft.task("2.2.1").clause is None  # the clause is no longer in the text
    with pytest.raises(DraftError):
        draft.set_header("id", "x")
    again = ReviewDraft.from_json(draft.to_json())
    assert again.catalogue.dumps() == draft.catalogue.dumps()
    assert again.figures == draft.figures and again.suggested == draft.suggested
    assert [str(w) for w in again.warnings] == [str(w) for w in draft.warnings]
    doc = draft.figures_document()
    assert doc["catalogue"] == "dalian-2017" and list(doc["tasks"])[0] == "1.4.1"


def test_imported_figures_are_limited_to_their_addressee_and_checked(directory_bundled):
    draft = from_parse(parse_file(SAMPLE_2017, "dalian-2017"), directory=directory_bundled)
    assert draft.figure("3.3.1", "req_count")["applies_to"] == ["市政府各部门"]
    assert "applies_to" not in draft.figure("3.1.2", "req_count")
    draft.update_figure("3.1.2", "req_count", applies_to=["市大数据局"])
    [problem] = [p for p in draft.problems(directory_bundled) if p.blocking]
    assert problem.message == (
        "三（一）之二：数据项“解读重要政策措施次数”只要求“市大数据局”填写，但单位名录中没有“市大数据局”"
    )
