"""The layout holds: stages import only what comes before them, no import cycle, small units.

The stages, in pipeline order (see docs/architecture.md): the base types and tables, then
readers, parse, the checks of the model, akn, the pipeline, writers and the application.
A module may import its own stage and the stages before it, never one after it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "converter"

#: stage of each top-level part of the package, in pipeline order
STAGES = {
    "diagnostics": 0, "source": 0, "model": 0, "ids": 0, "urls": 0, "tables": 0, "limits": 0,
    "languages": 0, "organs": 0, "fastinit": 0,
    "readers": 1,
    "parse": 2,
    "plausibility": 3,
    "akn": 4,
    "pipeline": 5,
    "writers": 6,
    "app": 7, "__main__": 7, "__init__": 7,
}  # fmt: skip
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every converter module that ``name`` imports, at any depth of its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))  # fmt: skip
            subs = [f"{base}.{a.name}" for a in node.names]
            targets = [t for t in subs if t in MODULES] or [base]
            if len(targets) < len(subs):
                targets.append(base)  # names from the package itself
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target.startswith("converter") and target != name:
                out.add(target)
    return out


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _stage(module: str) -> int:
    part = module.split(".")[1] if "." in module else "__init__"
    return STAGES[part]


def test_every_part_of_the_package_has_a_stage():
    assert {m.split(".")[1] for m in MODULES if "." in m} <= set(STAGES)


def test_no_stage_imports_a_later_stage():
    upward = [f"{a} -> {b}" for a, targets in GRAPH.items() for b in targets
              if a != "converter" and b != "converter" and _stage(b) > _stage(a)]  # fmt: skip
    assert upward == []


def test_no_import_cycle():
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(GRAPH.get(node, ())):
            if nxt == "converter":
                continue
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for module in sorted(GRAPH):
        if module not in state and module != "converter":
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_units_are_small(name):
    path = MODULES[name]
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") <= MAX_MODULE_LINES, f"{path} has over {MAX_MODULE_LINES} lines"
    long = [f"{n.name} ({n.end_lineno - n.lineno + 1} lines)"
            for n in ast.walk(ast.parse(source))
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
            and n.end_lineno - n.lineno + 1 > MAX_FUNCTION_LINES]  # fmt: skip
    assert long == [], f"{path}: functions over {MAX_FUNCTION_LINES} lines"


def test_every_data_file_ships_with_the_package():
    """A wheel (a non-editable install) carries the package's modules and the files that
    package-data names, nothing else: every file the converter reads at run time (tables,
    schema, style sheets, templates) lies inside the package and is named there. The schema
    is `converter/akn/schemas`, a link to the top-level `schemas/` (a wheel holds a copy)."""
    import fnmatch
    import os
    import tomllib

    from converter.akn import xsd

    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    globs = pyproject["tool"]["setuptools"]["package-data"]["converter"]
    assert Path(xsd.SCHEMA).is_file() and Path(xsd.SCHEMA).is_relative_to(PACKAGE)
    data = [
        (Path(folder) / name).relative_to(PACKAGE).as_posix()
        for folder, _, names in os.walk(PACKAGE, followlinks=True)  # as a wheel's build does
        for name in names
        if Path(name).suffix not in (".py", ".md") and "__pycache__" not in folder
    ]
    assert "akn/schemas/akomantoso30.xsd" in data
    assert [name for name in data if not any(fnmatch.fnmatch(name, g) for g in globs)] == []
