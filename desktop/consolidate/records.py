"""One unit's report as the office holds it, and the rule deciding which of two is newer.

Which report is newer (documented in ``docs/consolidate.md``):

1. the later ``profile.report_date`` (the date on the report, 落款日期), when both have one and
   they differ;
2. otherwise the later ``exported_at`` (when the clerk's program wrote the file), when both
   have one and they differ;
3. otherwise the later file modification time, when they differ;
4. otherwise the one imported later (re-importing the same unit replaces the earlier copy;
   within one batch, the file listed later).

The report date comes first because it is what the clerk chose and what the office reads on
paper; file times change when a report is mailed, copied or downloaded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from desktop import dates
from desktop.payload_types import Answer, Payload


@dataclass
class Report:
    """A validated report, before or after it is stored."""

    catalogue_id: str
    unit: str  # canonical name (the directory's, when the directory knows the unit)
    data: Payload  # validated when the file was read (stored rows were, on import)
    source_name: str  # file name shown to the user
    source_path: str = ""
    source_kind: str = "json"  # json / docx
    source_mtime: float = 0.0
    sha256: str = ""
    imported_at: str = ""
    order: int = 0  # position in the batch (tie-break rule 4)
    row_id: int | None = None
    known_unit: bool = True  # False: not in the office's unit directory
    warnings: list[str] = field(default_factory=list)

    @property
    def report_date(self) -> str:
        value = self.data.get("profile", {}).get("report_date", "")
        return value if isinstance(value, str) else ""

    @property
    def exported_at(self) -> str:
        value = self.data.get("exported_at", "")
        return value if isinstance(value, str) else ""

    @property
    def status(self) -> str:
        return self.data.get("status", "draft")

    def answers(self) -> dict[str, Answer]:
        return self.data.get("answers", {})

    def unit_categories(self) -> tuple[str, ...]:
        info = self.data.get("unit_info") or {}
        return tuple(info.get("categories", ()))


def content_hash(payload_text: str) -> str:
    return hashlib.sha256(payload_text.encode("utf-8")).hexdigest()


def compare(new: Report, old: Report) -> tuple[bool, str]:
    """Whether *new* supersedes *old*, and why — phrased about the winner, so it reads the
    same whichever of the two it is printed beside."""
    a, b = new.report_date, old.report_date
    if a and b and a != b:
        late, early = max(a, b), min(a, b)
        return a > b, f"报告日期{dates.shown_iso(late)}晚于{dates.shown_iso(early)}"
    a, b = new.exported_at, old.exported_at
    if a and b and a != b:
        return a > b, "报告日期相同，以导出时间较晚的为准"
    if new.source_mtime and old.source_mtime and new.source_mtime != old.source_mtime:
        return new.source_mtime > old.source_mtime, "报告日期相同，以文件修改时间较晚的为准"
    return True, "报告日期相同，以后导入的为准"
