"""Each contract in bot/core/protocols.py, checked the same way on the real implementation and on its test fake
(tests/support/fakes.py): a fake that passes here behaves, where tests rely on it, like the product."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from bot.conversation.engine import ENGINE_COMPONENTS
from bot.core.passage import Passage
from bot.core.protocols import Embedder, Engine, ReportParser, Searcher
from bot.core.reply import ACTIONS, Reply, Turn
from bot.core.report import Report
from bot.errors import ReportError
from bot.reports.parse import parse_report
from bot.retrieval.embedders import HashEmbedder
from bot.retrieval.indexer import build_index
from bot.retrieval.search import HybridSearcher
from bot.retrieval.store import InMemoryStore
from bot.retrieval.terms import load_synonyms
from tests.support.engine import make_test_engine
from tests.support.fakes import FakeEmbedder, FakeEngine, FakeSearcher, native_json_parser

NATIVE_REPORT = {"lab": "Example Lab",
                 "pharmacogenomics": [{"gene": "CYP2C19", "diplotype": "*2/*2", "phenotype": "Poor Metabolizer"}]}
REPORT = Report(source_format="native", pharmacogenomics=NATIVE_REPORT["pharmacogenomics"])

# ---- Engine ---------------------------------------------------------------------------------------


@pytest.fixture(params=["real", "fake"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Engine:
    return make_test_engine(tmp_path) if request.param == "real" else FakeEngine()


def test_engine_is_an_engine(engine: Engine) -> None:
    assert isinstance(engine, Engine)


def test_engine_reports_every_component_and_all_ready_once_warm(engine: Engine) -> None:
    assert set(engine.readiness()) == set(ENGINE_COMPONENTS) and not any(engine.readiness().values())
    engine.warm_up()
    engine.wait_until_settled()
    assert set(engine.readiness()) == set(ENGINE_COMPONENTS) and all(engine.readiness().values())


def test_engine_answers_an_emergency_with_an_urgent_escalation(engine: Engine) -> None:
    reply = engine.reply("I have chest pain and can't breathe", report=REPORT)
    assert reply.action == "emergency"
    assert reply.escalation is not None and reply.escalation.priority == "urgent"


def test_engine_asks_a_counselor_about_a_dose(engine: Engine) -> None:
    reply = engine.reply("What dose of clopidogrel should I take?", report=REPORT)
    assert reply.action == "escalate" and reply.escalation is not None and reply.escalation.priority == "normal"


def test_engine_reply_is_a_valid_reply_citing_what_it_used(engine: Engine) -> None:
    history = [Turn(role="user", text="What is CYP2C19?"), Turn(role="bot", text="A gene.", action="answer")]
    reply = engine.reply("What does my CYP2C19 result mean?", report=REPORT, history=history)
    assert isinstance(reply, Reply) and Reply.model_validate(reply.model_dump()) == reply
    assert reply.action == "answer" and reply.action in ACTIONS and reply.text and reply.trace
    assert reply.citations and "CYP2C19" in reply.genes
    assert [f.gene for f in reply.report_facts] == ["CYP2C19"]


# ---- Searcher -------------------------------------------------------------------------------------


@pytest.fixture(params=["real", "fake"])
def searcher(request: pytest.FixtureRequest, approved_kb: Path) -> Searcher:
    if request.param == "fake":
        return FakeSearcher()
    store, embedder = InMemoryStore(), HashEmbedder()
    build_index(approved_kb, store, embedder)
    return HybridSearcher(store, embedder, load_synonyms(approved_kb))


def test_searcher_is_a_searcher(searcher: Searcher) -> None:
    assert isinstance(searcher, Searcher)


def test_search_returns_at_most_k_passages(searcher: Searcher) -> None:
    hits = searcher.search("how does my gene change my medicine", k=2)
    assert 0 < len(hits) <= 2 and all(isinstance(p, Passage) for p in hits)


@pytest.mark.parametrize(("genes", "drugs"), [(["CYP2C19"], []), ([], ["clopidogrel"])])
def test_only_matching_search_keeps_to_the_named_gene_or_medicine(searcher: Searcher, genes, drugs) -> None:
    hits = searcher.search("what does it mean for me", genes=genes, drugs=drugs, k=10, only_matching=True)
    assert hits and all(set(genes) <= set(p.genes) and set(drugs) <= set(p.drugs) for p in hits)


def test_named_gene_ranks_its_passages_first(searcher: Searcher) -> None:
    top = searcher.search("what does it mean for me", genes=["CYP2C19"], k=3)[0]
    assert "CYP2C19" in top.genes


def test_search_accepts_a_precomputed_query_vector(searcher: Searcher) -> None:
    vector = HashEmbedder().encode(["clopidogrel"])[0]
    assert searcher.search("clopidogrel", k=2, query_vector=vector)


def test_search_is_english_unless_another_language_is_asked_for(searcher: Searcher) -> None:
    assert all(p.language == "en" for p in searcher.search("clopidogrel", k=10))
    assert searcher.search("clopidogrel", k=10, language="es") == []  # no Spanish documents here


def test_expand_keeps_the_query_and_topics_name_indexed_genes(searcher: Searcher) -> None:
    expanded = searcher.expand("does my clopidogrel work")
    assert isinstance(expanded, str) and "does my clopidogrel work" in expanded
    topics = searcher.indexed_topics()
    assert any("CYP2C19" in genes for genes, _ in topics) and any("clopidogrel" in drugs for _, drugs in topics)


# ---- ReportParser ---------------------------------------------------------------------------------


@pytest.fixture(params=["real", "fake"])
def parser(request: pytest.FixtureRequest) -> ReportParser:
    parsers: dict[str, Callable[..., Report]] = {"real": parse_report, "fake": native_json_parser}
    return parsers[request.param]


def test_parser_is_a_report_parser(parser: ReportParser) -> None:
    assert isinstance(parser, ReportParser)


def test_small_native_json_report_parses(parser: ReportParser) -> None:
    report = parser(json.dumps(NATIVE_REPORT).encode(), filename="report.json")
    assert isinstance(report, Report) and report.source_format == "native"
    [result] = report.pharmacogenomics
    assert (result.gene, result.diplotype, result.phenotype) == ("CYP2C19", "*2/*2", "Poor Metabolizer")


@pytest.mark.parametrize("data", [b"\x00\x01 not a report", b"{\"pharmacogenomics\": 7}", b"[1, 2, 3]"])
def test_garbage_raises_report_error(parser: ReportParser, data: bytes) -> None:
    with pytest.raises(ReportError):
        parser(data, filename="report.json")


def test_upload_over_the_byte_limit_is_too_large(parser: ReportParser) -> None:
    with pytest.raises(ReportError) as caught:
        parser(json.dumps(NATIVE_REPORT).encode(), filename="report.json", max_bytes=10)
    assert caught.value.code == "too_large"


# ---- Embedder -------------------------------------------------------------------------------------


@pytest.fixture(params=["hash", "fake", pytest.param("onnx", marks=pytest.mark.slow)])
def embedder(request: pytest.FixtureRequest) -> Embedder:
    if request.param == "onnx":
        from bot.retrieval.embedders.onnx import OnnxEmbedder

        return OnnxEmbedder.load_or_export(None, request.getfixturevalue("models_cache_dir"))
    return HashEmbedder() if request.param == "hash" else FakeEmbedder()


def test_embedder_is_an_embedder(embedder: Embedder) -> None:
    assert isinstance(embedder, Embedder) and embedder.name and embedder.space and embedder.dim > 0


def test_encode_gives_one_unit_row_per_text(embedder: Embedder) -> None:
    texts = ["poor metabolizer", "what does CYP2C19 do", ""]
    vectors = embedder.encode(texts)
    assert vectors.shape == (3, embedder.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_encode_is_deterministic_and_order_independent(embedder: Embedder) -> None:
    a = embedder.encode(["clopidogrel and CYP2C19", "a gene test"])
    b = embedder.encode(["a gene test", "clopidogrel and CYP2C19"])
    assert np.allclose(a, b[::-1], atol=1e-5)
