"""The GB/T 9704-2012 layout as data: read by the template builder and by the checker.

One table of numbers, so the template and the check cannot drift apart. Sizes are points,
lengths millimetres unless named otherwise (``*_tw``: twentieths of a point, Word's unit).
Source: GB/T 9704-2012 §5.2, §7 (how the report applies them: docs/report.md).
"""

from __future__ import annotations

from dataclasses import dataclass

# -- page -------------------------------------------------------------------------------------
PAGE_W_MM, PAGE_H_MM = 210.0, 297.0
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37.0, 35.0, 28.0, 26.0
MARGIN_TOLERANCE_MM = 1.0  # GB/T 9704 §5.2.2: 37 mm ± 1 mm, 28 mm ± 1 mm
# The page number's 一字线 sits 7 mm below the text block: with a 4号 line (≈6.4 mm) centred
# on that dash, the footer's bottom edge is about 25 mm above the page edge.
FOOTER_MM = 25.0
HEADER_MM = 15.0
TEXT_W_MM = PAGE_W_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
TEXT_H_MM = PAGE_H_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225
# A 横排表格 (GB/T 9704 §10.1) on a landscape page keeps the portrait text block turned on its
# side: 225 mm wide, 156 mm high. Top/bottom take the portrait left/right margins (the table's
# head at the binding edge), left/right the portrait bottom/top; the page number sits 12 mm
# from the bottom edge, below the block.
LANDSCAPE_MARGINS_MM = {"top": 28.0, "bottom": 26.0, "left": 35.0, "right": 37.0}
LANDSCAPE_FOOTER_MM = 12.0
# GB/T 9704 §10.1: on a 横排表格 page the page number stays where it is on the portrait pages —
# at the sheet's foot, which is the landscape page's left edge (the table's head faces the
# binding edge). It is turned with the sheet: a text box whose text runs top to bottom, 25 mm
# from the left edge like the portrait footer from the foot; odd pages at the bottom end
# (the sheet's right, one character in), even pages at the top end (the sheet's left).
LANDSCAPE_NUMBER_X_MM = FOOTER_MM
LANDSCAPE_NUMBER_BOX_MM = 40.0  # the box's length along the edge; "— 123 —" takes about 20 mm
# Cell margins of the attachment table: 1 mm left and right, so a 4-character header fits a
# narrow column on one line.
TABLE_CELL_MARGIN_TW = 57
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

# -- sizes (字号) -----------------------------------------------------------------------------
SIZE_2 = 22.0  # 2号: title
SIZE_3 = 16.0  # 3号: body, headings
SIZE_4 = 14.0  # 4号: page numbers
SIZE_XIAO4 = 12.0  # 小四
SIZE_5 = 10.5  # 5号: the attachment table (26 rows of a department fit on 3–4 landscape pages)

# -- fonts --------------------------------------------------------------------------------------
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
XBS = "方正小标宋简体"
SONGTI = "宋体"
LATIN = "Times New Roman"
# What Word/WPS may substitute and a checker should still accept in a hand-edited file.
FONT_ALIASES: dict[str, tuple[str, ...]] = {
    FANGSONG: (FANGSONG, "仿宋", "FangSong", "FangSong_GB2312"),
    KAITI: (KAITI, "楷体", "KaiTi", "KaiTi_GB2312"),
    HEITI: (HEITI, "SimHei"),
    XBS: (XBS, "方正小标宋_GBK", "小标宋", "FZXiaoBiaoSong-B05S"),
    SONGTI: (SONGTI, "SimSun"),
}

# Line pitch that fits exactly 22 lines into the 225 mm text block: 225 mm / 22 = 28.97 pt,
# rounded down to whole twips (579 tw = 28.95 pt) so the 22nd line never spills.
LINE_PITCH_TW = int(TEXT_H_MM / 25.4 * 72 * 20 / LINES_PER_PAGE)
LINE_PT = LINE_PITCH_TW / 20
LINE_TOLERANCE_PT = (28.0, 29.5)  # fixed 28 pt is the common template value [practice]
# 28 characters of 3号 need 448 pt but the block is 442 pt wide. Word's character grid
# (docGrid linesAndChars + negative charSpace) would squeeze them, but LibreOffice lays such a
# grid out with wide gaps (17 characters a line), so our PDFs and previews would lie. Condensed
# character spacing does the same in Word, WPS and LibreOffice: 28 × (16 − 0.25) pt ≤ 442 pt.
CHAR_PITCH_PT = TEXT_W_MM / 25.4 * 72 / CHARS_PER_LINE
BODY_CHAR_SPACING_TW = -5  # twentieths of a point: −0.25 pt (字符间距紧缩0.25磅)
TABLE_LINE_PT = 14.0


@dataclass(frozen=True)
class StyleRule:
    """One named style of the template (English name, as python-docx looks it up)."""

    name: str
    style_id: str
    kind: str = "paragraph"  # paragraph / table
    east_asia: str = FANGSONG
    latin: str = LATIN
    size: float = SIZE_3
    bold: bool = False
    align: str = "both"  # both / left / center / right
    first_line_chars: int = 0  # in hundredths of a character, as Word writes them
    left_chars: int = 0
    right_chars: int = 0
    hanging_chars: int = 0  # exclusive with first_line_chars
    line_pt: float = LINE_PT
    char_spacing_tw: int = BODY_CHAR_SPACING_TW  # 3号 styles; 0 for other sizes
    keep_next: bool = False
    outline: int | None = None
    builtin: bool = False
    based_on: str | None = "Normal"
    next_style: str | None = None
    purpose: str = ""


