"""The examples in bot/'s docstrings run and print what they claim, one test per module.

A test module rather than ``--doctest-modules``: these run inside tests/conftest.py's fixtures (a fresh
data dir per module, so an example that trains the triage classifier never writes to ./data), and
bot/'s folders without ``__init__.py`` (retrieval, knowledge, ...) import by their dotted name.
"""

from __future__ import annotations

import doctest
import importlib
import io
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT

BOT_DIR = PROJECT_ROOT / "bot"
# Alembic scripts run migrations when imported; they are never documented by example.
NOT_IMPORTABLE = (BOT_DIR / "store" / "migrations",)
FLAGS = doctest.ELLIPSIS


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules_with_examples() -> list[str]:
    """Modules whose source holds a ``>>>`` prompt, found without importing anything."""
    return [module_name(path) for path in sorted(BOT_DIR.rglob("*.py"))
            if not any(path.is_relative_to(skip) for skip in NOT_IMPORTABLE)
            and ">>>" in path.read_text(encoding="utf-8")]


MODULES = modules_with_examples()


def test_modules_with_examples_are_found() -> None:
    assert "bot.conversation.engine" in MODULES and len(MODULES) >= 20, MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_print_what_they_show(name: str) -> None:
    module = importlib.import_module(name)
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in doctest.DocTestFinder().find(module, name):
        runner.run(test, out=report.write)
    assert runner.tries > 0, f"{name} has a '>>>' that is not a runnable example (outside a docstring?)"
    assert runner.failures == 0, report.getvalue()
