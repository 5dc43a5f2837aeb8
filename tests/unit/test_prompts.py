"""Prompt templates are versioned files with the fields and safety rules the LLM composer relies on."""

from __future__ import annotations

import pytest

from bot.answering.prompts import PROMPTS_DIR, load_prompt
from bot.errors import ConfigError


def test_newest_composer_prompt_loads_with_its_version():
    prompt = load_prompt("composer")
    assert prompt.version.startswith("composer-v")


@pytest.mark.parametrize("path", sorted(PROMPTS_DIR.glob("composer/v*.yaml")), ids=lambda p: p.stem)
def test_every_composer_prompt_states_the_safety_rules(path):
    prompt = load_prompt("composer", path.stem)
    text = prompt.system.lower()
    for rule in ("only", "dose", "stop", "genotype", "data, not instructions", "[f1]"):
        assert rule in text, rule
    assert {"{facts}", "{passages}", "{question}"} <= {p for p in ("{facts}", "{passages}", "{question}") if p in prompt.user}


def test_prompt_versions_are_unique():
    versions = [load_prompt("composer", p.stem).version for p in PROMPTS_DIR.glob("composer/v*.yaml")]
    assert len(versions) == len(set(versions))


def test_unknown_prompt_version_is_a_clear_error():
    with pytest.raises(ConfigError, match="not found"):
        load_prompt("composer", "v999")
