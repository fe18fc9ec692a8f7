"""Editing a finalised report makes it a draft again — on disk too, even when the database
refuses the write at that moment: the change is queued with the edit, shown, and retried."""

from __future__ import annotations

from tests.ui.test_wizard import choose_unit_and_start, make_window, nav_click, type_into


def test_a_failed_status_reset_is_retried_not_swallowed(qtbot, open_services, answers):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    session = view.session
    store = session.store
    session.set_status("final")
    assert store.report_info(session.report_id).status == "final"
    nav_click(qtbot, view, "task:1.1.1")
    view.autosave.retry.setInterval(50)

    # The database refuses every write (a real SQLite refusal, not a mock).
    store.db.execute("PRAGMA query_only = ON")
    answers.expect("error")
    type_into(qtbot, view, "measures", "定稿后又补了一句。")
    qtbot.waitUntil(lambda: view.autosave.failing)
    assert answers.seen[-1][1] == "无法保存"
    assert session.status == "draft"  # what the window shows
    assert store.report_info(session.report_id).status == "final"  # not yet on disk …
    assert session.unsaved  # … and still queued, with the edit

    store.db.execute("PRAGMA query_only = OFF")
    qtbot.waitUntil(lambda: not view.autosave.failing and not session.unsaved)
    assert store.report_info(session.report_id).status == "draft"
    saved = store.load_values(session.report_id)
    assert saved["task:1.1.1"]["measures"] == "定稿后又补了一句。"
    assert saved["review"]["confirmed"] is False
