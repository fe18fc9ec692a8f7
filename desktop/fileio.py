"""Writing files so that a failure never leaves half a file, and says why in Chinese.

Every file the program produces (.docx, .json, .xlsx, catalogues) goes through
:func:`atomic_write`: a temporary file in the same folder, flushed to disk, then renamed over
the target. A target held open by Word/WPS (``PermissionError`` on Windows), a read-only folder
or a full disk becomes a :class:`FileWriteError` whose message says what to do, with a
suggested free name when the target is locked.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from pathlib import Path

from desktop import oserrors
from desktop.errors import UserError


class FileWriteError(UserError):
    def __init__(self, message: str, path: Path, suggestion: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.suggestion = suggestion


def free_name(path: Path) -> Path:
    """``报告.docx`` → ``报告(2).docx`` (the first that does not exist)."""
    for n in range(2, 1000):
        candidate = path.with_name(f"{path.stem}({n}){path.suffix}")
        if not candidate.exists():
            return candidate
    return path.with_name(f"{path.stem}-{os.getpid()}{path.suffix}")


# Windows maps these names to devices whatever the extension: "NUL.docx" opens the null
# device, so a report "saved" there is silently lost, and "CON.docx" fails oddly. Refused on
# every platform, since a file made on Linux under such a name cannot be opened on Windows.
_RESERVED_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)]
)


def is_reserved_name(path: Path) -> bool:
    """True for ``CON``, ``nul.docx``, ``COM1 .txt`` … (the part before the first dot)."""
    return path.name.split(".", 1)[0].rstrip(" ").upper() in _RESERVED_NAMES


def reserved_name_error(path: Path, what: str = "文件") -> FileWriteError:
    base, dot, rest = path.name.partition(".")
    alt = path.with_name(f"{base.rstrip(' ')}-{what}{dot}{rest}")
    return FileWriteError(
        f"“{path.name}”是 Windows 保留的设备名，不能用作文件名（保存后文件并不存在）。"
        f"请换一个文件名，如“{alt.name}”。",
        path,
        alt,
    )


def _too_long(exc: OSError, path: Path) -> bool:
    """Windows reports a name past 255 characters as ERROR_FILENAME_EXCED_RANGE (206), which
    Python maps to ENOENT, "folder not found", or as a path that is not there."""
    return getattr(exc, "winerror", None) == 206 or len(path.name) > 255


def describe_os_error(exc: OSError, path: Path, what: str = "文件") -> FileWriteError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return FileWriteError(
            f"磁盘空间已满，无法保存{what}“{path.name}”。请清理磁盘或换一个位置保存。", path
        )
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if path.exists() and not os.access(path.parent, os.W_OK):
            return FileWriteError(
                f"文件夹“{path.parent}”是只读的，无法保存{what}。请换一个文件夹保存。", path, None
            )
        if path.exists():
            alt = free_name(path)
            return FileWriteError(
                f"{what}“{path.name}”正被其他程序（如 Word、WPS）打开，无法覆盖。"
                f"请关闭该文件后重试，或另存为“{alt.name}”。",
                path,
                alt,
            )
        return FileWriteError(
            f"没有权限在文件夹“{path.parent}”中保存{what}。请换一个文件夹（如“文档”或桌面）保存。",
            path,
        )
    if exc.errno == errno.ENOENT and not _too_long(exc, path):
        return FileWriteError(f"文件夹“{path.parent}”不存在，无法保存{what}。", path)
    if _too_long(exc, path):
        exc = OSError(errno.ENAMETOOLONG, exc.strerror, str(path))
    return FileWriteError(oserrors.message(exc, path.name, f"保存{what}"), path)


def check_target(path: Path, what: str = "文件") -> Path:
    """*path* if a file may be written there, else :class:`FileWriteError`.

    Only regular files are written: not a folder (``--out .``, ``--out /``, ``--out ""``, an
    existing folder — which used to become ``folder.docx`` beside it), not a device or pipe
    (``/dev/full`` as root used to be *replaced* by a file), not into a folder that is missing.
    """
    path = Path(path)
    if is_reserved_name(path):  # before stat: on Windows it would find the device itself
        raise reserved_name_error(path, what)
    if path.name in ("", ".", ".."):
        raise FileWriteError(
            f"“{path}”不是文件名。请给出要保存的{what}的文件名，如“报告.docx”。", path
        )
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise describe_os_error(exc, path, what) from exc
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise FileWriteError(
            f"“{path}”是一个文件夹，不能作为{what}的文件名。请换一个文件名。", path
        )
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise FileWriteError(
            f"“{path}”不是普通文件（是设备或其他特殊文件），不能把{what}写到这里。请换一个文件名。",
            path,
        )
    if not path.parent.is_dir():
        raise FileWriteError(
            f"文件夹“{path.parent}”不存在，无法保存{what}。请先建立这个文件夹，或换一个位置。",
            path,
        )
    return path


def temp_file_beside(path: Path) -> tuple[int, str]:
    """A new, empty temporary file in *path*'s folder: (descriptor, name).

    Not ``tempfile.mkstemp``: on Windows it takes "access denied" for a name clash and tries the
    next name, up to ``TMP_MAX`` (2**31 - 1) times, so a folder the user may not write to
    (an ACL, a locked-down share) would hang the export instead of saying so.
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = os.path.join(path.parent, f".{path.stem}.{secrets.token_hex(4)}.tmp")
        try:
            # 0o666 less the umask: the mode any program's new file gets (a report the clerk
            # shares must be readable like any other file, not 0o600 as mkstemp makes it).
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "没有可用的临时文件名", str(path.parent))


def atomic_write(path: Path, data: bytes, what: str = "文件") -> None:
    """Write *data* to *path* all-or-nothing. Raises :class:`FileWriteError`.

    Only a regular file (new or existing) is ever written: :func:`check_target`; never one
    under a Windows device name (:func:`is_reserved_name`).
    """
    path = check_target(Path(path), what)
    tmp_name = None
    try:
        fd, tmp_name = temp_file_beside(path)
        if path.is_file():
            shutil.copymode(path, tmp_name)  # a replaced file keeps its permissions
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise describe_os_error(exc, path, what) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
