"""A unit added by a clerk reaches what the bundled units of its kind reach: the category
boxes its kind ticks include the categories by form (各区市县政府, 各先导区管委会, 市直其他单位)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.applicability import tasks_for
from desktop.parser import parse_file
from desktop.ui.main_window import MainWindow
from tests.conftest import SAMPLES


@pytest.mark.parametrize(
    ("kind", "ticked", "like"),
    [
        ("district", {"各区市县政府和先导区管委会", "各区市县政府"}, "中山区"),
        ("pilot_zone", {"各区市县政府和先导区管委会", "各先导区管委会"}, "金普新区"),
        ("university", {"市属各高校", "市直其他单位"}, "大连大学"),
    ],
)
def test_an_added_unit_is_reached_like_the_bundled_units_of_its_kind(
    qtbot, open_services, answers, kind, ticked, like
):
    services = open_services()
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    def fill(options):
        dialog = options["dialog"]
        dialog.name.setText("新单位")
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        assert {n for n, box in dialog.boxes.items() if box.isChecked()} == ticked
        return 1

    answers.expect("dialog", fill)
    qtbot.mouseClick(window.start_page.add_unit_button, Qt.MouseButton.LeftButton)
    assert window.start_page.selected_unit() == "新单位"

    # A city 要点 naming 各县（市、区）人民政府（管委会）, 功能区管委会, 市直其他单位 …
    directory = services.reload_directory()
    cat = parse_file(SAMPLES / "jiangbei-2022-keyed-traditional.big5.txt").catalogue
    added, bundled = directory.unit("新单位"), directory.unit(like)
    assert added is not None and bundled is not None
    reached = [(a.task_id, a.role) for a in tasks_for(cat, directory, added)]
    assert reached == [(a.task_id, a.role) for a in tasks_for(cat, directory, bundled)]
    assert reached  # every kind is reached by something in that 要点
