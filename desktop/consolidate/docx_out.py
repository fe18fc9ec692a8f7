"""The 汇总报告 as a Word file, rendered by the team's report writer (``desktop.report``).

:mod:`.summary_doc` builds the report model; this module renders it with the writer's
``render_docx`` in the GB/T 9704 template — the same 公文 format as the units' reports — and
writes the file all-or-nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.consolidate.summary_doc import summary_model
from desktop.errors import UserError
from desktop.fileio import atomic_write

if TYPE_CHECKING:
    from desktop.consolidate.consolidation import Consolidation


class SummaryDocError(UserError):
    """The 汇总报告 cannot be written; the message is Chinese and says what to do."""


def render(c: Consolidation, today: date | None = None, template: Path | None = None) -> bytes:
    """The 汇总报告 .docx in *template* (the office's own, from its settings) or the built-in."""
    from desktop.report import TemplateError, render_docx

    try:
        return render_docx(summary_model(c, today), template)
    except TemplateError as exc:
        raise SummaryDocError(f"无法生成汇总报告：{exc}") from exc


def write_docx(c: Consolidation, path: Path, template: Path | None = None) -> Path:
    """Render and write all-or-nothing. Raises :class:`SummaryDocError` (a bad template) or
    :class:`desktop.fileio.FileWriteError`."""
    data = render(c, template=template)
    atomic_write(path, data, "汇总报告")
    return path
