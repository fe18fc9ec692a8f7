"""Shared fixtures. Hermetic: every test gets its own data directory; Qt runs offscreen.

This file must not import PySide6: the core tests prove the core is Qt-free.
GUI tests live in ``tests/ui`` with their own conftest.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import paths

# Offscreen by default (a developer may set QT_QPA_PLATFORM=xcb to watch); on Windows also the
# system's font folder, or every test that loads fonts fails on Qt's warning.
for _key, _value in paths.offscreen_qt_env().items():
    os.environ.setdefault(_key, _value)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(__file__).resolve().parent / "samples"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh per-test data directory, also seen by subprocesses through the environment."""
    d = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(d))
    # Even if a test drops the override, nothing may reach the real per-user directory.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    # Windows' home (Path.home(), ~) is %USERPROFILE%, never HOME.
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "home"))
    paths.set_data_dir(None)
    yield d
    paths.set_data_dir(None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


def run_cli(
    *args: str,
    input: str | None = None,
    cwd: Path = ROOT,
    timeout: float = 120,
    env: dict | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python main.py ARGS`` as a user would; returns the completed process."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        input=input,
        cwd=cwd,
        timeout=timeout,
        env=full_env,
    )


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def catalogue():
    from desktop import catalogue as cat

    return cat.load_builtin()


@pytest.fixture(scope="session")
def directory_bundled():
    from desktop import units

    return units.load(overlay=Path("/nonexistent/units.json"))


@pytest.fixture(scope="session")
def form(catalogue):
    from desktop import forms

    return forms.load(catalogue)
