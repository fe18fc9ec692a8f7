"""Shared fixtures. Hermetic: every test gets its own data directory; Qt runs offscreen.

This file must not import PySide6: the core tests prove the core is Qt-free.
GUI tests live in ``tests/ui`` with their own conftest.
"""

from __future__ import annotations

import io
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
    process: bool | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python main.py ARGS`` as a user would; returns the completed process.

    By default the command runs in this test process: ``desktop.cli.main`` with the argv, the
    standard streams, the working folder and the environment a new process would have, and the
    exit code it would return. A new Python process costs 1–2 s under Wine (the Windows check
    runs this suite there) and the suite runs ~150 commands. ``process=True`` starts the real
    process (what only a process shows: the console encoding, ``main.py`` itself, a window, a
    bound on time); commands that open a window always do, and ZWGK_TEST_CLI_PROCESS=1 makes
    every command a real process. ``timeout`` applies to a real process only.
    """
    if process is None:
        process = _opens_a_window(args) or os.environ.get("ZWGK_TEST_CLI_PROCESS") == "1"
    if process:
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
    return _run_in_process(list(args), input=input, cwd=cwd, env=env)


def _opens_a_window(args: tuple[str, ...]) -> bool:
    """The GUI start or ``--gui``: Qt must not load in this process."""
    from desktop.cli import starts_the_window

    return "--gui" in args or starts_the_window(list(args))


def _run_in_process(
    argv: list[str], *, input: str | None, cwd: Path, env: dict | None
) -> subprocess.CompletedProcess[str]:
    from desktop import cli as cli_module

    def stream(data: bytes = b"") -> io.TextIOWrapper:
        return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="")

    saved_env = dict(os.environ)
    saved = (sys.argv, sys.stdin, sys.stdout, sys.stderr, Path.cwd(), paths._override)
    out, err = stream(), stream()
    sys.argv = [str(ROOT / "main.py"), *argv]
    sys.stdin = stream((input or "").encode("utf-8"))
    sys.stdout, sys.stderr = out, err
    os.environ.update({"PYTHONIOENCODING": "utf-8", **(env or {})})
    os.chdir(cwd)
    try:
        try:
            code = cli_module.main(argv)
        except SystemExit as exc:  # argparse: --help, a wrong option
            if isinstance(exc.code, str):
                print(exc.code, file=err)
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        for s in (out, err):
            s.flush()
    finally:
        sys.argv, sys.stdin, sys.stdout, sys.stderr, cwd_before, paths._override = saved
        os.chdir(cwd_before)
        os.environ.clear()
        os.environ.update(saved_env)

    def text(s: io.TextIOWrapper) -> str:
        raw = s.buffer.getvalue()  # type: ignore[attr-defined]
        return raw.decode("utf-8", errors="replace").replace("\r\n", "\n")

    return subprocess.CompletedProcess(
        [sys.executable, str(ROOT / "main.py"), *argv], code, text(out), text(err)
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
def form(catalogue, directory_bundled):
    from desktop import forms

    return forms.load(catalogue, directory=directory_bundled)
