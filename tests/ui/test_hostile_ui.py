"""Issue 11 in the windows: hostile files beside good ones in the office window, unexpected
errors as a Chinese dialog with a log file, untrusted text shown as plain text (tooltips)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.consolidate.service import OfficeService
from desktop.ui import crash
from desktop.ui.office.window import OfficeWindow
from tests.samples import unit_reports as samples
from tests.test_hostile_files import HOSTILE_JSON, _payload_member, set_member_header


@pytest.fixture
def window(qtbot, directory_bundled, answers):
    w = OfficeWindow(OfficeService(directory=directory_bundled))
    w.answers = answers
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.refreshed, timeout=10_000):
        w.show()
    return w


@pytest.fixture
def hostile_inbox(tmp_path, catalogue, form, directory_bundled) -> Path:
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    for unit in ("中山区", "市审计局"):
        data = samples.make_payload(catalogue, form, directory_bundled, unit)
        samples.write_json(folder / f"{unit}.json", data)
    samples.write_docx(
        folder / "西岗区.docx", samples.make_payload(catalogue, form, directory_bundled, "西岗区")
    )
    base = json.dumps(
        samples.make_payload(catalogue, form, directory_bundled, "市财政局"), ensure_ascii=False
    )
    for n, make in enumerate(HOSTILE_JSON.values()):
        (folder / f"恶意{n}.json").write_text(make(base), encoding="utf-8")
    enc = samples.write_docx(
        folder / "加密.docx", samples.make_payload(catalogue, form, directory_bundled, "市财政局")
    )
    set_member_header(enc, _payload_member(enc), method=99)
    poisoned = json.loads(base)
    poisoned["unit"] = "市政府各部门"
    samples.write_json(folder / "类别.json", poisoned)
    return folder


def test_a_batch_with_hostile_files_imports_every_good_report(qtbot, window, hostile_inbox):
    window.answers.expect("directory", str(hostile_inbox))
    with qtbot.waitSignal(window.import_finished, timeout=30_000) as done:
        qtbot.mouseClick(window.import_folder_button, Qt.MouseButton.LeftButton)
    result = done.args[0]
    assert sorted(r.unit for r in result.added) == ["中山区", "市审计局", "西岗区"]
    assert len(result.rejected) == len(HOSTILE_JSON) + 2
    log = window.log.toPlainText()
    for r in result.rejected:
        assert f"{r.name}：" in log
    assert "Traceback" not in log and "Error" not in log and "maximum recursion" not in log
    assert window.tabs.currentWidget() is window.log
    assert f"未导入 {len(result.rejected)} 份" in window.statusBar().currentMessage()
    assert window.consolidation.matrix.row("西岗区").reported
    assert [kind for kind, *_ in window.answers.seen] == ["directory"], "no error dialog"


def test_an_unexpected_failure_is_a_chinese_dialog_with_a_log_file(
    qtbot, window, hostile_inbox, monkeypatch, data_dir
):
    def broken(items, progress=None):
        raise RecursionError("maximum recursion depth exceeded while calling a Python object")

    monkeypatch.setattr(window.service, "import_paths", broken)
    window.answers.expect("error")
    with qtbot.waitSignal(window.failed, timeout=10_000) as failed:
        window.import_paths([str(hostile_inbox)])
    message = failed.args[0]
    assert "maximum recursion" not in message and "程序内部出错" in message
    (log,) = (data_dir / "logs").glob("error-*.log")
    assert str(log) in message and "RecursionError" in log.read_text(encoding="utf-8")
    kind, title, text = window.answers.seen[-1]
    assert (kind, title, text) == ("error", "导入失败", message)


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_reaches_the_excepthook(qtbot, answers, data_dir, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    import threading

    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash.install()
    answers.expect("error")

    def slot() -> None:
        raise KeyError("被删除的任务")

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bool(answers.seen), timeout=5_000)
    kind, title, text = answers.seen[-1]
    assert (kind, title) == ("error", "程序出错") and "程序内部出错" in text
    (log,) = (data_dir / "logs").glob("error-*.log")
    assert str(log) in text and "KeyError" in log.read_text(encoding="utf-8")


def _tooltip_at(view, index) -> str:
    viewport = view.viewport()
    pos = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    return QToolTip.text()


def test_untrusted_answers_show_as_plain_text_in_tooltips(
    qtbot, window, tmp_path, catalogue, form, directory_bundled
):
    picture = tmp_path / "pixel.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    trap = f'<img src="{picture.as_uri()}"><b>粗体</b><a href="\\\\server\\share">链接</a>'
    data = samples.make_payload(catalogue, form, directory_bundled, "市财政局")
    task_id = next(iter(data["answers"]))
    data["answers"][task_id]["measures"] = trap
    inbox = tmp_path / "in"
    inbox.mkdir()
    samples.write_json(inbox / "财政.json", data)
    window.answers.expect("directory", str(inbox))
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        qtbot.mouseClick(window.import_folder_button, Qt.MouseButton.LeftButton)
    window.show_task(task_id)
    table = window.task_panel.table
    model = table.model()
    column = next(
        c
        for c in range(model.columnCount())
        for r in range(model.rowCount())
        if trap in str(model.index(r, c).data(Qt.ItemDataRole.ToolTipRole) or "")
    )
    row = next(
        r
        for r in range(model.rowCount())
        if trap in str(model.index(r, column).data(Qt.ItemDataRole.ToolTipRole) or "")
    )
    shown = _tooltip_at(table, model.index(row, column))
    assert "&lt;img src=" in shown and "<img" not in shown and "<a href" not in shown
    assert QToolTip.isVisible()
    QToolTip.hideText()


def test_every_widget_tooltip_is_plain_text(qtbot):
    from PySide6.QtWidgets import QPushButton

    button = QPushButton("看")
    qtbot.addWidget(button)
    button.setToolTip("<img src='file:///etc/passwd'>第一行\n第二行" + "长" * 5000)
    button.show()
    event = QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), button.mapToGlobal(QPoint(2, 2)))
    QApplication.sendEvent(button, event)
    shown = QToolTip.text()
    assert shown.startswith("<p style='white-space:pre-wrap'>&lt;img")
    assert "第一行\n第二行" in shown and len(shown) < 2100
    QToolTip.hideText()


HOSTILE_EXCHANGE = {
    **HOSTILE_JSON,
    "catalogue is a list": lambda text: text.replace(
        '"catalogue": {', '"catalogue": [{', 1
    ).replace('"doc_number"', '"x": 1}], "_": {"doc_number"', 1),
    "unit is a category": lambda text: text.replace('"unit": "市财政局"', '"unit": "市政府各部门"'),
}


@pytest.mark.parametrize("make", HOSTILE_EXCHANGE.values(), ids=HOSTILE_EXCHANGE.keys())
def test_tools_import_of_a_hostile_exchange_file_is_a_chinese_dialog(
    qtbot, open_services, answers, tmp_path, catalogue, form, directory_bundled, make
):
    from tests.ui.test_wizard import make_window

    services = open_services()
    window = make_window(qtbot, services)
    base = json.dumps(
        samples.make_payload(catalogue, form, directory_bundled, "市财政局"), ensure_ascii=False
    )
    bad = tmp_path / "恶意.json"
    bad.write_text(make(base), encoding="utf-8")
    answers.expect("open_paths", [str(bad)])
    answers.expect("error")
    window.import_exchange()
    kind, title, text = answers.seen[-1]
    assert (kind, title) == ("error", "无法导入") and "Traceback" not in text
    assert "恶意.json" in text and "未导入任何内容" in text and "Error" not in text
    assert services.store.list_reports() == []
