"""Traditional → simplified Chinese for reprints of a 要点, with OpenCC's full dictionaries.

OpenCC (``t2s``: phrases first, then characters) ships its dictionaries inside the wheel, so it
works offline; the frozen bundle carries the ``t2s`` files (packaging/zwgk.spec). Simplified text
passes through unchanged, so counting the characters that change tells a reprint from a
simplified 要点.
"""

from __future__ import annotations

import os
import re
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import UserError
from desktop.textclean import CJK

if TYPE_CHECKING:
    import opencc

_CJK = re.compile(f"[{CJK}]")


class ConverterUnavailable(UserError):
    """OpenCC could not be loaded; ``str()`` is a Chinese sentence saying what to do."""


_CHDIR = threading.Lock()


@cache
def _converter() -> opencc.OpenCC:
    # Imported and loaded only for a file that may be traditional: the import alone costs
    # ~80 ms, three times a whole parse of a simplified 要点.
    try:
        import opencc
    except ImportError as exc:
        raise ConverterUnavailable(_UNAVAILABLE) from exc
    try:
        return opencc.OpenCC("t2s")
    except Exception:  # noqa: BLE001 - the C++ library's errors arrive as several types
        pass
    # OpenCC's C++ may fail on a path with characters outside Windows' ANSI code page (the
    # program installed under C:\Users\张三\…): load by relative names from its own folder.
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    with _CHDIR:
        before = os.getcwd()
        try:
            os.chdir(share)
            return opencc.OpenCC("t2s.json")
        except Exception as exc:
            raise ConverterUnavailable(_UNAVAILABLE) from exc
        finally:
            os.chdir(before)


_UNAVAILABLE = (
    "繁体字转换组件无法加载，不能识别繁体字文件。请重新安装本程序，"
    "或把文件在 Word/WPS 中转换为简体后再导入。"
)


def _outside_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def may_be_traditional(text: str) -> bool:
    """False for text written only in GB2312's characters, as simplified 要点 are: every
    traditional form that differs from its simplified one lies outside GB2312."""
    cjk = "".join(_CJK.findall(text))
    try:
        cjk.encode("gb2312")  # the common case, all in C
        return False
    except UnicodeEncodeError:
        pass
    return any(_outside_gb2312(ch) for ch in set(cjk))


def to_simplified(text: str) -> str:
    return _converter().convert(text) if text else text


def count_traditional(text: str) -> int:
    """How many characters the conversion changes (phrases count each changed character)."""
    if not may_be_traditional(text):
        return 0
    converted = to_simplified(text)
    if len(converted) != len(text):
        return sum(1 for ch in text if to_simplified(ch) != ch)
    return sum(1 for a, b in zip(text, converted, strict=True) if a != b)
