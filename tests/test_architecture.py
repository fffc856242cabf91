"""The rooms follow the data's way: no module imports one from a later room, and no import runs in a circle.

From the ground floor up: the shared modules (settings, errors, numerals, parameters, catalog, text, files, vocabulary,
numbers, plan), then ``ingest`` → ``clean`` → ``assess`` → ``report`` → ``publish``, then the command line. A module may
import from its own room or a room before it. An import inside a function is kept for what is heavy to load;
of the project's own modules, only the command line and the run's orchestrator import some late, so that a
run with nothing to do stays light.
"""
from __future__ import annotations

import ast

from analysis.settings import PACKAGE_DIR

FLOORS = [
    ("settings",),
    ("errors",),
    ("glyphs",),
    ("numerals",),
    ("parameters", "catalog", "text", "files", "vocabulary", "notebook_source", "numbers", "colours"),
    ("plan",),
    ("ingest",),
    ("clean",),
    ("assess",),
    ("report",),
    ("publish",),
    ("cli", "__main__"),
]
#: The modules that import some of the project's own modules inside a function, and why (see the docstring).
LATE_IMPORTS = {"analysis.cli", "analysis.publish.report"}


def module_name(path, root=PACKAGE_DIR) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def floor(module: str) -> int:
    room = module.split(".")[1] if "." in module else ""
    return next(number for number, rooms in enumerate(FLOORS) if room in rooms)


def sources(root=PACKAGE_DIR) -> dict:
    return {module_name(path, root): path for path in root.rglob("*.py") if "__pycache__" not in path.parts}


def imports(path, modules: dict, top_level: bool, root=PACKAGE_DIR) -> set[str]:
    """The project's modules ``path`` imports, at its top level or inside its functions."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level else [node for function in ast.walk(tree)
                                         if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
                                         for node in ast.walk(function)]
    found = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found |= {f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target
                      for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {module for module in found if module in modules}


def upward_imports(modules: dict, root=PACKAGE_DIR) -> list[tuple[str, str]]:
    return [(module, target) for module, path in modules.items() if module != "analysis"
            for target in imports(path, modules, True, root) if target != "analysis" and floor(target) > floor(module)]


def cycles(modules: dict, root=PACKAGE_DIR) -> list[list[str]]:
    graph = {module: imports(path, modules, True, root) - {module} for module, path in modules.items()}
    state: dict[str, int] = {}
    found = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                found.append(trail[trail.index(target):] + [target] if target in trail else [module, target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return found


SOURCES = sources()


def test_every_module_has_a_floor():
    assert [module for module in SOURCES if module != "analysis" and floor(module) is None] == []


def test_no_module_imports_from_a_later_room():
    assert upward_imports(SOURCES) == []


def test_no_import_cycles():
    assert cycles(SOURCES) == []


def test_the_projects_modules_are_imported_late_only_to_keep_a_run_light():
    late = {module for module, path in SOURCES.items() if imports(path, SOURCES, top_level=False)}
    assert late <= LATE_IMPORTS, late - LATE_IMPORTS


def test_a_back_up_arrow_and_a_circle_are_seen(tmp_path):
    """The checks can fail: ingest importing from clean (a later room), and two modules importing each other."""
    root = tmp_path / "analysis"
    for name, text in {"__init__.py": "", "ingest/__init__.py": "", "clean/__init__.py": "",
                       "ingest/reader.py": "from ..clean.tidy import clean\n",
                       "clean/tidy.py": "from ..ingest import reader\n\ndef clean():\n    pass\n"}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    modules = sources(root)
    assert upward_imports(modules, root) == [("analysis.ingest.reader", "analysis.clean.tidy")]
    assert cycles(modules, root) == [["analysis.clean.tidy", "analysis.ingest.reader", "analysis.clean.tidy"]]
