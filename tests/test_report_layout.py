"""The preview and the Word file lay out the same report the same way: blank lines where
GB/T 9704 puts them, the signature centred over the date — one set of rules
(desktop/report/layout.py) read by both renderers."""

from __future__ import annotations

import io
import re
from html import unescape

import docx

from desktop.report import compose_report, render_docx, to_html
from desktop.report import model as M
from desktop.report.layout import blank_lines_before, signature_right_chars
from tests.samples import reports


def _docx_lines(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def _html_lines(html: str) -> list[str]:
    lines = []
    for body in re.findall(r"<p[^>]*>(.*?)</p>", html, flags=re.S):
        text = unescape(re.sub(r"<br />", "\n", body)).replace("\xa0", "")
        lines.append(text)
    return lines


def _blanks_before(lines: list[str], start: str) -> int:
    """Empty lines right before the first line that is *start* (or, ending in ``：``, begins
    with it)."""
    at = next(
        i
        for i, line in enumerate(lines)
        if line == start or (start.endswith("：") and line.startswith(start))
    )
    n = 0
    while at - n - 1 >= 0 and not lines[at - n - 1].strip():
        n += 1
    return n


def test_preview_and_word_file_put_blank_lines_in_the_same_places(catalogue, form):
    model = compose_report(reports.load("shi-caizhengju-2016"), catalogue, form)
    in_word = _docx_lines(render_docx(model))
    in_preview = _html_lines(to_html(model))
    signature = model.of_type(M.Signature)[0].text
    anchors = {
        "主送": model.of_type(M.Recipient)[0].text,  # one line under the title
        "附件说明": "附件：",  # one line under the body
        "署名": signature,  # two lines: room for the seal
        "附件标题": model.of_type(M.AttachmentTitle)[0].text,  # the third line of its page
    }
    found = {
        name: (_blanks_before(in_word, start), _blanks_before(in_preview, start))
        for name, start in anchors.items()
    }
    assert found == {"主送": (1, 1), "附件说明": (1, 1), "署名": (2, 2), "附件标题": (1, 1)}


def test_the_rules_themselves():
    title, note = M.Title(("某某关于", "某事的报告")), M.AttachmentNote(("落实情况表",))
    assert blank_lines_before(title, M.Recipient("市政府办公厅：")) == 1
    assert blank_lines_before(title, M.PageBreak()) == 0
    assert blank_lines_before(M.Para("特此报告。"), note) == 1
    assert blank_lines_before(note, M.Signature("市财政局")) == 2
    assert blank_lines_before(M.Para("正文"), M.Para("正文")) == 0
    # A short name sits further in than the date: centred over it.
    date = M.Date("2016年11月28日")
    assert signature_right_chars(M.Signature("市财政局"), date) > signature_right_chars(
        M.Signature("大连市人民政府办公厅"), date
    )
