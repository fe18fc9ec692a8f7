"""One consolidation: everything the office looks at for one catalogue, built at one moment.

A plain, never-mutated snapshot that :class:`desktop.consolidate.service.OfficeService` builds
and the views, the 汇总表 and the 汇总报告 read — none of them needs the service itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.catalogue import Catalogue
from desktop.consolidate.matrix import Matrix
from desktop.consolidate.missing import MissingEntry
from desktop.consolidate.records import Report
from desktop.consolidate.totals import FigureTotal, TaskTally
from desktop.forms import FormSpec
from desktop.units import Directory


@dataclass(frozen=True)
class Consolidation:
    """Everything the office looks at for one catalogue, built at one moment."""

    catalogue: Catalogue
    form: FormSpec
    directory: Directory
    reports: dict[str, Report]
    matrix: Matrix
    missing: list[MissingEntry]
    totals: list[FigureTotal]
    tallies: list[TaskTally]
    history_counts: dict[str, int]  # unit → older reports kept in history
    catalogue_counts: dict[str, int]  # every catalogue with reports → how many

    @property
    def expected_units(self) -> int:
        return sum(1 for r in self.matrix.rows if r.known or r.reported)

    def lagging_tallies(self) -> list[TaskTally]:
        return [t for t in self.tallies if t.lagging]
