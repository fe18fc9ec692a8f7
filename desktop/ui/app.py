"""Start the wizard: QApplication in Chinese with Fusion style, the store, the main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop import APP_ID, APP_NAME, ORG_NAME, __version__, paths


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0], *(argv or [])])
    configure(app)
    return app  # type: ignore[return-value]


def configure(app: QApplication) -> None:
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    # Fusion everywhere: Windows 11's default style is buggy and screenshots match Windows.
    app.setStyle("Fusion")
    from desktop.ui import plaintext

    plaintext.install(app)  # every tooltip shows its text as plain text
    if not getattr(app, "_zwgk_collector", None):
        from desktop.ui.collector import GuiThreadCollector

        # Reference cycles are collected on this thread only: never a widget off it.
        app._zwgk_collector = GuiThreadCollector(app)  # type: ignore[attr-defined]
    icon = paths.resource_root() / "packaging" / "icon" / "zwgk.png"
    if icon.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    if not getattr(app, "_zwgk_translator", None):
        translator = QTranslator(app)
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load("qtbase_zh_CN", path):
            app.installTranslator(translator)
        app._zwgk_translator = translator  # type: ignore[attr-defined]


def run(argv: list[str], exit_fast: bool = False) -> int:
    """The wizard until its window closes; the exit code. With *exit_fast* (the program's own
    start, not a test) the process ends as soon as everything is saved and closed."""
    app = make_app(argv)
    from PySide6.QtCore import QThreadPool, QTimer

    from desktop.ui.main_window import MainWindow

    window = MainWindow()
    from desktop.ui import crash

    crash.install(lambda: window)  # an unexpected error: a log file and a Chinese dialog
    window.show()
    probe = "--quit-when-shown" in argv  # start-up benchmark and the packaged build's smoke test
    if probe:
        QTimer.singleShot(0, lambda: print("shown", flush=True))
    state = {"code": 0, "store": None}

    def load() -> None:
        code = attach_data(window, state)
        if code:
            state["code"] = code
            app.quit()
        elif probe:
            print(f"ready {window.windowTitle()}", flush=True)
            app.quit()

    QTimer.singleShot(0, load)
    code = app.exec()
    # Work started before the window closed (a report being written) finishes first.
    QThreadPool.globalInstance().waitForDone(60_000)
    if state["store"] is not None:
        state["store"].close()
    result = state["code"] or code
    if exit_fast:
        exit_now(result)
    return result


def exit_now(code: int) -> None:
    """End the process without tearing down every widget and module one by one: the answers
    are committed, the store closed (its backup made, its lock released), the settings written
    atomically. That teardown kept the process — and its lock, which makes a quick restart
    read-only — alive for seconds after the window had gone on an office PC
    (bench/bench_shutdown.py)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def attach_data(window, state: dict) -> int:
    """Open the store and the data files, then fill the window. Non-zero: could not start."""
    from desktop.services import open_services
    from desktop.store import StoreError
    from desktop.ui import dialogs

    try:
        services, opening_notices = open_services()
    except StoreError as exc:
        dialogs.error(window, "无法打开数据", str(exc))
        return 1
    state["store"] = services.store
    from desktop.ui.main_window import show_notices

    try:
        services.directory()
        services.form(services.catalogue("dalian-2016"))
    except Exception as exc:  # noqa: BLE001 - a broken data file must say which and why
        dialogs.error(window, "数据文件有误", f"程序自带的数据文件有误，无法启动：{exc}")
        return 1
    window.attach(services)
    window.resume_last()
    notices = opening_notices + services.directory().notices
    show_notices(window, notices)
    return 0
