"""User settings, declared once with their types and defaults (as Picard's ``options.py``).

Stored as JSON in the data directory (``settings.json``), written atomically. Unknown keys in
the file are kept; a damaged file is set aside and defaults are used, with a notice.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop import paths

MAX_SETTINGS_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    label: str


OPTIONS: dict[str, Option] = {
    o.key: o
    for o in (
        Option("report_template", str, "", "报告 Word 模板（留空使用内置模板）"),
        Option("export_dir", str, "", "上次导出报告的文件夹"),
        Option("recent_dirs", dict, {}, "各个文件对话框上次使用的文件夹（用途 → 文件夹）"),
        Option("last_report_id", int, 0, "上次打开的报告"),
        Option("nav_width", int, 0, "报告目录（左侧栏）的宽度，0 为按屏幕自动"),
        Option("office_mode", bool, False, "以市政府办公厅汇总模式启动"),
        Option("autosave_delay_ms", int, 800, "输入停止多久后自动保存（毫秒）"),
        Option("backup_keep", int, 10, "保留的自动备份份数"),
    )
}


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.settings_path()
        self.notice = ""
        self._values: dict[str, Any] = {}
        self._load()

    def _load(self) -> None:
        if not os.path.lexists(self.path):
            return
        from desktop.safejson import load_path

        try:
            # Bounded and depth-limited: a settings file nested 100,000 deep used to stop
            # every command with a RecursionError.
            data = load_path(self.path, max_bytes=MAX_SETTINGS_BYTES, max_depth=8, what="设置文件")
            if not isinstance(data, dict):
                raise ValueError("not an object")
            self._values = data
        except (OSError, ValueError):
            aside = self.path.with_name(f"settings.damaged-{time.strftime('%Y%m%d-%H%M%S')}.json")
            try:
                os.replace(self.path, aside)
            except OSError:
                pass
            self.notice = f"设置文件已损坏，已改用默认设置（原文件移至 {aside.name}）。"
            self._values = {}

    def get(self, key: str) -> Any:
        option = OPTIONS[key]
        value = self._values.get(key, option.default)
        if option.type is bool:
            return value if isinstance(value, bool) else option.default
        if option.type is int:
            return (
                value if isinstance(value, int) and not isinstance(value, bool) else option.default
            )
        return value if isinstance(value, option.type) else option.default

    def set(self, key: str, value: Any) -> None:
        option = OPTIONS[key]
        if not isinstance(value, option.type) or (option.type is int and isinstance(value, bool)):
            raise TypeError(f"{key} expects {option.type.__name__}")
        self._values[key] = value
        self.save()

    def save(self) -> None:
        from desktop.fileio import atomic_write

        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self._values, ensure_ascii=False, indent=2)
        atomic_write(self.path, text.encode("utf-8"), "设置")
