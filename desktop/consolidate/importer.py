"""A batch import: every file read and validated on its own, then one transaction.

Per unit (and catalogue) the newest report is used (rule in :mod:`.records`). The report it
replaces, an older report that arrives after a newer one, and the loser of two files claiming
the same unit in one batch all go to ``history``: nothing a unit sent is lost, and the summary
says which file was used and why.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop.consolidate.officedb import OfficeDB, OfficeDBError
from desktop.consolidate.reader import (
    CatalogueCache,
    Rejected,
    RejectedFile,
    discover,
    read_file,
)
from desktop.consolidate.records import Report, compare
from desktop.payload import contribution_of
from desktop.units import Directory

if TYPE_CHECKING:
    from sqlite_utils import Database

Progress = Callable[[int, int, str], None]  # done, total, file name


@dataclass
class Replaced:
    report: Report
    old_name: str
    reason: str


@dataclass
class Superseded:
    """A report that was not used because a newer one for the same unit exists."""

    report: Report
    kept_name: str
    reason: str
    same_batch: bool


@dataclass
class ImportResult:
    added: list[Report] = field(default_factory=list)
    replaced: list[Replaced] = field(default_factory=list)
    unchanged: list[Report] = field(default_factory=list)
    superseded: list[Superseded] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    batch_id: int | None = None

    @property
    def imported(self) -> list[Report]:
        """Reports now in use that came from this batch."""
        return self.added + [r.report for r in self.replaced]

    @property
    def files_seen(self) -> int:
        return (
            len(self.added)
            + len(self.replaced)
            + len(self.unchanged)
            + len(self.superseded)
            + len(self.rejected)
        )

    def catalogue_ids(self) -> list[str]:
        """Catalogues of the usable reports of this batch, most frequent first."""
        counts: dict[str, int] = {}
        for r in self.imported + self.unchanged + [s.report for s in self.superseded]:
            counts[r.catalogue_id] = counts.get(r.catalogue_id, 0) + 1
        return sorted(counts, key=lambda k: -counts[k])

    def messages(self) -> list[str]:
        """One Chinese line per file that was not simply added."""
        out = []
        for replaced in self.replaced:
            out.append(
                f"{replaced.report.source_name}：替换了“{replaced.report.unit}”原有的报告"
                f"“{replaced.old_name}”（{replaced.reason}）；原报告已存入历史记录。"
            )
        for same in self.unchanged:
            out.append(f"{same.source_name}：与已导入的“{same.unit}”报告内容相同，无需重复导入。")
        for s in self.superseded:
            where = "同批文件" if s.same_batch else "已导入的报告"
            out.append(
                f"{s.report.source_name}：与{where}“{s.kept_name}”都是“{s.report.unit}”的报告，"
                f"采用“{s.kept_name}”（{s.reason}）；本文件未采用（已存入历史记录）。"
            )
        out += [rejected.message() for rejected in self.rejected]
        return out


def import_paths(
    db: OfficeDB,
    items: Iterable[str | os.PathLike[str]],
    directory: Directory,
    progress: Progress | None = None,
    catalogues: CatalogueCache | None = None,
) -> ImportResult:
    """Import report files and folders into *db*. Never raises for a bad file."""
    result = ImportResult()
    files, result.rejected = discover(items)
    catalogues = catalogues or CatalogueCache(directory)
    reports: list[Report] = []
    for n, path in enumerate(files):
        if progress:
            progress(n, len(files), path.name)
        try:
            report = read_file(path, catalogues, directory)
        except RejectedFile as exc:
            result.rejected.append(exc.rejected)
            continue
        if contribution_of(report.data) is not None:
            # A cooperating unit's part for its lead unit: not a report, never counted.
            result.rejected.append(contribution_rejected(report))
            continue
        report.order = n
        result.warnings += report.warnings
        reports.append(report)
    if progress:
        progress(len(files), len(files), "")

    winners: dict[tuple[str, str], Report] = {}
    losers: list[Superseded] = []
    for report in reports:
        key = (report.catalogue_id, report.unit)
        best = winners.get(key)
        if best is None:
            winners[key] = report
            continue
        if report.sha256 == best.sha256:
            losers.append(Superseded(report, best.source_name, "两份内容相同", True))
            continue
        newer, reason = compare(report, best)
        if newer:
            losers.append(Superseded(best, report.source_name, reason, True))
            winners[key] = report
        else:
            losers.append(Superseded(report, best.source_name, reason, True))

    now = datetime.now().isoformat(timespec="seconds")
    try:
        _store(db, result, winners, losers, now)
    except _NothingChanged:
        # Identical content imported again: nothing is written, not even a batch record
        # (re-importing a folder of 5,000 files used to add thousands of history rows).
        result.batch_id = None
        return result
    try:
        db.backup()
    except OfficeDBError as exc:
        db.notices.append(f"导入已完成，但没能备份汇总数据库（{exc}）。")
    return result


class _NothingChanged(Exception):
    """Raised inside the import transaction to roll it back: nothing new was imported."""


def _store(
    db: OfficeDB,
    result: ImportResult,
    winners: dict[tuple[str, str], Report],
    losers: list[Superseded],
    now: str,
) -> None:
    with db.connect() as conn, conn.atomic():
        batch_id = _insert(conn, "batches", {"started_at": now, "files": 0})
        result.batch_id = batch_id
        archived = 0
        for s in losers:
            s.report.imported_at = now
            # A loser identical to the winner is not worth a history row.
            if s.reason != "两份内容相同":
                archived += _archive(
                    conn, s.report, batch_id, now, f"同批有较新的报告“{s.kept_name}”"
                )
        result.superseded += losers
        for (catalogue_id, unit), report in winners.items():
            report.imported_at = now
            rows = list(
                conn.query(
                    "select * from reports where catalogue_id = ? and unit = ?",
                    [catalogue_id, unit],
                )
            )
            if not rows:
                report.row_id = _insert(conn, "reports", _row(report, batch_id))
                result.added.append(report)
                continue
            old_row = rows[0]
            if old_row["sha256"] == report.sha256:
                result.unchanged.append(report)
                continue
            old = stored_report(old_row)
            newer, reason = compare(report, old)
            if newer:
                _archive(conn, old, batch_id, now, f"被“{report.source_name}”替换：{reason}")
                conn.table("reports").update(old_row["id"], _row(report, batch_id))
                report.row_id = old_row["id"]
                result.replaced.append(Replaced(report, old.source_name, reason))
            else:
                archived += _archive(
                    conn, report, batch_id, now, f"已有较新的报告“{old.source_name}”"
                )
                result.superseded.append(Superseded(report, old.source_name, reason, False))
        if not (result.added or result.replaced or archived):
            raise _NothingChanged
        for r in result.rejected:
            _insert(
                conn,
                "rejections",
                {"batch_id": batch_id, "name": r.name, "path": r.path, "reason": r.message()},
            )
        conn.table("batches").update(
            batch_id,
            {
                "files": result.files_seen,
                "imported": len(result.imported),
                "rejected": len(result.rejected),
            },
        )


def contribution_rejected(report: Report) -> Rejected:
    to = (contribution_of(report.data) or {}).get("to", "")
    return Rejected(
        report.source_name,
        report.source_path,
        f"这是“{report.unit}”发给牵头单位“{to}”的配合材料，不是报告，汇总不计入",
        # The office is a lead unit too (四（三）): its own parts arrive in the same inbox.
        f"配合材料由“{to}”在本单位的报告中用“工具 → 收集配合单位材料…”收集；"
        f"汇总需要“{report.unit}”报送本单位的报告（.docx 或交换文件）。",
    )


def _insert(conn: Database, table: str, row: dict[str, Any]) -> int:
    """Insert *row* into *table*; the new row's id (an insert always sets it)."""
    pk = conn.table(table).insert(row).last_pk
    assert pk is not None
    return int(pk)


