"""汇总 never passes a draft off as final (issue 12 §2): a 报告 column, a filter, a count
(“其中草稿 1 份”), the import log, the answer pane, the per-task view and the 汇总表 say it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.consolidate.officedb import OfficeDB
from desktop.consolidate.service import OfficeService
from desktop.settings import Settings
from desktop.ui.office.window import OfficeWindow
from tests.samples import unit_reports as samples
from tests.ui.test_office_window import click_cell


@pytest.fixture
def window(qtbot, tmp_path, catalogue, form, directory_bundled, answers):
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    for unit, final in (("市财政局", True), ("中山区", False), ("西岗区", True)):
        data = samples.make_payload(catalogue, form, directory_bundled, unit, final=final)
        samples.write_json(folder / f"{unit}.json", data)
    service = OfficeService(OfficeDB(tmp_path / "office.db"), directory=directory_bundled)
    w = OfficeWindow(service, settings=Settings())
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.refreshed, timeout=10_000):
        w.show()
    answers.expect("directory", str(folder))
    with qtbot.waitSignal(w.import_finished, timeout=20_000):
        qtbot.mouseClick(w.import_folder_button, Qt.MouseButton.LeftButton)
    return w


def test_drafts_are_counted_shown_and_filterable(qtbot, window, tmp_path):
    assert "已报送 3/44 个单位（其中草稿 1 份）" in window.heading.text()
    log = window.log.toPlainText()
    assert "其中草稿 1 份" in log and "中山区（中山区.json）" in log
    panel = window.matrix_panel
    model = panel.model
    assert "已报送 3，其中草稿 1 份" in panel.count.text()
    words = {r.unit: model.data(model.index(n, 0)) for n, r in enumerate(model.rows)}
    assert (words["市财政局"], words["中山区"], words["金州区"]) == ("定稿", "草稿", "未报送")

    panel.report.setCurrentIndex(panel.report.findText("草稿"))
    assert [r.unit for r in model.rows] == ["中山区"]
    assert "显示 1 个单位（已报送 1，其中草稿 1 份）" in panel.count.text()
    click_cell(qtbot, window, "中山区", "1.1.1")
    assert "中山区.json（草稿，报送单位尚未定稿）" in panel.answer.toPlainText()
    panel.report.setCurrentIndex(panel.report.findText("全部"))

    window.show_task("1.1.1")
    task = window.task_panel.model
    heads = [task.headerData(c, Qt.Orientation.Horizontal) for c in range(task.columnCount())]
    assert "中山区（草稿）\n（负责）" in heads and "西岗区\n（负责）" in heads


def test_the_workbook_has_a_report_status_column(qtbot, window, tmp_path):
    from openpyxl import load_workbook

    out = window.service.export_xlsx(tmp_path / "汇总表.xlsx")
    ws = load_workbook(out)["汇总矩阵"]
    header = [c.value for c in ws[1]]
    col = header.index("报告状态") + 1
    status = {
        ws.cell(row=r, column=1).value: ws.cell(row=r, column=col).value for r in range(3, 50)
    }
    assert (status["市财政局"], status["中山区"], status["金州区"]) == ("定稿", "草稿", "未报送")
