"""The installed product (bot/) never imports benchmarks/: benchmarks run from a checkout only (`make bench`)."""

from __future__ import annotations

import ast
import re
import tomllib

from bot.config import PROJECT_ROOT

BOT_DIR = PROJECT_ROOT / "bot"


def benchmark_imports(source: str) -> list[str]:
    """Every module name under ``benchmarks`` that ``source`` imports, at any depth (also inside functions)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [name for name in names if name == "benchmarks" or name.startswith("benchmarks.")]
    return found


def test_the_import_finder_sees_top_level_and_deferred_benchmark_imports() -> None:
    source = "import benchmarks\ndef f():\n    from benchmarks.runner import run_bench\nimport benchmarks_other\n"
    assert benchmark_imports(source) == ["benchmarks", "benchmarks.runner"]


def test_no_module_under_bot_imports_benchmarks() -> None:
    files = sorted(BOT_DIR.rglob("*.py"))
    assert len(files) > 20, f"expected the bot package at {BOT_DIR}"
    offenders = {str(path.relative_to(PROJECT_ROOT)): names for path in files
                 if (names := benchmark_imports(path.read_text(encoding="utf-8")))}
    assert not offenders, f"bot/ must not import benchmarks/ (not installed with the product): {offenders}"


def test_bench_is_not_a_genechat_command() -> None:
    from typer.testing import CliRunner

    from bot.cli import app

    result = CliRunner().invoke(app, ["bench", "--help"])
    assert result.exit_code != 0


def test_benchmark_only_packages_are_in_the_bench_extra_not_runtime() -> None:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]

    def names(specs: list[str]) -> set[str]:
        return {re.match(r"[A-Za-z0-9._-]+", spec).group().lower() for spec in specs}  # type: ignore[union-attr]

    bench_only = {"langchain-huggingface", "langchain-chroma", "pyinstrument", "py-spy"}
    assert bench_only <= names(project["optional-dependencies"]["bench"])
    assert not bench_only & names(project["dependencies"])