STYLES: tuple[StyleRule, ...] = (
    StyleRule(
        "Normal",
        "Normal",
        first_line_chars=200,
        based_on=None,
        builtin=True,
        purpose="正文：3号仿宋_GB2312，两端对齐，首行缩进2字，固定行距（每页22行）",
    ),
    StyleRule(
        "Title",
        "Title",
        east_asia=XBS,
        latin=XBS,
        size=SIZE_2,
        align="center",
        char_spacing_tw=0,
        builtin=True,
        next_style="Normal",
        purpose="标题：2号方正小标宋简体，居中",
    ),
    StyleRule(
        "Recipient",
        "Recipient",
        align="left",
        next_style="Normal",
        purpose="主送机关：顶格，全角冒号",
    ),
    StyleRule(
        "Heading 1",
        "Heading1",
        east_asia=HEITI,
        first_line_chars=200,
        keep_next=True,
        outline=0,
        builtin=True,
        next_style="Normal",
        purpose="一级标题“一、”：黑体",
    ),
    StyleRule(
        "Heading 2",
        "Heading2",
        east_asia=KAITI,
        first_line_chars=200,
        keep_next=True,
        outline=1,
        builtin=True,
        next_style="Normal",
        purpose="二级标题“（一）”：楷体_GB2312",
    ),
    StyleRule(
        "Heading 3",
        "Heading3",
        bold=True,
        first_line_chars=200,
        keep_next=True,
        outline=2,
        builtin=True,
        next_style="Normal",
        purpose="三级标题“1.”：仿宋_GB2312加粗",
    ),
    StyleRule(
        "Heading 4",
        "Heading4",
        first_line_chars=200,
        keep_next=True,
        outline=3,
        builtin=True,
        next_style="Normal",
        purpose="四级标题“（1）”：仿宋_GB2312",
    ),
    StyleRule(
        "Attachment Note",
        "AttachmentNote",
        first_line_chars=200,
        purpose="附件说明：正文下空一行，左空2字",
    ),
    StyleRule(
        "Signature",
        "Signature",
        align="right",
        builtin=True,
        purpose="发文机关署名：以成文日期为准居中（右缩进由程序按字数计算）",
    ),
    StyleRule(
        "Date",
        "Date",
        align="right",
        right_chars=400,
        builtin=True,
        purpose="成文日期：右空4字，阿拉伯数字",
    ),
    StyleRule(
        "Contact Note",
        "ContactNote",
        align="left",
        first_line_chars=200,
        purpose="附注：成文日期下一行，左空2字，加圆括号",
    ),
    StyleRule(
        "Attachment Label",
        "AttachmentLabel",
        east_asia=HEITI,
        align="left",
        next_style="Normal",
        purpose="附件标识“附件”：3号黑体，顶格，第一行",
    ),
    StyleRule(
        "Attachment Title",
        "AttachmentTitle",
        east_asia=XBS,
        latin=XBS,
        size=SIZE_2,
        char_spacing_tw=0,
        align="center",
        next_style="Normal",
        purpose="附件标题：2号方正小标宋简体，居中",
    ),
    StyleRule(
        "Table Text",
        "TableText",
        size=SIZE_5,
        align="left",
        char_spacing_tw=0,
        line_pt=TABLE_LINE_PT,
        purpose="表格文字：5号仿宋_GB2312",
    ),
    StyleRule(
        "Table Heading",
        "TableHeading",
        east_asia=HEITI,
        size=SIZE_5,
        char_spacing_tw=0,
        align="center",
        line_pt=TABLE_LINE_PT,
        purpose="表头：5号黑体，居中",
    ),
    StyleRule(
        "Footer",
        "Footer",
        east_asia=SONGTI,
        latin=SONGTI,
        size=SIZE_4,
        align="right",
        char_spacing_tw=0,
        line_pt=18.0,
        builtin=True,
        purpose="页码：4号半角宋体“— 1 —”",
    ),
    StyleRule(
        "Report Table",
        "ReportTable",
        kind="table",
        size=SIZE_5,
        based_on=None,
        char_spacing_tw=0,
        purpose="附件表格：细实线边框，表头跨页重复",
    ),
)

STYLE_BY_NAME = {s.name: s for s in STYLES}
# Every style the writer uses; a unit's own template must define them all.
REQUIRED_STYLES = tuple(s.name for s in STYLES)
# The footer's one-character indent (odd pages right, even pages left): a 4号 character.
FOOTER_INDENT_TW = int(SIZE_4 * 20)


def mm_to_tw(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def chars_to_tw(hundredths: int, size: float = SIZE_3) -> int:
    """Word's ``*Chars`` indents in twips for a given font size (1 character = 1 em)."""
    return round(hundredths / 100 * size * 20)
