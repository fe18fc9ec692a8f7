"""The shape the code keeps: no test fixture lives under desktop/ and nothing there reaches
into tests/ (the bundle has no tests/ folder); only the database layer (desktop/store/) opens
SQLite files."""

from __future__ import annotations

import ast

from tests.conftest import ROOT


def imported_roots(source: str) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module.split(".")[0])
    return out


def test_the_check_sees_a_lazy_import_of_tests():
    assert "tests" in imported_roots("def f():\n    from tests.samples import payloads\n")


def test_nothing_under_desktop_imports_tests():
    found = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "desktop").rglob("*.py"))
        if "tests" in imported_roots(p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_no_fixture_module_under_desktop():
    words = ("sample", "fixture", "fake", "dummy")
    found = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "desktop").rglob("*.py"))
        if any(w in p.stem for w in words)
    ]
    assert found == []


def opens_sqlite(source: str) -> bool:
    """A call of ``sqlite3.connect(…)`` or ``Database(…)`` (sqlite-utils) anywhere."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            owner = (
                f.value.id if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else ""
            )
            if (owner, name) == ("sqlite3", "connect") or name == "Database":
                return True
    return False


def test_the_check_sees_a_database_opened():
    assert opens_sqlite("import sqlite3\ndef f(p):\n    return sqlite3.connect(p)\n")
    assert opens_sqlite("from sqlite_utils import Database\ndb = Database('x.db')\n")
    assert not opens_sqlite("def f(store):\n    return store.load_values(1)\n")


def test_only_the_database_layer_opens_sqlite_files():
    found = [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "desktop").rglob("*.py"))
        if (ROOT / "desktop" / "store") not in p.parents
        and opens_sqlite(p.read_text(encoding="utf-8"))
    ]
    assert found == []
