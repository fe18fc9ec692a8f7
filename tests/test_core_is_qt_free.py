"""Qt stays in the UI package: the core, the CLI and the commands never import PySide6.

Two checks over every module of ``desktop/`` outside ``desktop/ui`` (all packages, however
deep — not just the top level):

* by reading the source: no ``import PySide6`` anywhere, lazy or under ``TYPE_CHECKING``
  included, and ``desktop.ui`` reached only lazily from the two entry points that start the
  window (``cli.py``, the ``smoke --gui`` step);
* by importing each module in a fresh interpreter where PySide6 cannot be imported at all.

Each check is first run on a small package built to fail it, so a check that has stopped
finding anything fails too. ``ruff`` (TID251, ``pyproject.toml``) flags the same in the editor.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

# Where the core may start the window: lazily, inside a function.
WINDOW_ENTRY_POINTS = {"desktop/cli.py", "desktop/commands/smoke_cmd.py"}

IMPORT_ALL = r"""
import importlib, sys
from importlib.abc import MetaPathFinder

class NoQt(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked: core modules must not need it")
        return None

sys.meta_path.insert(0, NoQt())
sys.path.insert(0, sys.argv[1])
failed = []
for name in sys.argv[2:]:
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
qt = sorted(k for k in sys.modules if k.startswith("PySide6"))
print("\n".join(failed + qt))
"""


def core_files(root: Path, package: str) -> list[Path]:
    """Every .py file of *package* under *root*, its ``ui`` subpackage left out."""
    base = root / package
    return sorted(p for p in base.rglob("*.py") if (base / "ui") not in p.parents)


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def qt_imports(path: Path, root: Path, package: str, entry_points: set[str]) -> list[str]:
    """What in one file reaches for Qt: ``file:line: the import``."""
    rel = path.relative_to(root).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = set(tree.body)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            if name == "PySide6" or name.startswith("PySide6."):
                out.append(f"{rel}:{node.lineno}: {name}")
                break
            if name == f"{package}.ui" or name.startswith(f"{package}.ui."):
                if rel not in entry_points or node in top_level:
                    out.append(f"{rel}:{node.lineno}: {name}")
                    break
    return out


def static_problems(root: Path, package: str, entry_points: set[str]) -> list[str]:
    return [
        problem
        for path in core_files(root, package)
        for problem in qt_imports(path, root, package, entry_points)
    ]


def import_problems(root: Path, package: str) -> list[str]:
    names = [module_name(root, p) for p in core_files(root, package)]
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, str(root), *names],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=root,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n") if done.stdout.strip() else []


def make_package(tmp_path: Path) -> Path:
    """``pkg`` with Qt three levels down, a lazy import and a core module reaching for the UI."""
    files = {
        "pkg/__init__.py": "",
        "pkg/store/__init__.py": "",
        "pkg/store/deep/__init__.py": "",
        "pkg/store/deep/matrix.py": "import PySide6.QtCore\n",
        "pkg/lazy.py": "def f():\n    from PySide6.QtWidgets import QWidget\n    return QWidget\n",
        "pkg/uses_ui.py": "from pkg.ui import window\n",
        "pkg/ui/__init__.py": "",
        "pkg/ui/window.py": "import PySide6.QtCore\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_checks_find_qt_hidden_in_a_core_package(tmp_path):
    root = make_package(tmp_path)
    assert static_problems(root, "pkg", set()) == [
        "pkg/lazy.py:2: PySide6.QtWidgets",
        "pkg/store/deep/matrix.py:1: PySide6.QtCore",
        "pkg/uses_ui.py:1: pkg.ui",
    ]
    found = import_problems(root, "pkg")
    assert any(line.startswith("pkg.store.deep.matrix: ImportError") for line in found), found
    assert any(line.startswith("pkg.uses_ui: ImportError") for line in found), found


def test_every_core_module_is_found():
    names = {module_name(ROOT, p) for p in core_files(ROOT, "desktop")}
    assert {"desktop.consolidate.matrix", "desktop.store.exchange", "desktop.parser.hanzi"} <= names
    assert not any(n.startswith("desktop.ui") for n in names)


def test_no_core_module_imports_qt_in_its_source():
    assert static_problems(ROOT, "desktop", WINDOW_ENTRY_POINTS) == []


def test_every_core_module_imports_without_pyside6():
    assert import_problems(ROOT, "desktop") == []


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
