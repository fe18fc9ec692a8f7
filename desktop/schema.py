"""A small JSON-Schema subset, so the data files in ``forms/`` carry their own schema.

Supported keywords: ``type``, ``properties``, ``required``, ``additionalProperties``, ``items``,
``enum``, ``const``, ``minimum``, ``maximum``, ``minLength``, ``maxLength``, ``pattern``,
``minItems``, ``maxItems``, ``$ref`` (to ``#/$defs/...``). Errors name the place in the file
the way a person reads it: ``fields[2].type``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from desktop.errors import UserError

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}
_TYPE_CN = {
    "object": "对象",
    "array": "列表",
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "是/否",
    "null": "空值",
}


class DataFileError(UserError):
    """A data file is malformed; ``str()`` names the file, the place and the problem."""


def _is_type(value: Any, name: str) -> bool:
    if name in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[name])


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return f"{path}.{key}" if path else key
    return f'{path}["{key}"]'


def validate(value: Any, schema: dict, root: dict | None = None, path: str = "") -> list[str]:
    """Return the problems found, each ``place：problem`` in Chinese."""
    root = root if root is not None else schema
    if "$ref" in schema:
        ref = schema["$ref"]
        target: Any = root
        for part in ref.lstrip("#/").split("/"):
            target = target[part]
        return validate(value, target, root, path)
    where = path or "顶层"
    problems: list[str] = []
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else list(types)
        if not any(_is_type(value, n) for n in names):
            want = "或".join(_TYPE_CN[n] for n in names)
            return [f"{where}：应为{want}，实际是 {json.dumps(value, ensure_ascii=False)[:40]}"]
    if "const" in schema and value != schema["const"]:
        problems.append(f"{where}：应为 {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        allowed = "、".join(str(v) for v in schema["enum"])
        problems.append(f"{where}：“{value}”不是允许的值（{allowed}）")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            problems.append(f"{where}：不能小于 {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            problems.append(f"{where}：不能大于 {schema['maximum']}")
    if isinstance(value, str):
        if "minLength" in schema and len(value) < schema["minLength"]:
            problems.append(f"{where}：不能为空" if schema["minLength"] == 1 else f"{where}：太短")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            problems.append(f"{where}：超过 {schema['maxLength']} 个字")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            problems.append(f"{where}：“{value}”格式不对")
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            problems.append(f"{where}：至少需要 {schema['minItems']} 项")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            problems.append(f"{where}：最多 {schema['maxItems']} 项")
        if "items" in schema:
            for i, item in enumerate(value):
                problems += validate(item, schema["items"], root, _join(path, i))
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                problems.append(f"{where}：缺少必填项“{key}”")
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                problems += validate(item, props[key], root, _join(path, key))
            elif extra is False:
                problems.append(f"{_join(path, key)}：不认识的项“{key}”")
            elif isinstance(extra, dict):
                problems += validate(item, extra, root, _join(path, key))
    return problems


MAX_DATA_FILE_BYTES = 20 * 1024 * 1024


def load_json(path: Path) -> Any:
    """Read a JSON data file bounded (:mod:`desktop.safejson`); errors name the file."""
    from desktop.safeio import UnreadableFile
    from desktop.safejson import JSONProblem, load_path

    try:
        return load_path(path, max_bytes=MAX_DATA_FILE_BYTES, what="数据文件")
    except UnreadableFile as exc:
        if not Path(path).exists():
            raise DataFileError(f"{path}：文件不存在") from exc
        raise DataFileError(f"{path}：{exc.reason}") from exc
    except JSONProblem as exc:
        raise DataFileError(f"{path}：{exc}") from exc


def load_validated(path: Path, schema_path: Path) -> Any:
    data = load_json(path)
    schema = load_json(schema_path)
    problems = validate(data, schema)
    if problems:
        shown = "；".join(problems[:5])
        more = f"（另有{len(problems) - 5}处）" if len(problems) > 5 else ""
        raise DataFileError(f"{path.name}：{shown}{more}")
    return data
