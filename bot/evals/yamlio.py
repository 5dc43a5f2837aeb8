r"""YAML loading that remembers line numbers, so validation errors can name file and line.

>>> doc = load_yaml_text("cases:\n  - id: a\n  - id: b\n", "x.yaml")
>>> doc.line_for(("cases", 1, "id"))
3
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from bot.config import PROJECT_ROOT
from bot.errors import GeneChatError


class EvalDataError(GeneChatError):
    """An eval case file that cannot be used; the message names file and line."""

    code = "invalid_eval_data"


@dataclass
class YamlDoc:
    path: str
    data: Any
    root: yaml.Node | None

    def line_for(self, loc: tuple[Any, ...]) -> int:
        """1-based line of the deepest node along a pydantic error location."""
        node = self.root
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            node = child
            line = node.start_mark.line + 1
        return line

    def where(self, loc: tuple[Any, ...]) -> str:
        return f"{self.path}:{self.line_for(loc)}"

    def validate(self, model: type[BaseModel]) -> Any:
        """Validate ``data`` against ``model``; raise one EvalDataError listing every problem with its line."""
        try:
            return model.model_validate(self.data)
        except ValidationError as exc:
            problems = []
            for err in exc.errors():
                loc = tuple(err["loc"])
                field = ".".join(str(p) for p in loc) or "(top level)"
                problems.append(f"{self.where(loc)}: {field}: {err['msg']}")
            raise EvalDataError("invalid eval file:\n  " + "\n  ".join(problems)) from None


def _child(node: yaml.Node, part: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def load_yaml_text(text: str, path: str) -> YamlDoc:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise EvalDataError(f"{path}{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    return YamlDoc(path=path, data=data, root=root)


def load_yaml(path: Path) -> YamlDoc:
    return load_yaml_text(path.read_text(encoding="utf-8"), _display(path))


def _display(path: Path) -> str:
    """Paths inside the project are shown relative to it (shorter in reports and errors)."""
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
