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

from desktop.report import model as M
from desktop.report import rules as R

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
    width = section.page_width - section.left_margin - section.right_margin
    return int(width / 635)  # EMU → twips


def write_table(document: Document, block: M.Table, style, heading_id, text_id) -> None:
    """The attachment table at the end of *document* (see the module's docstring)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Twips

    total = text_width_twips(document)
    weights = [max(c.weight, 0.1) for c in block.columns]
    widths = [int(total * w / sum(weights)) for w in weights]
    table = document.add_table(rows=0, cols=len(block.columns))
    table.style = style
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(_w("tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(_w("w"), str(sum(widths)))
    tbl_w.set(_w("type"), "dxa")
    _cell_margins(tbl_pr)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
    center = WD_ALIGN_PARAGRAPH.CENTER

    header = table.add_row()
    _row_props(header, repeat=True)
    for cell, column in zip(header.cells, block.columns, strict=True):
        _middle(cell)
        p = cell.paragraphs[0]
        set_style(p, heading_id)
        p.add_run(column.title)
    aligns = [c.align == "center" for c in block.columns]
    for values in block.rows:
        row = table.add_row()  # .cells once per row: table.cell(r, c) re-parses the table
        _row_props(row, repeat=False)
        for cell, value, centred in zip(row.cells, values, aligns, strict=False):
            _middle(cell)
            lines = value.split("\n") if value else [""]
            for j, line in enumerate(lines):
                p = cell.paragraphs[0] if j == 0 else cell.add_paragraph()
                set_style(p, text_id)
                if centred:
                    p.alignment = center
                if line:
                    p.add_run(line)


def _row_props(row, repeat: bool) -> None:
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if repeat:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _middle(cell) -> None:
    from docx.oxml import OxmlElement

    v_align = OxmlElement("w:vAlign")
    v_align.set(_w("val"), "center")
    cell._tc.get_or_add_tcPr().append(v_align)


def _cell_margins(tbl_pr) -> None:
    """Direct cell margins (they win over a unit template's table style): 1 mm either side."""
    from docx.oxml import OxmlElement

    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 0), ("left", R.TABLE_CELL_MARGIN_TW), ("bottom", 0)):
        el = OxmlElement(f"w:{side}")
        el.set(_w("w"), str(width))
        el.set(_w("type"), "dxa")
        margins.append(el)
    right = OxmlElement("w:right")
    right.set(_w("w"), str(R.TABLE_CELL_MARGIN_TW))
    right.set(_w("type"), "dxa")
    margins.append(right)
    look = tbl_pr.find(_w("tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


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
