"""Index benchmarks: building the real knowledge-base index, and synthetic collections of 10k/100k chunks.

Synthetic chunks have generated text (gene and medicine names mixed into filler words) and
**random unit vectors** instead of model embeddings: embedding 100,000 chunks would measure the
model, not the store, so the embedding cost is measured on a sample and reported separately.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.stats import percentiles
from bot.config import Settings
from bot.knowledge.models import Chunk
from bot.retrieval.embedders import Embedder
from bot.retrieval.store import ChromaStore

log = logging.getLogger(__name__)

GENES = ["CYP2C19", "CYP2D6", "CYP2C9", "VKORC1", "SLCO1B1", "TPMT", "NUDT15", "DPYD", "UGT1A1", "CYP3A5",
         "HLA-B", "BRCA1", "BRCA2", "MLH1", "MSH2", "CFTR", "ABCG2", "CYP2B6", "G6PD", "IFNL3"]
DRUGS = ["clopidogrel", "codeine", "tramadol", "warfarin", "simvastatin", "azathioprine", "fluorouracil",
         "irinotecan", "tacrolimus", "abacavir", "efavirenz", "sertraline", "citalopram", "ondansetron",
         "atorvastatin", "rosuvastatin", "phenytoin", "celecoxib", "mercaptopurine", "capecitabine"]
FILLER = ("your body uses a gene to make a protein that changes how a medicine works some people have a "
          "result that means the medicine builds up or does not work as well talk with your care team about "
          "what your report means for you and your family this is general information about genetic testing "
          "results and how doctors use them to choose a medicine or a dose").split()
QUERY_K = 30  # the hybrid searcher asks the vector store for 30 candidates


def random_unit_vectors(n: int, dim: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((n, dim), dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def synthetic_chunks(n: int, seed: int = 7, words: int = 60) -> list[Chunk]:
    """``n`` generated chunks, each about one gene and one medicine, ~``words`` words long."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        gene, drug = GENES[i % len(GENES)], DRUGS[(i // len(GENES)) % len(DRUGS)]
        body = " ".join(rng.choice(FILLER, size=words))
        out.append(Chunk(
            chunk_id=f"syn-{i}#0", doc_id=f"syn-{i}", title=f"{gene} and {drug}", section="Overview",
            text=f"{gene} changes how {drug} works. {body}.", genes=[gene], drugs=[drug], conditions=[],
            source_urls=["https://example.org/synthetic"],
        ))
    return out


def bench_kb_build(settings: Settings, embedder: Embedder) -> dict[str, Any]:
    """Full build of the real KB index into ``settings``' data dir, then a no-change incremental pass."""
    from bot.retrieval.indexer import build_index

    store = ChromaStore.from_settings(settings)
    start = time.perf_counter()
    stats = build_index(settings.kb_dir, store, embedder, rebuild=True)
    full = time.perf_counter() - start
    start = time.perf_counter()
    build_index(settings.kb_dir, store, embedder)
    incremental = time.perf_counter() - start
    return {
        "documents": stats.documents, "chunks": stats.chunks, "embedder": embedder.name,
        "build_s": round(full, 3), "chunks_per_s": round(stats.chunks / full, 1) if full else None,
        "incremental_noop_s": round(incremental, 3),
    }


def bench_embedding_rate(embedder: Embedder, sample: int = 256) -> dict[str, Any]:
    """Bulk embedding throughput on generated chunk texts (what a real 10k/100k build would add)."""
    texts = [c.embed_text for c in synthetic_chunks(sample, seed=11)]
    embedder.encode(texts[:8])
    start = time.perf_counter()
    embedder.encode(texts)
    seconds = time.perf_counter() - start
    return {"embedder": embedder.name, "sample": sample, "chunks_per_s": round(sample / seconds, 1)}


def _dir_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 1)


def bench_synthetic(n: int, work_dir: Path, *, queries: int = 200, embed_rate: float | None = None,
                    dim: int = 384) -> dict[str, Any]:
    """Build a persistent Chroma collection of ``n`` synthetic chunks and time queries against it."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from bot.retrieval.embedders import HashEmbedder
    from bot.retrieval.search import HybridSearcher

    path = work_dir / f"synthetic_{n}"
    shutil.rmtree(path, ignore_errors=True)
    chunks = synthetic_chunks(n)
    vectors = random_unit_vectors(n, dim, seed=n)
    client = chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))
    store = ChromaStore(client, f"synthetic_{n}")
    start = time.perf_counter()
    store.upsert(chunks, vectors, "random-unit-vectors")
    build_s = time.perf_counter() - start

    qvecs = random_unit_vectors(queries + 10, dim, seed=n + 1)
    for v in qvecs[:10]:  # warm the HNSW segment into memory
        store.query(v, QUERY_K)
    raw_ms = []
    for v in qvecs[10:]:
        t = time.perf_counter()
        store.query(v, QUERY_K)
        raw_ms.append((time.perf_counter() - t) * 1000)

    # the whole hybrid search (vector + BM25 + fusion) with a precomputed query vector, as the engine calls it
    start = time.perf_counter()
    searcher = HybridSearcher(store, HashEmbedder(dim))
    searcher_init_s = time.perf_counter() - start
    rng = np.random.default_rng(n + 2)
    texts = [f"what does {GENES[i % len(GENES)]} mean for my {DRUGS[int(rng.integers(len(DRUGS)))]}"
             for i in range(queries)]
    hybrid_ms = []
    for text, v in zip(texts, qvecs[10:]):
        t = time.perf_counter()
        searcher.search(text, query_vector=v, genes=[text.split()[2]], k=5)
        hybrid_ms.append((time.perf_counter() - t) * 1000)
    result = {
        "chunks": n, "vectors": "random unit vectors (not model embeddings)", "build_s": round(build_s, 2),
        "store_chunks_per_s": round(n / build_s, 1), "disk_mb": _dir_mb(path),
        "vector_query_k30": percentiles(raw_ms), "hybrid_searcher_init_s": round(searcher_init_s, 2),
        "hybrid_search": percentiles(hybrid_ms),
    }
    if embed_rate:
        result["projected_build_with_embedding_s"] = round(build_s + n / embed_rate, 1)
    del searcher, store, client
    shutil.rmtree(path, ignore_errors=True)
    return result
