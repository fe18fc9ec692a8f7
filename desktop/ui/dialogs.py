"""Every modal question goes through here, so tests can answer it instead of blocking.

Production code calls ``dialogs.ask(...)`` etc.; a test installs a responder with
:func:`set_responder` that receives (kind, title, text, options) and returns the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

Responder = Callable[[str, str, str, dict], Any]
_responder: Responder | None = None
log: list[tuple[str, str, str]] = []  # every dialog shown: (kind, title, text)


def set_responder(responder: Responder | None) -> None:
    global _responder
    _responder = responder


def _answer(kind: str, title: str, text: str, options: dict) -> tuple[bool, Any]:
    log.append((kind, title, text))
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


def save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> str:
    handled, value = _answer("save_path", title, suggested, {"filters": filters})
    if handled:
        return value or ""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path


def open_paths(
    parent: QWidget | None, title: str, start: str, filters: str, many: bool = False
) -> list[str]:
    handled, value = _answer("open_paths", title, start, {"filters": filters, "many": many})
    if handled:
        return list(value or [])
    if many:
        paths, _ = QFileDialog.getOpenFileNames(parent, title, start, filters)
        return paths
    path, _ = QFileDialog.getOpenFileName(parent, title, start, filters)
    return [path] if path else []


def directory(parent: QWidget | None, title: str, start: str) -> str:
    handled, value = _answer("directory", title, start, {})
    if handled:
        return value or ""
    return QFileDialog.getExistingDirectory(parent, title, start)


def run_dialog(dialog: Any) -> int:
    """``dialog.exec()``, unless a test answers it (responder gets kind "dialog")."""
    handled, value = _answer("dialog", dialog.windowTitle(), "", {"dialog": dialog})
    if handled:
        return int(value)
    return dialog.exec()
