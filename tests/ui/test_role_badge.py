"""The role badge beside a task's title never splits over two lines when the title wraps
(at 150% the scope page showed “负责（相关部” / “门）”)."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from desktop.ui.pages.task_page import role_badge

TITLE = "三（一）之二 通过新闻发布会、访谈、发表文章等方式带头宣讲政策　"


def _lines_of_badge(html: str, width: int) -> set[int]:
    doc = QTextDocument()
    doc.setHtml(html)
    doc.setTextWidth(width)
    doc.documentLayout().documentSize()  # lays the text out
    block = doc.firstBlock()
    layout = block.layout()
    start = block.text().index("负")
    end = block.text().index("）", start)
    return {layout.lineForTextPosition(p).lineNumber() for p in range(start, end + 1)}


def test_the_optional_badge_stays_on_one_line_at_every_width(qapp):
    html = TITLE + role_badge("responsible", optional=True)
    split = [w for w in range(120, 700, 3) if len(_lines_of_badge(html, w)) > 1]
    assert split == []
