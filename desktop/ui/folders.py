"""The folder each file dialog opens in: the one last used for the same purpose (remembered in
settings, so it survives a restart), else the user's 文档 folder — never the program's own
folder or wherever the process happened to start."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from desktop.fileio import FileWriteError
from desktop.settings import Settings

# Purposes: each dialog family remembers its own folder (reports received ≠ where 汇总表 go).
REPORT = "report"  # the unit's Word report
EXCHANGE = "exchange"  # exchange files (.json) in and out
TEMPLATE = "template"  # the unit's Word template
YAODIAN = "yaodian"  # a new 要点 file
OFFICE_IMPORT = "office_import"  # reports received by 市政府办公厅
OFFICE_EXPORT = "office_export"  # 汇总表 / 汇总报告
PARTS_OUT = "parts_out"  # a 配合 unit's parts for its lead units
PARTS_IN = "parts_in"  # parts a lead unit collects


def documents() -> str:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found if found and os.path.isdir(found) else str(Path.home())


class Folders:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def start(self, purpose: str) -> str:
        remembered = self.settings.get("recent_dirs").get(purpose)
        if purpose == REPORT and not remembered:
            remembered = self.settings.get("export_dir")  # kept by earlier versions
        if isinstance(remembered, str) and remembered and os.path.isdir(remembered):
            return remembered
        return documents()

    def suggest(self, purpose: str, name: str) -> str:
        """A full path for a save dialog: the purpose's folder and *name*."""
        return str(Path(self.start(purpose)) / name)

    def remember(self, purpose: str, chosen: str) -> None:
        """Remember the folder of *chosen* (a file, or a folder itself) for next time."""
        if not chosen:
            return
        folder = chosen if os.path.isdir(chosen) else os.path.dirname(chosen)
        recent = dict(self.settings.get("recent_dirs"))
        if not folder or recent.get(purpose) == folder:
            return
        recent[purpose] = folder
        try:
            self.settings.set("recent_dirs", recent)
        except (FileWriteError, OSError):
            pass  # a remembered folder is a convenience, never worth an error box
