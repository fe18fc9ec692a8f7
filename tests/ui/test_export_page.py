"""The wizard's export page: preview, the Word file written off the GUI thread, faults."""

from __future__ import annotations

import json
import os

from PySide6.QtCore import Qt

from desktop import docx_payload, payload
from tests.ui.test_wizard import choose_unit_and_start, make_window, nav_click


def fill_some(view) -> None:
    edit = view.ctx.edit
    edit("profile", "contact_name", "张晓明")
    edit("profile", "contact_phone", "0411-82765432")
    edit("task:1.6.1", "status", "已完成")
    edit("task:1.6.1", "measures", "在区政府网站开设预决算公开专栏，公开部门预算28个。")
    edit("task:1.6.1", "results", "全区预决算公开率达到100%。")


def test_preview_and_export_a_word_report(qtbot, open_services, answers, tmp_path):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    fill_some(view)
    nav_click(qtbot, view, "export")
    page = view.pages["export"]
    preview = page.preview.toPlainText()
    assert "中山区人民政府关于2016年政务公开工作要点落实情况的报告" in preview.replace("\n", "")
    assert "市政府办公厅：" in preview
    assert "深入推进预决算公开" in preview
    assert "草稿" in page.subtitle_label.text()
    target = tmp_path / "报告.docx"
    answers.expect("save_path", str(target))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("已导出"), timeout=20000)
    assert target.is_file()
    assert page.open_button.isEnabled() and page.folder_button.isEnabled()
    embedded = payload.parse(docx_payload.read(target))
    assert embedded["unit"] == "中山区"
    assert embedded["answers"]["1.6.1"]["measures"].startswith("在区政府网站")
    # The same payload as the exchange file the CLI writes.
    assert payload.dumps(embedded) == payload.dumps(view.session.payload())
    assert json.loads(payload.dumps(embedded))["profile"]["contact_name"] == "张晓明"


def test_target_open_in_word_offers_another_name(
    qtbot, open_services, answers, tmp_path, monkeypatch
):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    fill_some(view)
    nav_click(qtbot, view, "export")
    page = view.pages["export"]
    target = tmp_path / "报告.docx"
    target.write_bytes(b"old file held open by Word")
    real_replace = os.replace

    def word_holds_it(src, dst, *args, **kwargs):
        # Windows refuses to replace a file Word has open; Linux cannot reproduce that lock.
        if os.fspath(dst) == os.fspath(target):
            raise PermissionError(13, "Permission denied", os.fspath(dst))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", word_holds_it)
    answers.expect("save_path", str(target))

    def choose_other_name(options):
        assert options["buttons"][0] == "另存为“报告(2).docx”"
        return 0

    answers.expect("ask", choose_other_name)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("已导出"), timeout=20000)
    kind, title, text = answers.seen[-1]
    assert "正被其他程序" in text
    assert target.read_bytes() == b"old file held open by Word"  # untouched
    assert (tmp_path / "报告(2).docx").is_file()


def test_a_draft_is_offered_as_one_and_an_issuer_name_with_an_emoji_is_refused(
    qtbot, open_services, answers, tmp_path
):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    fill_some(view)
    nav_click(qtbot, view, "export")
    page = view.pages["export"]
    assert page.preview.toPlainText().startswith("草稿（未定稿，不得报送）")
    answers.expect("save_path", "")  # the clerk looks at the offered name and cancels
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    kind, _title, suggested = answers.seen[-1]
    assert kind == "save_path"
    assert suggested.endswith("中山区人民政府关于2016年政务公开工作要点落实情况的报告（草稿）.docx")

    view.ctx.edit("profile", "issuer_name", "中山区人民政府🎉")
    target = tmp_path / "报告.docx"
    answers.expect("save_path", str(target))
    answers.expect("error")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: answers.seen[-1][0] == "error", timeout=20000)
    _kind, title, text = answers.seen[-1]
    assert title == "无法导出" and "发文机关名称中不能有表情或图形符号" in text
    assert "封面信息" in text and page.message.text() == text
    assert page.export_button.isEnabled() and not target.exists()
