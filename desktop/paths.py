"""The one place paths come from.

* Bundled, read-only resources (``forms/``, ``doc_templates/``) live beside ``main.py`` when run
  from source and under ``sys._MEIPASS`` when frozen by PyInstaller.
* The user's data (database, backups, imported catalogues, settings) lives in one per-user
  directory: ``%APPDATA%\\ZWGK\\zwgk-report`` on Windows, ``$XDG_DATA_HOME/zwgk-report`` on Linux.
  ``--data-dir`` on the command line or ``ZWGK_DATA_DIR`` in the environment override it (tests,
  portable use); the flag wins over the variable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop import APP_ID, ORG_NAME

DATA_DIR_ENV = "ZWGK_DATA_DIR"

_override: Path | None = None


def resource_root() -> Path:
    """Directory holding ``forms/`` and ``doc_templates/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def forms_dir() -> Path:
    return resource_root() / "forms"


def templates_dir() -> Path:
    return resource_root() / "doc_templates"


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Set the data directory chosen on the command line (None clears it)."""
    global _override
    _override = Path(path).expanduser().resolve() if path else None


def default_data_dir() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / ORG_NAME / APP_ID
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_ID
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_ID


def data_dir() -> Path:
    """The per-user data directory (not created here)."""
    if _override is not None:
        return _override
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def database_path() -> Path:
    return data_dir() / "answers.db"


def backups_dir() -> Path:
    return data_dir() / "backups"


def user_catalogues_dir() -> Path:
    return data_dir() / "catalogues"


def user_fields_dir() -> Path:
    """Forms (figures) of imported or published 要点, beside their catalogues."""
    return data_dir() / "fields"


def publications_dir() -> Path:
    """The last publication of each 要点 installed here (its revision, for the next update)."""
    return data_dir() / "publications"


def reviews_dir() -> Path:
    """The office's 要点 under review (catalogue, forms, parse warnings), one file each."""
    return data_dir() / "reviews"


def settings_path() -> Path:
    return data_dir() / "settings.json"


def units_override_path() -> Path:
    """Units the user added or renamed, layered over the bundled directory."""
    return data_dir() / "units.json"


def offscreen_qt_env() -> dict[str, str]:
    """Environment variables for Qt's offscreen platform (tests, smoke mode, benchmarks).

    On Windows offscreen Qt looks for fonts only in ``PySide6/lib/fonts``, which does not
    exist, and warns about it (a failure under pytest.ini); it must be pointed at the
    system's fonts, the ones the real window uses.
    """
    env = {"QT_QPA_PLATFORM": "offscreen"}
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
        env["QT_QPA_FONTDIR"] = os.path.join(windir, "Fonts")
    return env


def is_network_path(path: Path) -> bool:
    """True when *path* looks like a network share (SQLite's WAL must not live there)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0]
        if drive:
            DRIVE_REMOTE = 4
            return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE  # type: ignore[attr-defined]
        return False
    try:
        best = ""
        fstype = ""
        with open("/proc/mounts", encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 3 and text.startswith(parts[1]) and len(parts[1]) > len(best):
                    best, fstype = parts[1], parts[2]
        return fstype in {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p"}
    except OSError:
        return False
