"""帮助 → 使用说明 (issue 12 §11): a built-in, offline guide that opens with F1 beside the
wizard, and whose keyboard table names shortcuts the program really has."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from desktop.ui.help_window import GUIDE
from tests.ui.test_wizard import choose_unit_and_start, make_window


def test_f1_opens_the_guide_beside_the_wizard(qtbot, open_services):
    window = make_window(qtbot, open_services())
    choose_unit_and_start(qtbot, window, "中山", "中山区")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.help_window
    qtbot.waitUntil(lambda: guide is not None and guide.isVisible())
    text = guide.browser.toPlainText()
    for heading in (
        "开始填报",
        "各页怎么填",
        "审查和定稿",
        "导出和报送",
        "键盘操作",
        "数据保存在哪里",
    ):
        assert heading in text
    assert not guide.isModal()  # readable while working
    assert "http" not in guide.browser.toHtml().replace("http://www.w3.org", "")  # offline
    # The menu names it.
    menu = next(a for a in window.menuBar().actions() if a.text() == "帮助(&H)").menu()
    assert [a.text() for a in menu.actions() if a.text()] == ["使用说明(&U)", "关于(&A)"]


def test_every_menu_shortcut_in_the_guide_exists(qtbot, open_services):
    window = make_window(qtbot, open_services())
    choose_unit_and_start(qtbot, window, "中山", "中山区")
    shortcuts = {
        a.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        for a in window.findChildren(QAction)
        if not a.shortcut().isEmpty()
    }
    named = set(re.findall(r"(Ctrl\+(?:PgUp|PgDown|[A-Z])|F1)", GUIDE)) - {"Ctrl+H"}
    assert {"Ctrl+S", "Ctrl+E", "Ctrl+PgDown", "F1"} <= named
    assert named <= shortcuts, named - shortcuts
