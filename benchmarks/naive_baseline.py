"""The pipeline anyone could build in an afternoon, which GeneChat is compared against.

LangChain ``HuggingFaceEmbeddings`` (sentence-transformers + torch) on the same all-MiniLM-L6-v2
folder, an in-memory ``langchain_chroma.Chroma`` holding the same approved knowledge-base chunks,
``similarity_search(k=4)``, and the four passages joined as the "answer". No triage, no hybrid
search, no report facts, no output checks.

>>> from benchmarks.naive_baseline import EmbedderAsLangchain, NaiveBaseline
>>> from bot.retrieval.embedders import HashEmbedder
>>> naive = NaiveBaseline(["CYP2C19 and clopidogrel.", "Warfarin and VKORC1."], EmbedderAsLangchain(HashEmbedder()))
>>> naive.answer("clopidogrel").startswith("CYP2C19")
True
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from pathlib import Path

from langchain_core.embeddings import Embeddings

from bot.retrieval.embedders import Embedder, default_model_dir

K = 4


class EmbedderAsLangchain(Embeddings):
    """Any GeneChat ``Embedder`` as a LangChain ``Embeddings`` (the tiny test uses the hash embedder)."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.encode([text])[0].tolist()


def huggingface_embeddings(model_dir: Path | None = None) -> Embeddings:
    """The stock LangChain embeddings on the local model folder (imports torch: several seconds)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model_name=str(model_dir or default_model_dir()),
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True},
    )


class NaiveBaseline:
    """Chroma + embeddings + ``similarity_search(k=4)``, passages joined."""

    def __init__(self, texts: Sequence[str], embeddings: Embeddings, metadatas: Sequence[dict] | None = None):
        os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
        from langchain_chroma import Chroma

        self.embeddings = embeddings
        self.store = Chroma.from_texts(
            list(texts),
            embeddings,
            metadatas=list(metadatas) if metadatas else None,
            # in-process clients share state: a fresh name per instance avoids "already exists"
            collection_name=f"naive_baseline_{uuid.uuid4().hex[:8]}",
            collection_metadata={"hnsw:space": "cosine"},
        )

    @classmethod
    def from_kb(cls, kb_dir: Path, embeddings: Embeddings | None = None) -> NaiveBaseline:
        """Index the same approved chunks GeneChat indexes (title + section + text, as GeneChat embeds them)."""
        from bot.retrieval.indexer import load_approved_chunks

        _, chunks = load_approved_chunks(kb_dir)
        return cls(
            [c.embed_text for c in chunks],
            embeddings or huggingface_embeddings(),
            [{"doc_id": c.doc_id, "title": c.title} for c in chunks],
        )

    def answer(self, question: str) -> str:
        docs = self.store.similarity_search(question, k=K)
        return "\n\n".join(d.page_content for d in docs)

    def embed_query(self, question: str) -> list[float]:
        """The embedding step alone (for the breakdown)."""
        return self.embeddings.embed_query(question)
