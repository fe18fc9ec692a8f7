"""Page-level parts of the Word report: the attachment table on a landscape page with its
page numbers turned with the sheet, and the 草稿 mark on every page of a draft.

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


def start_landscape_section(document: Document, footer_style_id: str | None = None) -> None:
    """End the current (portrait) section at the last paragraph written and continue on a
    new landscape page. Its page numbers continue, turned with the sheet (see
    :func:`number_landscape_pages`); the headers (a draft's mark) are inherited."""
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
    number_landscape_pages(document, footer_style_id)


_EMU_PER_MM = 36000
_SHAPE_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def number_landscape_pages(document: Document, footer_style_id: str | None) -> None:
    """The last section's odd and even footers: the page number in a text box at the left
    edge, its text turned a quarter clockwise (``vert``), so that on the printed sheet it sits
    and reads like the portrait pages' numbers (GB/T 9704 §10.1; positions in
    :mod:`desktop.report.rules`). Word, WPS and LibreOffice draw such boxes (DrawingML
    ``wps``, as Word writes them); the number is a PAGE field, so numbering continues."""
    from docx.oxml import parse_xml

    section = document.sections[-1]
    for n, (odd, footer) in enumerate(((True, section.footer), (False, section.even_page_footer))):
        footer.is_linked_to_previous = False
        element = footer._element
        for child in list(element):
            element.remove(child)
        element.append(parse_xml(_number_box_xml(odd, footer_style_id, 9001 + n)))


def _number_box_xml(odd: bool, style_id: str | None, shape_id: int) -> str:
    from desktop.report.template_builder import page_field_runs

    line_mm = R.STYLE_BY_NAME["Footer"].line_pt / 72 * 25.4
    indent_mm = R.FOOTER_INDENT_TW / 20 / 72 * 25.4
    length = R.LANDSCAPE_NUMBER_BOX_MM
    if odd:  # ends one character before the sheet's right text edge: the page's bottom end
        top = R.PAGE_W_MM - (R.MARGIN_RIGHT_MM + indent_mm) - length
    else:  # starts one character after the sheet's left text edge: the page's top end
        top = R.MARGIN_LEFT_MM + indent_mm
    x, y = round(R.LANDSCAPE_NUMBER_X_MM * _EMU_PER_MM), round(top * _EMU_PER_MM)
    cx, cy = round(line_mm * _EMU_PER_MM), round(length * _EMU_PER_MM)
    style = f'<w:pStyle w:val="{escape(style_id)}"/>' if style_id else ""
    side = "right" if odd else "left"  # in turned text: the bottom end or the top end
    number = (
        f'<w:p><w:pPr>{style}<w:ind w:left="0" w:right="0" w:firstLine="0"/>'
        f'<w:jc w:val="{side}"/></w:pPr>{page_field_runs()}</w:p>'
    )
    return (
        f"<w:p {_SHAPE_NS}><w:pPr>{style}</w:pPr><w:r><w:drawing>"
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0"'
        f' relativeHeight="{251659264 + shape_id}" behindDoc="0" locked="1" layoutInCell="1"'
        ' allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="页码{shape_id}"/><wp:cNvGraphicFramePr/>'
        "<a:graphic><a:graphicData"
        ' uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>'
        f"</wps:spPr><wps:txbx><w:txbxContent>{number}</w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0"'
        ' anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>"
    )


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
        _row_xml(
            [c.title for c in block.columns],
            widths,
            [True] * len(widths),
            heading_id,
            True,
            keep_next=True,  # never a page holding only the header
        ),
    ]
    spans = {i: M.merged_spans(block.rows, i) for i, c in enumerate(block.columns) if c.merge}
    for n, values in enumerate(block.rows):
        merges = {
            i: "restart" if s[n] > 1 else "continue" if s[n] == 0 else "" for i, s in spans.items()
        }
        # The last two rows kept together: the last page never holds one row alone (two
        # rows there are fine, GB/T 9704 sets no minimum).
        last_but_one = n == len(block.rows) - 2
        parts.append(_row_xml(list(values), widths, centred, text_id, False, merges, last_but_one))
    parts.append("</w:tbl>")
    table = parse_xml("".join(parts))
    body = document.element.body
    if body.sectPr is not None:
        body.sectPr.addprevious(table)
    else:
        body.append(table)


_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _row_xml(
    values: list[str],
    widths: list[int],
    centred: list[bool],
    style_id: str | None,
    header: bool,
    merges: dict[int, str] | None = None,
    keep_next: bool = False,
) -> str:
    """One ``w:tr``: never split across pages (``cantSplit``), the header row repeated on every
    page (``tblHeader``), every cell centred vertically; a value's ``\\n`` starts a new
    paragraph in its cell. *merges*: per column, ``restart`` for the first cell of a vertical
    merge, ``continue`` for a cell merged into the one above (written empty). *keep_next*:
    the row stays on the page of the next one (``keepNext`` on its paragraphs, as Word and
    LibreOffice keep table rows together)."""
    style = f'<w:pStyle w:val="{escape(style_id)}"/>' if style_id else ""
    style += "<w:keepNext/>" if keep_next else ""
    merges = merges or {}
    cells = []
    for i, width in enumerate(widths):
        merge = merges.get(i, "")
        value = values[i] if i < len(values) and merge != "continue" else ""
        vmerge = (
            '<w:vMerge w:val="restart"/>'
            if merge == "restart"
            else "<w:vMerge/>"
            if merge == "continue"
            else ""
        )
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
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{vmerge}'
            f'<w:vAlign w:val="center"/></w:tcPr>{paras}</w:tc>'
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
