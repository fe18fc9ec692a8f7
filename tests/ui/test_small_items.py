"""The smaller points of issue 12 §11: Ctrl+S in a read-only window, Ctrl+E opens the save step,
打开文件 on a PC with no program for .docx."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

from tests.ui.test_wizard import choose_unit_and_start, make_window, nav_click


def test_ctrl_s_in_a_read_only_window_does_not_claim_a_save(qtbot, open_services, answers):
    first = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, first, "中山", "中山区")
    view.save_now()
    second_services = open_services()
    second = make_window(qtbot, second_services)
    second.open_report(view.session.report_id)
    second.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is second)
    qtbot.keyClick(second, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    label = second.report_view.save_label.text()
    assert "已保存" not in label and "只读" in label


def test_ctrl_e_opens_the_save_step_its_menu_entry_names(qtbot, open_services, answers, tmp_path):
    window = make_window(qtbot, open_services())
    choose_unit_and_start(qtbot, window, "中山", "中山区")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    answers.expect("save_path", "")  # the clerk cancels the dialog
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.report_view.current_key() == "export"
    assert answers.seen[-1][:2] == ("save_path", "导出 Word 报告")


def test_open_file_without_a_program_for_docx_says_so_and_offers_the_folder(
    qtbot, open_services, answers, tmp_path
):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, "export")
    page = view.pages["export"]
    target = tmp_path / "报告.docx"
    answers.expect("save_path", str(target))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("已导出"), timeout=20_000)
    opened: list[str] = []

    def no_program_for_docx(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return not url.toLocalFile().endswith(".docx")

    page.opener = no_program_for_docx
    answers.expect("ask", 0)  # 打开所在文件夹
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    kind, title, text = answers.seen[-1]
    assert title == "无法打开文件" and "没有找到能打开 Word 文档" in text and str(target) in text
    # Qt's local files use / on Windows too: compare as paths.
    assert [Path(p) for p in opened] == [target, tmp_path]


def test_the_yaodian_choice_shows_its_whole_name_at_1366(qtbot, open_services):
    """The 要点 box has the row to itself (its name was cut at “…125号” beside the import
    button at 1366×768); where it is cut still (150%), hovering shows the whole name."""
    window = make_window(qtbot, open_services())
    window.resize(1366, 740)
    qtbot.waitUntil(lambda: window.width() == 1366)
    box = window.start_page.catalogues
    name = box.currentText()
    assert name.startswith("《2016年政务公开工作要点》") and "125号）" in name
    assert box.toolTip() == name
    text_room = box.width() - box.iconSize().width() - 40  # the arrow and the frame
    assert box.fontMetrics().horizontalAdvance(name) <= text_room
