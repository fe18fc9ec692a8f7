"""Evidence is a published name and its address (issue 12 §6): no local file is offered (it
never went with the report); a file saved by an earlier version shows by its name only and
is kept, never a path cut short."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QPushButton

from tests.ui.conftest import type_text
from tests.ui.test_wizard import choose_unit_and_start, field, make_window, nav_click, wait_saved


def type_in_cell(qtbot, table, cell, text: str) -> None:
    """Type into a cell's editor like a clerk and press Enter (*cell* None: the one open)."""
    if cell is not None:
        table.setCurrentCell(*cell)
        table.editItem(table.item(*cell))
    line = next(e for e in table.viewport().findChildren(QLineEdit) if e.isVisible())
    type_text(qtbot, line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def test_title_and_address_only(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, "task:1.6.1")
    editor = field(view, "evidence")
    buttons = [b.text() for b in editor.findChildren(QPushButton)]
    assert buttons == ["添加一条(&A)", "删除所选"]  # no 选择本机文件…
    assert editor.table.isColumnHidden(2) and not editor.file_note.isVisibleTo(editor)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)  # opens the name cell
    type_in_cell(qtbot, editor.table, None, "区政府网站预决算公开专栏")
    type_in_cell(qtbot, editor.table, (0, 1), "http://www.zs.gov.cn/yjs/")
    wait_saved(qtbot, view)
    stored = view.session.store.load_values(view.session.report_id)["task:1.6.1"]["evidence"]
    assert stored == [
        {"title": "区政府网站预决算公开专栏", "url": "http://www.zs.gov.cn/yjs/", "path": ""}
    ]


def test_an_earlier_versions_file_shows_its_name_and_is_kept(qtbot, open_services):
    services = open_services()
    window = make_window(qtbot, services)
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    old = [{"title": "", "url": "", "path": r"C:\Users\张晓明\Documents\2016年预算公开\截图一.png"}]
    view.ctx.edit("task:1.6.1", "evidence", old)
    nav_click(qtbot, view, "task:1.6.1")
    editor = field(view, "evidence")
    assert not editor.table.isColumnHidden(2) and editor.file_note.isVisibleTo(editor)
    assert editor.table.item(0, 2).text() == "截图一.png"  # the name, never a cut path
    assert "不会随报告报送" in editor.file_note.text()
    # Adding a title keeps the file entry as it was.
    editor.table.item(0, 0).setText("预算公开情况截图")
    assert editor.value() == [{"title": "预算公开情况截图", "url": "", "path": old[0]["path"]}]


def test_a_long_paste_into_a_cell_is_cut_to_what_the_office_accepts_and_said(
    qtbot, open_services, answers, tmp_path
):
    """The exchange file and 汇总 refuse an evidence name over 2000 characters — the office
    would reject the whole report; the cell keeps what fits and says so where it was pasted."""
    from PySide6.QtGui import QGuiApplication

    from desktop.operations.exchange import check_exchange_file, write_exchange
    from desktop.payload_rules import MAX_EVIDENCE_TEXT

    services = open_services()
    window = make_window(qtbot, services)
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, "task:1.6.1")
    editor = field(view, "evidence")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)  # opens the name cell
    line = next(e for e in editor.table.viewport().findChildren(QLineEdit) if e.isVisible())
    QGuiApplication.clipboard().setText("区政府网站预决算公开专栏。" * 400)  # 5,200 characters
    answers.expect("warn")
    qtbot.keyClick(line, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.table.state() != QAbstractItemView.State.EditingState)
    kind, title, text = answers.seen[-1]
    assert title == "内容太长" and "“名称”一栏最多 2000 字" in text
    assert len(editor.table.item(0, 0).text()) == MAX_EVIDENCE_TEXT
    wait_saved(qtbot, view)
    # What the wizard keeps, the office accepts.
    session = view.session
    target = tmp_path / "中山区.json"
    written = write_exchange(session.payload(), target, session.catalogue, session.form)
    assert written.problems == []
    check_exchange_file(target, services)
