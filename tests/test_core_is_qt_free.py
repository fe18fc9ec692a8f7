"""Qt stays in the UI package: the core and the CLI never import PySide6."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

CORE = [
    "desktop.catalogue",
    "desktop.parser.structure",
    "desktop.units",
    "desktop.applicability",
    "desktop.forms",
    "desktop.payload",
    "desktop.cli",
    "desktop.commands.catalogue_cmd",
]


def test_core_modules_do_not_import_qt():
    code = (
        "import importlib, pkgutil, sys\n"
        "import desktop\n"
        f"for m in {CORE!r}: importlib.import_module(m)\n"
        "for m in pkgutil.iter_modules(desktop.__path__):\n"
        "    if m.name != 'ui': importlib.import_module('desktop.' + m.name)\n"
        "bad = sorted(k for k in sys.modules if k.startswith('PySide6'))\n"
        "print(' '.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_catalogue_show_does_not_import_qt():
    code = (
        "import sys, io, contextlib\n"
        "from desktop.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    rc = main(['catalogue', 'show', '--json'])\n"
        "print(rc, any(k.startswith('PySide6') for k in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.split() == ["0", "False"], done.stderr
