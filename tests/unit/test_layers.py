"""The package layers written in docs/ARCHITECTURE.md hold in the code: no import goes up or sideways.

Every module under bot/ is read with ``ast`` (nothing is imported), and every import counts: at module
level, inside functions and under ``TYPE_CHECKING``. The layer order is parsed from the "Layers" section
of docs/ARCHITECTURE.md, so the document and this test cannot drift apart. There is no exceptions list:
a violation is fixed by moving code, never by hiding an import.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT

BOT_DIR = PROJECT_ROOT / "bot"
DOC = PROJECT_ROOT / "docs" / "ARCHITECTURE.md"
_ROW = re.compile(r"^\|\s*(\d+)\s*\|(.*)\|\s*$")
_NAME = re.compile(r"`(bot(?:\.\w+)?)`")


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. bot.safety.guard
    line: int
    target: str  # the imported module, e.g. bot.core.draft


def layers_from_doc(text: str) -> dict[str, int]:
    """Package -> layer, from the table rows (``| 3 | `bot.safety`, ... |``) of the "## Layers" section."""
    section = text.split("\n## Layers", 1)[1].split("\n## ", 1)[0] if "\n## Layers" in text else ""
    layers: dict[str, int] = {}
    for line in section.splitlines():
        row = _ROW.match(line.strip())
        if row is None:
            continue
        for name in _NAME.findall(row.group(2)):
            if name in layers:
                raise ValueError(f"{name} is listed twice in the Layers section")
            layers[name] = int(row.group(1))
    return layers


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(dotted: str) -> bool:
    path = PROJECT_ROOT.joinpath(*dotted.split("."))
    return path.is_dir() or path.with_suffix(".py").is_file()


def imports_of(module: str, source: str, *, is_package: bool = False) -> list[Import]:
    """Every ``bot`` module this source imports, wherever the import statement is.

    ``from bot.safety import wording`` imports the module ``bot.safety.wording``; relative imports are
    resolved against ``module``.
    """
    found: list[Import] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Import(module, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append(Import(module, node.lineno, sub if _is_module(sub) else base))
    return [i for i in found if i.target == "bot" or i.target.startswith("bot.")]


def package_of(module: str) -> str:
    """``bot.safety.guard`` -> ``bot.safety``; top-level modules (``bot.cli``) are their own package."""
    return ".".join(module.split(".")[:2])


def all_imports() -> list[Import]:
    out: list[Import] = []
    for path in sorted(BOT_DIR.rglob("*.py")):
        out += imports_of(module_name(path), path.read_text(encoding="utf-8"), is_package=path.name == "__init__.py")
    return out


def violations(imports: list[Import], layers: dict[str, int]) -> list[str]:
    """One line per import that does not go strictly down the layers (same package is always fine)."""
    problems = []
    for imp in imports:
        source, target = package_of(imp.module), package_of(imp.target)
        if source == target:
            continue
        where = f"{imp.module} line {imp.line} imports {imp.target}"
        if source not in layers or target not in layers:
            missing = sorted({p for p in (source, target) if p not in layers})
            problems.append(f"{where}: {', '.join(missing)} not in the Layers section of docs/ARCHITECTURE.md")
        elif layers[target] >= layers[source]:
            direction = "the same layer as" if layers[target] == layers[source] else "a higher layer than"
            problems.append(f"{where}: {target} (layer {layers[target]}) is in {direction} "
                            f"{source} (layer {layers[source]})")
    return list(dict.fromkeys(problems))  # `from x import a, b` is one import statement


def bot_packages() -> set[str]:
    """The subpackages and top-level modules of bot/, as the Layers section must name them."""
    names = {f"bot.{p.name}" for p in BOT_DIR.iterdir() if p.is_dir() and any(p.rglob("*.py"))}
    names |= {f"bot.{p.stem}" for p in BOT_DIR.glob("*.py") if p.stem != "__init__"}
    return names


@pytest.fixture(scope="module")
def layers() -> dict[str, int]:
    return layers_from_doc(DOC.read_text(encoding="utf-8"))


def test_every_bot_package_has_a_layer_in_the_design_doc(layers):
    assert set(layers) == bot_packages(), (
        f"missing from docs/ARCHITECTURE.md: {sorted(bot_packages() - set(layers))}; "
        f"listed but not in bot/: {sorted(set(layers) - bot_packages())}")


def test_no_import_goes_up_or_sideways_in_the_layers(layers):
    problems = violations(all_imports(), layers)
    assert not problems, "imports against the layer order:\n" + "\n".join(problems)


def test_a_package_cli_module_is_imported_only_by_bot_cli():
    """Each package's cli.py holds its own command group; only bot/cli.py wires them into `genechat`."""
    wrong = [f"{i.module} line {i.line} imports {i.target}" for i in all_imports()
             if i.target.endswith(".cli") and i.target != "bot.cli" and i.module != "bot.cli"]
    assert not wrong, "only bot.cli may import a package's cli module:\n" + "\n".join(wrong)


def first_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """The first import cycle in a module -> imported modules graph, as a path back to where it started."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def cycle_from(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt == node:
                continue
            if state.get(nxt) == 1:  # on the current path: back to where it started
                return path[path.index(nxt):] + [nxt]
            if state.get(nxt) is None and (found := cycle_from(nxt, path + [nxt])):
                return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if state.get(start) is None and (found := cycle_from(start, [start])):
            return found
    return None


def test_no_import_cycle_between_modules():
    """Not even through imports inside functions: a lazy import must never be a way round a cycle."""
    graph: dict[str, set[str]] = {}
    for imp in all_imports():
        graph.setdefault(imp.module, set()).add(imp.target)
    cycle = first_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_check_finds_a_cycle_through_several_modules():
    graph = {"bot.a": {"bot.b"}, "bot.b": {"bot.c", "bot.b"}, "bot.c": {"bot.a"}, "bot.d": {"bot.a"}}
    assert first_cycle(graph) == ["bot.a", "bot.b", "bot.c", "bot.a"]
    assert first_cycle({"bot.a": {"bot.b", "bot.a"}, "bot.b": set()}) is None  # a module importing itself is no cycle


def test_the_check_reports_an_upward_import_with_module_line_and_layers(layers):
    source = "def f():\n    from bot.api.app import create_app\n"
    problems = violations(imports_of("bot.core.reply", source), layers)
    assert len(problems) == 1
    assert "bot.core.reply line 2 imports bot.api.app" in problems[0]
    assert f"(layer {layers['bot.api']})" in problems[0] and f"(layer {layers['bot.core']})" in problems[0]


def test_the_check_reports_a_sideways_import_under_type_checking(layers):
    same = [p for p in layers if p != "bot.safety" and layers[p] == layers["bot.safety"]][0]
    source = f"from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import {same}\n"
    problems = violations(imports_of("bot.safety.guard", source), layers)
    assert problems and "the same layer" in problems[0]


def test_the_layers_section_is_read_from_its_table():
    doc = "# x\n## Layers\n| layer | packages |\n|---|---|\n| 0 | `bot.core`, `bot.errors` |\n| 1 | `bot.pgx` |\n## Next\n| 9 | `bot.api` |\n"
    assert layers_from_doc(doc) == {"bot.core": 0, "bot.errors": 0, "bot.pgx": 1}
