"""Counts agree with the review (issue 12 §7): 不适用 without a reason is not done yet, and the
适用任务 summary follows every choice at once, 不适用 included."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.ui.conftest import type_text
from tests.ui.test_wizard import choose_unit_and_start, make_window, nav_click


def test_not_applicable_counts_only_with_a_reason(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "财政", "市财政局")
    nav_click(qtbot, view, "scope")
    scope = view.pages["scope"]
    rows = {r.ref.task_id: r for r in scope.rows}
    before = view.nav.progress.value()
    assert "已确认适用 0 项、不适用 0 项，尚待确认 11 项" in scope.subtitle_label.text()

    qtbot.mouseClick(rows["2.3.1"].no, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))
    # Updated at once, on this page, with the 不适用 count and what is still owed.
    assert "不适用 1 项（其中 1 项还没写原因）" in scope.subtitle_label.text()
    assert "尚待确认 10 项" in scope.subtitle_label.text()
    assert view.nav.progress.value() == before  # not done without a reason …
    missing = [p.label for p in view.session.problems() if p.kind == "missing"]
    assert any("不适用”，请填写原因" in m for m in missing)  # … as the review says

    type_text(qtbot, rows["2.3.1"].reason, "本单位不承担户籍制度改革相关职能")
    assert "不适用 1 项，尚待确认 10 项" in scope.subtitle_label.text()
    assert view.nav.progress.value() == before + 1
    missing = [p.label for p in view.session.problems() if p.kind == "missing"]
    assert not any("二（三）" in m for m in missing)

    qtbot.mouseClick(rows["1.4.1"].yes, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))
    assert "已确认适用 1 项、不适用 1 项，尚待确认 9 项" in scope.subtitle_label.text()
