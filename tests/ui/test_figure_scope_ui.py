"""A district is not asked for figures the 要点 demands of city departments only (issue 12 §5)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_wizard import choose_unit_and_start, make_window, nav_click, type_into


def test_district_task_page_has_no_press_conference_figure(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, "task:3.3.1")
    page = view.pages["task:3.3.1"]
    assert page.figure_box is None
    assert "figures.press_conferences" not in page.fields
    # Its other tasks keep the figures that do concern it.
    nav_click(qtbot, view, "task:3.1.2")
    assert "figures.head_interpretations" in view.pages["task:3.1.2"].fields
    nav_click(qtbot, view, "review")
    review = view.pages["review"]
    lines = [review.list.item(i).text() for i in range(review.list.count())]
    assert not any("以市政府新闻办名义召开新闻发布会次数" in line for line in lines)


def test_press_office_is_asked_and_warned(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "新闻办", "市政府新闻办公室")
    nav_click(qtbot, view, "task:3.3.1")
    page = view.pages["task:3.3.1"]
    assert page.figure_box is not None
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    type_into(qtbot, view, "figures.press_conferences", "1")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # leaves the field
    qtbot.waitUntil(lambda: "低于要点要求的2次" in page.warning_label.text())
    nav_click(qtbot, view, "review")
    review = view.pages["review"]
    lines = [review.list.item(i).text() for i in range(review.list.count())]
    assert any("低于要点要求的2次" in line for line in lines)
