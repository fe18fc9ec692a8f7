"""The optional attachment 配合单位落实情况: for the tasks the lead unit chose, one row per
cooperating unit (task, unit, status, one-line summary).

It is added to a composed :class:`ReportModel` after the fact, so the unit's own report is
unchanged when there is nothing to add: the 附件说明 gains a second name (``附件：1.…落实情况表
2.配合单位落实情况``), the first attachment is labelled ``附件1`` and the table follows on a
page of its own as ``附件2``. The rows come from :meth:`desktop.lead.desk.LeadDesk.report_rows`;
the embedded payload (what 汇总 reads) never carries them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from desktop.report import prose
from desktop.report.model import (
    AttachmentLabel,
    AttachmentNote,
    AttachmentTitle,
    Column,
    PageBreak,
    ReportModel,
    Signature,
    Table,
)

TITLE = "配合单位落实情况"
# Relative widths (the writer scales them to the landscape text block): the
# summary gets the room, the status fits 持续推进 on one line.
COLUMNS = (
    Column("序号", 10, "center"),
    Column("工作任务", 40, merge=True),  # one cell over the rows of its cooperating units
    Column("配合单位", 28),
    Column("完成状态", 18, "center"),
    Column("落实情况", 100),
)


class Row(Protocol):
    task_id: str
    task: str
    unit: str
    status: str
    summary: str


def table_rows(rows: Sequence[Row]) -> tuple[tuple[str, ...], ...]:
    """One row per cooperating unit; the task is repeated here and printed as one merged cell
    over its units' rows (the column merges), so the table reads by task and no row shows a
    blank task that looks like a value left out."""
    return tuple(
        (str(n), prose.clean(row.task), prose.clean(row.unit), prose.clean(row.status), row.summary)
        for n, row in enumerate(rows, start=1)
    )


def add_contributions(model: ReportModel, rows: Sequence[Row]) -> ReportModel:
    """*model* with the 配合单位落实情况 attachment appended (unchanged when *rows* is empty)."""
    if not rows:
        return model
    blocks = model.blocks
    notes = [i for i, b in enumerate(blocks) if isinstance(b, AttachmentNote)]
    if notes:
        i = notes[0]
        names = (*blocks[i].names, TITLE)  # type: ignore[union-attr]
        blocks[i] = AttachmentNote(names)
    else:
        names = (TITLE,)
        at = next((i for i, b in enumerate(blocks) if isinstance(b, Signature)), len(blocks))
        blocks.insert(at, AttachmentNote(names))
    if len(names) > 1:
        labels = [i for i, b in enumerate(blocks) if isinstance(b, AttachmentLabel)]
        for n, i in enumerate(labels, start=1):
            blocks[i] = AttachmentLabel(f"附件{n}")
    label = f"附件{len(names)}" if len(names) > 1 else "附件"
    model.add(PageBreak())
    model.add(AttachmentLabel(label))
    model.add(AttachmentTitle(TITLE))
    model.add(Table(COLUMNS, table_rows(rows)))
    return model
