"""Hybrid search: fusion, synonyms, gene/drug boosts, and the langchain adapter."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.models import Chunk
from bot.retrieval.embedders import HashEmbedder
from bot.retrieval.indexer import build_index
from bot.retrieval.langchain import GeneChatRetriever
from bot.retrieval.search import HybridSearcher
from bot.retrieval.store import InMemoryStore
from bot.retrieval.terms import load_synonyms


@pytest.fixture
def searcher(approved_kb: Path) -> HybridSearcher:
    store, embedder = InMemoryStore(), HashEmbedder()
    build_index(approved_kb, store, embedder)
    return HybridSearcher(store, embedder, load_synonyms(approved_kb))


def test_brand_name_finds_generic_doc_through_synonyms(searcher: HybridSearcher) -> None:
    assert searcher.search("does my plavix work", k=1)[0].doc_id == "drug-clopidogrel"


def test_lay_term_blood_thinner_finds_warfarin_doc(searcher: HybridSearcher) -> None:
    assert searcher.search("my blood thinner", k=1)[0].doc_id == "gene-vkorc1"


def test_passages_carry_citation_fields(searcher: HybridSearcher) -> None:
    top = searcher.search("GINA life insurance", k=1)[0]
    assert top.doc_id == "gina-insurance" and top.section == "What GINA does not cover"
    assert top.source_urls == ["https://www.genome.gov/about-genomics/policy-issues/Genetic-Discrimination"]
    assert top.score > 0


def test_report_genes_boost_matching_chunks(searcher: HybridSearcher) -> None:
    plain = [p.doc_id for p in searcher.search("how does this gene change my medicine", k=5)]
    boosted = [p.doc_id for p in searcher.search("how does this gene change my medicine", genes=["VKORC1"], k=5)]
    assert boosted[0] == "gene-vkorc1"
    assert plain != boosted or plain[0] == "gene-vkorc1"


def test_only_matching_filters_to_the_requested_gene(searcher: HybridSearcher) -> None:
    hits = searcher.search("what does it mean", genes=["CYP2C19"], only_matching=True, k=10)
    assert hits and all("CYP2C19" in p.genes for p in hits)


def test_detects_genes_and_drugs_including_brand_names(searcher: HybridSearcher) -> None:
    found = searcher.terms.detect("I take Plavix, what does cyp2c19 do?")
    assert found.genes == ["CYP2C19"] and found.drugs == ["clopidogrel"]


def test_gene_symbol_inside_a_longer_word_is_not_detected(searcher: HybridSearcher) -> None:
    assert searcher.terms.detect("CYP2C191 is not a gene").genes == []


def test_empty_store_returns_no_passages() -> None:
    assert HybridSearcher(InMemoryStore(), HashEmbedder()).search("anything") == []


def test_langchain_retriever_returns_documents_with_metadata(searcher: HybridSearcher) -> None:
    from langchain_core.runnables import RunnableLambda

    retriever = GeneChatRetriever(searcher=searcher, k=2)
    chain = retriever | RunnableLambda(lambda docs: [(d.metadata["doc_id"], d.metadata["title"]) for d in docs])
    result = chain.invoke("what is a poor metabolizer")
    assert result[0] == ("metabolizer-terms", "What metabolizer words mean")
    docs = retriever.invoke("Coumadin")
    assert docs[0].metadata["source_urls"] == ["https://medlineplus.gov/genetics/gene/vkorc1/"]


def test_chunk_added_after_searcher_was_built_is_ignored_not_crashing(searcher: HybridSearcher) -> None:
    extra = Chunk(chunk_id="late#0", doc_id="late", title="Late", section="Overview", text="poor metabolizer late",
                  genes=[], drugs=[], conditions=[], source_urls=["https://x.org"])
    searcher.store.upsert([extra], searcher.embedder.encode([extra.embed_text]), searcher.embedder.space)
    assert all(p.doc_id != "late" for p in searcher.search("poor metabolizer late", k=10))


def _retrieve_lexical(lane, query: str) -> list[str]:
    """The lexical half as it was: bm25s's own batch tokenizer and ``retrieve``."""
    tokens = lane.tokenize([query])
    if not tokens or not tokens[0]:
        return []
    docs, scores = lane.bm25.retrieve(tokens, k=min(30, len(lane.ids)), show_progress=False)
    return [lane.ids[int(d)] for d, s in zip(docs[0], scores[0]) if s > 0]


def test_lexical_search_is_bm25s_tokenize_and_retrieve(searcher: HybridSearcher) -> None:
    import yaml

    from bot.config import PROJECT_ROOT

    questions = [c["question"] for p in sorted((PROJECT_ROOT / "evals" / "cases").glob("*.yaml"))
                 for c in yaml.safe_load(p.read_text(encoding="utf-8"))["cases"]]
    texts = [*questions, *(c.embed_text for c in searcher.chunks.values()), "", "the and of", "CYP2D6 *4/*4"]
    lane = searcher._lanes["en"]
    for text in texts:
        query = searcher.expand(text)
        assert lane.query_tokens(query) == lane.tokenize([query])[0], query
        assert searcher._lexical(lane, query) == _retrieve_lexical(lane, query), query


@pytest.mark.parametrize("language", ["es", "de", "vi", "zh"])  # stemmed with stopwords, stopwords only, neither
def test_query_tokens_match_bm25s_in_other_languages(language: str) -> None:
    import bm25s
    import Stemmer

    from bot.retrieval.search import _STEMMERS, _STOPWORDS, _Lane

    name = _STEMMERS.get(language)
    lane = _Lane(ids=[], stemmer=Stemmer.Stemmer(name) if name else None,
                 stopwords=language if language in _STOPWORDS else None, bm25=bm25s.BM25(), dense_ids=[], dense=None)
    for text in ["¿Qué significa mi resultado de CYP2C19 para el clopidogrel?", "Was bedeutet mein Ergebnis für mich",
                 "Kết quả CYP2C19 của tôi có nghĩa là gì", "我的CYP2C19结果是什么意思", "les résultats de mes tests"]:
        assert lane.query_tokens(text) == lane.tokenize([text])[0]


def test_search_can_be_kept_to_named_documents(searcher: HybridSearcher) -> None:
    # "can my insurer raise my rates because of my BRCA result": the gene's documents would outrank the insurance page
    hits = searcher.search("insurance and my brca2 result", k=4, documents={"gina-insurance"})
    assert hits and {p.doc_id for p in hits} == {"gina-insurance"}
