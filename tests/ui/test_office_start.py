"""The office window opens from the app's start screen, as the lead hooks it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.main_window import MainWindow
from desktop.ui.office.window import OfficeWindow


def test_start_screen_button_opens_the_office_window(qtbot, open_services, data_dir):
    main = MainWindow(open_services())
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)

    qtbot.mouseClick(main.start_page.office_button, Qt.MouseButton.LeftButton)

    office = main.office_window
    assert isinstance(office, OfficeWindow)
    qtbot.addWidget(office)
    qtbot.waitUntil(lambda: "尚未导入任何报告" in office.heading.text(), timeout=10_000)
    assert office.isVisible() and office.isWindow()
    assert not (data_dir / "office.db").samefile(main.services.store.path)
