"""The apps depend downwards only, no module imports itself round a loop, and an app reaches
another only through its public face, checked by reading the code rather than trusting it.

Every production module under ``childrights/`` is parsed with ``ast`` and every import is read,
at module level and inside functions alike (an import hidden in a function still ties the two
modules together). Tests, browser tests, ``conftest``, migrations, settings and the ``testing``
package are left out: they may reach anywhere.

The layers, lowest first, are ``LAYERS``: an app imports only from its own layer and those below
it. ``core`` is the lowest and imports nothing of ours.

Another app's public face is its models, its selectors and area modules, and the services it
offers. Its ``views``, ``forms``, ``urls``, ``presenters`` and ``admin`` are its own, as is every
name (or module) starting with an underscore. Its ``demo`` modules are its own too, with one
exception: demonstration data builds on other apps' demonstration data (the demonstration
council's evaluation answers the demonstration consultations), so a ``demo`` module may import
another app's ``demo``. Everything in ``core`` is there to be shared, so only its underscore names
are kept from other apps.
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import childrights
from childrights.testing.source import python_modules

PACKAGE = "childrights"
ROOT = Path(childrights.__file__).parent

# Lowest first: each app may import from those before it, never from those after.
LAYERS = [
    "core",
    "councils",
    "framework",
    "accounts",
    "programme",
    "poverty",
    "participation",
    "assessments",
    "directory",
    "myviews",
    "outcomes",
    "parenting",
    "api",
]

# Paths (relative to childrights/) that are not production code.
LEFT_OUT_FOLDERS = {"tests", "browser_tests", "migrations", "testing"}
LEFT_OUT_FILES = {"conftest.py", "settings.py"}

# Modules of an app that are its own: another app never imports them.
OWN_MODULES = {"views", "forms", "urls", "presenters", "admin", "demo"}


@dataclass(frozen=True)
class Import:
    """One import in one module: ``target`` is the module it loads (a submodule where the name
    imported is one), ``name`` the name taken from it, if any."""

    source: str
    target: str
    name: str
    line: int
    written: str  # the import as the module writes it

    def __str__(self) -> str:
        return f"{_path(self.source)}:{self.line}: {self.written}"


def _path(module: str) -> str:
    found = _modules().get(module)
    return str(found.relative_to(ROOT.parent)) if found else module


def _is_production(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return not (LEFT_OUT_FOLDERS.intersection(parts[:-1]) or parts[-1] in LEFT_OUT_FILES)


_found: dict[str, Path] = {}


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (production or not), parsed once."""
    if not _found:
        for path in python_modules(ROOT):
            parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            _found[".".join(parts)] = path
    return _found


def production_modules() -> dict[str, Path]:
    return {name: path for name, path in _modules().items() if _is_production(path)}


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str, path: Path) -> Iterator[Import]:
    """Every import of ours in a module, wherever it stands in the module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    known = _modules()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == PACKAGE:
                    yield Import(module, alias.name, "", node.lineno, f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, path, node)
            if target.split(".")[0] != PACKAGE:
                continue
            written = "." * node.level + (node.module or "")
            for alias in node.names:
                statement = f"from {written} import {alias.name}"
                submodule = f"{target}.{alias.name}"
                if submodule in known:
                    yield Import(module, submodule, "", node.lineno, statement)
                else:
                    yield Import(module, target, alias.name, node.lineno, statement)


def all_imports() -> list[Import]:
    return [
        found for module, path in production_modules().items() for found in imports_of(module, path)
    ]


def app_of(module: str) -> str | None:
    """The app a module belongs to; None for the project's own modules (urls, wsgi, asgi)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else None


def _layer(module: str) -> int:
    app = app_of(module)
    # The project's own modules (urls, wsgi) put every app together: they sit above them all.
    return LAYERS.index(app) if app in LAYERS else len(LAYERS)


def layer_violations(imports: list[Import]) -> list[str]:
    return [
        f"{found}: {app_of(found.source)} may not import from "
        f"{app_of(found.target) or 'the project'}, which is above it"
        for found in imports
        if _layer(found.target) > _layer(found.source)
    ]


