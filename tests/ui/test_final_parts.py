"""The cooperating units' parts of a final report: collecting, removing or restoring them changes
the report (its 配合单位落实情况 table, the sums), so — like any edit — the clerk is told first and
the report becomes a draft with the 保密审查 confirmation withdrawn, or nothing happens. And a
part removed by mistake comes back. Driven on the real window of 市政府办公厅 (leads 四（三）)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.answers import REVIEW
from desktop.store.contributions import Contributions
from desktop.ui.final_banner import FINAL_TEXT, PARTS_TEXT
from desktop.ui.pages.restore_parts import RestorePartsDialog
from tests.lead_support import LEAD
from tests.ui.test_lead_arrivals import _collect_in_window, _parts
from tests.ui.test_wizard import choose_unit_and_start, make_window, nav_click, type_into

TASK = "task:4.3.1"


def finalise(view) -> None:
    """The clerk confirmed the 保密审查 and marked the report final."""
    session = view.session
    session.set_value(REVIEW, "confirmed", True)
    session.set_status("final")
    view.ctx.status_changed.emit("final")
    assert view.final_banner.label.text() == FINAL_TEXT


def on_disk(view) -> tuple[str, object]:
    store, rid = view.session.store, view.session.report_id
    return store.report_info(rid).status, store.load_values(rid).get(REVIEW, {}).get("confirmed")


def test_collecting_into_a_final_report_asks_first_and_makes_it_a_draft(
    qtbot, answers, open_services, tmp_path
):
    folder = _parts(tmp_path, "市教育局", "中山区")
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "办公厅", LEAD)
    finalise(view)
    contributions = Contributions(view.session.store)

    # 工具 → 收集配合单位材料…, cancelled at the question: nothing collected, still final.
    answers.expect("ask", 1)  # 取消
    window.collect_action.trigger()
    kind, title, text = answers.seen[-1]
    assert title == "报告已定稿" and "回到草稿" in text and "保密审查" in text
    assert contributions.current(view.session.report_id) == []
    assert view.session.status == "final" and on_disk(view) == ("final", True)

    # Again, and go on: the parts are collected and the report is a draft, review withdrawn.
    result: list = []
    answers.expect("ask", 0)  # 收集配合单位材料，报告回到草稿
    answers.expect("ask", 1)  # 选择文件夹…
    answers.expect("directory", str(folder))
    answers.expect("dialog", lambda o: result.append(o["dialog"].details.toPlainText()) or 1)
    window.collect_action.trigger()
    qtbot.waitUntil(lambda: bool(result), timeout=20000)
    assert "已回到草稿" in result[0]
    assert len(contributions.current(view.session.report_id)) == 2
    assert view.session.status == "draft"
    qtbot.waitUntil(lambda: not view.session.unsaved)
    assert on_disk(view) == ("draft", False)
    banner = view.final_banner
    assert banner.isVisible() and banner.label.text() == PARTS_TEXT
    assert not banner.keep_button.isVisible()  # no undo brings the old parts back

    # Collecting into a draft asks nothing more than before.
    result.clear()
    answers.expect("ask", 1)
    answers.expect("directory", str(folder))
    answers.expect("dialog", lambda o: result.append(o["dialog"].details.toPlainText()) or 1)
    window.collect_action.trigger()
    qtbot.waitUntil(lambda: bool(result), timeout=20000)
    assert "与已收到的相同" in result[0]

    # Nothing new for a final report: asked, but the content is the same and it stays final.
    finalise(view)
    result.clear()
    answers.expect("ask", 0)
    answers.expect("ask", 1)
    answers.expect("directory", str(folder))
    answers.expect("dialog", lambda o: result.append(o["dialog"].details.toPlainText()) or 1)
    window.collect_action.trigger()
    qtbot.waitUntil(lambda: bool(result), timeout=20000)
    assert view.session.status == "final" and on_disk(view) == ("final", True)


def test_removing_and_restoring_a_part_of_a_final_report(qtbot, answers, open_services, tmp_path):
    folder = _parts(tmp_path, "市教育局", "中山区")
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "办公厅", LEAD)
    _collect_in_window(qtbot, answers, window, folder)
    nav_click(qtbot, view, TASK)
    panel = view.pages[TASK].contributions
    assert not panel.restore_button.isEnabled()  # nothing removed yet
    finalise(view)

    # 删除… on a final report: the question says so; 取消 keeps the part and the report final.
    answers.expect("ask", 1)
    qtbot.mouseClick(panel.cards["中山区"].remove_button, Qt.MouseButton.LeftButton)
    kind, title, text = answers.seen[-1]
    assert title == "删除配合单位材料" and "本报告已定稿" in text and "回到草稿" in text
    assert list(panel.cards) == ["中山区", "市教育局"] and view.session.status == "final"

    answers.expect("ask", 0)  # 删除，报告回到草稿
    qtbot.mouseClick(panel.cards["中山区"].remove_button, Qt.MouseButton.LeftButton)
    assert list(panel.cards) == ["市教育局"]
    assert view.session.status == "draft"
    qtbot.waitUntil(lambda: not view.session.unsaved)
    assert on_disk(view) == ("draft", False)
    assert view.final_banner.label.text() == PARTS_TEXT

    # 恢复已删除的材料…: the removed part is listed, chosen, confirmed — and back, summed.
    finalise(view)
    assert panel.restore_button.isEnabled()
    listed: list = []

    def choose(options) -> int:
        dialog = options["dialog"]
        assert isinstance(dialog, RestorePartsDialog)
        listed.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        dialog.list.setCurrentRow(0)
        return QDialog.DialogCode.Accepted

    answers.expect("dialog", choose)
    answers.expect("ask", 1)  # 取消 at the confirmation: nothing restored
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert len(listed) == 1 and listed[0].startswith("中山区　删除于 ")
    assert list(panel.cards) == ["市教育局"] and view.session.status == "final"

    answers.expect("dialog", choose)
    answers.expect("ask", 0)  # 恢复，报告回到草稿
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    kind, title, text = answers.seen[-1]
    assert title == "恢复配合单位材料" and "“中山区”" in text and "回到草稿" in text
    assert list(panel.cards) == ["中山区", "市教育局"]
    assert (
        panel.sum_labels["trainings_held"]
        .text()
        .startswith("举办政务公开业务培训次数：中山区 5 + 市教育局 3 = 8次")
    )
    assert not panel.restore_button.isEnabled()
    assert view.nav.items[TASK].text(1).startswith("牵头 2/")
    assert view.session.status == "draft"
    qtbot.waitUntil(lambda: not view.session.unsaved)
    assert on_disk(view) == ("draft", False)

    # Restored for good: a restart shows it.
    window.close()
    window2 = make_window(qtbot, open_services())
    window2.resume_last()
    nav_click(qtbot, window2.report_view, TASK)
    assert list(window2.report_view.pages[TASK].contributions.cards) == ["中山区", "市教育局"]


def test_listing_the_parts_in_the_report_of_a_final_report_asks_first(
    qtbot, answers, open_services, tmp_path
):
    folder = _parts(tmp_path, "市教育局")
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "办公厅", LEAD)
    _collect_in_window(qtbot, answers, window, folder)
    nav_click(qtbot, view, TASK)
    panel = view.pages[TASK].contributions
    finalise(view)
    answers.expect("ask", 1)  # 取消: the box goes back, the report stays final
    panel.in_report.setChecked(True)
    assert not panel.in_report.isChecked() and view.session.status == "final"
    answers.expect("ask", 0)
    panel.in_report.setChecked(True)
    assert panel.in_report.isChecked() and view.session.status == "draft"


def test_a_parts_change_after_an_edit_takes_away_the_undo(qtbot, answers, open_services, tmp_path):
    """Typing in a final report offers “撤销这些修改，保持定稿”; once the parts change too, that
    undo would make the report final with parts it was not finalised with: it is withdrawn."""
    folder = _parts(tmp_path, "市教育局")
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "办公厅", LEAD)
    _collect_in_window(qtbot, answers, window, folder)
    nav_click(qtbot, view, TASK)
    finalise(view)
    type_into(qtbot, view, "measures", "定稿后又补了一句。")
    banner = view.final_banner
    assert view.session.status == "draft" and banner.keep_button.isVisible()
    panel = view.pages[TASK].contributions
    panel.in_report.setChecked(True)  # a draft now: nothing to ask
    assert banner.label.text() == PARTS_TEXT and not banner.keep_button.isVisible()
    qtbot.waitUntil(lambda: not view.session.unsaved)
    assert on_disk(view) == ("draft", False)
