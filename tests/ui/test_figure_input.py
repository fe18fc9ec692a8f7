"""Figures typed or pasted as clerks do: full-width digits from a Chinese input method,
thousands separators, the unit pasted along — shown and saved as the number, never shown as a
number while the field saves nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import type_text
from tests.ui.test_wizard import (
    choose_unit_and_start,
    field,
    make_window,
    nav_click,
    wait_saved,
)

TASK = "task:4.3.1"


def _paste(qtbot, editor, text: str) -> None:
    target = editor.focus_target()
    target.setFocus()
    target.selectAll()
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(target, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_figures_take_full_width_digits_separators_and_units(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, TASK)
    trainings = field(view, "figures.trainings_held")
    people = field(view, "figures.people_trained")

    # 全角 digits, as the Pinyin input method commits them in full-width mode.
    trainings.focus_target().setFocus()
    type_text(qtbot, trainings.focus_target(), "１２")
    assert trainings.focus_target().text() == "12"
    # A figure copied from a table with its thousands separator and unit.
    _paste(qtbot, people, "1,260人次")
    assert people.focus_target().text() == "1260"
    wait_saved(qtbot, view)
    assert view.session.value(TASK, "figures.trainings_held") == 12
    assert view.session.value(TASK, "figures.people_trained") == 1260

    # Text that is no number is still refused, and the figure keeps its value.
    _paste(qtbot, people, "约一千人")
    assert people.focus_target().text() == "1260"
    qtbot.keyClicks(people.focus_target(), "x")
    assert people.focus_target().text() == "1260"


def test_a_decimal_figure_takes_a_full_width_point_and_its_unit(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, "task:5.3.1")
    amount = field(view, "figures.budget_amount")
    _paste(qtbot, amount, "４２．５万元")
    assert amount.focus_target().text() == "42.5"
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    wait_saved(qtbot, view)
    assert view.session.value("task:5.3.1", "figures.budget_amount") == 42.5
