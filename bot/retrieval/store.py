"""Vector stores behind one small protocol: Chroma (embedded or server) and an in-memory one for tests.

Chroma metadata must be scalar, so list fields are stored joined by ``|`` and each gene and drug
also gets its own boolean key (``gene:CYP2C19``, ``drug:clopidogrel``) for exact filtering. Every chunk
carries its document's ``language`` (ISO 639-1), which search filters on.
We always pass our own vectors: Chroma's default embedding function would try to download a model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlparse

import numpy as np

from bot.config import Settings
from bot.core.languages import DEFAULT_LANGUAGE
from bot.errors import ConfigError
from bot.knowledge.models import Chunk

LIST_SEP = "|"
PAGE = 5000  # rows per Chroma get() when reading a whole collection


@dataclass(frozen=True)
class StoredChunk:
    chunk: Chunk
    content_hash: str
    embedder: str


def chunk_metadata(chunk: Chunk, embedder_space: str) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "doc_id": chunk.doc_id,
        "title": chunk.title,
        "section": chunk.section,
        "genes": LIST_SEP.join(chunk.genes),
        "drugs": LIST_SEP.join(chunk.drugs),
        "conditions": LIST_SEP.join(chunk.conditions),
        "source_urls": LIST_SEP.join(chunk.source_urls),
        "language": chunk.language,
        "content_hash": chunk.content_hash,
        "embedder": embedder_space,
    }
    meta.update({f"gene:{g}": True for g in chunk.genes})
    meta.update({f"drug:{d}": True for d in chunk.drugs})
    return meta


def chunk_from_record(chunk_id: str, text: str, meta: dict[str, Any]) -> StoredChunk:
    def split(key: str) -> list[str]:
        value = meta.get(key) or ""
        return [v for v in str(value).split(LIST_SEP) if v]

    chunk = Chunk(
        chunk_id=chunk_id, doc_id=meta["doc_id"], title=meta["title"], section=meta["section"], text=text,
        genes=split("genes"), drugs=split("drugs"), conditions=split("conditions"), source_urls=split("source_urls"),
        # a chunk indexed before chunks had a language was English (its hash differs, so indexing re-writes it)
        language=str(meta.get("language") or DEFAULT_LANGUAGE),
    )
    return StoredChunk(chunk=chunk, content_hash=str(meta.get("content_hash", "")), embedder=str(meta.get("embedder", "")))


class VectorStore(Protocol):
    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray, embedder_space: str) -> None: ...
    def delete(self, chunk_ids: Sequence[str]) -> None: ...
    def all_chunks(self) -> list[StoredChunk]: ...
    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]: ...
    def count(self) -> int: ...


class ChromaStore:
    """Chroma collection with cosine distance; ``PersistentClient`` by default, ``HttpClient`` for a server."""

    def __init__(self, client: Any, collection_name: str):
        self.client = client
        self.collection = client.get_or_create_collection(
            collection_name, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> ChromaStore:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            if url.scheme not in {"http", "https"} or not url.hostname:
                raise ConfigError(f"GENECHAT_CHROMA_URL must look like http://host:port, got {settings.chroma_url!r}")
            client = chromadb.HttpClient(
                host=url.hostname, port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https", settings=chroma_settings,
            )
        else:
            path = settings.resolved_chroma_path
            path.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        return cls(client, settings.chroma_collection)

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray, embedder_space: str) -> None:
        for start in range(0, len(chunks), 2000):  # Chroma caps one request's batch size
            part = chunks[start : start + 2000]
            self.collection.upsert(
                ids=[c.chunk_id for c in part],
                embeddings=np.asarray(vectors[start : start + 2000], dtype=np.float32),
                documents=[c.text for c in part],
                metadatas=[chunk_metadata(c, embedder_space) for c in part],
            )

    def delete(self, chunk_ids: Sequence[str]) -> None:
        if chunk_ids:
            self.collection.delete(ids=list(chunk_ids))

    def all_chunks(self) -> list[StoredChunk]:
        # paged: one get() of a whole large collection fails in SQLite ("too many SQL variables", ~40k rows)
        out: list[StoredChunk] = []
        while True:
            got = self.collection.get(include=["documents", "metadatas"], limit=PAGE, offset=len(out))
            out += [chunk_from_record(i, d or "", m or {}) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]
            if len(got["ids"]) < PAGE:
                return out

    def all_vectors(self) -> tuple[list[str], np.ndarray]:
        """Every chunk id with its stored vector (paged, like ``all_chunks``)."""
        ids: list[str] = []
        rows: list[np.ndarray] = []
        while True:
            got = self.collection.get(include=["embeddings"], limit=PAGE, offset=len(ids))
            ids += list(got["ids"])
            if len(got["ids"]):
                rows.append(np.asarray(got["embeddings"], dtype=np.float32))
            if len(got["ids"]) < PAGE:
                return ids, np.vstack(rows) if rows else np.zeros((0, 0), dtype=np.float32)

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        if k <= 0:
            return []
        # no count() first: Chroma returns fewer rows when k exceeds the collection, and a count
        # round trip cost as much as the query itself (benchmarks/, BENCHMARKS.md)
        res = self.collection.query(
            query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, -1), n_results=k, where=where,
            include=["distances"],
        )
        return list(zip(res["ids"][0], res["distances"][0]))

    def count(self) -> int:
        return self.collection.count()


class InMemoryStore:
    """Exact cosine search in numpy: for tests and tiny deployments."""

    def __init__(self) -> None:
        self._records: dict[str, tuple[np.ndarray, dict[str, Any], str]] = {}

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray, embedder_space: str) -> None:
        for chunk, vec in zip(chunks, vectors):
            self._records[chunk.chunk_id] = (np.asarray(vec, dtype=np.float32), chunk_metadata(chunk, embedder_space), chunk.text)

    def delete(self, chunk_ids: Sequence[str]) -> None:
        for cid in chunk_ids:
            self._records.pop(cid, None)

    def all_chunks(self) -> list[StoredChunk]:
        return [chunk_from_record(cid, text, meta) for cid, (_, meta, text) in self._records.items()]

    def all_vectors(self) -> tuple[list[str], np.ndarray]:
        ids = list(self._records)
        return ids, np.vstack([self._records[i][0] for i in ids]) if ids else np.zeros((0, 0), dtype=np.float32)

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        rows = [
            (cid, 1.0 - float(np.dot(vec, vector)))
            for cid, (vec, meta, _) in self._records.items()
            if not where or all(meta.get(key) == value for key, value in where.items())
        ]
        return sorted(rows, key=lambda r: r[1])[:k]

    def count(self) -> int:
        return len(self._records)
