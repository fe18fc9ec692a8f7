"""Bounded reading of a file that came from elsewhere.

``path.read_bytes()`` trusts the file: ``/dev/zero`` (or a FIFO, or a device on Windows) has a
size of 0 in ``stat()`` and never ends; a 500 MB file is read whole before anyone looks at its
size. :func:`read_bounded` reads only regular files and never more than the limit (+1 byte, to
know it was exceeded), whatever ``stat()`` claims, and says what went wrong in Chinese.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from desktop.errors import UserError
from desktop.oserrors import advice, reason


class UnreadableFile(UserError, ValueError):
    """The file cannot be read as input. ``str()`` is one Chinese sentence naming the file;
    ``reason`` is the same without the name (for lists that already show it)."""

    def __init__(self, path: Path, reason: str, what: str = "文件") -> None:
        super().__init__(f"无法读取{what}“{path}”：{reason}")
        self.path = path
        self.reason = reason


def _size_text(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit // (1024 * 1024)} MB"
    return f"{max(1, limit // 1024)} KB"


def check_regular(path: Path, what: str = "文件") -> os.stat_result:
    """``stat()`` of *path*, or :class:`UnreadableFile` when it is missing, a folder, or not a
    regular file (a device such as ``/dev/zero``, a pipe, a socket)."""
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise UnreadableFile(path, f"{reason(exc)}。{advice(exc)}。", what) from exc
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableFile(path, f"这是一个文件夹，不是{what}。请选择文件本身。", what)
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableFile(
            path,
            "这不是普通文件（是设备、管道或其他特殊文件）。请选择保存在磁盘上的文件。",
            what,
        )
    return st


def read_bounded(path: str | os.PathLike[str], limit: int, what: str = "文件") -> bytes:
    """The bytes of the regular file *path*, at most *limit* of them.

    Raises :class:`UnreadableFile` for a missing file, a folder, a device or pipe, a file over
    *limit* bytes (checked on what is read, not on ``stat()``), or any read error.
    """
    path = Path(path)
    st = check_regular(path, what)
    too_big = UnreadableFile(
        path,
        f"文件过大（超过 {_size_text(limit)}），不像是本程序能读取的{what}，已拒绝读取。",
        what,
    )
    if st.st_size > limit:
        raise too_big
    try:
        with open(path, "rb") as fh:
            # fstat again on the opened file: the name may have been swapped since stat().
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise UnreadableFile(path, "这不是普通文件。请选择保存在磁盘上的文件。", what)
            data = fh.read(limit + 1)
    except OSError as exc:
        raise UnreadableFile(path, f"{reason(exc)}。{advice(exc)}。", what) from exc
    if len(data) > limit:
        raise too_big
    return data
