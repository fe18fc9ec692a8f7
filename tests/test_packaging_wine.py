"""The Windows check under Wine (packaging/wine/): its pins agree with the requirements, it runs
in README's test command, and it can be skipped only outside CI.

The check itself (a chroot, Wine, Windows Python) runs after pytest in scripts/test.sh.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

WINE = ROOT / "packaging" / "wine"
# The check is a Linux host's job (bash, chroot); on Windows Python only the lock test applies.
linux_host = pytest.mark.skipif(sys.platform != "linux", reason="the Wine check runs on Linux")
LOCK_LINE = re.compile(r"^([a-z0-9-]+)==(\S+) --hash=sha256:[0-9a-f]{64}$")


def _pins(path: Path) -> dict[str, str]:
    """name → version of every ``name==version`` in a requirements file and those it includes."""
    found: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            found.update(_pins(path.parent / line[3:].strip()))
            continue
        req = Requirement(line)
        [spec] = list(req.specifier)
        assert spec.operator == "==", f"{path.name}: {line} is not pinned"
        found[canonicalize_name(req.name)] = spec.version
    return found


def _lock() -> dict[str, str]:
    lines = (WINE / "win-wheels.lock").read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if line and not line.startswith("#")]
    bad = [line for line in entries if not LOCK_LINE.match(line)]
    assert bad == [], f"lines without a pinned version and one sha256: {bad}"
    return {m[1]: m[2] for m in map(LOCK_LINE.match, entries)}


def test_windows_wheel_lock_pins_exactly_the_requirements():
    """A pin changed in requirements*.txt without re-running lock_wheels.py fails here, not
    half-way through the Windows check."""
    lock = _lock()
    wanted = _pins(ROOT / "requirements-dev.txt")
    differ = {
        name: (version, lock.get(name))
        for name, version in wanted.items()
        if lock.get(name) != version
    }
    assert differ == {}, (
        f"packaging/wine/win-wheels.lock is out of date (requirement, lock): {differ}. "
        "Run: python packaging/wine/lock_wheels.py"
    )
    # What pip cannot see from Linux is there: PyInstaller's and pytest's Windows-only needs.
    assert {"pefile", "pywin32-ctypes", "colorama"} <= set(lock)


def _check(env: dict[str, str], as_nobody: bool = False) -> subprocess.CompletedProcess[str]:
    # The script comes on stdin, so user nobody needs no access to the repository's folder.
    cmd = ["bash", "-s"]
    if as_nobody and os.geteuid() == 0:
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    return subprocess.run(
        cmd,
        input=(WINE / "check.sh").read_text(encoding="utf-8"),
        cwd="/",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **env},
        timeout=60,
    )


@linux_host
def test_a_developer_may_skip_the_windows_check():
    done = _check({"ZWGK_SKIP_WINE": "1", "CI": ""})
    assert done.returncode == 0
    assert "SKIPPED (ZWGK_SKIP_WINE=1): the Windows program was not built or tested." in done.stdout


@linux_host
def test_ci_may_not_skip_the_windows_check():
    done = _check({"ZWGK_SKIP_WINE": "1", "CI": "true"})
    assert done.returncode == 1
    assert "ZWGK_SKIP_WINE=1 is not allowed in CI" in done.stderr


@linux_host
@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv (util-linux)")
def test_without_root_the_check_fails_loudly():
    done = _check({"ZWGK_SKIP_WINE": ""}, as_nobody=True)
    assert done.returncode == 1
    assert "WINDOWS CHECK FAILED: needs root" in done.stderr and "ZWGK_SKIP_WINE=1" in done.stderr


@linux_host
def test_readme_test_command_runs_the_windows_check_after_pytest():
    lines = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8").splitlines()
    commands = [line for line in lines if line and not line.startswith("#")]
    pytest_at = next(i for i, line in enumerate(commands) if "-m pytest" in line)
    wine_at = next(i for i, line in enumerate(commands) if "packaging/wine/check.sh" in line)
    assert pytest_at < wine_at == len(commands) - 1


def test_stubs_are_only_for_the_wine_prefix():
    """The test-only DLLs are built inside the check and never reach the bundle or installer."""
    assert not list((ROOT / "packaging").rglob("*.dll"))
    spec = (ROOT / "packaging" / "zwgk.spec").read_text(encoding="utf-8")
    iss = (ROOT / "packaging" / "installer.iss").read_text(encoding="utf-8-sig")
    assert "stubs" not in spec and "icuuc" not in spec and "icuuc" not in iss
