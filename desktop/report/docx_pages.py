"""Page-level parts of the Word report: the attachment table on a landscape page, and the
草稿 mark on every page of a draft.

The table (GB/T 9704 §10.1 allows a 横排表格): every row ``w:cantSplit`` (a row never breaks
across pages), the header row repeated (``w:tblHeader``) and never split, every cell centred
vertically, 1 mm cell margins so each header fits one line, fixed column widths.

python-docx is imported inside the functions: the CLI must start without it.
"""

from __future__ import annotations

from copy import deepcopy
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from desktop.report import model as M
from desktop.report import rules as R
from desktop.textclean import xml_safe

if TYPE_CHECKING:
    from docx.document import Document

DRAFT_MARK = "草稿（未定稿，不得报送）"


def set_style(paragraph, style_id: str | None) -> None:
    """Apply a paragraph style by id (None: the default style, written as no w:pStyle)."""
    if style_id is not None:
        paragraph._p.get_or_add_pPr().style = style_id


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def start_landscape_section(document: Document) -> None:
    """End the current (portrait) section at the last paragraph written and continue on a
    new landscape page. The new section inherits the footers (page numbers continue)."""
    from docx.oxml import OxmlElement

    body = document.element.body
    last = body.sectPr
    paragraphs = body.findall(_w("p"))
    if last is None or not paragraphs:
        return
    ended = deepcopy(last)
    paragraphs[-1].get_or_add_pPr().append(ended)
    for ref in last.findall(_w("headerReference")) + last.findall(_w("footerReference")):
        last.remove(ref)
    kind = last.find(_w("type"))
    if kind is None:
        kind = OxmlElement("w:type")
        last.insert(0, kind)
    kind.set(_w("val"), "nextPage")
    size = last.find(_w("pgSz"))
    if size is None:
        size = OxmlElement("w:pgSz")
        last.append(size)
    size.set(_w("w"), str(R.mm_to_tw(R.PAGE_H_MM)))
    size.set(_w("h"), str(R.mm_to_tw(R.PAGE_W_MM)))
    size.set(_w("orient"), "landscape")
    margins = last.find(_w("pgMar"))
    if margins is None:
        margins = OxmlElement("w:pgMar")
        last.append(margins)
    for side, mm in R.LANDSCAPE_MARGINS_MM.items():
        margins.set(_w(side), str(R.mm_to_tw(mm)))
    margins.set(_w("footer"), str(R.mm_to_tw(R.LANDSCAPE_FOOTER_MM)))


def text_width_twips(document: Document) -> int:
    section = document.sections[-1]
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    return int(width / 635)  # EMU → twips


def write_table(document: Document, block: M.Table, style_id: str, heading_id, text_id) -> None:
    """The attachment table at the end of *document* (see the module's docstring).

    The table's XML is written in one piece and parsed once: python-docx's element-by-element
    API (``add_row``, ``cell.paragraphs``, ``add_run``) costs about 2 ms a row, which made the
    table three quarters of a whole export.
    """
    from docx.oxml import parse_xml

    total = text_width_twips(document)
    weights = [max(c.weight, 0.1) for c in block.columns]
    widths = [int(total * w / sum(weights)) for w in weights]
    centred = [c.align == "center" for c in block.columns]
    margin = R.TABLE_CELL_MARGIN_TW
    parts = [
        f"<w:tbl {_NS}><w:tblPr>",
        f'<w:tblStyle w:val="{escape(style_id)}"/>',
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>',
        '<w:tblLayout w:type="fixed"/>',
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        f'<w:left w:w="{margin}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1"'
        ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>',
        "</w:tblPr><w:tblGrid>",
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
        _row_xml([c.title for c in block.columns], widths, [True] * len(widths), heading_id, True),
    ]
    for values in block.rows:
        parts.append(_row_xml(list(values), widths, centred, text_id, False))
    parts.append("</w:tbl>")
    table = parse_xml("".join(parts))
    body = document.element.body
    if body.sectPr is not None:
        body.sectPr.addprevious(table)
    else:
        body.append(table)


_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _row_xml(
    values: list[str], widths: list[int], centred: list[bool], style_id: str | None, header: bool
) -> str:
    """One ``w:tr``: never split across pages (``cantSplit``), the header row repeated on every
    page (``tblHeader``), every cell centred vertically; a value's ``\\n`` starts a new
    paragraph in its cell."""
    style = f'<w:pStyle w:val="{escape(style_id)}"/>' if style_id else ""
    cells = []
    for i, width in enumerate(widths):
        value = values[i] if i < len(values) else ""
        jc = '<w:jc w:val="center"/>' if centred[i] else ""
        paras = "".join(
            f"<w:p><w:pPr>{style}{jc}</w:pPr>"
            + (
                f'<w:r><w:t xml:space="preserve">{escape(xml_safe(line))}</w:t></w:r>'
                if line
                else ""
            )
            + "</w:p>"
            for line in (value.split("\n") if value else [""])
        )
        cells.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/>'
            f"</w:tcPr>{paras}</w:tc>"
        )
    repeat = "<w:tblHeader/>" if header else ""
    return f"<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>{''.join(cells)}</w:tr>"


def mark_draft(document: Document) -> None:
    """A 草稿 line at the top of every page (odd and even headers of the first section; later
    sections inherit them)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    section = document.sections[0]
    headers = [section.header]
    if document.settings.odd_and_even_pages_header_footer:
        headers.append(section.even_page_header)
    for header in headers:
        header.is_linked_to_previous = False
        p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        for run in list(p.runs):
            run._r.getparent().remove(run._r)
        fmt = p.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.first_line_indent = Pt(0)
        fmt.left_indent = fmt.right_indent = Pt(0)
        run = p.add_run(DRAFT_MARK)
        run.font.size = Pt(R.SIZE_3)
        run.font.bold = True
        fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(_w(slot), R.HEITI)
