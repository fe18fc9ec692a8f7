"""The program ships what it runs: no test fixture lives under desktop/, and nothing under
desktop/ reaches into tests/ (the bundle has no tests/ folder)."""

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
