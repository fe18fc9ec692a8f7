"""The one API the office's views and the CLI call. Qt-free; safe to call from a worker thread.

Every database operation opens its own connection, so a bulk import may run on a worker while
the GUI thread reads the last :class:`Consolidation` (a plain snapshot, never mutated).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path

from desktop.catalogue import BUILTIN_ID
from desktop.consolidate import answers as answers_mod
from desktop.consolidate import matrix as matrix_mod
from desktop.consolidate.consolidation import Consolidation
from desktop.consolidate.importer import ImportResult, Progress, import_paths, stored_report
from desktop.consolidate.missing import MissingEntry, missing
from desktop.consolidate.officedb import OfficeDB
from desktop.consolidate.reader import CatalogueCache
from desktop.consolidate.totals import FigureTotal, figure_totals, tallies
from desktop.settings import Settings
from desktop.units import Directory


class OfficeService:
    def __init__(
        self,
        db: OfficeDB | None = None,
        directory: Directory | None = None,
        catalogue_id: str | None = None,
        settings: Settings | None = None,
    ) -> None:
        # The settings: the Word template of the 汇总报告 (None: the built-in one) and how many
        # backups of office.db to keep.
        self.settings = settings
        self.db = db or (
            OfficeDB(backup_keep=settings.get("backup_keep")) if settings else OfficeDB()
        )
        self._directory = directory
        self._catalogue_id = catalogue_id
        self._lock = threading.Lock()
        self._snapshot: Consolidation | None = None

    # -- setup ---------------------------------------------------------------------------------
    @property
    def directory(self) -> Directory:
        if self._directory is None:
            from desktop import units

            self._directory = units.load()
        return self._directory

    @property
    def catalogue_id(self) -> str:
        """The catalogue being consolidated: the one chosen, else the built-in one if it has
        reports (or nothing has any), else the one with the most reports."""
        if self._catalogue_id:
            return self._catalogue_id
        counts = self.db.catalogue_counts()
        if not counts or BUILTIN_ID in counts:
            return BUILTIN_ID
        return max(counts, key=lambda k: counts[k])

    def set_catalogue(self, catalogue_id: str | None) -> None:
        with self._lock:
            self._catalogue_id = catalogue_id
            self._snapshot = None

    def catalogue_ids(self) -> dict[str, int]:
        """Catalogue id → number of reports in use."""
        return self.db.catalogue_counts()

    # -- import --------------------------------------------------------------------------------
    def import_paths(
        self, items: Iterable[str | os.PathLike[str]], progress: Progress | None = None
    ) -> ImportResult:
        """Import files and folders. Bad files end up in ``result.rejected``; never raises
        for one (an unusable database raises :class:`OfficeDBError`)."""
        result = import_paths(
            self.db, items, self.directory, progress, CatalogueCache(self.directory)
        )
        with self._lock:
            self._snapshot = None
        return result

    # -- what the office reads -----------------------------------------------------------------
    def consolidation(self, refresh: bool = False) -> Consolidation:
        with self._lock:
            if self._snapshot is not None and not refresh:
                return self._snapshot
        snapshot = self._build()
        with self._lock:
            self._snapshot = snapshot
        return snapshot

    def _build(self) -> Consolidation:
        directory = self.directory
        catalogue, form = CatalogueCache(directory).get(self.catalogue_id)
        reports = {row["unit"]: stored_report(row) for row in self.db.current(self.catalogue_id)}
        matrix = matrix_mod.build(catalogue, directory, reports, form.statuses)
        return Consolidation(
            catalogue=catalogue,
            form=form,
            directory=directory,
            reports=reports,
            matrix=matrix,
            missing=missing(matrix),
            totals=figure_totals(matrix, form),
            tallies=tallies(matrix, form),
            history_counts=self.db.history_counts(self.catalogue_id),
            catalogue_counts=self.db.catalogue_counts(),
        )

    def matrix(self) -> matrix_mod.Matrix:
        return self.consolidation().matrix

    def missing(self) -> list[MissingEntry]:
        return self.consolidation().missing

    def totals(self) -> list[FigureTotal]:
        return self.consolidation().totals

    def answer(self, unit: str, task_id: str) -> answers_mod.AnswerView | None:
        c = self.consolidation()
        return answers_mod.answer_view(c.matrix, c.form, unit, task_id)

    def task_view(self, task_id: str) -> answers_mod.TaskView:
        c = self.consolidation()
        return answers_mod.task_view(c.matrix, c.form, task_id)

    def history(self, unit: str) -> list[dict]:
        return self.db.history(self.catalogue_id, unit)

    def last_batch(self) -> dict | None:
        return self.db.last_batch()

    def take_notices(self) -> list[str]:
        """What opening or backing up office.db did that the office must be told (restored
        from a backup, a damaged file kept aside, a backup that failed) — each once."""
        return self.db.take_notices()

    # -- outputs -------------------------------------------------------------------------------
    def export_xlsx(self, path: str | os.PathLike[str]) -> Path:
        """Write the 汇总表. Raises :class:`desktop.fileio.FileWriteError`."""
        from desktop.consolidate.xlsx_out import write_xlsx

        return write_xlsx(self.consolidation(), Path(path))

    def export_docx(self, path: str | os.PathLike[str]) -> Path:
        """Write the 汇总报告. Raises :class:`desktop.fileio.FileWriteError` or
        :class:`desktop.consolidate.docx_out.SummaryDocError` (the Word template)."""
        from desktop.consolidate.docx_out import write_docx
        from desktop.report import configured_template

        template = configured_template(self.settings) if self.settings is not None else None
        return write_docx(self.consolidation(), Path(path), template)
