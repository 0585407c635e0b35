"""The engine's layers, read from its imports (function-level imports included).

``symbolic/`` is ordered foundation -> backends -> kernel -> checking -> authoring -> auditor ->
presentation: a module imports only from its own layer or lower ones, there is no import cycle, and
no engine module imports a paper.  A module missing from :data:`LAYERS` fails the test, so a new
module is placed on purpose.
"""
import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2] / "symbolic"

#: layer of every engine module (by prefix; the longest prefix wins)
LAYERS = {
    "symbolic": 6,                     # the package facade (lazy ``symbolic.check``)
    "symbolic.errors": 0, "symbolic.domain": 0, "symbolic.verdict": 0, "symbolic.definedness": 0,
    "symbolic.citation": 0,
    "symbolic.memo": 0, "symbolic.progress": 0,     # speed (issue 15): in-audit memo, progress bar,
    "symbolic.workers": 0,                          # and the worker processes
    "symbolic.backends": 1,
    "symbolic.kernel": 2,
    "symbolic.check": 3, "symbolic.parse": 3,
    "symbolic.proof": 4, "symbolic.findings": 4, "symbolic.concentration": 4, "symbolic.papers": 4,
    "symbolic.authoring": 4,
    "symbolic.audit": 5, "symbolic.tightest": 5, "symbolic.propagate": 5, "symbolic.graph": 5,
    "symbolic.whatif": 5, "symbolic.auditor": 5, "symbolic.coq": 5,
    "symbolic.report": 6, "symbolic.report_html": 6, "symbolic.notebook": 6, "symbolic.cli": 6,
    "symbolic.render": 6, "symbolic.coq.cli_hook": 6,
}
NAMES = ["foundation", "backends", "kernel", "checking", "authoring", "auditor", "presentation"]


def _name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in ROOT.rglob("*.py")}


def _imports(name: str) -> set[str]:
    """Every module ``name`` imports, anywhere in its body (resolved relative imports)."""
    path = MODULES[name]
    pkg = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = pkg.split(".")[:len(pkg.split(".")) - node.level + 1] if node.level else []
            mod = ".".join(base + ([node.module] if node.module else []))
            for a in node.names:
                out.add(f"{mod}.{a.name}" if f"{mod}.{a.name}" in MODULES else mod)
    return out - {name}


def layer(name: str) -> int:
    best = max((k for k in LAYERS if name == k or name.startswith(k + ".")), key=len, default=None)
    if best is None:
        raise KeyError(f"{name} has no layer in tests/symbolic/test_layers.py LAYERS; place it there")
    return LAYERS[best]


def test_every_module_has_a_layer():
    assert [m for m in MODULES if not any(m == k or m.startswith(k + ".") for k in LAYERS)] == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_go_down_the_layers(name):
    up = sorted(m for m in _imports(name) if m.startswith("symbolic") and m != "symbolic" and layer(m) > layer(name))
    assert up == [], f"{name} ({NAMES[layer(name)]}) imports higher layers: {up}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_the_engine_imports_no_paper(name):
    from symbolic.papers import available
    papers = {m.split(".")[0] for m in available().values()} | {"derivations"}
    assert sorted(m for m in _imports(name) if m.split(".")[0] in papers) == []


def test_no_import_cycles():
    graph = {m: {x for x in _imports(m) if x in MODULES and x != "symbolic"} for m in MODULES}
    state, cycles = {}, []

    def visit(m, stack):
        state[m] = "open"
        for x in sorted(graph[m]):
            if state.get(x) == "open":
                cycles.append(stack[stack.index(x):] + [x])
            elif x not in state:
                visit(x, stack + [x])
        state[m] = "done"
    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert cycles == []


def test_the_checker_sees_a_violation(tmp_path):
    """The layer rule is not vacuous: the auditor importing the report would be caught."""
    assert layer("symbolic.report") > layer("symbolic.audit") > layer("symbolic.kernel")
    assert "symbolic.report_html" in _imports("symbolic.report")


def test_no_engine_function_is_longer_than_80_lines():
    long = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 80:
                long.append(f"{name}.{node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert long == []


def test_no_engine_check_is_a_python_assert():
    """``python -O`` strips ``assert``: the engine raises its own errors instead."""
    found = [f"{name}:{node.lineno}" for name, path in MODULES.items()
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.Assert)]
    assert found == []
