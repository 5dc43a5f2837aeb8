"""Hybrid search: dense (Chroma) + lexical BM25, fused by reciprocal-rank fusion, with term boosts.

Each language's chunks are searched apart (``_Lane``); ``search`` is English unless given ``language=``.

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
import re
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import bm25s
import bm25s.selection
import numpy as np
import Stemmer
from bm25s.tokenization import _infer_stopwords

from bot.config import Settings, get_settings
from bot.core.languages import DEFAULT_LANGUAGE
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


# ISO 639-1 code -> Snowball stemmer (PyStemmer) for the languages both know; other languages are not stemmed.
_STEMMERS = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek", "en": "english",
    "es": "spanish", "fi": "finnish", "fr": "french", "hu": "hungarian", "id": "indonesian", "it": "italian",
    "nl": "dutch", "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sv": "swedish",
    "tr": "turkish",
}
# The codes bm25s has a stopword list for. Chinese and Korean would also need their own word splitting before
# a KB in them searches well (bm25s splits on word boundaries), as would any language: the dense model
# (all-MiniLM-L6-v2) is English-only. Both are decisions for the language's KB, not for this file.
_STOPWORDS = frozenset({"da", "de", "en", "es", "fr", "it", "ko", "nl", "no", "pt", "ru", "sv", "tr", "zh"})


_SPLIT = re.compile(r"(?u)\b\w\w+\b").findall  # bm25s.tokenize's default token pattern


@dataclass
class _Lane:
    """One language's chunks with their own BM25 index and dense matrix: a search in one language never
    sees another language's text, and each language's BM25 statistics come from its own chunks only (so the
    English lane is exactly the index English search had before other languages could be indexed)."""

    ids: list[str]
    stemmer: Stemmer.Stemmer | None
    stopwords: str | None
    bm25: bm25s.BM25
    dense_ids: list[str]
    dense: np.ndarray | None
    _stops: frozenset[str] | None = None

    def tokenize(self, texts: list[str]) -> list[list[str]]:
        return bm25s.tokenize(texts, stopwords=self.stopwords, stemmer=self.stemmer, return_ids=False,
                              show_progress=False)

    def query_tokens(self, text: str) -> list[str]:
        """``tokenize([text])[0]``, for one query: lower case, bm25s's token pattern, stopwords out, stemmed. Without
        the batch machinery (vocabularies, progress bars) it costs ~5 instead of ~50 µs."""
        stop = self._stopword_set
        tokens = [t for t in _SPLIT(text.lower()) if t not in stop]
        return self.stemmer.stemWords(tokens) if self.stemmer is not None and tokens else tokens

    def top(self, tokens: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, document indexes) of the k best documents, best first: what ``bm25.retrieve`` computes for one
        query (its numpy backend), without its per-call progress bars."""
        return bm25s.selection.topk(self.bm25.get_scores(tokens), k=k, sorted=True)

    @property
    def _stopword_set(self) -> frozenset[str]:
        if self._stops is None:
            self._stops = frozenset(_infer_stopwords(self.stopwords) or ())
        return self._stops


