"""The window part of ``smoke --gui``: start the real window offscreen, as
``python main.py --quit-when-shown`` does, and report what happened.

Lives in the UI package so the self-test command itself stays Qt-free; the command judges the
:class:`WindowCheck` and words the verdict.
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)

from desktop import paths
from desktop.ui import dialogs
from desktop.ui.app import make_app, run

# Messages of Qt's offscreen platform (no window manager), the same pytest.ini ignores.
OFFSCREEN_NOISE = (
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)


@dataclass
class WindowCheck:
    code: int  # the window's exit code
    lines: list[str]  # what it printed (``shown``, ``ready …``)
    timed_out: bool
    dialogs: list[str] = field(default_factory=list)  # "title：text" of every dialog shown
    qt_messages: list[str] = field(default_factory=list)  # Qt warnings, offscreen noise left out
    translations: Path = Path()  # where Qt looks for its Chinese translation
    cancel: str = ""  # Qt's own "Cancel" in the language it loaded


def start_window(timeout_s: int) -> WindowCheck:
    """Start the window offscreen on the current data directory and let it quit when shown."""
    os.environ.update(paths.offscreen_qt_env())  # on Windows also the fonts folder
    shown_dialogs: list[str] = []

    def responder(kind: str, title: str, text: str, options: dict) -> Any:
        # A dialog at start-up means something is wrong; answer so nothing blocks.
        shown_dialogs.append(f"{title}：{text}")
        return -1 if kind == "ask" else None

    dialogs.set_responder(responder)
    app = make_app([])
    timed_out: list[bool] = []

    def watchdog() -> None:
        timed_out.append(True)
        app.exit(3)

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(watchdog)
    timer.start(timeout_s * 1000)
    qt_messages: list[str] = []

    def on_message(kind: QtMsgType, _context: object, text: str) -> None:
        # The offscreen platform cannot do some window-manager things; that is expected.
        if kind != QtMsgType.QtDebugMsg and not text.startswith(OFFSCREEN_NOISE):
            qt_messages.append(text)

    previous_handler = qInstallMessageHandler(on_message)
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            code = run(["--quit-when-shown"])
    finally:
        timer.stop()
        dialogs.set_responder(None)
        qInstallMessageHandler(previous_handler)
    return WindowCheck(
        code=code,
        lines=buf.getvalue().splitlines(),
        timed_out=bool(timed_out),
        dialogs=shown_dialogs,
        qt_messages=qt_messages,
        translations=Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        cancel=QCoreApplication.translate("QPlatformTheme", "Cancel"),
    )
