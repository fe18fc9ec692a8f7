"""The 汇总报告 as a Word file, rendered by the team's report writer (``desktop.report``).

The words come from :mod:`.summary_doc`; this module maps them onto the writer's blocks
(Title, Recipient, Para, Heading, Table, AttachmentNote, Signature, Date, attachment page) and
calls its ``render_docx`` with the GB/T 9704 template — the same 公文 format as the units'
reports.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.consolidate.summary_doc import outline
from desktop.errors import UserError
from desktop.fileio import atomic_write

if TYPE_CHECKING:
    from desktop.consolidate.consolidation import Consolidation

# Millimetres of the 156 mm text block, as the report writer's own table.
TABLE_WEIGHTS = (10, 16, 36, 14, 14, 14, 16, 14, 22)


class SummaryDocError(UserError):
    """The 汇总报告 cannot be written; the message is Chinese and says what to do."""


def build_model(c: Consolidation, today: date | None = None):
    """The 汇总报告 as the writer's :class:`ReportModel`."""
    from desktop.report import model as M
    from desktop.report import prose

    model = M.ReportModel()
    parts = outline(c, today)
    for part in parts:
        kind = part.kind
        if kind == "title":
            issuer, subject = _title_parts(part.text)
            lines = prose.title_lines(issuer, subject)
            model.title, model.author = "".join(lines), issuer
            model.add(M.Title(tuple(lines)))
        elif kind == "recipient":
            model.add(M.Recipient(part.text))
        elif kind in ("para", "closing"):
            model.add(M.Para(prose.clean(part.text)))
        elif kind == "heading":
            # summary_doc writes the ordinal into the text; the writer wants it apart.
            number, text = _split_ordinal(part.text)
            model.add(M.Heading(part.level, number, text))
        elif kind == "attachment_note":
            model.add(M.AttachmentNote((part.text.removeprefix("附件："),)))
        elif kind == "signature":
            model.add(M.Signature(part.text))
        elif kind == "date":
            model.add(M.Date(part.text))
        elif kind == "attachment_title":
            model.add(M.PageBreak())
            model.add(M.AttachmentLabel("附件"))
            model.add(M.AttachmentTitle(part.text))
        elif kind == "table":
            columns = tuple(
                M.Column(title, weight, "left" if title in ("牵头单位",) else "center")
                for title, weight in zip(part.header, TABLE_WEIGHTS, strict=True)
            )
            model.add(M.Table(columns, tuple(tuple(prose.clean(x) for x in r) for r in part.rows)))
        else:  # pragma: no cover - summary_doc and this mapping change together
            raise ValueError(f"unknown outline part {kind!r}")
    return model


def _title_parts(title: str) -> tuple[str, str]:
    """``市政府办公厅关于X落实情况的报告`` → (``市政府办公厅``, ``X``)."""
    issuer, _, rest = title.partition("关于")
    return issuer, rest.removesuffix("落实情况的报告")


def _split_ordinal(text: str) -> tuple[str, str]:
    if text.startswith("（"):
        end = text.index("）") + 1
        return text[:end], text[end:]
    head, sep, rest = text.partition("、")
    return (head + sep, rest) if sep else ("", text)


def render(c: Consolidation, today: date | None = None, template: Path | None = None) -> bytes:
    """The 汇总报告 .docx in *template* (the office's own, from its settings) or the built-in."""
    from desktop.report import TemplateError, render_docx

    try:
        return render_docx(build_model(c, today), template)
    except TemplateError as exc:
        raise SummaryDocError(f"无法生成汇总报告：{exc}") from exc


def write_docx(c: Consolidation, path: Path, template: Path | None = None) -> Path:
    """Render and write all-or-nothing. Raises :class:`SummaryDocError` (a bad template) or
    :class:`desktop.fileio.FileWriteError`."""
    data = render(c, template=template)
    atomic_write(path, data, "汇总报告")
    return path
