"""Build the vector index from the knowledge base, incrementally.

Only approved documents are indexed. A chunk whose content hash and embedding space are unchanged
is not embedded again; chunks of removed or edited-away sections are deleted from the collection.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from bot.knowledge.approval import require_approved
from bot.knowledge.loader import chunk_document, load_kb
from bot.knowledge.models import Chunk
from bot.retrieval.embedders import Embedder
from bot.retrieval.store import VectorStore

log = logging.getLogger(__name__)
BATCH = 32

Progress = Callable[[int], None]


class IndexStats(BaseModel):
    documents: int
    chunks: int
    embedded: int
    unchanged: int
    deleted: int

    def summary(self) -> str:
        if self.embedded == 0 and self.deleted == 0:
            return f"Index up to date: {self.chunks} chunks from {self.documents} documents; nothing re-embedded."
        return (
            f"Indexed {self.documents} documents: {self.embedded} chunks embedded, {self.unchanged} unchanged, "
            f"{self.deleted} deleted ({self.chunks} in the index)."
        )


def load_approved_chunks(kb_dir: Path) -> tuple[int, list[Chunk]]:
    docs = load_kb(kb_dir)
    require_approved(docs, kb_dir)
    return len(docs), [chunk for doc in docs for chunk in chunk_document(doc)]


def build_index(
    kb_dir: Path,
    store: VectorStore,
    embedder: Embedder,
    *,
    rebuild: bool = False,
    progress: Callable[[int], Progress] | None = None,
) -> IndexStats:
    """Bring ``store`` in line with the approved documents in ``kb_dir``.

    ``progress(total)`` may return a callback that is told how many chunks were just embedded.
    """
    n_docs, chunks = load_approved_chunks(kb_dir)
    existing = {s.chunk.chunk_id: s for s in store.all_chunks()}
    if rebuild:
        store.delete(list(existing))
        existing = {}
    wanted = {c.chunk_id for c in chunks}
    stale = [cid for cid in existing if cid not in wanted]
    store.delete(stale)
    todo = [
        c for c in chunks
        if c.chunk_id not in existing
        or existing[c.chunk_id].content_hash != c.content_hash
        or existing[c.chunk_id].embedder != embedder.space
    ]
    tick = progress(len(todo)) if progress and todo else None
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        store.upsert(batch, embedder.encode([c.embed_text for c in batch]), embedder.space)
        if tick:
            tick(len(batch))
    stats = IndexStats(
        documents=n_docs, chunks=len(chunks), embedded=len(todo), unchanged=len(chunks) - len(todo), deleted=len(stale)
    )
    log.info("index built", extra={"embedded": stats.embedded, "deleted": stats.deleted, "chunks": stats.chunks})
    return stats