def _is_demo(module: str) -> bool:
    return "demo" in module.split(".")[2:]


def privacy_violations(imports: list[Import]) -> list[str]:
    problems = []
    for found in imports:
        source, target = app_of(found.source), app_of(found.target)
        if source is None or target is None or source == target:
            continue  # the project's own modules (urls) put the apps' views together
        inside = found.target.split(".")[2:]
        if any(part.startswith("_") for part in inside) or found.name.startswith("_"):
            problems.append(f"{found}: a name private to {target}")
        elif target == "core":
            continue
        elif OWN_MODULES.intersection(inside) - ({"demo"} if _is_demo(found.source) else set()):
            kept = sorted(OWN_MODULES.intersection(inside))
            problems.append(f"{found}: {target}'s {', '.join(kept)} are its own")
    return problems


def cycles(imports: list[Import]) -> list[list[str]]:
    """Groups of modules that import each other round a loop (Tarjan's strongly connected
    components), each sorted; a module importing itself is a group of one."""
    graph: dict[str, set[str]] = {}
    for found in imports:
        graph.setdefault(found.source, set()).add(found.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:  # recursive; the import graph is shallow
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def cycle_violations(imports: list[Import]) -> list[str]:
    problems = []
    for group in cycles(imports):
        members = set(group)
        ties = [
            str(found) for found in imports if found.source in members and found.target in members
        ]
        problems.append(
            "import cycle between " + ", ".join(group) + ":\n    " + "\n    ".join(ties)
        )
    return problems


def test_the_production_modules_are_found() -> None:
    found = production_modules()
    assert "childrights.core.disclosure" in found
    assert "childrights.participation.submission" in found
    assert not any(".tests." in name or ".migrations." in name for name in found)


def test_every_app_is_in_a_layer() -> None:
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(LAYERS)


def test_no_app_imports_from_a_layer_above_it() -> None:
    problems = layer_violations(all_imports())
    assert not problems, "\n".join(problems)


def test_no_modules_import_each_other_round_a_loop() -> None:
    problems = cycle_violations(all_imports())
    assert not problems, "\n".join(problems)


def test_an_app_uses_only_the_public_face_of_another() -> None:
    problems = privacy_violations(all_imports())
    assert not problems, "\n".join(problems)


def _import(source: str, target: str, name: str = "") -> Import:
    return Import(source, target, name, 1, f"from {target} import {name or '...'}")


def test_the_checks_find_a_bad_import_of_each_kind() -> None:
    """The checks themselves can fail: each is shown one import it must refuse."""
    up = _import("childrights.poverty.presenters", "childrights.outcomes.models", "Report")
    assert len(layer_violations([up])) == 1
    assert layer_violations([_import("childrights.outcomes.views", "childrights.core.audit")]) == []

    loop = [
        _import("childrights.participation.tallies", "childrights.participation.submission"),
        _import("childrights.participation.submission", "childrights.participation.tallies"),
    ]
    assert cycles(loop) == [
        ["childrights.participation.submission", "childrights.participation.tallies"]
    ]
    assert cycles(loop[:1]) == []

    refused = [
        _import("childrights.outcomes.evidence", "childrights.participation.results", "_protected"),
        _import("childrights.outcomes.reports.figures", "childrights.participation.views.results"),
        _import("childrights.outcomes.views.reports", "childrights.assessments.presenters.answers"),
        _import("childrights.outcomes.evaluation", "childrights.participation.demo"),
        _import("childrights.assessments.views", "childrights.core.tenancy", "_scope"),
    ]
    assert len(privacy_violations(refused)) == len(refused)
    allowed = [
        _import("childrights.outcomes.demo.evaluation", "childrights.participation.demo"),
        _import("childrights.outcomes.reports.figures", "childrights.participation.reporting"),
        _import("childrights.outcomes.views.reports", "childrights.core.forms", "GovukForm"),
        _import("childrights.urls", "childrights.programme.views", "home"),
    ]
    assert privacy_violations(allowed) == []
