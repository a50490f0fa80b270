"""The package's shape: the pipeline in its folder names, one way down, no cycles.

``lint-imports`` checks the layer contracts in ``pyproject.toml``; the cycle check below reads
the code itself (an import inside a function counts, one under ``TYPE_CHECKING`` does not)
and also counts the package ``__init__`` an import runs on the way (``from a.b.c import x``
runs ``a/b/__init__.py`` first), a cycle Python only shows at run time.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "src" / "mvkplan"
MAX_TOP_ENTRIES = 12


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    return modules


def _imports(path: Path, module: str, modules: dict[str, Path]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(node) for guard in ast.walk(tree)
               if isinstance(guard, ast.If) and "TYPE_CHECKING" in ast.unparse(guard.test)
               for node in ast.walk(guard)}
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            targets |= {f"{base}.{alias.name}" for alias in node.names} | {base}
    found: set[str] = set()
    for target in targets:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        if not target.startswith("mvkplan"):
            continue
        found.add(target)
        # Importing a.b.c first runs the __init__ of every package on the way, except the
        # importer's own packages (already running).
        parent = target.rpartition(".")[0]
        while parent and parent != "mvkplan":
            if not module.startswith(parent + ".") and parent != module:
                found.add(parent)
            parent = parent.rpartition(".")[0]
    found.discard(module)
    return found


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def test_no_import_cycles() -> None:
    modules = _modules()
    edges = {module: _imports(path, module, modules) for module, path in modules.items()}
    assert _cycles(edges) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_top_of_the_package_is_a_table_of_contents() -> None:
    entries = sorted(p.name for p in PACKAGE.iterdir()
                     if p.name not in {"__init__.py", "__main__.py", "py.typed", "data", "__pycache__"})
    assert len(entries) <= MAX_TOP_ENTRIES, entries
    assert all((PACKAGE / name).is_dir() for name in entries), entries


def test_import_contracts_hold() -> None:
    """The layers and independence contracts in ``pyproject.toml`` (import-linter)."""
    program = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert program, "import-linter is in the test extra"
    result = subprocess.run([program, "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
