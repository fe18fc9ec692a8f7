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


# Helpers once copied into several modules have one home each (docs/architecture.md, "One of
# each"): a module that defines its own again, under the same name, fails here.
HOMES = {
    "clip": "desktop/textclean.py",
    "fit_columns": "desktop/textclean.py",
    "abridge": "desktop/textclean.py",
    "cut_list": "desktop/textclean.py",
    "cn_number": "desktop/numerals.py",
    "cn_to_int": "desktop/numerals.py",
    "cn_int": "desktop/numerals.py",
    "cn_digits": "desktop/numerals.py",
    "cn_year": "desktop/numerals.py",
    "source_bytes": "desktop/safezip.py",
}


def helper_copies(source: str, path: str) -> list[str]:
    """``path:name`` for each function named like a shared helper (with or without a leading
    underscore) that is defined away from the helper's home, and each ``⟨U+…⟩`` mark built by
    hand (an f-string) outside desktop/textclean.py."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            home = HOMES.get(node.name.lstrip("_"))
            if home and home != path:
                found.append(f"{path}:{node.name}")
        elif isinstance(node, ast.JoinedStr) and path != "desktop/textclean.py":
            parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
            if any("⟨U+" in str(part) for part in parts):
                found.append(f"{path}:⟨U+")
    return found


def test_the_check_sees_a_copied_helper():
    copy = 'def _clip(t, n):\n    return t[:n]\n\ndef mark(c):\n    return f"⟨U+{ord(c):04X}⟩"\n'
    assert helper_copies(copy, "desktop/x.py") == ["desktop/x.py:_clip", "desktop/x.py:⟨U+"]


def test_each_shared_helper_has_one_home():
    found = []
    for p in sorted((ROOT / "desktop").rglob("*.py")):
        found += helper_copies(p.read_text(encoding="utf-8"), p.relative_to(ROOT).as_posix())
    assert found == []
