"""Incremental indexing into a vector store, and approval enforcement."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.config import Settings
from bot.errors import KnowledgeBaseError
from bot.retrieval.embedders import HashEmbedder
from bot.retrieval.indexer import build_index
from bot.retrieval.store import ChromaStore, InMemoryStore
from tests.support.fakes import FakeEmbedder


@pytest.fixture(params=["memory", "chroma"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "memory":
        return InMemoryStore()
    return ChromaStore.from_settings(Settings(data_dir=tmp_path / "data", chroma_collection=f"test_{tmp_path.name}"))


def test_second_index_run_embeds_nothing(approved_kb: Path, store) -> None:
    embedder = FakeEmbedder()
    first = build_index(approved_kb, store, embedder)
    assert first.embedded == first.chunks > 0
    second = build_index(approved_kb, store, embedder)
    assert second.embedded == 0 and second.unchanged == first.chunks
    assert embedder.encoded == first.chunks
    assert "nothing re-embedded" in second.summary()


def test_editing_one_section_re_embeds_only_that_chunk(approved_kb: Path, store) -> None:
    from bot.knowledge.approval import approve
    from bot.knowledge.loader import load_document

    embedder = FakeEmbedder()
    build_index(approved_kb, store, embedder)
    path = approved_kb / "gina-insurance.md"
    path.write_text(path.read_text().replace("long-term care insurance.", "long-term care insurance policies."))
    approve(approved_kb, load_document(path), "Test Reviewer")
    stats = build_index(approved_kb, store, embedder)
    assert stats.embedded == 1


def test_removed_document_is_deleted_from_the_store(approved_kb: Path, store) -> None:
    embedder = HashEmbedder()
    build_index(approved_kb, store, embedder)
    (approved_kb / "gene-vkorc1.md").unlink()
    stats = build_index(approved_kb, store, embedder)
    assert stats.deleted == 2
    assert not any(s.chunk.doc_id == "gene-vkorc1" for s in store.all_chunks())


def test_index_refuses_unapproved_documents_and_names_them(approved_kb: Path) -> None:
    path = approved_kb / "drug-clopidogrel.md"
    path.write_text(path.read_text() + "\nAn unreviewed edit.\n")
    with pytest.raises(KnowledgeBaseError, match=r"drug-clopidogrel \(drug-clopidogrel.md\)"):
        build_index(approved_kb, InMemoryStore(), HashEmbedder())


def test_chroma_metadata_allows_exact_gene_filter(approved_kb: Path, tmp_path: Path) -> None:
    store = ChromaStore.from_settings(Settings(data_dir=tmp_path / "d2", chroma_collection="filter_test"))
    embedder = HashEmbedder()
    build_index(approved_kb, store, embedder)
    hits = store.query(embedder.encode(["medicine"])[0], k=10, where={"gene:VKORC1": True})
    assert hits and all(cid.startswith("gene-vkorc1#") for cid, _ in hits)
    stored = {s.chunk.chunk_id: s.chunk for s in store.all_chunks()}
    assert stored["drug-clopidogrel#1"].genes == ["CYP2C19"]
    assert stored["drug-clopidogrel#1"].source_urls[0].startswith("https://cpicpgx.org")


def test_changing_embedding_space_re_embeds_everything(approved_kb: Path) -> None:
    store = InMemoryStore()
    build_index(approved_kb, store, HashEmbedder(dim=384))
    stats = build_index(approved_kb, store, HashEmbedder(dim=384))  # same space: nothing to do
    assert stats.embedded == 0
    other = HashEmbedder(dim=384)
    other.space = "another-model"
    assert build_index(approved_kb, store, other).embedded == stats.chunks
    assert np.isfinite(store.query(other.encode(["x"])[0], 1)[0][1])
