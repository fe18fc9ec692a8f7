"""People read the 要点's numbering (一（二）之二) and the task's short name, never internal ids
such as 1.2.2 (issue 12 §8): every label, list, tree, tab and header on screen is checked."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QListWidget,
    QTextBrowser,
    QTreeWidget,
    QWidget,
)

from tests.ui.test_wizard import choose_unit_and_start, make_window, nav_click

TASK_ID = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{1,2}(?![\d.])")


def _header_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    out = []
    for orientation, count in (
        (Qt.Orientation.Horizontal, model.columnCount()),
        (Qt.Orientation.Vertical, model.rowCount()),
    ):
        for i in range(count):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.headerData(i, orientation, role)
                if isinstance(value, str):
                    out.append(value)
    for r in range(min(model.rowCount(), 60)):
        for c in range(min(model.columnCount(), 60)):
            value = model.data(model.index(r, c), Qt.ItemDataRole.ToolTipRole)
            if isinstance(value, str):
                out.append(value)
    return out


def shown_texts(root: QWidget) -> list[str]:
    """Everything a person can read in *root*: labels, tree and list items, combo entries,
    item-view headers and tooltips, rich text browsers."""
    texts: list[str] = []
    for label in root.findChildren(QLabel):
        texts.append(label.text())
    for tree in root.findChildren(QTreeWidget):
        stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            texts += [item.text(0), item.toolTip(0)]
            stack += [item.child(i) for i in range(item.childCount())]
    for lst in root.findChildren(QListWidget):
        texts += [lst.item(i).text() for i in range(lst.count())]
    for combo in root.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    for view in root.findChildren(QAbstractItemView):
        if view.model() is not None and not isinstance(view, (QListWidget, QTreeWidget)):
            texts += _header_texts(view)
    for browser in root.findChildren(QTextBrowser):
        texts.append(browser.toPlainText())
    return texts


def ids_in(texts: list[str]) -> list[str]:
    return [t for t in texts if TASK_ID.search(t)]


def test_wizard_pages_cite_the_yaodian_numbering(qtbot, open_services):
    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "财政", "市财政局")
    for key in ("scope", "task:2.4.2", "task:1.6.1", "review"):
        nav_click(qtbot, view, key)
    # The side panel and the pages built so far: scope, two task pages, the review.
    assert ids_in(shown_texts(view)) == []
    page = view.pages["task:2.4.2"]
    assert page.page_title == "二（四）之二 实行收费目录清单管理"
    assert "推进减税降费信息公开" in page.subtitle_label.text()  # the item it belongs to
    scope_labels = [w.text() for w in view.pages["scope"].findChildren(QLabel)]
    assert any(t.startswith("一（六） 深入推进预决算公开") for t in scope_labels)
    review = view.pages["review"]
    lines = [review.list.item(i).text() for i in range(review.list.count())]
    assert any(line.startswith("[缺] 一（六） 深入推进预决算公开：") for line in lines)


def test_office_window_cites_the_yaodian_numbering(qtbot, tmp_path, catalogue, form):
    from desktop import units
    from desktop.consolidate.officedb import OfficeDB
    from desktop.consolidate.service import OfficeService
    from desktop.ui.office.window import OfficeWindow
    from tests.samples import unit_reports as samples

    directory = units.load()
    for name in ("市财政局", "中山区", "市审计局"):
        data = samples.make_payload(
            catalogue,
            form,
            directory,
            name,
            status_for=lambda u, t: None if (u, t) == ("市审计局", "1.2.2") else "已完成",
        )
        samples.write_json(tmp_path / f"{name}.json", data)
    service = OfficeService(OfficeDB(tmp_path / "office.db"), directory=directory)
    service.import_paths([tmp_path])
    window = OfficeWindow(service)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.consolidation is not None and not window.busy)
    model = window.matrix_panel.model
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers[:4] == ["报告", "一（一）", "一（二）之一", "一（二）之二"]
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        assert ids_in(shown_texts(window.tabs.widget(tab))) == [], window.tabs.tabText(tab)
    missing = window.missing_panel.table
    audit = next(r for r in range(missing.rowCount()) if missing.item(r, 0).text() == "市审计局")
    assert missing.item(audit, 2).text() == "一（二）之二"
    chooser = window.task_panel.task
    assert chooser.itemText(0) == "一（一） 推进行政决策公开"
