"""The yearly core (review editing, suggestions, publication, carrying forward) has no Qt."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_yearly_modules_do_not_import_qt():
    code = (
        "import importlib, pkgutil, sys\n"
        "import desktop.yearly as y\n"
        "for m in pkgutil.iter_modules(y.__path__): importlib.import_module('desktop.yearly.' + m.name)\n"
        "import desktop.store.renumber, desktop.services\n"
        "print(len([m for m in pkgutil.iter_modules(y.__path__)]))\n"
        "print(' '.join(sorted(k for k in sys.modules if k.startswith('PySide6'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    count, qt = (done.stdout.split("\n") + [""])[:2]
    assert int(count) >= 8 and qt.strip() == ""
