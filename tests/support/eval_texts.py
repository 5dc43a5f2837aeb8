"""English questions from the eval data, for tests that check a rule never touches English messages."""

from __future__ import annotations

from pathlib import Path

from bot.evals.cases import load_cases, load_triage

EVALS = Path(__file__).parents[2] / "evals"


def english_eval_questions() -> list[str]:
    """Every English answer case, language-suite case and triage example (about 7,000 texts)."""
    cases = [*load_cases(EVALS / "cases"), *load_cases(EVALS / "cases" / "languages")]
    texts = [c.item.question for c in cases
             if "lang:en" in c.item.tags or not any(t.startswith("lang:") for t in c.item.tags)]
    return texts + [e.item.text for e in load_triage(EVALS / "triage")]
