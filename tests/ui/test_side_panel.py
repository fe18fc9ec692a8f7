"""The side panel (issue 12 §10): the role always shows whole even when the panel is narrow
(names are cut at the end, whole in the tooltip), a legend says what the marks mean, and the
panel keeps the width the clerk gave it across restarts."""

from __future__ import annotations

from tests.ui.test_wizard import (
    choose_unit_and_start,
    click_status,
    field,
    make_window,
    nav_click,
    type_into,
)


def test_role_is_never_cut_and_names_have_tooltips(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    view.splitter.setSizes([200, 1000])  # as narrow as at 150% on a small screen
    tree = view.nav.tree
    item = view.nav.items["task:3.2.2"]
    assert item.text(1) == "负责"
    metrics = tree.fontMetrics()
    assert tree.header().sectionSize(1) >= metrics.horizontalAdvance("负责")
    assert tree.columnViewportPosition(1) + tree.header().sectionSize(1) <= tree.viewport().width()
    assert item.text(0) == "三（二）之二 建立健全政务舆情收集、研判、处置和回应机制"
    assert item.text(0) in item.toolTip(0)  # the whole name, with its state
    lead = view.nav.items["task:3.1.1"]
    assert lead.text(1) == "牵头"


def test_legend_names_the_marks(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    legend = view.nav.legend.text()
    for label in ("填写中", "有提示", "未填写"):
        assert label in legend
    assert view.nav.legend.isVisibleTo(view)


def test_panel_width_is_remembered(qtbot, open_services):
    services = open_services()
    window = make_window(qtbot, services)
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    view.splitter.setSizes([410, 800])
    width = view.splitter.sizes()[0]
    window.close()
    again = make_window(qtbot, open_services())
    again.resume_last()
    assert again.report_view.splitter.sizes()[0] == width


def test_a_task_is_marked_by_its_own_answers_not_by_the_cover(qtbot, open_services):
    """五（一） asks for the 分管负责同志 the cover already names: the copy prefilled from the
    cover is not an answer, so filling the cover leaves 五（一） 未填写 until it is answered."""
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    row = view.nav.items["task:5.1.1"]

    def mark() -> str:
        view.nav.refresh_states()
        return row.toolTip(0).split("\u3000")[0]

    type_into(qtbot, view, "contact_name", "张晓明")
    type_into(qtbot, view, "contact_phone", "0411-82765432")
    type_into(qtbot, view, "leader_name", "王强")
    type_into(qtbot, view, "leader_title", "副区长")
    nav_click(qtbot, view, "task:1.6.1")  # opening a task page copies the cover's figures
    assert view.session.value("task:5.1.1", "figures.leader_name") == "王强"
    assert mark() == "未填写"
    nav_click(qtbot, view, "task:5.1.1")
    assert field(view, "figures.leader_name").value() == "王强"  # shown, ready to use
    assert mark() == "未填写"
    # A new name on the cover is followed by the copy nobody touched; still not an answer.
    nav_click(qtbot, view, "profile")
    field(view, "leader_name").focus_target().selectAll()
    type_into(qtbot, view, "leader_name", "李明")
    assert view.session.value("task:5.1.1", "figures.leader_name") == "李明"
    assert mark() == "未填写"
    # Answering the task changes its mark.
    nav_click(qtbot, view, "task:5.1.1")
    click_status(qtbot, view, "已完成")
    qtbot.waitUntil(lambda: not view.session.unsaved)
    assert row.toolTip(0).startswith("填写中")
    assert mark() == "填写中"
    window.close()
    again = make_window(qtbot, open_services())
    again.resume_last()
    view2 = again.report_view
    assert view2.nav.items["task:5.1.1"].toolTip(0).startswith("填写中")
    assert view2.nav.items["task:5.2.1"].toolTip(0).startswith("未填写")
