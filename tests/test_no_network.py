"""The app and its CLI make no network connection at all (issue 6).

Each command runs in a subprocess whose ``sitecustomize`` installs an audit hook
(``sys.addaudithook``) that records and refuses every socket creation, connection, bind,
send and name lookup. The smoke mode covers the catalogue, the store, the exchange export and
import, the Word export and 汇总 when built in, and the real window offscreen; the plain GUI
start and the everyday commands are run too. A control run proves the hook does catch a socket,
so these tests can fail. The frozen bundle is checked at the system-call level in
``test_packaging_bundle.py`` (Qt's own C++ code is invisible to a Python audit hook).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Audit events that mean "talking to a network" (socket.gethostname is a local uname call,
# used for the lock file's owner line, and is allowed).
HOOK = """
import os, sys

_LOG = os.environ["ZWGK_NET_LOG"]
_BLOCKED = ("socket.__new__", "socket.connect", "socket.bind", "socket.sendto",
            "socket.sendmsg", "socket.getaddrinfo", "socket.gethostbyname",
            "socket.gethostbyaddr", "socket.getnameinfo", "http.client.connect",
            "urllib.Request", "ftplib.connect", "smtplib.connect")

def _hook(event, args):
    if event in _BLOCKED:
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{event} {args!r}\\n")
        raise PermissionError(f"network access attempted: {event}")

sys.addaudithook(_hook)
"""


@pytest.fixture
def guarded(tmp_path: Path):
    """Run ``python main.py ARGS`` with the network audit hook; returns (result, attempts)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    log = tmp_path / "net.log"

    def run(*args: str, code: str | None = None) -> tuple[subprocess.CompletedProcess, str]:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]),
            "ZWGK_NET_LOG": str(log),
            "PYTHONIOENCODING": "utf-8",
        }
        cmd = (
            [sys.executable, "-c", code] if code else [sys.executable, str(ROOT / "main.py"), *args]
        )
        done = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=tmp_path,
            timeout=180,
        )
        attempts = log.read_text(encoding="utf-8") if log.exists() else ""
        log.unlink(missing_ok=True)
        return done, attempts

    return run


def test_the_hook_catches_a_socket(guarded):
    """Control: without this the other tests could pass with a hook that never ran."""
    done, attempts = guarded(
        code="import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9))\nexcept PermissionError:\n    print('blocked')"
    )
    assert "blocked" in done.stdout, done.stderr
    assert "socket.getaddrinfo" in attempts or "socket.__new__" in attempts


def test_smoke_with_window_opens_no_socket(guarded):
    done, attempts = guarded("smoke", "--gui")
    assert done.returncode == 0, done.stdout + done.stderr
    assert attempts == ""


def test_plain_gui_start_opens_no_socket(guarded):
    done, attempts = guarded("--quit-when-shown")
    assert done.returncode == 0, done.stderr
    assert "shown" in done.stdout.split()
    assert attempts == ""


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("catalogue", "show"),
        ("catalogue", "tasks", "--unit", "市财政局"),
        ("answers", "list"),
    ],
    ids=lambda a: " ".join(a),
)
def test_cli_commands_open_no_socket(guarded, args):
    done, attempts = guarded(*args)
    assert done.returncode == 0, done.stderr
    assert attempts == ""


NETWORK_MODULES = {
    "socket": "only socket.gethostname, for the lock file",
    "ssl": None,
    "http": None,
    "urllib.request": None,
    "ftplib": None,
    "smtplib": None,
    "requests": None,
    "PySide6.QtNetwork": None,
    "PySide6.QtWebEngineCore": None,
}


def test_no_module_of_the_app_imports_a_network_library():
    found = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                for bad, allowed in NETWORK_MODULES.items():
                    if name == bad or name.startswith(bad + "."):
                        rel = path.relative_to(ROOT).as_posix()
                        if not (allowed and rel == "desktop/store/lock.py"):
                            found.append(f"{rel}: import {name}")
    assert found == []
