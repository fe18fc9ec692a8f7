"""A line of 审查定稿 takes the clerk to where the missing thing is typed: for a 相关部门 task
declined without a reason (or not decided yet), the cursor lands in that row of 适用任务."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import type_text
from tests.ui.test_wizard import choose_unit_and_start, make_window, nav_click


def _review_line(view, text: str):
    review = view.pages["review"]
    items = [review.list.item(i) for i in range(review.list.count())]
    return review, next(i for i in items if text in i.text())


def test_a_missing_reason_on_the_review_page_leads_to_the_reason_field(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "财政", "市财政局")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    nav_click(qtbot, view, "scope")
    rows = {r.ref.task_id: r for r in view.pages["scope"].rows}
    # The last 相关部门 task (far down the page) declined, no reason written.
    last = view.pages["scope"].rows[-1]
    qtbot.mouseClick(last.no, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))
    nav_click(qtbot, view, "review")
    title = view.session.catalogue.ref(last.ref.task_id)
    review, line = _review_line(view, f"{title} ")
    assert "选择了“不适用”，请填写原因" in line.text()
    qtbot.mouseClick(
        review.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=review.list.visualItemRect(line).center(),
    )
    qtbot.waitUntil(lambda: QApplication.focusWidget() is last.reason)
    assert view.current_key() == "scope"
    assert last.reason.visibleRegion().boundingRect().height() > 0  # scrolled into view
    type_text(qtbot, QApplication.focusWidget(), "我局不承担此项职能")
    nav_click(qtbot, view, "review")
    texts = [review.list.item(i).text() for i in range(review.list.count())]
    assert not any(title in t and "原因" in t for t in texts)

    # An undecided one leads to its 适用 choice.
    undecided = rows["2.3.1"]
    assert undecided.group.checkedButton() is None
    review, line = _review_line(view, "二（三）")
    assert "请确认本单位是否适用" in line.text()
    qtbot.mouseClick(
        review.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=review.list.visualItemRect(line).center(),
    )
    qtbot.waitUntil(lambda: QApplication.focusWidget() is undecided.yes)
