"""The LLM support threshold, measured with the real MiniLM embedder: paraphrases pass, new claims do not."""

from __future__ import annotations

import pytest

from bot.core.draft import split_sentences
from bot.safety.guard import SUPPORT_MIN, support_scores
from tests.support.engine import SAMPLE_PASSAGES

SUPPORT = [s for p in SAMPLE_PASSAGES for s in split_sentences(p.text)] + [
    "Your report lists CYP2C19 *2/*2, which the lab calls Poor Metabolizer."]
PARAPHRASES = [
    "CYP2C19 makes an enzyme in your liver that breaks down medicines.",
    "Your report shows CYP2C19 *2/*2, which the lab calls a poor metabolizer.",
    "Clopidogrel needs CYP2C19 to become active.",
    "Poor metabolizers make less of the active form of clopidogrel.",
    "A gene test can help your care team pick medicines that suit you.",
]
UNSUPPORTED = [
    "You have a high chance of getting breast cancer.",
    "Most people with this result live ten years less.",
    "Grapefruit juice is the main cause of clot problems.",
    "Your kids will definitely have the same result.",
    "Your insurance company will see this result.",
    "The weather in Paris is nice in spring.",
]


@pytest.mark.slow
def test_support_threshold_separates_paraphrases_from_new_claims(models_cache_dir):
    from bot.retrieval.embedders import get_embedder

    embedder = get_embedder("onnx", None, str(models_cache_dir))
    good = support_scores(PARAPHRASES, SUPPORT, embedder)
    bad = support_scores(UNSUPPORTED, SUPPORT, embedder)
    # The threshold leans to safety: every new claim is dropped; a loose paraphrase may be dropped too
    # (the reply then falls back to the local composer, which is always safe).
    assert max(bad) < SUPPORT_MIN, list(zip(UNSUPPORTED, bad))
    assert sum(g >= SUPPORT_MIN for g in good) >= len(good) - 1, list(zip(PARAPHRASES, good))
