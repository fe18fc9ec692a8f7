"""What happens to an error nobody foresaw: a log file for the technician, one Chinese line for
the clerk. Never a Python traceback on a clerk's screen.

Used by the command line's catch-all (:func:`desktop.cli.main`) and the window's
``sys.excepthook`` (:mod:`desktop.ui.crash`). The log goes to ``logs/`` in the data folder; when
that folder cannot be written (full disk, ``--data-dir`` pointing at a file), to the system's
temporary folder. Writing the log never raises.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from desktop import __version__, paths

LOGS_DIR = "logs"
KEEP_LOGS = 50  # older logs are removed, so a crash loop cannot fill the disk
EXIT_INTERNAL = 3  # the command line's exit code for an unexpected error


def _candidates() -> list[Path]:
    out = []
    try:
        out.append(paths.data_dir() / LOGS_DIR)
    except Exception:  # noqa: BLE001 - the data folder itself may be what is broken
        pass
    out.append(Path(tempfile.gettempdir()) / "zwgk-report-logs")
    return out


def write(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    context: str = "",
) -> Path | None:
    """Write one log file about *exc*; its path, or None if no folder could take it."""
    stamp = datetime.now()
    text = "".join(
        [
            f"时间：{stamp.isoformat(timespec='seconds')}\n",
            f"程序版本：{__version__}\n",
            f"Python：{sys.version.split()[0]}，{platform.platform()}\n",
            f"命令行：{' '.join(sys.argv)}\n",
            f"场合：{context}\n" if context else "",
            "\n",
            *traceback.format_exception(exc_type, exc, tb),
        ]
    )
    for folder in _candidates():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"error-{stamp:%Y%m%d-%H%M%S}-{os.getpid()}.log"
            with open(path, "a", encoding="utf-8", errors="backslashreplace") as fh:
                fh.write(text)
            _prune(folder)
            return path
        except Exception:  # noqa: BLE001 - logging an error must never raise another
            continue
    return None


def _prune(folder: Path) -> None:
    logs = sorted(folder.glob("error-*.log"))
    for old in logs[:-KEEP_LOGS]:
        try:
            old.unlink()
        except OSError:
            pass


def message(log: Path | None) -> str:
    """The one line the clerk reads."""
    if log is None:
        return (
            "程序内部出错，这不是您操作的问题。请重新打开程序再试；如仍出错，请联系技术支持人员。"
        )
    return (
        f"程序内部出错，这不是您操作的问题。详细情况已记录在“{log}”，请把这个文件发给技术支持人员。"
    )
