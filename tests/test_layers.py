"""The package's layers: each module imports only from layers below it (see STYLE)."""

from __future__ import annotations

import ast
from pathlib import Path

import modelclear

PACKAGE = Path(modelclear.__file__).parent

LAYER = {
    "_version": 0,
    "errors": 0,
    "vocab": 0,
    "validation": 0,
    "resources": 0,
    "compiled": 0.5,
    "territories": 1,
    "readers": 1,
    "profile": 2,
    "license": 2,
    "model": 2,
    "report": 3,
    "conditions": 3,
    "database": 3,
    "lineage": 4,
    "lint": 4.5,
    "catalog": 4,
    "diff": 4,
    "identification": 4,
    "sources": 4.5,
    "engine": 5,
    "manifest": 2.5,
    "policy": 4,
    "project": 5.5,
    "render": 6,
    "cli": 7,
    "__init__": 8,
    "__main__": 8,
}


def _top(module: Path) -> str:
    rel = module.relative_to(PACKAGE).with_suffix("")
    return rel.parts[0]


def _imports(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    depth = len(module.relative_to(PACKAGE).parts) - 1
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            up = node.level - 1
            if up < depth:  # an import inside the same subpackage
                continue
            target = (node.module or "").split(".")[0]
            if target:
                found.add(target)
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("modelclear."):
            found.add(node.module.split(".")[1])
    return found


def test_every_module_has_a_layer() -> None:
    tops = {_top(p) for p in PACKAGE.rglob("*.py")}
    assert tops <= set(LAYER), tops - set(LAYER)


def test_imports_flow_downwards() -> None:
    wrong = []
    for module in PACKAGE.rglob("*.py"):
        here = _top(module)
        for target in _imports(module):
            if target in LAYER and LAYER[target] >= LAYER[here] and target != here:
                wrong.append(f"{module.relative_to(PACKAGE)} imports {target}")
    assert not wrong, wrong


def test_the_engine_knows_no_license_names() -> None:
    """Data over code: no license id appears in the engine or the condition evaluator."""
    ids = {lic.id for lic in modelclear.load_database()}
    for name in ("engine.py", "conditions.py", "lineage.py"):
        text = (PACKAGE / name).read_text(encoding="utf-8").lower()
        assert not [i for i in ids if f'"{i}"' in text or f"'{i}'" in text], name


def test_every_public_name_is_listed_once_and_resolves() -> None:
    # The lazy table (where each name lives) and __all__ are two lists that must agree.
    where = modelclear._WHERE  # type: ignore[attr-defined]
    assert sorted(modelclear.__all__) == sorted(["__version__", *where])
    for name in where:
        assert getattr(modelclear, name) is not None, name
