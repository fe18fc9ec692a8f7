"""Drafts never look final (issue 12 §2): the start page says 草稿/定稿, and a finalised report
says, before the first change lands, that editing makes it a draft — with a way to keep it final."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_wizard import choose_unit_and_start, field, make_window, nav_click, type_into


def status_column(start) -> dict[str, str]:
    headers = [
        start.reports.horizontalHeaderItem(c).text() for c in range(start.reports.columnCount())
    ]
    col = headers.index("状态")
    return {
        start.reports.item(r, 0).text(): start.reports.item(r, col).text()
        for r in range(start.reports.rowCount())
    }


def test_start_page_says_draft_or_final(qtbot, open_services):
    services = open_services()
    window = make_window(qtbot, services)
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    view.session.set_status("final")
    window.show_start()
    rid = services.start_report("西岗区", "dalian-2016")
    assert rid
    window.start_page.refresh()
    assert status_column(window.start_page) == {"中山区": "定稿", "西岗区": "草稿"}


def test_editing_a_final_report_warns_first_and_can_be_undone(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    session = view.session
    view.ctx.edit("task:1.1.1", "measures", "定稿时的做法。")
    view.ctx.edit("review", "confirmed", True)
    view.save_now()
    session.set_status("final")
    view.ctx.status_changed.emit("final")
    nav_click(qtbot, view, "task:1.1.1")
    banner = view.final_banner
    # Before any change lands, the page says what an edit will do.
    assert banner.isVisibleTo(view) and "已定稿" in banner.label.text()
    assert "回到草稿" in banner.label.text() and not banner.keep_button.isVisibleTo(view)

    editor = field(view, "measures")
    editor.edit.selectAll()
    type_into(qtbot, view, "measures", "改了一句。")
    assert session.status == "draft"
    assert "已回到草稿" in banner.label.text() and banner.keep_button.isVisibleTo(view)
    view.save_now()
    store = session.store
    assert store.report_info(session.report_id).status == "draft"

    qtbot.mouseClick(banner.keep_button, Qt.MouseButton.LeftButton)
    assert session.status == "final"
    assert editor.value() == "定稿时的做法。"  # the page shows what was final
    assert "已定稿" in banner.label.text() and not banner.keep_button.isVisibleTo(view)
    assert store.report_info(session.report_id).status == "final"
    saved = store.load_values(session.report_id)
    assert saved["task:1.1.1"]["measures"] == "定稿时的做法。"
    assert saved["review"]["confirmed"] is True


def test_no_banner_on_a_draft(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    type_into(qtbot, view, "contact_name", "张晓明")
    assert not view.final_banner.isVisibleTo(view)
