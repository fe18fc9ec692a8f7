"""What can go wrong with the store, as one exception with a Chinese message and a ``kind``.

The UI shows ``str(error)`` as is and may branch on ``kind``:

* ``full``      the disk is full (SQLITE_FULL / ENOSPC);
* ``readonly``  the data folder or database cannot be written (or the store was opened read-only);
* ``locked``    another window holds the data; this one may only read;
* ``newer``     the database was written by a newer version of the program;
* ``corrupt``   the database is damaged and could not be repaired here;
* ``too_large`` one value is over the size limit;
* ``missing``   (read-only opening only) there is no database yet;
* ``no_report`` the report asked for is not in the database (:class:`ReportNotFound`);
* ``io``        any other disk or SQLite failure.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from desktop.errors import UserError

KINDS = (
    "full",
    "readonly",
    "locked",
    "newer",
    "corrupt",
    "too_large",
    "missing",
    "no_report",
    "io",
)

# Primary SQLite result codes (sqlite.org/rescode.html); Python 3.11 exposes the extended code.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class StoreError(UserError):
    """User-facing Chinese message in ``str()``; ``kind`` tells the UI what happened."""

    def __init__(self, message: str, kind: str = "io") -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown StoreError kind {kind!r}")
        super().__init__(message)
        self.kind = kind


class ReportNotFound(StoreError, KeyError):
    """No report with that id. Also a ``KeyError``: asking for it is the caller's mistake, but
    one the clerk may still meet (a list shown before another window changed the data)."""

    def __init__(self, report_id: int) -> None:
        super().__init__(
            f"找不到这份报告（编号 {report_id}），它可能已被其他窗口删除或替换。请回到开始页重新选择。",
            "no_report",
        )
        self.report_id = report_id

    __str__ = Exception.__str__  # KeyError would quote the message


NOT_SAVED = "刚才的修改没有保存"


def full_message(writing: bool = True, what: str = "数据文件") -> str:
    if not writing:  # at start: nothing was lost, the file could not even be opened
        return (
            f"磁盘空间已满，无法打开{what}（之前保存的内容都还在）。"
            "请删除不需要的文件、清空回收站，腾出空间后重新打开程序。"
        )
    return (
        f"磁盘空间已满，{NOT_SAVED}（之前保存的内容都还在）。"
        "请删除不需要的文件、清空回收站，腾出空间后再保存。"
    )


def from_sqlite(
    exc: sqlite3.Error, path: Path, *, writing: bool = True, what: str = "数据文件"
) -> StoreError:
    """Translate a sqlite3 exception into a StoreError the clerk can act on.

    *what* names the file in the message (数据文件 for answers.db, 汇总数据库 for office.db).
    """
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    lost = f"{NOT_SAVED}（之前保存的内容都还在）。" if writing else ""
    if primary == SQLITE_FULL or "disk is full" in str(exc):
        return StoreError(full_message(writing, what), "full")
    if primary in (SQLITE_READONLY, SQLITE_PERM):
        return StoreError(
            f"{what}“{path}”不能写入，{lost}请检查数据文件夹的权限，"
            "或用 --data-dir 把数据文件夹改到可写的位置（如“文档”）。",
            "readonly",
        )
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError(
            f"{what}正被另一个程序窗口占用，{lost}请关闭另一个填报或汇总窗口后重试。",
            "locked",
        )
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return StoreError(
            f"{what}“{path}”已损坏，{lost}请关闭程序后重新打开：程序会自动从备份恢复。",
            "corrupt",
        )
    if primary in (SQLITE_IOERR, SQLITE_CANTOPEN) and _disk_nearly_full(path):
        # A disk already full when the program starts fails as "disk I/O error" or "unable to
        # open database file" (the -wal/-shm cannot be created), not as SQLITE_FULL.
        return StoreError(full_message(writing, what), "full")
    return StoreError(
        f"读写{what}“{path}”时出错（{describe(exc)}），{lost}请检查磁盘后重试。",
        "io",
    )


def _disk_nearly_full(path: Path, margin: int = 1024 * 1024) -> bool:
    folder = Path(path).parent
    try:
        return shutil.disk_usage(folder if folder.is_dir() else folder.parent).free < margin
    except OSError:
        return False


_SQLITE_REASONS = {
    SQLITE_PERM: "没有写入权限",
    SQLITE_BUSY: "文件正被另一个程序占用",
    SQLITE_LOCKED: "文件正被另一个程序占用",
    SQLITE_READONLY: "文件不能写入",
    SQLITE_IOERR: "磁盘读写出错",
    SQLITE_CORRUPT: "文件已损坏",
    SQLITE_FULL: "磁盘空间已满",
    SQLITE_CANTOPEN: "无法打开文件（文件夹不存在、没有权限或路径有误）",
    SQLITE_NOTADB: "不是数据库文件",
    7: "内存不足",  # SQLITE_NOMEM
    18: "内容过大",  # SQLITE_TOOBIG
    9: "操作被中断",  # SQLITE_INTERRUPT
}


def describe(exc: BaseException) -> str:
    """A short Chinese reason for any error met while handling a database file — never the
    English text of SQLite or the operating system."""
    from desktop import oserrors
    from desktop.errors import UserError

    if isinstance(exc, OSError):
        return oserrors.reason(exc)
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary in _SQLITE_REASONS:
            return _SQLITE_REASONS[primary]
        return f"数据库出错（错误代码 {code}）" if code else "数据库出错"
    if isinstance(exc, UserError):
        return str(exc)
    return f"程序内部错误（{type(exc).__name__}）"


def from_os(exc: OSError, path: Path, what: str = "数据文件夹") -> StoreError:
    """Translate an OSError met while preparing the data folder."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreError(full_message(), "full")
    if isinstance(exc, (FileExistsError, NotADirectoryError)) or exc.errno in (
        errno.EEXIST,
        errno.ENOTDIR,
    ):
        return StoreError(
            f"{what}“{path}”的位置上已有一个同名文件，不是文件夹，无法保存数据。"
            "请用 --data-dir 指定另一个文件夹，或把这个文件改名。",
            "readonly",
        )
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(
            f"{what}“{path}”是只读的，无法保存填写的内容。"
            "请用 --data-dir 把数据文件夹改到可写的位置（如“文档”），或请管理员开通写权限。",
            "readonly",
        )
    from desktop import oserrors

    return StoreError(
        f"无法使用{what}“{path}”：{oserrors.reason(exc)}。{oserrors.advice(exc)}。", "io"
    )
