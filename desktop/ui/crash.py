"""Errors nobody foresaw, in the window: logged to a file, told in Chinese, never as raw text.

:func:`install` gives the application a ``sys.excepthook`` (an exception escaping a slot or an
event handler lands there in PySide6) and a ``threading.excepthook``: the traceback goes to a
log file in the data folder (:mod:`desktop.crashlog`) and the clerk sees one Chinese dialog
naming that file. :func:`describe` is what a window shows for an exception a background job
reported: the message of a :class:`~desktop.errors.UserError` as it is, anything else logged
and summed up — a window never shows ``maximum recursion depth exceeded``.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QWidget

from desktop import crashlog
from desktop.errors import UserError
from desktop.ui import dialogs

_showing = False


def describe(exc: BaseException, context: str = "") -> str:
    """The Chinese text to show for *exc*: its own message if it is one, else a log file."""
    if isinstance(exc, UserError):
        return str(exc)
    log = crashlog.write(type(exc), exc, exc.__traceback__, context)
    return crashlog.message(log)


def handle(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    parent: QWidget | None = None,
) -> None:
    """Log *exc* and show one dialog (never a second one while the first is open)."""
    global _showing
    log = crashlog.write(exc_type, exc, tb, "窗口")
    if _showing:
        return
    _showing = True
    try:
        dialogs.error(parent, "程序出错", crashlog.message(log))
    except Exception:  # noqa: BLE001 - the dialog failing must not raise inside the hook
        pass
    finally:
        _showing = False


def install(parent: Callable[[], QWidget | None] = lambda: None) -> None:
    """Route uncaught exceptions of the GUI (and of any thread) to :func:`handle`."""

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        handle(exc_type, exc, tb, parent())

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        # Off the GUI thread no dialog may be shown: the log is written, the job that failed
        # reports through its own callback.
        if args.exc_value is not None:
            crashlog.write(args.exc_type, args.exc_value, args.exc_traceback, "后台线程")

    sys.excepthook = hook
    threading.excepthook = thread_hook
