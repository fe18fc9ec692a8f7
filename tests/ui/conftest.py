"""GUI test fixtures: one configured QApplication (Fusion, Chinese), Qt test mode, and a
dialog responder so no test can hang on a modal ``exec()``."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths

from desktop.ui import dialogs

QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(scope="session")
def qapp(qapp_args, qapp_cls, pytestconfig):  # pytest-qt's signature, all three unused
    from desktop.ui.app import make_app

    return make_app()


class DialogAnswers:
    """Answers for the dialogs a test expects; an unexpected dialog fails the test."""

    def __init__(self) -> None:
        self.queue: list[tuple[str, Any]] = []
        self.seen: list[tuple[str, str, str]] = []

    def expect(self, kind: str, answer: Any = None) -> None:
        self.queue.append((kind, answer))

    def __call__(self, kind: str, title: str, text: str, options: dict) -> Any:
        self.seen.append((kind, title, text))
        if not self.queue:
            raise AssertionError(f"unexpected {kind} dialog: {title}: {text}")
        want, answer = self.queue.pop(0)
        if want != kind:
            raise AssertionError(f"expected a {want} dialog, got {kind}: {title}: {text}")
        return answer(options) if isinstance(answer, Callable) else answer


@pytest.fixture(autouse=True)
def answers() -> DialogAnswers:
    responder = DialogAnswers()
    dialogs.set_responder(responder)
    yield responder
    dialogs.set_responder(None)


@pytest.fixture
def open_services(data_dir: Path):
    """Open the real store in the test's data dir; returns a factory (call again to reopen)."""
    from desktop.services import Services
    from desktop.settings import Settings
    from desktop.store import open_store

    opened_stores = []

    def factory() -> Services:
        opened = open_store(data_dir)
        opened_stores.append(opened.store)
        return Services(opened.store, Settings())

    yield factory
    for store in opened_stores:
        store.close()


def type_text(qtbot, widget, text: str) -> None:
    """Type like a clerk: ASCII through key presses, Chinese through the input method (IME
    commit events, as Pinyin input delivers it). QTest's key clicks only know ASCII."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    run = ""
    for ch in text + "\0":
        if ch != "\0" and ch.isascii() == (run.isascii() if run else ch.isascii()):
            run += ch
            continue
        if run:
            if run.isascii():
                qtbot.keyClicks(widget, run)
            else:
                event = QInputMethodEvent("", [])
                event.setCommitString(run)
                QApplication.sendEvent(widget, event)
        run = ch if ch != "\0" else ""


def listed_files(qtbot, dialog) -> set[str]:
    """The file names a real (Qt-drawn) file dialog lists in its folder with its current
    filter: what a clerk would see. A filter Qt cannot parse (full-width brackets) lists none."""
    from PySide6.QtWidgets import QFileDialog, QListView

    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.show()
    view = dialog.findChild(QListView, "listView")
    model = view.model()
    folder = dialog.directory().absolutePath()
    try:  # the folder is read in the background
        qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) > 0, timeout=3000)
    except qtbot.TimeoutError:
        pass  # nothing listed
    root = view.rootIndex()
    names = {model.index(r, 0, root).data() for r in range(model.rowCount(root))}
    dialog.hide()
    return {n for n in names if not os.path.isdir(os.path.join(folder, n))}
