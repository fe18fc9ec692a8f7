"""Keyboard order follows the screen (issue 12 §4): a page opens on its first empty field,
Tab goes top to bottom without invisible stops, figures come right after 完成状态, the
历史版本 buttons are out of the chain (Ctrl+H instead), and no two mnemonics clash."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from tests.ui.conftest import type_text
from tests.ui.test_wizard import choose_unit_and_start, field, make_window, nav_click


def active(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def focused_field(view) -> str | None:
    """The key of the field holding the focus on the current page."""
    widget = QApplication.focusWidget()
    page = view.pages[view.current_key()]
    for key, block in page.fields.items():
        if widget is not None and (widget is block.editor or block.editor.isAncestorOf(widget)):
            return key
    return None


def tab(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def test_after_start_typing_goes_into_the_first_empty_field(qtbot, open_services):
    window = make_window(qtbot, open_services())
    active(qtbot, window)
    view = choose_unit_and_start(qtbot, window, "财政", "市财政局")
    # 发文机关名称 is filled in for the clerk: the page opens on the first field to fill.
    qtbot.waitUntil(lambda: focused_field(view) == "contact_name")
    type_text(qtbot, QApplication.focusWidget(), "张晓明")
    assert field(view, "issuer_name").value() == "市财政局"
    assert field(view, "contact_name").value() == "张晓明"
    order = ["contact_name"]
    for _ in range(4):
        tab(qtbot)
        order.append(focused_field(view))
    assert order == ["contact_name", "contact_phone", "leader_name", "leader_title", "report_date"]
    tab(qtbot)
    assert QApplication.focusWidget() is view.next_button  # then 下一步, nothing invisible
    tab(qtbot)
    assert QApplication.focusWidget() is view.nav.tree
    tab(qtbot)
    assert focused_field(view) == "issuer_name"


def test_task_page_tab_order_matches_the_screen(qtbot, open_services, answers):
    window = make_window(qtbot, open_services())
    active(qtbot, window)
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, "task:3.1.2")
    qtbot.waitUntil(lambda: focused_field(view) == "status")
    seen = ["status"]
    for _ in range(3):
        tab(qtbot)
        seen.append(focused_field(view))
    # On screen the figures sit between 完成状态 and 主要做法; so does Tab. The 历史版本 button
    # of 主要做法 is no stop: the next press reaches the evidence table.
    assert seen == ["status", "figures.head_interpretations", "measures", "evidence"]
    history = view.pages["task:3.1.2"].fields["measures"].history_button
    assert history.focusPolicy() == Qt.FocusPolicy.NoFocus
    # Ctrl+H in a text box opens its history.
    answers.expect("dialog", 0)
    measures = field(view, "measures").edit
    measures.setFocus()
    qtbot.keyClick(measures, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert answers.seen[-1][1] == "“主要做法”的历史版本"


def test_a_page_opens_on_the_first_empty_field_not_on_filled_ones(qtbot, open_services):
    window = make_window(qtbot, open_services())
    active(qtbot, window)
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    view.ctx.edit("task:1.1.1", "status", "已完成")
    view.ctx.edit("task:1.1.1", "measures", "已有的做法。")
    nav_click(qtbot, view, "task:1.1.1")
    qtbot.waitUntil(lambda: focused_field(view) == "results")


def test_walking_the_side_panel_with_arrow_keys_keeps_the_focus_there(qtbot, open_services):
    window = make_window(qtbot, open_services())
    active(qtbot, window)
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    tree = view.nav.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert view.current_key() != "profile"
    qtbot.wait(50)  # let any queued focus change run (there must be none)
    assert QApplication.focusWidget() is tree


def mnemonics(texts: list[str]) -> list[str]:
    return [m.group(1).upper() for t in texts if (m := re.search(r"&([A-Za-z0-9])", t))]


def test_no_two_mnemonics_clash_on_the_review_page(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, "review")
    page = view.pages["review"]
    assert page.final_button.text() == "标记为定稿(&D)"
    texts = [a.text() for a in window.menuBar().actions()]
    texts += [b.text() for b in view.findChildren(QAbstractButton) if b.isVisibleTo(view)]
    texts += [lb.text() for lb in page.findChildren(QLabel) if lb.buddy() is not None]
    found = mnemonics(texts)
    assert len(found) == len(set(found)), found
