"""One mapping from an operating-system error to plain Chinese.

Python's ``OSError`` carries the C library's English (``Is a directory``, ``File name too
long``, ``[Errno 17] File exists``) and on Windows the system's text; a clerk must never see
either. :func:`reason` gives the Chinese fragment for any ``OSError`` (by ``errno``, and by
``winerror`` on Windows), :func:`message` a whole sentence naming the file and what to do.
Every place that turns an ``OSError`` into words goes through here: reading files
(:mod:`desktop.safeio`), writing them (:mod:`desktop.fileio`), the data folder
(:mod:`desktop.store.errors`), the command line's catch-all.
"""

from __future__ import annotations

import errno
from pathlib import Path

# errno → (what happened, what to do). Kept short: the caller adds the file's name.
_BY_ERRNO: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘空间已满", "请删除不需要的文件、清空回收站后重试"),
    errno.EDQUOT: ("磁盘配额已用完", "请删除不需要的文件后重试，或请管理员增加配额"),
    errno.EACCES: ("没有访问权限", "请换一个位置（如“文档”或桌面），或请管理员开通权限"),
    errno.EPERM: ("操作不被允许", "请换一个位置（如“文档”或桌面），或请管理员开通权限"),
    errno.EROFS: ("磁盘是只读的", "请换一个可写的位置（如“文档”或桌面）"),
    errno.ENOENT: ("找不到该文件或文件夹", "请检查名称和位置是否正确"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "请给出文件名，而不是文件夹"),
    errno.ENOTDIR: ("路径中有一段是文件而不是文件夹", "请检查路径是否正确"),
    errno.ENAMETOOLONG: ("文件名或路径太长", "请改用较短的文件名，或放到层次较浅的文件夹中"),
    errno.EEXIST: ("同名的文件或文件夹已存在", "请换一个名称"),
    errno.EBUSY: ("文件正被其他程序使用", "请关闭正在使用它的程序后重试"),
    errno.ETXTBSY: ("文件正被其他程序使用", "请关闭正在使用它的程序后重试"),
    errno.EMFILE: ("同时打开的文件太多", "请关闭一些程序后重试"),
    errno.ENFILE: ("同时打开的文件太多", "请关闭一些程序后重试"),
    errno.EIO: ("磁盘读写出错（可能是 U 盘被拔出或磁盘损坏）", "请检查磁盘或 U 盘后重试"),
    errno.ENXIO: ("设备不存在或未就绪", "请检查 U 盘或网络驱动器是否已连接"),
    errno.ENODEV: ("设备不存在或未就绪", "请检查 U 盘或网络驱动器是否已连接"),
    errno.EINVAL: ("文件名或参数无效", "请检查文件名中是否有特殊符号"),
    errno.ELOOP: ("路径中的快捷方式（链接）循环引用", "请检查路径是否正确"),
    errno.EXDEV: ("不能跨磁盘移动文件", "请在同一个磁盘上操作"),
    errno.EFBIG: ("文件太大", "请检查文件是否正确"),
    errno.ENOMEM: ("内存不足", "请关闭一些程序后重试"),
    errno.ENOTEMPTY: ("文件夹不是空的", "请换一个文件夹"),
    errno.ETIMEDOUT: ("操作超时（网络驱动器可能已断开）", "请检查网络连接后重试"),
    errno.EAGAIN: ("资源暂时不可用", "请稍后重试"),
}

# Windows system error codes (``OSError.winerror``) that errno maps poorly.
_BY_WINERROR: dict[int, tuple[str, str]] = {
    5: ("没有访问权限", "请换一个位置（如“文档”或桌面），或请管理员开通权限"),
    19: ("磁盘有写保护", "请去掉 U 盘的写保护，或换一个位置"),
    21: ("设备未就绪", "请检查 U 盘或光盘是否已插好"),
    32: ("文件正被其他程序（如 Word、WPS）打开", "请关闭该文件后重试"),
    33: ("文件的一部分被其他程序锁定", "请关闭正在使用它的程序后重试"),
    53: ("找不到网络路径", "请检查网络连接和共享文件夹的名称"),
    67: ("找不到网络名", "请检查网络连接和共享文件夹的名称"),
    112: ("磁盘空间已满", "请删除不需要的文件、清空回收站后重试"),
    123: ("文件名、文件夹名或卷标语法不正确", '请去掉文件名中的 \\ / : * ? " < > | 等符号'),
    206: ("文件名或路径太长", "请改用较短的文件名，或放到层次较浅的文件夹中"),
    225: ("杀毒软件认为文件含有病毒，已阻止打开", "请联系技术人员检查该文件"),
    1392: ("文件或目录已损坏，无法读取", "请检查磁盘（运行磁盘检查）后重试"),
}

_FALLBACK = ("操作系统报告了一个错误", "请检查磁盘和文件后重试；如仍不行，请联系技术支持")


def _pair(exc: BaseException) -> tuple[str, str]:
    winerror = getattr(exc, "winerror", None)
    if isinstance(winerror, int) and winerror in _BY_WINERROR:
        return _BY_WINERROR[winerror]
    code = getattr(exc, "errno", None)
    if isinstance(code, int) and code in _BY_ERRNO:
        return _BY_ERRNO[code]
    if isinstance(exc, PermissionError):
        return _BY_ERRNO[errno.EACCES]
    if isinstance(exc, FileNotFoundError):
        return _BY_ERRNO[errno.ENOENT]
    if isinstance(exc, IsADirectoryError):
        return _BY_ERRNO[errno.EISDIR]
    if isinstance(exc, NotADirectoryError):
        return _BY_ERRNO[errno.ENOTDIR]
    if isinstance(exc, FileExistsError):
        return _BY_ERRNO[errno.EEXIST]
    return _FALLBACK


def reason(exc: BaseException) -> str:
    """What happened, in Chinese, without the file name: ``磁盘空间已满``.

    Never the English text of the error; an unknown code says so with its number, which a
    technician can look up.
    """
    what, _ = _pair(exc)
    if (what, _) == _FALLBACK:
        code = getattr(exc, "winerror", None) or getattr(exc, "errno", None)
        return f"{what}（错误代码 {code}）" if code else what
    return what


def advice(exc: BaseException) -> str:
    """What to do next, in Chinese: ``请删除不需要的文件、清空回收站后重试``."""
    return _pair(exc)[1]


def message(exc: BaseException, path: str | Path | None = None, action: str = "读取") -> str:
    """One whole sentence: ``无法读取“报告.docx”：这是一个文件夹，不是文件。请给出文件名…。``"""
    where = f"“{path}”" if path not in (None, "") else ""
    return f"无法{action}{where}：{reason(exc)}。{advice(exc)}。"


def is_disk_full(exc: BaseException) -> bool:
    code = getattr(exc, "errno", None)
    return code in (errno.ENOSPC, errno.EDQUOT) or getattr(exc, "winerror", None) == 112
