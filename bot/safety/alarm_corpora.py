"""The readable halves of the languages suite as training data for the alarm models.

Patients' own wording of emergencies, and safe prompts with alarm words, in every language, written by people who
read no rule (evals/README.md, "Corpus 5" onwards). An emergency case becomes an emergency example with its reason; any
other case a safe one. Only the readable (dev) halves are learned from: the locked and fresh halves are never trained
on, so they stay the honest measure.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from bot.safety.classifier import LANGUAGE_CASES_DIR, LabeledExample, readable_case_files

LANGUAGE_DIR = LANGUAGE_CASES_DIR
ALARM_CORPORA = ("dev.yaml", "c5dev.yaml", "c6dev.yaml", "c7dev.yaml")


def corpus_files(language_dir: Path = LANGUAGE_DIR) -> list[Path]:
    """The corpora of ``ALARM_CORPORA`` that exist in the folder (none in a test's own folder)."""
    return [language_dir / name for name in ALARM_CORPORA if (language_dir / name).is_file()]


def load_corpus_examples(paths: Sequence[Path], language: str | None = None) -> tuple[list[LabeledExample], list[str]]:
    """(emergencies with their reason, safe texts) of languages-suite files, of one language (``lang:xx``) or all."""
    emergencies: list[LabeledExample] = []
    safe: list[str] = []
    for path in paths:
        for case in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("cases") or []:
            if language is not None and f"lang:{language}" not in (case.get("tags") or []):
                continue
            if case.get("history"):  # its words alone do not carry its label
                continue
            if case.get("expect_action") == "emergency":
                reason = str(case.get("expect_reason") or "emergency_symptoms")
                emergencies.append(LabeledExample(str(case["question"]), "emergency", reason))
            else:
                safe.append(str(case["question"]))
    return emergencies, safe


SECOND_OPINION_LANGUAGE = "en"  # the embedder reads English: other languages' cases raised its false alarms (stop 38)


def second_opinion_cases(language_dir: Path = LANGUAGE_DIR) -> tuple[list[LabeledExample], list[str]]:
    """The second opinion's extra training data (classifier.py): the English cases of every readable half."""
    return load_corpus_examples(readable_case_files(language_dir), SECOND_OPINION_LANGUAGE)
