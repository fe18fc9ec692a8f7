"""Date fields a clerk can use (issue 12 §3): typed in any usual form, Tab moves on, Ctrl+A
selects, clearing empties, the calendar opens on today — and no real date stands for "empty"."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import type_text
from tests.ui.test_wizard import choose_unit_and_start, field, make_window, nav_click, wait_saved


def stored(view, scope: str, key: str):
    view.save_now()
    return view.session.store.load_values(view.session.report_id).get(scope, {}).get(key)


def open_profile(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    nav_click(qtbot, view, "profile")
    return window, view


def test_typing_a_date_in_the_usual_forms(qtbot, open_services):
    _window, view = open_profile(qtbot, open_services)
    editor = field(view, "report_date")
    edit = editor.edit
    assert edit.text() == "" and stored(view, "profile", "report_date") is None
    # The example is today's date, not a 2016 one that reads as a suggestion on a later report.
    assert edit.placeholderText() == f"如 {datetime.date.today().isoformat()}"
    # Tab from the field above lands in the date, not on the calendar button.
    leader_title = field(view, "leader_title").edit
    leader_title.setFocus()
    qtbot.keyClick(leader_title, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is edit
    qtbot.keyClicks(edit, "2016-12-20")
    wait_saved(qtbot, view)
    assert stored(view, "profile", "report_date") == "2016-12-20"
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # Tab moves on and shows the date the Chinese way
    assert QApplication.focusWidget() is not edit
    assert edit.text() == "2016年12月20日"

    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert edit.selectedText() == "2016年12月20日"
    qtbot.keyClicks(edit, "2016.12.21")
    assert stored(view, "profile", "report_date") == "2016-12-21"

    # Cleared, it is empty (not 2000-01-01), and digits are taken again at once.
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert stored(view, "profile", "report_date") is None
    assert any("报告日期" in p.label for p in view.session.problems())
    qtbot.keyClicks(edit, "20161222")
    assert stored(view, "profile", "report_date") == "2016-12-22"

    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, edit, "2016年12月23日")
    assert stored(view, "profile", "report_date") == "2016-12-23"


def test_a_wrong_date_is_kept_on_screen_with_a_hint(qtbot, open_services):
    _window, view = open_profile(qtbot, open_services)
    editor = field(view, "report_date")
    editor.edit.setFocus()
    qtbot.keyClicks(editor.edit, "2016-11-28")
    qtbot.keyClick(editor.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.edit, "2016-02-30")
    assert editor.hint.text() == ""  # no message while typing
    qtbot.keyClick(editor.edit, Qt.Key.Key_Tab)
    assert editor.edit.text() == "2016-02-30"  # what was typed stays on screen
    assert "2016-12-20" in editor.hint.text()
    # Not a date, so not filled in (the review says so) — never the 2016-02-03 typed on the way.
    assert stored(view, "profile", "report_date") is None
    assert any("报告日期" in p.label for p in view.session.problems())


def test_the_calendar_opens_on_today_and_picks_a_date(qtbot, open_services):
    _window, view = open_profile(qtbot, open_services)
    editor = field(view, "report_date")
    qtbot.mouseClick(editor.pick_button, Qt.MouseButton.LeftButton)
    calendar = editor.calendar
    qtbot.waitUntil(lambda: calendar.isVisible())
    today = QDate.currentDate()
    assert calendar.selectedDate() == today
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    # Enter takes the highlighted day.
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert stored(view, "profile", "report_date") == today.toString("yyyy-MM-dd")

    # With a date filled in, the calendar opens on that date.
    editor.edit.setFocus()
    qtbot.keyClick(editor.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.edit, "2016-11-28")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: calendar.isVisible())
    assert calendar.selectedDate() == QDate(2016, 11, 28)
    calendar.parentWidget().close()


def test_review_date_on_the_review_page(qtbot, open_services):
    _window, view = open_profile(qtbot, open_services)
    nav_click(qtbot, view, "review")
    edit = field(view, "review_date").edit
    edit.setFocus()
    qtbot.keyClicks(edit, "2016/11/27")
    assert stored(view, "review", "review_date") == "2016-11-27"
