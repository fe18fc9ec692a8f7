"""The Word report: which template, where it goes, and writing it (``export``; 导出报告).

The template is the unit's own when one is chosen in the settings (``report_template``), else
the built-in GB/T 9704 template (:func:`desktop.report.configured_template`, the same rule for
the wizard, the command line and 汇总).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.catalogue import Catalogue
from desktop.forms import FormSpec
from desktop.payload_types import Payload
from desktop.settings import Settings

if TYPE_CHECKING:
    from desktop.session import ReportSession

TEMPLATE_KEY = "report_template"


def choose_template(settings: Settings, path: Path) -> Path:
    """Use *path* for every later report, once it has proved usable. Raises
    :class:`desktop.report.TemplateError` naming what is wrong (the setting is unchanged) or
    :class:`desktop.fileio.FileWriteError` (the settings file cannot be written)."""
    from desktop.report import load_template

    path = Path(path)
    load_template(path)
    settings.set(TEMPLATE_KEY, str(path))
    return path


def reset_template(settings: Settings) -> None:
    """Back to the built-in template."""
    settings.set(TEMPLATE_KEY, "")


@dataclass
class ReportJob:
    """Everything one export needs, gathered on the caller's thread; :meth:`write` may then
    run on a worker (it touches no store and no widget)."""

    payload: Payload
    catalogue: Catalogue
    form: FormSpec
    template: Path | None
    contributions: Sequence = field(default_factory=list)  # a lead unit's 配合单位落实情况

    def default_name(self) -> str:
        from desktop.report import default_filename

        return default_filename(self.payload, self.catalogue)

    def write(self, target: Path) -> Path:
        """Write the .docx all-or-nothing; returns the path written. Raises
        :class:`desktop.report.TemplateError` or :class:`desktop.fileio.FileWriteError`."""
        from desktop.report import export_report

        return export_report(
            self.payload, self.catalogue, self.form, target, self.template, self.contributions
        )


def job_for_session(session: ReportSession, settings: Settings) -> ReportJob:
    """The export of the wizard's open report (its queued edits are saved first)."""
    from desktop.lead.desk import lead_rows
    from desktop.report import configured_template

    return ReportJob(
        session.payload(),
        session.catalogue,
        session.form,
        configured_template(settings),
        lead_rows(session),
    )
