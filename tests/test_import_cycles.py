"""No two modules of desktop/ need each other — not even through a lazy import inside a function
or an import under ``TYPE_CHECKING``: every arrow of the import graph points one way, so each
module can be read, tested and changed knowing only what is below it.

The graph is read from the source (every ``import`` statement anywhere in a file). An import of
``desktop.a.b`` is an arrow to ``desktop.a.b``; ``from desktop.a import name`` is an arrow to
``desktop.a.name`` when that is a module, else to the package ``desktop.a``. A module's own
enclosing packages are not counted (Python imports them first by design).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT


def module_of(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    files = {module_of(root, p): p for p in sorted((root / package).rglob("*.py"))}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    here = name.split(".") if is_package else name.split(".")[:-1]
                    here = here[: len(here) - (node.level - 1)]
                    base = ".".join([*here, base] if base else here)
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in files else base)
            for target in targets:
                if target in files and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_the_check_finds_a_lazy_and_a_type_checking_cycle(tmp_path):
    files = {
        "pkg/__init__.py": "",
        "pkg/a.py": "def f():\n    from pkg import b\n    return b\n",
        "pkg/b.py": "from pkg.a import f\n",
        "pkg/sub/__init__.py": "",
        "pkg/sub/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..d import x\n",
        "pkg/d.py": "from pkg.sub import c\nx = 1\n",
        "pkg/e.py": "import pkg.a\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    assert cycles(import_graph(tmp_path, "pkg")) == [["pkg.a", "pkg.b"], ["pkg.d", "pkg.sub.c"]]


def test_no_import_cycle_in_desktop():
    graph = import_graph(ROOT, "desktop")
    assert len(graph) > 100 and "desktop.consolidate.matrix" in graph["desktop.consolidate.totals"]
    assert cycles(graph) == []
