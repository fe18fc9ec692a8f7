"""The wizard's preview: Qt's rich-text engine shows the report as it will print."""

from __future__ import annotations

import pytest

from desktop.report import compose_report, to_html
from desktop.report.model import Table
from tests.samples import reports

QtWidgets = pytest.importorskip("PySide6.QtWidgets")
QtGui = pytest.importorskip("PySide6.QtGui")
QtCore = pytest.importorskip("PySide6.QtCore")


def _blocks(document):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


def test_qt_renders_the_preview_faithfully(qtbot, catalogue, form):
    model = compose_report(reports.load("zhongshan-qu-2016"), catalogue, form)
    browser = QtWidgets.QTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(to_html(model))
    doc = browser.document()
    text = doc.toPlainText()
    assert text.startswith("中山区人民政府关于\n2016年政务公开工作要点落实情况的报告")
    assert "市政府办公厅：" in text and "特此报告。" in text and "（联系人：王丽" in text

    blocks = list(_blocks(doc))
    title = blocks[0]
    assert title.blockFormat().alignment() & QtCore.Qt.AlignmentFlag.AlignHCenter
    assert (
        title.charFormat().fontPointSize() == 22
        or title.begin().fragment().charFormat().fontPointSize() == 22
    )
    body = next(b for b in blocks if b.text().startswith("根据《"))
    assert body.blockFormat().textIndent() > 0  # first line indented
    assert body.begin().fragment().charFormat().fontPointSize() == 16

    tables = [f for f in doc.rootFrame().childFrames() if isinstance(f, QtGui.QTextTable)]
    (table,) = tables
    rows = model.of_type(Table)[0].rows
    assert (table.rows(), table.columns()) == (len(rows) + 1, 8)
    assert table.cellAt(0, 4).firstCursorPosition().block().text() == "完成状态"
    assert table.cellAt(1, 1).firstCursorPosition().block().text() == rows[0][1]


def test_a_draft_preview_says_it_is_a_draft(qtbot, catalogue, form):
    data = reports.load("zhongshan-qu-2016")
    data["status"] = "draft"
    browser = QtWidgets.QTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(to_html(compose_report(data, catalogue, form)))
    assert (
        browser.document().toPlainText().startswith("草稿（未定稿，不得报送）\n中山区人民政府关于")
    )
