"""A final report whose cooperating units' parts changed becomes a draft again.

Collecting, removing or restoring parts changes what the lead's report says (its 配合单位落实情况
table, the sums it offers), so the rule of every edit holds: the report is a draft and its
保密审查 confirmation is withdrawn. The wizard applies it through its session
(:meth:`desktop.session.ReportSession.parts_changed`, so the window shows it); the command line,
which has no session, through :func:`reopen_if_final`.
"""

from __future__ import annotations

from desktop.answers import DRAFT, FINAL, REVIEW
from desktop.store.repository import Store

REOPENED_NOTE = "本报告原已定稿，配合单位材料有变动，已回到草稿：请重新确认保密审查后再定稿。"


def reopen_if_final(store: Store, report_id: int) -> bool:
    """Make a final report a draft with its 保密审查 unticked, in one transaction (the caller's,
    when it has one open). True when it was final."""
    if store.report_info(report_id).status != FINAL:
        return False
    with store.transaction():
        store.save_fields(report_id, [(REVIEW, "confirmed", False)])
        store.set_status(report_id, DRAFT)
    return True
