"""The one JSON reader for anything that may have come from elsewhere.

``json.loads`` trusts its input in ways a hostile or damaged file turns into crashes or silent
surprises. :func:`loads` refuses, each with one Chinese sentence (:class:`JSONProblem`):

* nesting deeper than ``max_depth`` (100,000 ``[`` made the parser raise ``RecursionError``,
  which nobody caught; a structure 900 deep would crash the code that walks it later);
* integers longer than :data:`MAX_INT_DIGITS` digits (Python refuses over 4,300 with a
  ``ValueError``, and no count in a report has 30 digits);
* ``NaN``, ``Infinity`` and numbers that overflow to infinity (not JSON; they poison sums);
* a key that appears twice in one object (``json`` keeps the last silently: a file could
  show 市财政局 at the top and import as 中山区);
* lone surrogates (``"\\ud800"``), which cannot be written as UTF-8 and crash hashing, the
  database and every writer;
* text that is not UTF-8, and more than ``max_bytes``.

:func:`load_path` reads the file bounded first (:func:`desktop.safeio.read_bounded`), so
``/dev/zero`` or a 500 MB file is refused without being read whole.
"""

from __future__ import annotations

import json
import math
import os
import re
from typing import Any

from desktop.errors import UserError
from desktop.safeio import UnreadableFile, read_bounded
from desktop.textclean import clip, visible

MAX_DEPTH = 64
MAX_INT_DIGITS = 30
DEFAULT_MAX_BYTES = 30 * 1024 * 1024

_SURROGATE = re.compile("[\ud800-\udfff]")


class JSONProblem(UserError, ValueError):
    """The text is not usable JSON; ``str()`` is one Chinese sentence (no file name)."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise JSONProblem(
                f"“{visible(clip(key, 40))}”这一项在同一处出现了两次，无法确定以哪一个为准"
                "（文件可能被手工改过或已损坏）"
            )
        out[key] = value
    return out


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise JSONProblem(f"文件中有一个{len(text)}位的整数，超出合理范围（文件可能已损坏）")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > 400:
        raise JSONProblem("文件中有一个过长的数字，超出合理范围（文件可能已损坏）")
    value = float(text)
    if not math.isfinite(value):
        raise JSONProblem(f"文件中的数字 {text[:30]} 超出范围（文件可能已损坏）")
    return value


def _parse_constant(name: str) -> Any:
    raise JSONProblem(f"文件中有 {name}（不是数字），不是有效的数据（文件可能已损坏）")


def _check_tree(value: Any, max_depth: int) -> None:
    """Depth and lone surrogates (keys included), iteratively: depth never matters here."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise JSONProblem(
                    "文件中有无效的字符（单独的代理码位，如 \\ud800），文件可能已损坏或被改动过"
                )
        elif isinstance(item, (dict, list)):
            if depth >= max_depth:
                raise _too_deep(max_depth)
            if isinstance(item, dict):
                stack.extend((k, depth) for k in item)
                stack.extend((v, depth + 1) for v in item.values())
            else:
                stack.extend((v, depth + 1) for v in item)


def _too_deep(max_depth: int) -> JSONProblem:
    return JSONProblem(f"数据嵌套超过 {max_depth} 层，不是本程序写出的文件（可能是恶意构造的）")


def decode(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """UTF-8 (a BOM is allowed) → text, or :class:`JSONProblem`."""
    if len(data) > max_bytes:
        raise JSONProblem(f"文件过大（超过 {max_bytes // (1024 * 1024) or 1} MB），已拒绝读取")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JSONProblem("文件不是 UTF-8 编码的 JSON（可能是别的格式，或已损坏）") from exc


def loads(
    text: str | bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, max_depth: int = MAX_DEPTH
) -> Any:
    """Parse *text* (str, or bytes in UTF-8) under the limits above; :class:`JSONProblem`."""
    if isinstance(text, (bytes, bytearray)):
        text = decode(bytes(text), max_bytes)
    elif len(text) > max_bytes:
        raise JSONProblem(f"文件过大（超过 {max_bytes // (1024 * 1024) or 1} MB），已拒绝读取")
    try:
        # The C parser guards its recursion (RecursionError near sys.getrecursionlimit());
        # what is shallower than that but deeper than max_depth is refused by _check_tree.
        value = json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
        )
    except JSONProblem:
        raise
    except json.JSONDecodeError as exc:
        raise JSONProblem(
            f"第{exc.lineno}行第{exc.colno}列 JSON 格式错误（{_cn(exc.msg)}），文件可能已损坏",
            exc.lineno,
            exc.colno,
        ) from exc
    except RecursionError as exc:
        raise _too_deep(max_depth) from exc
    except (ValueError, MemoryError) as exc:
        raise JSONProblem("文件内容无法读取为 JSON（文件可能已损坏）") from exc
    _check_tree(value, max_depth)
    return value


_MESSAGES = {
    "Expecting value": "缺少值",
    "Expecting property name enclosed in double quotes": "项名应加双引号",
    "Expecting ':' delimiter": "缺少冒号",
    "Expecting ',' delimiter": "缺少逗号",
    "Unterminated string starting at": "引号没有结束",
    "Invalid control character at": "文字中有控制字符",
    "Invalid \\escape": "无效的转义符",
    "Invalid \\uXXXX escape": "无效的 \\u 转义符",
    "Extra data": "数据结束后还有多余内容",
}


def _cn(msg: str) -> str:
    """The json module's English reason, in Chinese (the English never reaches a clerk)."""
    for english, chinese in _MESSAGES.items():
        if msg.startswith(english):
            return chinese
    return "格式不对"


def load_path(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    what: str = "文件",
) -> Any:
    """Read *path* bounded and parse it. Raises :class:`desktop.safeio.UnreadableFile` (the
    file cannot be read) or :class:`JSONProblem` (it is not usable JSON)."""
    data = read_bounded(path, max_bytes, what)
    return loads(data, max_bytes=max_bytes, max_depth=max_depth)


__all__ = ["JSONProblem", "UnreadableFile", "decode", "load_path", "loads"]
