"""The missing list: who has not reported, and whose report leaves out tasks it leads."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.consolidate.matrix import NO_REPORT, NO_STATUS, Matrix

NO_REPORT_KIND = "no_report"
LEAD_MISSING_KIND = "lead_missing"


@dataclass
class MissingEntry:
    unit: str
    kind: str  # no_report / lead_missing
    tasks: list[str] = field(default_factory=list)  # the task ids concerned (machine files)
    lead_tasks: list[str] = field(default_factory=list)
    # The same tasks as people cite them (一（二）之二), for every text a person reads.
    task_refs: list[str] = field(default_factory=list)
    lead_refs: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return "未报送报告" if self.kind == NO_REPORT_KIND else "牵头任务未填写"

    @property
    def detail(self) -> str:
        if self.kind == NO_REPORT_KIND:
            lead = f"，其中牵头{len(self.lead_tasks)}项（{'、'.join(self.lead_refs)}）"
            return f"应报告{len(self.tasks)}项任务" + (lead if self.lead_tasks else "")
        return f"报告中缺少牵头任务{'、'.join(self.lead_refs)}的落实情况"


def missing(matrix: Matrix) -> list[MissingEntry]:
    """Units without a report (directory order), then reported units missing lead tasks."""
    no_report: list[MissingEntry] = []
    lead_missing: list[MissingEntry] = []
    ref = matrix.catalogue.ref

    def entry(unit: str, kind: str, tasks: list[str], lead: list[str]) -> MissingEntry:
        return MissingEntry(
            unit, kind, tasks, lead, [ref(t) for t in tasks], [ref(t) for t in lead]
        )

    for row in matrix.rows:
        cells = [c for t in matrix.task_ids if (c := matrix.cell(row.unit, t)) is not None]
        if not row.reported:
            due = [c for c in cells if c.kind == NO_REPORT]
            if due:
                no_report.append(
                    entry(
                        row.unit,
                        NO_REPORT_KIND,
                        [c.task_id for c in due],
                        [c.task_id for c in due if c.role == "lead"],
                    )
                )
            continue
        gaps = [c.task_id for c in cells if c.role == "lead" and c.kind == NO_STATUS]
        if gaps:
            lead_missing.append(entry(row.unit, LEAD_MISSING_KIND, gaps, gaps))
    return no_report + lead_missing
