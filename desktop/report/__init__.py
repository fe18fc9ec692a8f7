"""The Word 落实情况报告: content, preview, .docx, template and format check (Qt-free).

Public API (python-docx is imported only when a .docx is written or read):

* :func:`compose_report` — payload → :class:`ReportModel` (the content, in order)
* :func:`to_html` — model → rich-text preview for a QTextBrowser
* :func:`render_docx` — any model → .docx bytes with the template's styles (+ embedded payload)
* :func:`build_report` — payload → .docx bytes (compose + render + embed)
* :func:`export_report` — payload → .docx file, written all-or-nothing
* :func:`load_template` — open and check a unit's template (:class:`TemplateError`)
* :func:`check_docx` — deviations from GB/T 9704-2012 (:class:`Deviation`, :class:`CheckError`)
"""

from desktop.report.checker import CheckError, Deviation, check_docx
from desktop.report.compose import compose_report
from desktop.report.docx_writer import (
    ReportError,
    TemplateError,
    build_report,
    configured_template,
    default_filename,
    default_template,
    export_report,
    load_template,
    render_docx,
)
from desktop.report.html import to_html
from desktop.report.model import ReportModel

__all__ = [
    "CheckError",
    "Deviation",
    "ReportError",
    "ReportModel",
    "TemplateError",
    "build_report",
    "check_docx",
    "compose_report",
    "configured_template",
    "default_filename",
    "default_template",
    "export_report",
    "load_template",
    "render_docx",
    "to_html",
]
