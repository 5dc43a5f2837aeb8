"""Versioned prompt templates from ``prompts/<name>/<version>.yaml`` (the version is stored with each reply).

>>> p = load_prompt("composer", "v1")
>>> p.version
'composer-v1'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.config import PROJECT_ROOT
from bot.errors import ConfigError

PROMPTS_DIR = PROJECT_ROOT / "prompts"
REQUIRED = ("version", "system", "user")


@dataclass(frozen=True)
class Prompt:
    version: str
    system: str
    user: str

    def render_user(self, **values: str) -> str:
        return self.user.format(**values)


def _version_key(path: Path) -> tuple[int, str]:
    digits = "".join(ch for ch in path.stem if ch.isdigit())
    return (int(digits) if digits else 0, path.stem)


def load_prompt(name: str, version: str | None = None, prompts_dir: Path = PROMPTS_DIR) -> Prompt:
    """The named prompt at ``version`` (e.g. "v1"), or the newest version when None."""
    folder = prompts_dir / name
    files = sorted(folder.glob("v*.yaml"), key=_version_key)
    if not files:
        raise ConfigError(f"No prompt templates found in {folder}.")
    path = folder / f"{version}.yaml" if version else files[-1]
    if not path.exists():
        raise ConfigError(f"Prompt {name}/{version} not found; have: {', '.join(f.stem for f in files)}.")
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [k for k in REQUIRED if not raw.get(k)]
    if missing:
        raise ConfigError(f"{path}: missing {', '.join(missing)}.")
    return Prompt(str(raw["version"]), str(raw["system"]), str(raw["user"]))
