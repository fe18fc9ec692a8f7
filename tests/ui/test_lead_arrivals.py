"""The lead's overview of what has arrived, and removing a part collected by mistake — driven on
the real side panel and task page of 市政府办公厅, which leads 四（三） (every district and city
department cooperates) and 二（二） (only the 相关部门, each deciding for itself)."""

from __future__ import annotations

import docx
from PySide6.QtCore import Qt

from desktop.lead.collect import collect_paths
from desktop.lead.roles import expected
from desktop.store import open_store
from tests.lead_support import LEAD, write_part
from tests.ui.test_wizard import choose_unit_and_start, make_window, nav_click

TASK = "task:4.3.1"


def _parts(tmp_path, *units: str, **override):
    folder = tmp_path / "inbox"
    folder.mkdir(exist_ok=True)
    for unit in units:
        with open_store(tmp_path / f"pc-{unit}").store as sender:
            write_part(sender, unit, folder, **override)
    return folder


def _collect_in_window(qtbot, answers, window, folder) -> str:
    """工具 → 收集配合单位材料… on a folder; returns the result dialog's details."""
    result: list = []
    answers.expect("ask", 1)  # 选择文件夹…
    answers.expect("directory", str(folder))
    answers.expect("dialog", lambda o: result.append(o["dialog"].details.toPlainText()) or 1)
    window.collect_parts()
    qtbot.waitUntil(lambda: bool(result), timeout=20000)
    return result[0]


def test_the_side_panel_counts_the_parts_that_arrived_per_lead_task(
    qtbot, answers, open_services, tmp_path
):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "办公厅", LEAD)
    s = view.session
    named = len(expected(s.catalogue, s.directory, "4.3.1", s.unit).units())
    assert named > 30  # every district and city department
    row = view.nav.items[TASK]
    assert row.text(1) == f"牵头 0/{named}"
    assert "已收到 0/" in row.toolTip(1)
    # 二（二） names only 市政府各相关部门: nobody in particular is expected.
    assert view.nav.items["task:2.2.1"].text(1) == "牵头 0"
    # A task the office does not lead shows only its role.
    assert view.nav.items["task:1.1.1"].text(1) == "负责"

    folder = _parts(tmp_path, "市教育局", "中山区")
    _collect_in_window(qtbot, answers, window, folder)
    # The count follows the collection at once, without opening the task.
    assert row.text(1) == f"牵头 2/{named}"
    assert row.toolTip(1) == f"本单位责任：牵头。已收到 2/{named} 份配合单位材料"
    # Still there after a restart.
    window.close()
    window2 = make_window(qtbot, open_services())
    window2.resume_last()
    assert window2.report_view.nav.items[TASK].text(1) == f"牵头 2/{named}"


