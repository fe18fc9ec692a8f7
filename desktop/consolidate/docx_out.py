"""The 汇总报告 as a Word file, rendered by the team's report writer (``desktop.report``).

UNFINISHED until the report writer is on main: :func:`write_docx` raises
:class:`ReportWriterMissing` rather than produce a stand-in document. The words are ready in
:mod:`.summary_doc`; this module only maps them onto the writer's blocks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.consolidate.service import Consolidation


class ReportWriterMissing(Exception):
    """The Word report writer is not part of this build yet."""


def available() -> bool:
    """Whether this build can write the 汇总报告 (the UI disables its button otherwise)."""
    import importlib.util

    return importlib.util.find_spec("desktop.report") is not None and False


def write_docx(c: Consolidation, path: Path) -> Path:
    try:
        import desktop.report  # noqa: F401
    except ModuleNotFoundError as exc:
        raise ReportWriterMissing(
            "本版本尚不能生成汇总报告（Word），请先导出汇总表（Excel）。"
        ) from exc
    raise ReportWriterMissing("本版本尚不能生成汇总报告（Word），请先导出汇总表（Excel）。")
