"""The layout rules that depend on the order of blocks, shared by the Word writer and the HTML
preview so the preview cannot drift from the file (GB/T 9704-2012 §7).

Fonts, sizes and indents of each kind of paragraph are the template's styles
(:mod:`desktop.report.rules`); what lives here is what no style can say: where blank lines go,
and how far the signature stands from the right margin to sit centred over the date.
"""

from __future__ import annotations

from desktop.report import model as M
from desktop.report import rules as R
from desktop.report.prose import text_width


def blank_lines_before(previous: M.Block | None, block: M.Block) -> int:
    """Empty 3号 lines to put before *block*, coming after *previous*."""
    if isinstance(previous, M.Title) and not isinstance(block, M.PageBreak):
        return 1  # 标题下空一行 (§7.3.3)
    if isinstance(block, M.AttachmentNote):
        return 1  # 正文下空一行编排附件说明 (§7.3.4)
    if isinstance(block, M.Signature) and previous is not None:
        return 2  # room for the seal above the signature and date (§7.3.5)
    if isinstance(previous, M.AttachmentLabel):
        return 1  # the attachment's title on the third line of its page (§8)
    return 0


def date_right_chars() -> float:
    """The date's right indent in characters (the template's ``Date`` style: 4 characters)."""
    return R.STYLE_BY_NAME["Date"].right_chars / 100


def signature_right_chars(signature: M.Signature, date: M.Date | None) -> float:
    """The signature's right indent in characters: centred over the date, so the date's
    indent plus half the difference of their widths (never negative)."""
    if date is None:
        return date_right_chars()
    return max(date_right_chars() + (text_width(date.text) - text_width(signature.text)) / 2, 0.0)
