"""The retrieval quality gate (evals/retrieval.yaml, limits from evals/thresholds.yaml) passes with
both embedders: the ONNX serving default and the sentence-transformers reference it was exported from."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, Settings
from bot.evals.cases import load_retrieval
from bot.evals.gate import load_thresholds
from bot.evals.runner import run_retrieval
from bot.retrieval.embedders import get_embedder
from bot.retrieval.indexer import build_index
from bot.retrieval.search import HybridSearcher
from bot.retrieval.store import ChromaStore
from bot.retrieval.terms import load_synonyms

pytestmark = pytest.mark.slow

EVALS = PROJECT_ROOT / "evals"
RETRIEVAL = EVALS / "retrieval.yaml"


@pytest.mark.parametrize("kind", ["onnx", "sentence-transformers"])
def test_retrieval_gate_passes_with_each_real_embedder(kind: str, tmp_path: Path, models_cache_dir: Path) -> None:
    if not RETRIEVAL.is_file():
        pytest.skip("evals/retrieval.yaml is not written yet")
    limits = load_thresholds(EVALS / "thresholds.yaml").suites["retrieval"]
    settings = Settings(data_dir=tmp_path / "data", embedder=kind)
    embedder = get_embedder(kind, None, str(models_cache_dir))
    store = ChromaStore.from_settings(settings)
    build_index(settings.kb_dir, store, embedder)
    searcher = HybridSearcher(store, embedder, load_synonyms(settings.kb_dir))

    suite = run_retrieval(load_retrieval(RETRIEVAL), searcher)

    misses = [f"{c.text!r}: expected {c.details['expect']}, got {c.retrieved[:3]}"
              for c in suite.cases if not c.checks["hit_at_3"]]
    for name, bound in limits.items():
        score = suite.metrics[name].score
        assert score is not None, name
        if bound.min is not None:
            assert score >= bound.min, f"{kind}: {name} {score:.3f} < {bound.min}; misses:\n" + "\n".join(misses)
        if bound.max is not None:
            assert score <= bound.max, f"{kind}: {name} {score:.3f} > {bound.max}"
