"""Drive the real wizard like a clerk: choose the unit, type, jump, close, reopen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtWidgets import QApplication, QRadioButton

from desktop.ui.main_window import MainWindow
from desktop.ui.report_view import ReportView
from tests.ui.conftest import type_text


def make_window(qtbot, services) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def choose_unit_and_start(qtbot, window: MainWindow, search: str, unit: str) -> ReportView:
    start = window.start_page
    type_text(qtbot, start.search, search)
    items = [start.units.item(i) for i in range(start.units.count())]
    target = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == unit)
    rect = start.units.visualItemRect(target)
    qtbot.mouseClick(start.units.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert unit in start.unit_summary.text()
    qtbot.mouseClick(start.start_button, Qt.MouseButton.LeftButton)
    assert window.report_view is not None
    return window.report_view


def nav_click(qtbot, view: ReportView, key: str) -> None:
    item = view.nav.items[key]
    view.nav.tree.scrollToItem(item)
    rect = view.nav.tree.visualItemRect(item)
    qtbot.mouseClick(view.nav.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current_key() == key


def field(view: ReportView, key: str):
    return view.pages[view.current_key()].fields[key].editor


def type_into(qtbot, view: ReportView, key: str, text: str) -> None:
    editor = field(view, key)
    target = editor.focus_target()
    target.setFocus()
    type_text(qtbot, target, text)


def click_status(qtbot, view: ReportView, status: str) -> None:
    editor = field(view, "status")
    button = next(b for b in editor.findChildren(QRadioButton) if b.text().startswith(status))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))
    assert editor.value() == status


def wait_saved(qtbot, view: ReportView) -> None:
    qtbot.waitUntil(
        lambda: not view.session.pending and view.save_label.text().startswith("已保存")
    )


def test_district_clerk_fills_jumps_closes_and_finds_everything(qtbot, open_services):
    services = open_services()
    window = make_window(qtbot, services)
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    assert view.current_key() == "profile"
    # A district owes exactly its 21 tasks, all listed in the side panel.
    task_keys = [k for k in view.nav.order if k.startswith("task:")]
    assert len(task_keys) == 21
    assert "task:1.6.1" in task_keys and "task:2.4.1" not in task_keys

    type_into(qtbot, view, "contact_name", "张晓明")
    type_into(qtbot, view, "contact_phone", "0411-82765432")

    nav_click(qtbot, view, "task:1.6.1")
    page = view.pages["task:1.6.1"]
    assert "市财政局牵头落实" in page.source.toPlainText()
    assert "配合" in page.subtitle_label.text().replace("\u2060", "")  # word joiners
    click_status(qtbot, view, "持续推进")
    # 取得成效 and 推进计划 appear for 持续推进; 未完成原因 does not.
    assert page.fields["results"].isVisibleTo(page)
    assert page.fields["next_steps"].isVisibleTo(page)
    assert not page.fields["unfinished_reason"].isVisibleTo(page)
    type_into(qtbot, view, "measures", "在区政府网站开设预决算公开专栏，公开部门预算28个。")
    type_into(qtbot, view, "results", "全区预决算公开率达到100%。")

    nav_click(qtbot, view, "task:3.1.2")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    type_into(qtbot, view, "figures.head_interpretations", "0")
    warning = view.pages["task:3.1.2"].warning_label
    # Not while the digit is typed (nothing moves under the mouse) — on leaving the field.
    assert not warning.isVisibleTo(view.pages["task:3.1.2"])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert warning.isVisibleTo(view.pages["task:3.1.2"])
    assert "低于要点要求的1次" in warning.text()
    wait_saved(qtbot, view)
    assert view.nav.items["task:3.1.2"].toolTip(0).startswith("填写中")  # a figure, no status yet
    window.close()

    # Reopen with a fresh connection to the same database: everything is there.
    services2 = open_services()
    window2 = make_window(qtbot, services2)
    window2.resume_last()
    view2 = window2.report_view
    assert view2 is not None
    assert view2.current_key() == "task:3.1.2"  # where the clerk left off
    assert field(view2, "figures.head_interpretations").value() == 0
    nav_click(qtbot, view2, "task:1.6.1")
    assert field(view2, "status").value() == "持续推进"
    assert field(view2, "measures").value() == "在区政府网站开设预决算公开专栏，公开部门预算28个。"
    assert field(view2, "results").value() == "全区预决算公开率达到100%。"
    nav_click(qtbot, view2, "profile")
    assert field(view2, "contact_name").value() == "张晓明"
    assert field(view2, "contact_phone").value() == "0411-82765432"
    assert field(view2, "issuer_name").value() == "中山区人民政府"


def test_lead_department_decides_optional_tasks(qtbot, open_services, answers):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "财政", "市财政局")
    nav_click(qtbot, view, "scope")
    scope = view.pages["scope"]
    assert (
        "市财政局需要报告 15 项任务（牵头 5 项、负责 7 项、配合 3 项）"
        in scope.subtitle_label.text()
    )
    assert "另有 11 项相关部门任务" in scope.subtitle_label.text()
    rows = {r.ref.task_id: r for r in scope.rows}
    # Optional tasks have no page until the clerk says they apply.
    assert "task:1.4.1" not in view.nav.items
    qtbot.mouseClick(rows["1.4.1"].yes, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))
    assert "task:1.4.1" in view.nav.items
    qtbot.mouseClick(rows["2.3.1"].no, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))
    assert rows["2.3.1"].reason.isEnabled()
    type_text(qtbot, rows["2.3.1"].reason, "本单位不承担户籍制度改革相关职能")
    assert "task:2.3.1" not in view.nav.items
    assert "已确认适用 1 项" in scope.summary()
    # The lead task's page marks the role.
    nav_click(qtbot, view, "task:1.6.1")
    assert "牵头" in view.pages["task:1.6.1"].subtitle_label.text().replace("\u2060", "")
    wait_saved(qtbot, view)
    values = view.session.store.load_values(view.session.report_id)
    assert values["task:2.3.1"] == {
        "applicable": False,
        "not_applicable_reason": "本单位不承担户籍制度改革相关职能",
    }
    assert values["task:1.4.1"]["applicable"] is True


UNIVERSITY_FIELDS = {
    "profile": ["contact_name", "contact_phone", "leader_name", "leader_title", "report_date"],
}


def test_review_lists_exactly_what_is_missing_and_gates_finalising(qtbot, open_services, answers):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "大连大学", "大连大学")
    s = view.session
    assert [t.task_id for t in s.answer_tasks()] == ["2.9.1", "5.1.1", "5.2.1", "5.3.1"]
    # Fill everything except: the phone, 5.2.1's 取得成效, and the 下一步工作打算.
    for key, value in {
        "contact_name": "刘洋",
        "leader_name": "陈静",
        "leader_title": "副校长",
        "report_date": "2016-11-28",
    }.items():
        view.ctx.edit("profile", key, value)
    for tid in ("2.9.1", "5.1.1", "5.2.1", "5.3.1"):
        view.ctx.edit(f"task:{tid}", "status", "已完成")
        view.ctx.edit(f"task:{tid}", "measures", "通过学校门户网站信息公开专栏公开相关信息。")
        if tid != "5.2.1":
            view.ctx.edit(f"task:{tid}", "results", "按要求完成公开。")
    view.ctx.edit("task:5.3.1", "figures.budget_prepared", False)
    view.ctx.edit("texts", "overview", "我校高度重视政务公开工作。")
    view.ctx.edit("texts", "problems", "公开内容的及时性有待提高。")
    nav_click(qtbot, view, "review")
    review = view.pages["review"]
    lines = [review.list.item(i).text() for i in range(review.list.count())]
    assert lines == [
        "[缺] 封面信息：未填写“联系电话”",
        "[缺] 五（二） 加强考核监督：未填写“取得成效”",
        "[⚠] 五（三） 加强经费保障：“已编制2017年政务公开经费预算”为“否”，要点要求做到。",
        "[缺] 报告正文：未填写“下一步工作打算”",
    ]
    assert not review.final_button.isEnabled()
    assert "还有 3 处必填内容未填写" in review.gate_label.text()
    # Clicking a line jumps to the page and the field.
    qtbot.mouseClick(
        review.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=review.list.visualItemRect(review.list.item(1)).center(),
    )
    assert view.current_key() == "task:5.2.1"
    type_into(qtbot, view, "results", "全年受理申请12件，均按时答复。")
    view.ctx.edit("profile", "contact_phone", "0411-87402000")
    view.ctx.edit("texts", "plans", "进一步完善信息公开目录。")
    nav_click(qtbot, view, "review")
    assert "保密审查尚未完成" in review.gate_label.text()
    assert not review.final_button.isEnabled()
    type_into(qtbot, view, "reviewer_name", "王磊")
    view.ctx.edit("review", "review_date", "2016-11-27")
    qtbot.mouseClick(
        review.fields["confirmed"].editor.box, Qt.MouseButton.LeftButton, pos=QPoint(6, 6)
    )
    assert review.final_button.isEnabled()
    qtbot.mouseClick(review.final_button, Qt.MouseButton.LeftButton)
    assert view.session.store.report_info(view.session.report_id).status == "final"
    # Any later edit turns it back into a draft that needs review again.
    view.ctx.edit("texts", "plans", "进一步完善信息公开目录，加强培训。")
    assert view.session.status == "draft"
    assert view.session.value("review", "confirmed") is False


def test_paste_from_word_is_clean_plain_text(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, "task:1.1.1")
    edit = field(view, "measures").edit
    mime = QMimeData()
    mime.setHtml("<p><b>一是</b>建立制度</p>")
    mime.setText("一是建立制度\x0b二是开设专栏\x07\x00。")
    edit.setFocus()
    edit.insertFromMimeData(mime)
    assert edit.toPlainText() == "一是建立制度\n二是开设专栏。"
    wait_saved(qtbot, view)
    assert (
        view.session.store.load_values(view.session.report_id)["task:1.1.1"]["measures"]
        == "一是建立制度\n二是开设专栏。"
    )


def test_ten_megabyte_paste_is_refused_with_a_message(qtbot, open_services, answers):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, "task:1.1.1")
    edit = field(view, "measures").edit
    type_text(qtbot, edit, "已有内容")
    answers.expect("warn")
    big = "政" * (10 * 1024 * 1024)
    QApplication.clipboard().setText(big)
    edit.setFocus()
    edit.paste()
    kind, title, text = answers.seen[-1]
    assert title == "粘贴的内容太长"
    assert "10,485,760" in text
    assert edit.toPlainText() == "已有内容"


@pytest.mark.parametrize("unit", ["市水务局"])
def test_second_window_is_read_only(qtbot, open_services, unit, answers):
    first = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, first, "水务", unit)
    view.ctx.edit("profile", "contact_name", "赵敏")
    view.save_now()
    second_services = open_services()
    assert second_services.store.read_only
    second = make_window(qtbot, second_services)
    second.start_page.refresh()
    second.open_report(view.session.report_id)
    view2 = second.report_view
    assert view2.session.read_only
    assert (
        not field(view2, "contact_name").isEnabled()
        or not field(view2, "contact_name").focus_target().isEnabled()
    )
    assert field(view2, "contact_name").value() == "赵敏"


def test_unwritable_database_mid_session_keeps_edits_and_retries(qtbot, open_services, answers):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, "task:1.1.1")
    type_into(qtbot, view, "measures", "第一段。")
    wait_saved(qtbot, view)
    view.autosave.retry.setInterval(50)
    # The disk fills up: SQLite refuses to grow the file (a real SQLITE_FULL, not a mock).
    db = view.session.store.db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    answers.expect("error")
    big = "公开" * 40_000
    type_into(qtbot, view, "results", big)
    qtbot.waitUntil(lambda: view.autosave.failing)
    kind, title, text = answers.seen[-1]
    assert title == "无法保存" and "没有丢失" in text
    assert "保存失败" in view.save_label.text()
    assert view.session.pending  # kept in memory
    assert field(view, "results").value() == big
    # Space is freed: the retry saves everything without the clerk doing anything.
    db.execute("PRAGMA max_page_count = 1073741823")
    qtbot.waitUntil(lambda: not view.autosave.failing and not view.session.pending)
    assert view.session.store.load_values(view.session.report_id)["task:1.1.1"]["results"] == big


def test_closing_mid_edit_loses_nothing(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, "texts")
    type_into(qtbot, view, "overview", "刚打完的字")
    assert view.session.pending  # not yet saved by the timer
    window.close()
    window2 = make_window(qtbot, open_services())
    window2.resume_last()
    assert field(window2.report_view, "overview").value() == "刚打完的字"


def test_history_restores_earlier_wording(qtbot, open_services, answers):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, "texts")
    editor = field(view, "problems")
    type_into(qtbot, view, "problems", "第一稿")
    view.save_now()
    editor.edit.selectAll()
    type_into(qtbot, view, "problems", "第二稿")
    view.save_now()
    assert editor.value() == "第二稿"

    def choose_oldest(options):
        dialog = options["dialog"]
        texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        assert "第二稿" in texts[0] and "第一稿" in texts[1]
        dialog.list.setCurrentRow(1)
        return 1  # accepted

    answers.expect("dialog", choose_oldest)
    block = view.pages["texts"].fields["problems"]
    qtbot.mouseClick(block.history_button, Qt.MouseButton.LeftButton)
    assert editor.value() == "第一稿"
    view.save_now()
    assert view.session.store.load_values(view.session.report_id)["texts"]["problems"] == "第一稿"


def test_keyboard_only_navigation(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert view.current_key() == "profile"
    # Alt+N is the 下一步(&N) mnemonic; Qt animates the click, so wait for it.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.current_key() == "scope")
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.current_key() == "task:1.1.1"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.current_key() == "scope")
    nav_click(qtbot, view, "texts")
    type_into(qtbot, view, "overview", "Ctrl+S 保存")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not view.session.pending
    assert view.save_label.text().startswith("已保存")


def test_add_a_unit_and_report_for_it(qtbot, open_services, answers):
    window = make_window(qtbot, open_services())
    start = window.start_page

    def fill(options):
        dialog = options["dialog"]
        dialog.name.setText("市旅发委")
        dialog.full_name.setText("大连市旅游发展委员会")
        dialog.kind.setCurrentIndex(dialog.kind.findData("department"))
        assert dialog.boxes["市政府各部门"].isChecked()
        return 1

    answers.expect("dialog", fill)
    qtbot.mouseClick(start.add_unit_button, Qt.MouseButton.LeftButton)
    assert start.selected_unit() == "市旅发委"
    assert "市旅发委需要报告 12 项任务" in start.unit_summary.text()
    qtbot.mouseClick(start.start_button, Qt.MouseButton.LeftButton)
    assert window.report_view.session.unit_name == "市旅发委"


def test_import_next_years_yaodian_without_code_changes(qtbot, open_services, answers):
    from tests.conftest import SAMPLES

    window = make_window(qtbot, open_services())
    start = window.start_page
    sample = SAMPLES / "liaodong-2017-province.txt"
    answers.expect("open_paths", [str(sample)])

    def confirm(options):
        assert options["buttons"] == ["导入", "取消"]
        return 0

    answers.expect("ask", confirm)
    qtbot.mouseClick(start.import_button, Qt.MouseButton.LeftButton)
    kind, title, text = answers.seen[-1]
    assert "识别出" in text and "项任务" in text
    new_id = start.catalogues.currentData()
    assert new_id != "dalian-2016"
    assert "2017" in start.catalogues.currentText()
    # The new catalogue is usable at once: pick a unit and start; forms fall back to the
    # common fields (no task-specific figures are defined for it).
    from desktop import catalogue

    cat = catalogue.load(new_id)
    assert cat.task_ids()


def test_bad_yaodian_file_gives_a_clear_message(qtbot, open_services, answers, tmp_path):
    window = make_window(qtbot, open_services())
    bad = tmp_path / "旧文件.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    answers.expect("open_paths", [str(bad)])
    answers.expect("error")
    before = window.start_page.catalogues.count()
    qtbot.mouseClick(window.start_page.import_button, Qt.MouseButton.LeftButton)
    kind, title, text = answers.seen[-1]
    assert title == "无法导入要点" and ".doc" in text and "另存为" in text
    assert window.start_page.catalogues.count() == before
