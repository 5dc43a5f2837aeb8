"""Retrieval quality gate: every query in evals/retrieval.yaml through the real hybrid search.

Uses the real embedder (all-MiniLM-L6-v2 via ONNX) and a real Chroma store built by the indexer from
the approved knowledge base. Requires hit@3 >= 0.90 and MRR >= 0.75 and prints every miss.

Run alone: ``.venv/bin/python -m pytest tests/integration/test_retrieval_gate.py -q -s -m slow``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from bot.config import PROJECT_ROOT, get_settings
from bot.retrieval.embedder import get_embedder
from bot.retrieval.indexer import build_index
from bot.retrieval.search import HybridSearcher
from bot.retrieval.store import ChromaStore
from bot.retrieval.terms import load_synonyms

QUERIES = PROJECT_ROOT / "evals" / "retrieval.yaml"
KB_DIR = PROJECT_ROOT / "knowledge_base"
MIN_HIT_AT_3 = 0.90
MIN_MRR = 0.75


@dataclass
class QueryResult:
    query: str
    expect: list[str]
    ranked: list[str]  # distinct doc ids, best first

    @property
    def rank(self) -> int | None:
        """1-based rank of the first expected doc, or None when it is not retrieved."""
        return next((i for i, d in enumerate(self.ranked, start=1) if d in self.expect), None)


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def run_queries(searcher: HybridSearcher, queries: list[dict], k: int = 10) -> list[QueryResult]:
    results = []
    for case in queries:
        ranked: list[str] = []
        for passage in searcher.search(case["query"], k=k):
            if passage.doc_id not in ranked:
                ranked.append(passage.doc_id)
        results.append(QueryResult(case["query"], list(case["expect"]), ranked))
    return results


def scores(results: list[QueryResult]) -> tuple[float, float]:
    """(hit@3, MRR over distinct documents)."""
    hits = sum(1 for r in results if r.rank is not None and r.rank <= 3)
    mrr = sum(1.0 / r.rank for r in results if r.rank is not None)
    return hits / len(results), mrr / len(results)


def misses(results: list[QueryResult]) -> list[str]:
    return [
        f"rank {r.rank or '-':>2}  {r.query!r}: expected {r.expect}, got {r.ranked[:3]}"
        for r in results if r.rank is None or r.rank > 3
    ]


def test_retrieval_queries_reference_existing_documents() -> None:
    ids = {p.stem for p in KB_DIR.glob("*.md")}
    queries = load_queries()
    assert len(queries) >= 150
    unknown = sorted({d for q in queries for d in q["expect"] if d not in ids})
    assert not unknown, f"evals/retrieval.yaml names documents that do not exist: {unknown}"


@pytest.mark.slow
def test_retrieval_gate_hit_at_3_and_mrr(models_cache_dir: Path) -> None:
    settings = get_settings()
    embedder = get_embedder("onnx", None, str(models_cache_dir))
    store = ChromaStore.from_settings(settings)
    build_index(KB_DIR, store, embedder)
    searcher = HybridSearcher(store, embedder, load_synonyms(KB_DIR))
    results = run_queries(searcher, load_queries())
    hit3, mrr = scores(results)
    print(f"\nretrieval gate: {len(results)} queries, hit@3={hit3:.3f}, MRR={mrr:.3f}")
    for line in misses(results):
        print("  MISS", line)
    assert hit3 >= MIN_HIT_AT_3, f"hit@3 {hit3:.3f} < {MIN_HIT_AT_3}"
    assert mrr >= MIN_MRR, f"MRR {mrr:.3f} < {MIN_MRR}"