class HybridSearcher:
    """Search the knowledge-base chunks held in a vector store, one language at a time (English by default).

    The BM25 index is rebuilt from the store's own chunks, so it always matches the dense index
    (also when the store is a shared Chroma server).
    """

    def __init__(self, store: VectorStore, embedder: Embedder, synonyms: dict[str, list[str]] | None = None):
        self.store = store
        self.embedder = embedder
        stored = store.all_chunks()
        self.chunks: dict[str, Chunk] = {s.chunk.chunk_id: s.chunk for s in stored}
        self.terms = TermIndex(
            genes={g for c in self.chunks.values() for g in c.genes},
            drugs={d for c in self.chunks.values() for d in c.drugs},
            synonyms=synonyms,
        )
        by_language: dict[str, list[str]] = {}
        for cid, chunk in self.chunks.items():
            by_language.setdefault(chunk.language, []).append(cid)
        vectors = self._all_vectors(store)
        self._lanes = {lang: self._lane(lang, ids, vectors) for lang, ids in by_language.items()}

    def _all_vectors(self, store: VectorStore) -> tuple[list[str], np.ndarray] | None:
        """Small collections are searched exactly in memory: a Chroma round trip (~1.4 ms) costs more than
        scoring every chunk (~0.02 ms for 500), and the engine runs several searches per answer. The
        snapshot matches ``self.chunks``, which already limits results to chunks known at start-up."""
        if not 0 < len(self.chunks) <= EXACT_DENSE_MAX or not hasattr(store, "all_vectors"):
            return None
        return store.all_vectors()

    def _lane(self, language: str, ids: list[str], vectors: tuple[list[str], np.ndarray] | None) -> _Lane:
        name = _STEMMERS.get(language)
        lane = _Lane(ids=ids, stemmer=Stemmer.Stemmer(name) if name else None,
                     stopwords=language if language in _STOPWORDS else None, bm25=bm25s.BM25(), dense_ids=[],
                     dense=None)
        lane.bm25.index(lane.tokenize([self.chunks[i].embed_text for i in ids]), show_progress=False)
        if vectors is not None:
            all_ids, matrix = vectors
            mine = set(ids)
            keep = [i for i, cid in enumerate(all_ids) if cid in mine]
            if keep and matrix.shape[1:] == (self.embedder.dim,):
                dense = np.ascontiguousarray(matrix[keep], dtype=np.float32)
                dense /= np.clip(np.linalg.norm(dense, axis=1, keepdims=True), 1e-12, None)
                lane.dense_ids, lane.dense = [all_ids[i] for i in keep], dense
        return lane

    def _dense_candidates(self, lane: _Lane, language: str, vector: np.ndarray) -> list[str]:
        if lane.dense is None:
            # filtered only when the store holds more than one language: an English-only index is queried as before
            where = {"language": language} if len(self._lanes) > 1 else None
            return [cid for cid, _distance in self.store.query(vector, CANDIDATES, where)]
        scores = lane.dense @ np.asarray(vector, dtype=np.float32).reshape(-1)
        n = min(CANDIDATES, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        return [lane.dense_ids[i] for i in top[np.argsort(-scores[top], kind="stable")]]

    def embed_query(self, query: str) -> np.ndarray:
        return self.embedder.encode([self.terms.expand(query)])[0]

    def expand(self, query: str) -> str:
        return self.terms.expand(query)

    def indexed_topics(self) -> list[tuple[list[str], list[str]]]:
        """(genes, medicines) of every English passage: the engine answers from the English KB only."""
        lane = self._lanes.get(DEFAULT_LANGUAGE)
        return [(list(self.chunks[c].genes), list(self.chunks[c].drugs)) for c in (lane.ids if lane else [])]

    def document_genes(self) -> dict[str, set[str]]:
        """Each English document's id and the genes its passages name."""
        lane = self._lanes.get(DEFAULT_LANGUAGE)
        out: dict[str, set[str]] = {}
        for c in lane.ids if lane else []:
            out.setdefault(self.chunks[c].doc_id, set()).update(self.chunks[c].genes)
        return out

    def search(
        self,
        query: str,
        *,
        genes: Sequence[str] = (),
        drugs: Sequence[str] = (),
        k: int = 5,
        query_vector: np.ndarray | None = None,
        only_matching: bool = False,
        language: str = DEFAULT_LANGUAGE,
        documents: Collection[str] | None = None,
    ) -> list[Passage]:
        """Top-k passages in ``language`` for the query; chunks about ``genes``/``drugs`` are boosted (or
        required). Only chunks of documents in ``language`` are ever returned, and only of ``documents`` if given."""
        lane = self._lanes.get(language)
        if lane is None or not lane.ids:
            return []
        expanded = self.terms.expand(query)
        vector = query_vector if query_vector is not None else self.embedder.encode([expanded])[0]
        scores: dict[str, float] = {}
        for rank, cid in enumerate(self._dense_candidates(lane, language, vector)):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        for rank, cid in enumerate(self._lexical(lane, expanded)):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        # terms named in the question count as much as the caller's (the patient's report genes)
        named = self.terms.detect(query)
        wanted_genes = {g.upper() for g in [*genes, *named.genes]}
        wanted_drugs = {d.lower() for d in [*drugs, *named.drugs]}
        for cid in list(scores):
            chunk = self.chunks.get(cid)
            if chunk is None or chunk.language != language or (documents is not None and chunk.doc_id not in documents):
                scores.pop(cid)  # added after this searcher was built, or not ours, or not among the documents asked
                continue
            matches = len(wanted_genes & set(chunk.genes)) + len(wanted_drugs & set(chunk.drugs))
            if only_matching and (wanted_genes or wanted_drugs) and not matches:
                scores.pop(cid)
                continue
            scores[cid] += TERM_BOOST * min(matches, 2)
        best = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:k]
        return [self._passage(cid, score) for cid, score in best]

    def _lexical(self, lane: _Lane, query: str) -> list[str]:
        tokens = lane.query_tokens(query)
        if not tokens:
            return []
        scores, docs = lane.top(tokens, min(CANDIDATES, len(lane.ids)))
        return [lane.ids[int(d)] for d, s in zip(docs, scores) if s > 0]

    def _passage(self, cid: str, score: float) -> Passage:
        c = self.chunks[cid]
        return Passage(
            chunk_id=cid, doc_id=c.doc_id, title=c.title, section=c.section, text=c.text, genes=c.genes,
            drugs=c.drugs, conditions=c.conditions, source_urls=c.source_urls, language=c.language,
            score=round(score, 6),
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