def test_a_part_collected_by_mistake_is_removed_for_good(qtbot, answers, open_services, tmp_path):
    folder = _parts(tmp_path, "市教育局", "中山区")
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "办公厅", LEAD)
    _collect_in_window(qtbot, answers, window, folder)
    nav_click(qtbot, view, TASK)
    panel = view.pages[TASK].contributions
    assert list(panel.cards) == ["中山区", "市教育局"]
    # The office took the summed figure (5 + 3) before noticing 中山区's file was a mistake.
    qtbot.mouseClick(panel.sum_buttons["trainings_held"], Qt.MouseButton.LeftButton)
    assert view.session.value(TASK, "figures.trainings_held") == 8
    panel.in_report.setChecked(True)

    # Asked first; “取消” keeps the part.
    answers.expect("ask", 1)
    qtbot.mouseClick(panel.cards["中山区"].remove_button, Qt.MouseButton.LeftButton)
    kind, title, text = answers.seen[-1]
    assert title == "删除配合单位材料" and "“中山区”" in text and "四（三）" in text
    assert "举办政务公开业务培训次数" in text and "重新“填入合计”" in text  # the sum counts it
    assert list(panel.cards) == ["中山区", "市教育局"]

    answers.expect("ask", 0)  # 删除
    qtbot.mouseClick(panel.cards["中山区"].remove_button, Qt.MouseButton.LeftButton)
    assert list(panel.cards) == ["市教育局"]
    assert panel.title() == "配合单位材料（1）"
    assert "中山区" in panel.missing_text.split("尚未发送")[1]  # expected again
    assert view.nav.items[TASK].text(1).startswith("牵头 1/")
    # The sum no longer counts it; the lead's figure is its own until it takes the sum again.
    assert (
        panel.sum_labels["trainings_held"]
        .text()
        .startswith("举办政务公开业务培训次数：市教育局 3 = 3次")
    )
    assert panel.sum_buttons["trainings_held"].isEnabled()

    # Collecting the same folder again does not bring the removed part back.
    details = _collect_in_window(qtbot, answers, window, folder)
    assert "“中山区”的四（三）" in details and "此前已被删除" in details
    assert list(panel.cards) == ["市教育局"]

    # The removal is stored: a restart shows the same, and the report quotes 市教育局 only.
    window.close()
    window2 = make_window(qtbot, open_services())
    window2.resume_last()
    view2 = window2.report_view
    nav_click(qtbot, view2, TASK)
    assert list(view2.pages[TASK].contributions.cards) == ["市教育局"]
    target = tmp_path / "办公厅报告.docx"
    answers.expect("save_path", str(target))
    nav_click(qtbot, view2, "export")
    export = view2.pages["export"]
    qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: export.message.text().startswith("已导出"), timeout=20000)
    cells = [c.text for t in docx.Document(str(target)).tables for r in t.rows for c in r.cells]
    assert "市教育局" in cells and "中山区" not in cells
    assert "中山区" not in export.preview.toPlainText().split("配合单位落实情况")[-1]


def test_a_corrected_part_from_a_removed_unit_is_taken(qtbot, answers, open_services, tmp_path):
    first = _parts(tmp_path, "市教育局")
    services = open_services()
    window = make_window(qtbot, services)
    view = choose_unit_and_start(qtbot, window, "办公厅", LEAD)
    s = view.session
    collect_paths([first], s.store, s.report_id, s.catalogue, s.form, s.directory, bool)
    nav_click(qtbot, view, TASK)
    panel = view.pages[TASK].contributions
    answers.expect("ask", 0)
    qtbot.mouseClick(panel.cards["市教育局"].remove_button, Qt.MouseButton.LeftButton)
    assert panel.cards == {}

    later = tmp_path / "later"
    later.mkdir()
    with open_store(tmp_path / "pc-市教育局-2").store as sender:
        write_part(sender, "市教育局", later, trainings_held=4, report_date="2016-11-26")
    details = _collect_in_window(qtbot, answers, window, later)
    assert "已收入“市教育局”的四（三）" in details
    card = panel.cards["市教育局"]
    assert "举办政务公开业务培训次数：4次" in card.figures.text()
    # The removed version is history, said as such.
    shown: list = []
    answers.expect("dialog", lambda o: shown.append(o["dialog"].text.toPlainText()) or 0)
    qtbot.mouseClick(card.history_button, Qt.MouseButton.LeftButton)
    assert "未使用：牵头单位已删除" in shown[0]


def test_a_read_only_window_cannot_remove(qtbot, answers, open_services, tmp_path):
    folder = _parts(tmp_path, "市教育局")
    services = open_services()
    window = make_window(qtbot, services)
    view = choose_unit_and_start(qtbot, window, "办公厅", LEAD)
    s = view.session
    collect_paths([folder], s.store, s.report_id, s.catalogue, s.form, s.directory, bool)
    second = open_services()  # the same data in a second window: read-only
    assert second.store.read_only
    window2 = make_window(qtbot, second)
    window2.resume_last()
    nav_click(qtbot, window2.report_view, TASK)
    card = window2.report_view.pages[TASK].contributions.cards["市教育局"]
    assert not card.remove_button.isEnabled()
