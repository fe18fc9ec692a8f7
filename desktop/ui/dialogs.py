"""Every modal question goes through here, so tests can answer it instead of blocking.

Production code calls ``dialogs.ask(...)`` etc.; a test installs a responder with
:func:`set_responder` that receives (kind, title, text, options) and returns the answer.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

Responder = Callable[[str, str, str, dict], Any]
_responder: Responder | None = None


def set_responder(responder: Responder | None) -> None:
    global _responder
    _responder = responder


def _answer(kind: str, title: str, text: str, options: dict) -> tuple[bool, Any]:
    if _responder is not None:
        return True, _responder(kind, title, text, options)
    return False, None


def info(parent: QWidget | None, title: str, text: str) -> None:
    handled, _ = _answer("info", title, text, {})
    if not handled:
        QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    handled, _ = _answer("warn", title, text, {})
    if not handled:
        QMessageBox.warning(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    handled, _ = _answer("error", title, text, {})
    if not handled:
        QMessageBox.critical(parent, title, text)


def ask(parent: QWidget | None, title: str, text: str, buttons: list[str], default: int = 0) -> int:
    """Ask with custom Chinese buttons; returns the index of the chosen one (-1 if closed)."""
    handled, value = _answer("ask", title, text, {"buttons": buttons})
    if handled:
        return int(value)
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    made = [box.addButton(b, QMessageBox.ButtonRole.ActionRole) for b in buttons]
    box.setDefaultButton(made[default])
    box.exec()
    clicked = box.clickedButton()
    return made.index(clicked) if clicked in made else -1


def filter_patterns(name_filter: str) -> list[str]:
    """``Word 文档 (*.docx)`` → ``["docx"]``: the extensions one filter of a file dialog offers.
    Qt reads patterns only inside ASCII brackets — ``（*.docx）`` lists no file at all."""
    match = re.search(r"\(([^()]*)\)\s*$", name_filter)
    if match is None:
        return []
    return [p[2:].lower() for p in match.group(1).split() if p.startswith("*.") and p != "*.*"]


def with_extension(path: str, name_filter: str) -> str:
    """*path* ending in an extension the filter offers; the first one added when it has none
    of them (a clerk types “2016年汇总表” and means 2016年汇总表.xlsx)."""
    wanted = filter_patterns(name_filter)
    if not path or not wanted:
        return path
    suffix = os.path.splitext(path)[1][1:].lower()
    return path if suffix in wanted else f"{path}.{wanted[0]}"


def file_dialog(
    parent: QWidget | None, title: str, start: str, filters: str, mode: str
) -> QFileDialog:
    """The dialog as the clerk gets it: title, start folder (and suggested name), filters.

    *mode* is "save", "open", "open_many" or "folder". Built here, once, so a test inspects the
    very dialog a clerk would see (its filters, folder and default suffix) instead of a stub.
    """
    dialog = QFileDialog(parent, title)
    if mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setDirectory(start)
        return dialog
    dialog.setNameFilter(filters)
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        wanted = filter_patterns(filters.split(";;", 1)[0])
        if wanted:
            dialog.setDefaultSuffix(wanted[0])
    else:
        many = mode == "open_many"
        dialog.setFileMode(
            QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile
        )
    if start and not os.path.isdir(start):
        dialog.setDirectory(os.path.dirname(start) or ".")
        dialog.selectFile(os.path.basename(start))
    elif start:
        dialog.setDirectory(start)
    return dialog


def _chosen(dialog: QFileDialog) -> list[str]:
    return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []


def save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> str:
    """Where to save: *suggested* is a full path (folder + name). The path returned always ends
    in an extension of the chosen filter ('' when cancelled)."""
    dialog = file_dialog(parent, title, suggested, filters, "save")
    handled, value = _answer("save_path", title, suggested, {"filters": filters, "dialog": dialog})
    chosen = (value or "") if handled else next(iter(_chosen(dialog)), "")
    name_filter = dialog.selectedNameFilter() or filters.split(";;", 1)[0]
    dialog.deleteLater()
    return with_extension(chosen, name_filter)


def open_paths(
    parent: QWidget | None, title: str, start: str, filters: str, many: bool = False
) -> list[str]:
    dialog = file_dialog(parent, title, start, filters, "open_many" if many else "open")
    handled, value = _answer(
        "open_paths", title, start, {"filters": filters, "many": many, "dialog": dialog}
    )
    chosen = list(value or []) if handled else _chosen(dialog)
    dialog.deleteLater()
    return chosen if many else chosen[:1]


def directory(parent: QWidget | None, title: str, start: str) -> str:
    dialog = file_dialog(parent, title, start, "", "folder")
    handled, value = _answer("directory", title, start, {"dialog": dialog})
    chosen = (value or "") if handled else next(iter(_chosen(dialog)), "")
    dialog.deleteLater()
    return chosen


def run_dialog(dialog: Any) -> int:
    """``dialog.exec()``, unless a test answers it (responder gets kind "dialog")."""
    handled, value = _answer("dialog", dialog.windowTitle(), "", {"dialog": dialog})
    if handled:
        return int(value)
    return dialog.exec()
