"""The side panel (issue 12 §10): the role always shows whole even when the panel is narrow
(names are cut at the end, whole in the tooltip), a legend says what the marks mean, and the
panel keeps the width the clerk gave it across restarts."""

from __future__ import annotations

from tests.ui.test_wizard import choose_unit_and_start, make_window


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