def _row(report: Report, batch_id: int) -> dict[str, Any]:
    from desktop.payload import dumps

    return {
        "catalogue_id": report.catalogue_id,
        "unit": report.unit,
        "known_unit": int(report.known_unit),
        "source_name": report.source_name,
        "source_path": report.source_path,
        "source_kind": report.source_kind,
        "source_mtime": report.source_mtime,
        "report_date": report.report_date,
        "exported_at": report.exported_at,
        "status": report.status,
        "sha256": report.sha256,
        "payload": dumps(report.data),
        "imported_at": report.imported_at or time.strftime("%Y-%m-%dT%H:%M:%S"),
        "batch_id": batch_id,
    }


def _archive(conn: Database, report: Report, batch_id: int, now: str, note: str) -> int:
    """Keep *report* in history unless the very same content is kept already; 1 if added."""
    kept = conn.execute(
        "select 1 from history where catalogue_id = ? and unit = ? and sha256 = ? limit 1",
        [report.catalogue_id, report.unit, report.sha256],
    ).fetchone()
    if kept:
        return 0
    row = _row(report, batch_id)
    _insert(conn, "history", {**row, "archived_at": now, "note": note})
    return 1


def stored_report(row: dict[str, Any]) -> Report:
    """A :class:`Report` from a ``reports`` (or ``history``) row."""
    import json

    return Report(
        catalogue_id=row["catalogue_id"],
        unit=row["unit"],
        data=json.loads(row["payload"]),
        source_name=row["source_name"],
        source_path=row["source_path"] or "",
        source_kind=row["source_kind"] or "json",
        source_mtime=row["source_mtime"] or 0.0,
        sha256=row["sha256"],
        imported_at=row["imported_at"] or "",
        row_id=row["id"],
        known_unit=bool(row["known_unit"]),
    )
