"""A rich-text preview of a :class:`ReportModel` for the wizard (shown in a QTextBrowser).

Only the HTML 4 subset Qt's rich text engine supports: ``p``/``table``/``td``/``th`` with
``align``/``width``/``border`` attributes and the CSS properties Qt honours (font-family,
font-size, font-weight, text-indent, margin-*, text-align, page-break-before). Sizes and fonts
follow the template's rules, so the preview looks like the printed page: centred 2号 title,
indented 3号 body, headings in 黑体/楷体, the signature right, the attachment table ruled.
"""

from __future__ import annotations

from html import escape

from desktop.report import model as M
from desktop.report import rules as R
from desktop.report.layout import blank_lines_before, date_right_chars, signature_right_chars

# Families for Qt: the official name first, then what Windows and Linux actually have.
_FAMILY = {
    R.FANGSONG: "'仿宋_GB2312','仿宋','FangSong','Noto Serif CJK SC',serif",
    R.KAITI: "'楷体_GB2312','楷体','KaiTi','Noto Serif CJK SC',serif",
    R.HEITI: "'黑体','SimHei','Noto Sans CJK SC',sans-serif",
    R.XBS: "'方正小标宋简体','宋体','SimSun','Noto Serif CJK SC',serif",
    R.SONGTI: "'宋体','SimSun','Noto Serif CJK SC',serif",
}


def _px(points: float) -> str:
    """Qt's rich text takes indents and margins in pixels only (96 per inch)."""
    return f"{round(points * 96 / 72)}px"


def _style(name: str, **extra: str) -> str:
    rule = R.STYLE_BY_NAME[name]
    css = {
        "font-family": _FAMILY.get(rule.east_asia, "serif"),
        "font-size": f"{rule.size:g}pt",
        "font-weight": "bold" if rule.bold else "normal",
        "margin-top": "0px",
        "margin-bottom": "0px",
    }
    if rule.first_line_chars:
        css["text-indent"] = _px(rule.first_line_chars / 100 * rule.size)
    css.update({k.replace("_", "-"): v for k, v in extra.items()})
    return "; ".join(f"{k}: {v}" for k, v in css.items())


def _align(name: str) -> str:
    return {"both": "justify"}.get(R.STYLE_BY_NAME[name].align, R.STYLE_BY_NAME[name].align)


def _p(name: str, text: str, **extra: str) -> str:
    body = "<br />".join(escape(line) for line in text.split("\n")) if text else "&nbsp;"
    return f'<p align="{_align(name)}" style="{_style(name, **extra)}">{body}</p>'


def _blank() -> str:
    return _p("Normal", "")


def to_html(model: M.ReportModel) -> str:
    """The whole report as one HTML document (UTF-8 text, no external resources)."""
    out: list[str] = []
    if model.draft:
        from desktop.report.docx_pages import DRAFT_MARK

        out.append(
            f'<p align="right" style="{_style("Attachment Label", color="#c00000")}">'
            f"{escape(DRAFT_MARK)}</p>"
        )
    previous: M.Block | None = None
    page_break = False
    blocks = model.blocks
    for i, block in enumerate(blocks):
        out += [_blank()] * blank_lines_before(previous, block)
        extra: dict[str, str] = {}
        if page_break and not isinstance(block, M.PageBreak):
            extra["page_break_before"] = "always"
            out.append('<hr width="100%" />')
            page_break = False
        if isinstance(block, M.Title):
            out.append(_p("Title", "\n".join(block.lines), **extra))
        elif isinstance(block, M.Recipient):
            out.append(_p("Recipient", block.text, **extra))
        elif isinstance(block, M.Para):
            out.append(_p("Normal", block.text, **extra))
        elif isinstance(block, M.Heading):
            out.append(_p(f"Heading {min(max(block.level, 1), 4)}", block.full_text, **extra))
        elif isinstance(block, M.AttachmentNote):
            for j, line in enumerate(M.attachment_note_lines(block)):
                indent = {"text_indent": _px(32)} if j == 0 else {"margin_left": _px(80)}
                out.append(_p("Normal", line, **indent, **extra))
        elif isinstance(block, M.Signature):
            date = next((b for b in blocks[i + 1 : i + 3] if isinstance(b, M.Date)), None)
            right = signature_right_chars(block, date) * R.SIZE_3
            out.append(_p("Signature", block.text, margin_right=_px(right), **extra))
        elif isinstance(block, M.Date):
            right = date_right_chars() * R.SIZE_3
            out.append(_p("Date", block.text, margin_right=_px(right), **extra))
        elif isinstance(block, M.Note):
            out.append(_p("Contact Note", block.text, **extra))
        elif isinstance(block, M.PageBreak):
            page_break = True
        elif isinstance(block, M.AttachmentLabel):
            out.append(_p("Attachment Label", block.text, **extra))
        elif isinstance(block, M.AttachmentTitle):
            out.append(_p("Attachment Title", block.text, **extra))
        elif isinstance(block, M.Table):
            out.append(_table(block))
        previous = block
    return (
        '<html><head><meta name="qrichtext" content="1" />'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" /></head>'
        f'<body style="{_style("Normal")}">' + "\n".join(out) + "</body></html>"
    )


def _table(block: M.Table) -> str:
    total = sum(max(c.weight, 0.1) for c in block.columns)
    head = "".join(
        f'<th width="{round(100 * max(c.weight, 0.1) / total)}%" align="center" '
        f'style="{_style("Table Heading")}">{escape(c.title)}</th>'
        for c in block.columns
    )
    spans = {i: M.merged_spans(block.rows, i) for i, c in enumerate(block.columns) if c.merge}
    rows = []
    for n, row in enumerate(block.rows):
        cells = []
        for i, (value, column) in enumerate(zip(row, block.columns, strict=False)):
            span = spans[i][n] if i in spans else 1
            if span == 0:
                continue  # merged into the cell above
            text = "<br />".join(escape(x) for x in value.split("\n")) if value else "&nbsp;"
            rowspan = f' rowspan="{span}"' if span > 1 else ""
            cells.append(
                f'<td align="{column.align}"{rowspan} style="{_style("Table Text")}">{text}</td>'
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<table border="1" cellspacing="0" cellpadding="4" width="100%" '
        'style="border-collapse: collapse; border-color: #000000">'
        f"<thead><tr>{head}</tr></thead>" + "".join(rows) + "</table>"
    )
