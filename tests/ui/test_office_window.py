"""The office window driven like a user: import a folder, click a cell, filter, read the
missing list, the per-task view, export. Dialogs are answered through the window's helper."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.consolidate.service import OfficeService
from desktop.ui.office.window import OfficeWindow
from tests.samples import unit_reports as samples

UNITS = ("市财政局", "市审计局", "中山区", "西岗区", "大连大学")


def status_for(unit: str, task_id: str) -> str | None:
    if (unit, task_id) == ("市财政局", "1.6.1"):
        return "未完成"
    if (unit, task_id) == ("市审计局", "1.2.2"):
        return None  # a lead task left out
    return "已完成"


@pytest.fixture
def inbox(tmp_path, catalogue, form, directory_bundled) -> Path:
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    for n, unit in enumerate(UNITS):
        data = samples.make_payload(catalogue, form, directory_bundled, unit, status_for=status_for)
        write = samples.write_docx if n % 2 else samples.write_json
        write(folder / f"{unit}.{'docx' if n % 2 else 'json'}", data)
    (folder / "损坏的报告.docx").write_bytes(b"PK\x03\x04 truncated")
    return folder


@pytest.fixture
def window(qtbot, directory_bundled, answers):
    # Dialogs are answered through tests/ui/conftest.py's ``answers``: a dialog nobody
    # expected fails the test instead of hanging.
    w = OfficeWindow(OfficeService(directory=directory_bundled))
    w.answers = answers
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.refreshed, timeout=10_000):
        w.show()
    return w


def import_folder(qtbot, window, folder: Path) -> None:
    window.answers.expect("directory", str(folder))
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        qtbot.mouseClick(window.import_folder_button, Qt.MouseButton.LeftButton)
    assert window.answers.seen[-1][:2] == ("directory", "选择存放各单位报告的文件夹")


def click_tab(qtbot, window, title: str) -> None:
    bar = window.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.currentIndex() == index


def click_cell(qtbot, window, unit: str, task_id: str) -> None:
    panel = window.matrix_panel
    model = panel.model
    row = next(i for i, r in enumerate(model.rows) if r.unit == unit)
    index = model.index(row, model.task_column(task_id))
    panel.table.scrollTo(index)
    rect = panel.table.visualRect(index)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_empty_start_lists_every_unit_as_missing(qtbot, window):
    # Before any import: what to do, not "39 tasks lag".
    assert "尚未导入任何报告" in window.heading.text()
    assert "滞后" not in window.heading.text()
    assert window.missing_panel.table.rowCount() == 44
    assert window.export_docx_button.isEnabled()


def test_export_docx(qtbot, window, inbox, tmp_path):
    import_folder(qtbot, window, inbox)
    out = tmp_path / "汇总报告.docx"
    window.answers.expect("save_path", str(out))
    with qtbot.waitSignal(window.export_finished, timeout=20_000):
        qtbot.mouseClick(window.export_docx_button, Qt.MouseButton.LeftButton)
    from docx import Document

    texts = [p.text for p in Document(str(out)).paragraphs]
    assert any("已报送5个" in t for t in texts)
    assert window.answers.seen[-1][:2] == ("save_path", "导出汇总报告")


def test_import_folder_then_click_a_cell_reads_the_answer(qtbot, window, inbox):
    import_folder(qtbot, window, inbox)

    assert "已报送 5/44 个单位" in window.heading.text()
    # The broken file is named with its reason; the log tab is brought forward.
    assert window.tabs.currentWidget() is window.log
    log = window.log.toPlainText()
    assert "损坏的报告.docx：" in log and "损坏" in log
    assert "成功 5 份" in window.statusBar().currentMessage()

    click_tab(qtbot, window, "汇总矩阵")
    click_cell(qtbot, window, "市财政局", "1.6.1")
    shown = window.matrix_panel.answer.toPlainText()
    assert "市财政局 · 一（六） 深入推进预决算公开（牵头）· 未完成" in shown
    assert "人员不足，明年一季度完成。" in shown
    assert "来源：市财政局.json" in shown

    click_cell(qtbot, window, "西岗区", "1.1.1")
    assert (
        "西岗区 · 一（一） 推进行政决策公开（负责）· 已完成"
        in window.matrix_panel.answer.toPlainText()
    )
    click_cell(qtbot, window, "金州区", "1.1.1")
    assert "尚未报送" in window.matrix_panel.answer.toPlainText()


def test_filters_change_what_the_matrix_shows(qtbot, window, inbox):
    import_folder(qtbot, window, inbox)
    panel = window.matrix_panel
    model = panel.model
    assert model.rowCount() == 44 and model.columnCount() == 1 + 40

    panel.state.setCurrentIndex(panel.state.findText("未完成"))
    assert [r.unit for r in model.rows] == ["市财政局"] and model.columns == ["1.6.1"]
    assert model.data(model.index(0, 0)) == "定稿"  # the 报告 column
    assert model.data(model.index(0, model.task_column("1.6.1"))) == "牵头·未完成"
    assert "显示 1 个单位" in panel.count.text()

    panel.state.setCurrentIndex(panel.state.findText("全部"))
    panel.category.setCurrentIndex(panel.category.findText("市属各高校"))
    assert [r.unit for r in model.rows] == ["大连大学", "大连职业技术学院", "大连广播电视大学"]
    panel.section.setCurrentIndex(2)  # 二、…
    assert model.columns and all(t.startswith("2.") for t in model.columns)
    assert model.headerData(0, Qt.Orientation.Vertical) == "大连大学"


def test_missing_list_tab(qtbot, window, inbox):
    import_folder(qtbot, window, inbox)
    click_tab(qtbot, window, "缺报单位")
    table = window.missing_panel.table
    rows = [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]
    assert len(rows) == 39 + 1
    assert rows[0][:2] == ("市政府办公厅", "未报送报告")
    assert rows[-1] == (
        "市审计局",
        "牵头任务未填写",
        "一（二）之二",
        "报告中缺少牵头任务一（二）之二的落实情况",
    )
    assert "未报送报告 39 个单位" in window.missing_panel.title.text()


def test_header_click_opens_the_task_side_by_side_lead_first(qtbot, window, inbox):
    import_folder(qtbot, window, inbox)
    click_tab(qtbot, window, "汇总矩阵")
    panel = window.matrix_panel
    header = panel.table.horizontalHeader()
    column = panel.model.task_column("1.6.1")
    panel.table.scrollTo(panel.model.index(0, column))
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    assert window.tabs.currentWidget() is window.task_panel
    model = window.task_panel.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "市财政局\n（牵头）"
    labels = model.view.labels
    assert model.data(model.index(labels.index("完成状态"), 0)) == "未完成"
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert all("配合" in h for h in heads[1:])
    assert "涉及" in window.task_panel.summary.text()


def test_multi_file_pick_and_export_xlsx(qtbot, window, inbox, tmp_path):
    window.answers.expect(
        "open_paths", [str(inbox / "市财政局.json"), str(inbox / "市审计局.docx")]
    )
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        qtbot.mouseClick(window.import_files_button, Qt.MouseButton.LeftButton)
    assert "已报送 2/44 个单位" in window.heading.text()

    out = tmp_path / "导出" / "汇总表.xlsx"
    out.parent.mkdir()
    window.answers.expect("save_path", str(out))
    with qtbot.waitSignal(window.export_finished, timeout=20_000):
        qtbot.mouseClick(window.export_xlsx_button, Qt.MouseButton.LeftButton)
    from openpyxl import load_workbook

    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总矩阵", "数据合计", "缺报单位"]
    assert f"已保存：{out}" == window.statusBar().currentMessage()


def test_export_failure_is_a_chinese_message_and_nothing_hangs(qtbot, window, tmp_path):
    window.answers.expect("save_path", str(tmp_path / "没有这个文件夹" / "汇总表.xlsx"))
    window.answers.expect("error")
    with qtbot.waitSignal(window.failed, timeout=20_000) as signal:
        qtbot.mouseClick(window.export_xlsx_button, Qt.MouseButton.LeftButton)
    assert "不存在" in signal.args[0]
    kind, title, text = window.answers.seen[-1]
    assert (kind, title) == ("error", "导出汇总表失败") and "不存在" in text
    assert window.import_folder_button.isEnabled()  # not left busy


def test_cancelled_pick_does_nothing(qtbot, window):
    window.answers.expect("directory", "")
    qtbot.mouseClick(window.import_folder_button, Qt.MouseButton.LeftButton)
    assert not window.busy
    assert window.answers.queue == []


def test_switch_to_another_catalogue(qtbot, window, tmp_path, catalogue, form, directory_bundled):
    import json

    from desktop import paths

    other = json.loads(catalogue.dumps())
    other["id"], other["title"] = "dalian-2017", "2017年政务公开工作要点"
    target = paths.user_catalogues_dir() / "dalian-2017.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    folder = tmp_path / "两个年度"
    folder.mkdir()
    samples.write_json(
        folder / "2016.json", samples.make_payload(catalogue, form, directory_bundled, "中山区")
    )
    data = samples.make_payload(catalogue, form, directory_bundled, "市财政局")
    data["catalogue"] = {"id": "dalian-2017", "title": "2017年政务公开工作要点"}
    for answer in data["answers"].values():
        answer.pop("figures", None)
    samples.write_json(folder / "2017.json", data)
    import_folder(qtbot, window, folder)

    choice = window.catalogue_choice
    assert choice.isVisibleTo(window) and choice.count() == 2
    assert "《2016年政务公开工作要点》" in window.heading.text()
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        qtbot.keyClick(choice, Qt.Key.Key_Down)  # the next 要点 in the list: dalian-2017
    assert "《2017年政务公开工作要点》" in window.heading.text()
    assert window.matrix_panel.model.matrix.row("市财政局").reported
    assert not window.matrix_panel.model.matrix.row("中山区").reported
