"""Hybrid search: dense (Chroma) + lexical BM25, fused by reciprocal-rank fusion, with term boosts.

>>> from bot.retrieval.embedders import HashEmbedder
>>> from bot.retrieval.store import InMemoryStore
>>> from bot.knowledge.models import Chunk
>>> chunk = Chunk(chunk_id="d#0", doc_id="d", title="CYP2C19", section="Overview", text="CYP2C19 and clopidogrel.",
...               genes=["CYP2C19"], drugs=["clopidogrel"], conditions=[], source_urls=["https://cpicpgx.org"])
>>> store, emb = InMemoryStore(), HashEmbedder()
>>> store.upsert([chunk], emb.encode([chunk.embed_text]), emb.space)
>>> HybridSearcher(store, emb).search("plavix and cyp2c19", k=1)[0].doc_id
'd'
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

import bm25s
import numpy as np
import Stemmer

from bot.config import Settings, get_settings
from bot.core.passage import Passage
from bot.errors import IndexNotReady
from bot.knowledge.models import Chunk
from bot.retrieval.embedders import Embedder, embedder_for
from bot.retrieval.store import ChromaStore, VectorStore
from bot.retrieval.terms import TermIndex, load_synonyms

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG, whatever the root level

RRF_K = 60  # the usual reciprocal-rank-fusion constant: ranks matter, raw scores do not
CANDIDATES = 30
TERM_BOOST = 1.0 / (RRF_K + 1)  # a matching gene/drug is worth one extra top-ranked vote
EXACT_DENSE_MAX = 20_000  # above this, Chroma's HNSW index beats scoring every vector


class HybridSearcher:
    """Search the knowledge-base chunks held in a vector store.

    The BM25 index is rebuilt from the store's own chunks, so it always matches the dense index
    (also when the store is a shared Chroma server).
    """

    def __init__(self, store: VectorStore, embedder: Embedder, synonyms: dict[str, list[str]] | None = None):
        self.store = store
        self.embedder = embedder
        stored = store.all_chunks()
        self.chunks: dict[str, Chunk] = {s.chunk.chunk_id: s.chunk for s in stored}
        self._ids = list(self.chunks)
        self.terms = TermIndex(
            genes={g for c in self.chunks.values() for g in c.genes},
            drugs={d for c in self.chunks.values() for d in c.drugs},
            synonyms=synonyms,
        )
        self._dense_ids, self._dense = self._load_dense(store)
        self._stemmer = Stemmer.Stemmer("english")
        self._bm25 = bm25s.BM25()
        if self._ids:
            corpus = [self.chunks[i].embed_text for i in self._ids]
            self._bm25.index(self._tokenize(corpus), show_progress=False)

    def _load_dense(self, store: VectorStore) -> tuple[list[str], np.ndarray | None]:
        """Small collections are searched exactly in memory: a Chroma round trip (~1.4 ms) costs more than
        scoring every chunk (~0.02 ms for 500), and the engine runs several searches per answer. The
        snapshot matches ``self.chunks``, which already limits results to chunks known at start-up."""
        if not 0 < len(self._ids) <= EXACT_DENSE_MAX or not hasattr(store, "all_vectors"):
            return [], None
        ids, vectors = store.all_vectors()
        keep = [i for i, cid in enumerate(ids) if cid in self.chunks]
        if not keep or vectors.shape[1:] != (self.embedder.dim,):
            return [], None
        matrix = np.ascontiguousarray(vectors[keep], dtype=np.float32)
        matrix /= np.clip(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12, None)
        return [ids[i] for i in keep], matrix

    def _dense_candidates(self, vector: np.ndarray) -> list[str]:
        if self._dense is None:
            return [cid for cid, _distance in self.store.query(vector, CANDIDATES)]
        scores = self._dense @ np.asarray(vector, dtype=np.float32).reshape(-1)
        n = min(CANDIDATES, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        return [self._dense_ids[i] for i in top[np.argsort(-scores[top], kind="stable")]]

    def _tokenize(self, texts: list[str]) -> list[list[str]]:
        return bm25s.tokenize(texts, stopwords="en", stemmer=self._stemmer, return_ids=False, show_progress=False)

    def embed_query(self, query: str) -> np.ndarray:
        return self.embedder.encode([self.terms.expand(query)])[0]

    def expand(self, query: str) -> str:
        return self.terms.expand(query)

    def indexed_topics(self) -> list[tuple[list[str], list[str]]]:
        return [(list(c.genes), list(c.drugs)) for c in self.chunks.values()]

    def search(
        self,
        query: str,
        *,
        genes: Sequence[str] = (),
        drugs: Sequence[str] = (),
        k: int = 5,
        query_vector: np.ndarray | None = None,
        only_matching: bool = False,
    ) -> list[Passage]:
        """Top-k passages for the query; chunks about ``genes``/``drugs`` are boosted (or required)."""
        if not self._ids:
            return []
        expanded = self.terms.expand(query)
        vector = query_vector if query_vector is not None else self.embedder.encode([expanded])[0]
        scores: dict[str, float] = {}
        for rank, cid in enumerate(self._dense_candidates(vector)):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        for rank, cid in enumerate(self._lexical(expanded)):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        # terms named in the question count as much as the caller's (the patient's report genes)
        named = self.terms.detect(query)
        wanted_genes = {g.upper() for g in [*genes, *named.genes]}
        wanted_drugs = {d.lower() for d in [*drugs, *named.drugs]}
        for cid in list(scores):
            chunk = self.chunks.get(cid)
            if chunk is None:  # in the store but added after this searcher was built
                scores.pop(cid)
                continue
            matches = len(wanted_genes & set(chunk.genes)) + len(wanted_drugs & set(chunk.drugs))
            if only_matching and (wanted_genes or wanted_drugs) and not matches:
                scores.pop(cid)
                continue
            scores[cid] += TERM_BOOST * min(matches, 2)
        best = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:k]
        return [self._passage(cid, score) for cid, score in best]

    def _lexical(self, query: str) -> list[str]:
        tokens = self._tokenize([query])
        if not tokens or not tokens[0]:
            return []
        n = min(CANDIDATES, len(self._ids))
        docs, scores = self._bm25.retrieve(tokens, k=n, show_progress=False)
        return [self._ids[int(d)] for d, s in zip(docs[0], scores[0]) if s > 0]

    def _passage(self, cid: str, score: float) -> Passage:
        c = self.chunks[cid]
        return Passage(
            chunk_id=cid, doc_id=c.doc_id, title=c.title, section=c.section, text=c.text, genes=c.genes,
            drugs=c.drugs, conditions=c.conditions, source_urls=c.source_urls, score=round(score, 6),
        )


_lock = threading.Lock()
_searchers: dict[str, HybridSearcher] = {}


def build_searcher(settings: Settings, embedder: Embedder) -> HybridSearcher:
    store = ChromaStore.from_settings(settings)
    if store.count() == 0:
        raise IndexNotReady("The knowledge-base index is empty. Run `genechat index` first.")
    return HybridSearcher(store, embedder, load_synonyms(settings.kb_dir))


def get_searcher(settings: Settings | None = None, embedder: Embedder | None = None) -> HybridSearcher:
    """The process-wide warm searcher for the configured store (one Chroma client, one BM25 index)."""
    settings = settings or get_settings()
    if embedder is None:
        embedder = embedder_for(settings)
    key = "|".join([str(settings.resolved_chroma_path), settings.chroma_url, settings.chroma_collection,
                    str(settings.kb_dir), embedder.name])
    with _lock:
        if key not in _searchers:
            _searchers[key] = build_searcher(settings, embedder)
        return _searchers[key]


def reset_searchers() -> None:
    """Forget warm searchers (after re-indexing, or between tests)."""
    with _lock:
        _searchers.clear()
