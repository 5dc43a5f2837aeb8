"""A knowledge base in a second language is data: translations load, lint, index and search apart from English.

The Spanish document below is TEST DATA, NOT PRODUCT CONTENT: made-up filler around a gene and a medicine
name, never shown to anyone. GeneChat has no vetted Spanish text yet.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.languages import DEFAULT_LANGUAGE, known_languages
from bot.errors import KnowledgeBaseError
from bot.knowledge.approval import approve
from bot.knowledge.lint import lint_kb
from bot.knowledge.loader import load_document, load_kb
from bot.retrieval import search as search_module
from bot.retrieval.embedders import HashEmbedder
from bot.retrieval.indexer import build_index
from bot.retrieval.search import HybridSearcher
from bot.retrieval.store import InMemoryStore, chunk_from_record
from bot.retrieval.terms import load_synonyms
from bot.safety import languages

FIXTURE_KB = Path(__file__).parent.parent / "fixtures" / "kb"
KB = Path(__file__).parent.parent.parent / "knowledge_base"

FAKE_ES_BODY = """\
Texto de prueba inventado (zzprueba): no es contenido de GeneChat. Menciona CYP2C19 y clopidogrel.

## Sección de prueba
Otra frase de prueba inventada con la palabra zzprueba y el gen CYP2C19.
"""


def _front(**fields: str) -> str:
    base = {"id": "drug-clopidogrel-es", "language": "es", "translation_of": "drug-clopidogrel",
            "title": "Prueba inventada", "genes": "[CYP2C19]", "drugs": "[clopidogrel]", "conditions": "[]",
            "audience": "patient", "sources": "[https://cpicpgx.org/guidelines/]", "reviewed_by": "Test Reviewer",
            "reviewed_on": "2026-01-01"}
    base.update(fields)
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in base.items() if v != "DROP") + "---\n"


def _write_translation(kb: Path, name: str = "drug-clopidogrel.md", folder: str = "es", **fields: str) -> Path:
    path = kb / folder / name if folder else kb / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(_front(**fields) + FAKE_ES_BODY, encoding="utf-8")
    return path


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    """The English fixture KB plus one fake Spanish translation, all approved."""
    target = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, target)
    _write_translation(target)
    for doc in load_kb(target):
        approve(target, doc, "Test Reviewer")
    return target


def _searcher(kb: Path) -> HybridSearcher:
    store, embedder = InMemoryStore(), HashEmbedder()
    build_index(kb, store, embedder)
    return HybridSearcher(store, embedder, load_synonyms(kb))


# ---- the front matter and where a translation lives ---------------------------------------------------

def test_the_languages_genechat_knows_are_english_and_every_wording_file():
    assert known_languages() == {DEFAULT_LANGUAGE, *languages.wordings()}


def test_a_translation_loads_with_its_language_and_its_english_source(kb: Path):
    docs = {d.id: d for d in load_kb(kb)}
    es = docs["drug-clopidogrel-es"]
    assert (es.meta.language, es.meta.translation_of) == ("es", "drug-clopidogrel")
    assert docs["drug-clopidogrel"].meta.language == "en" and docs["drug-clopidogrel"].meta.translation_of is None


def test_a_non_english_document_without_translation_of_is_refused_with_a_clear_message(tmp_path: Path):
    path = _write_translation(tmp_path, translation_of="DROP")
    with pytest.raises(KnowledgeBaseError) as err:
        load_document(path)
    assert "translation_of" in str(err.value) and "English document" in str(err.value)


def test_lint_names_a_missing_translation_of_at_the_file(kb: Path):
    _write_translation(kb, translation_of="DROP")
    findings = [f for f in lint_kb(kb) if f.file.parent.name == "es"]
    assert findings and all(f.rule == "front-matter" for f in findings)
    assert any("translation_of" in f.message and "English document" in f.message for f in findings)


def test_an_english_document_may_not_claim_to_translate_another(tmp_path: Path):
    path = tmp_path / "x.md"
    path.write_text(_front(id="x", language="en", translation_of="drug-clopidogrel") + FAKE_ES_BODY)
    with pytest.raises(KnowledgeBaseError, match="translation_of"):
        load_document(path)


def test_a_language_genechat_has_no_wording_for_is_refused(tmp_path: Path):
    path = _write_translation(tmp_path, language="xx")
    with pytest.raises(KnowledgeBaseError, match="'xx' is not a language GeneChat knows"):
        load_document(path)


@pytest.mark.parametrize(("name", "folder", "fields", "expected"), [
    ("drug-clopidogrel.md", "", {}, "not in the es/ folder"),
    ("drug-clopidogrel.md", "fr", {}, "not in the es/ folder"),
    ("other-name.md", "es", {}, "expected drug-clopidogrel.md"),
    ("drug-clopidogrel.md", "es", {"id": "clopidogrel-spanish"}, "expected drug-clopidogrel-es"),
])
def test_a_misfiled_or_misnamed_translation_is_not_loaded(kb: Path, name, folder, fields, expected):
    shutil.rmtree(kb / "es")
    _write_translation(kb, name=name, folder=folder, **fields)
    with pytest.raises(KnowledgeBaseError, match=expected):
        load_kb(kb)
    assert any(f.rule == "translation" and expected in f.message for f in lint_kb(kb))


def test_an_english_document_in_a_language_folder_is_not_loaded(kb: Path):
    shutil.move(kb / "gina-insurance.md", kb / "es" / "gina-insurance.md")
    with pytest.raises(KnowledgeBaseError, match="English document must sit at the top"):
        load_kb(kb)


# ---- the linter ---------------------------------------------------------------------------------------

def test_a_well_formed_translation_lints_clean(kb: Path):
    assert [f for f in lint_kb(kb) if f.file.parent.name == "es" or f.rule == "translation"] == []


def test_lint_flags_a_translation_whose_genes_differ_from_its_source(kb: Path):
    _write_translation(kb, genes="[CYP2C19, CYP2D6]")
    findings = [f for f in lint_kb(kb) if f.rule == "translation"]
    assert len(findings) == 1 and "genes" in findings[0].message and "drug-clopidogrel" in findings[0].message


def test_lint_flags_a_translation_whose_medicines_differ_from_its_source(kb: Path):
    _write_translation(kb, drugs="[clopidogrel, warfarin]")
    assert any(f.rule == "translation" and "drugs" in f.message for f in lint_kb(kb))


def test_lint_flags_a_translation_of_a_document_that_does_not_exist(kb: Path):
    shutil.rmtree(kb / "es")
    _write_translation(kb, name="drug-nothing.md", id="drug-nothing-es", translation_of="drug-nothing")
    findings = [f for f in lint_kb(kb) if f.rule == "translation"]
    assert len(findings) == 1 and "'drug-nothing' is not the id of an English document" in findings[0].message


def test_english_reading_grade_rules_are_not_applied_to_a_translation(kb: Path):
    long_sentence = " ".join(["palabrasextraordinariamenteinterminables"] * 40) + "."
    path = kb / "es" / "drug-clopidogrel.md"
    path.write_text(path.read_text() + f"\n## Larga\nCYP2C19 {long_sentence}\n")
    assert not [f for f in lint_kb(kb) if f.rule == "reading-grade" and f.file == path]
    english = kb / "drug-clopidogrel.md"
    english.write_text(english.read_text() + f"\n## Long\nCYP2C19 {long_sentence}\n")
    assert [f for f in lint_kb(kb) if f.rule == "reading-grade" and f.file == english]


# ---- approval, indexing, search -------------------------------------------------------------------------

def test_a_translation_needs_its_own_approval(kb: Path):
    path = kb / "es" / "drug-clopidogrel.md"
    path.write_text(path.read_text() + "\nOtra frase de prueba.\n")
    with pytest.raises(KnowledgeBaseError, match="drug-clopidogrel-es"):
        build_index(kb, InMemoryStore(), HashEmbedder())


def test_every_indexed_chunk_carries_its_language(kb: Path):
    store = InMemoryStore()
    build_index(kb, store, HashEmbedder())
    stored = store.all_chunks()
    by_doc = {s.chunk.doc_id: s.chunk.language for s in stored}
    assert by_doc["drug-clopidogrel-es"] == "es" and by_doc["drug-clopidogrel"] == "en"
    assert {s.chunk.language for s in stored} == {"en", "es"}
    assert all(meta["language"] in {"en", "es"} for _vec, meta, _text in store._records.values())


def test_chroma_keeps_each_chunks_language_and_filters_on_it(kb: Path, tmp_path: Path, monkeypatch):
    from bot.config import Settings
    from bot.retrieval.store import ChromaStore

    monkeypatch.setattr(search_module, "EXACT_DENSE_MAX", 0)  # let Chroma's own filtered query do the dense part
    store = ChromaStore.from_settings(Settings(data_dir=tmp_path / "data", chroma_collection="kb_languages"))
    embedder = HashEmbedder()
    build_index(kb, store, embedder)
    got = store.collection.get(where={"language": "es"}, include=["metadatas"])
    assert got["ids"] and all(cid.startswith("drug-clopidogrel-es#") for cid in got["ids"])
    searcher = HybridSearcher(store, embedder, load_synonyms(kb))
    assert {h.doc_id for h in searcher.search("zzprueba CYP2C19", k=50, language="es")} == {"drug-clopidogrel-es"}
    assert all(h.language == "en" for h in searcher.search("zzprueba CYP2C19", k=50))


def test_a_chunk_stored_before_chunks_had_a_language_reads_as_english():
    meta = {"doc_id": "d", "title": "T", "section": "Overview"}
    assert chunk_from_record("d#0", "text", meta).chunk.language == "en"


QUERIES = ["zzprueba", "Texto de prueba inventado CYP2C19 clopidogrel", "how does CYP2C19 change clopidogrel",
           "plavix", "what does poor metabolizer mean"]


@pytest.mark.parametrize("exact_dense", [True, False])
def test_english_search_never_returns_the_translation(kb: Path, monkeypatch, exact_dense: bool):
    if not exact_dense:  # the large-index path, where Chroma's own query does the dense part
        monkeypatch.setattr(search_module, "EXACT_DENSE_MAX", 0)
    searcher = _searcher(kb)
    for query in QUERIES:
        for only_matching in (False, True):
            hits = searcher.search(query, genes=["CYP2C19"], k=50, only_matching=only_matching)
            assert hits and all(h.language == "en" and not h.doc_id.endswith("-es") for h in hits), query


@pytest.mark.parametrize("exact_dense", [True, False])
def test_search_in_spanish_returns_the_translation_and_nothing_english(kb: Path, monkeypatch, exact_dense: bool):
    if not exact_dense:
        monkeypatch.setattr(search_module, "EXACT_DENSE_MAX", 0)
    hits = _searcher(kb).search("zzprueba CYP2C19", k=50, language="es")
    assert hits and {h.doc_id for h in hits} == {"drug-clopidogrel-es"} and {h.language for h in hits} == {"es"}


def test_search_in_a_language_with_no_documents_returns_nothing(kb: Path):
    assert _searcher(kb).search("clopidogrel", language="fr") == []


def test_english_search_is_exactly_the_same_with_a_translation_indexed(kb: Path):
    with_es = _searcher(kb)
    shutil.rmtree(kb / "es")
    without_es = _searcher(kb)
    for query in QUERIES:
        for genes in ([], ["CYP2C19"]):
            assert with_es.search(query, genes=genes, k=10) == without_es.search(query, genes=genes, k=10), query
    assert with_es.indexed_topics() == without_es.indexed_topics()


# ---- whether a language's KB may answer -------------------------------------------------------------

def test_no_other_language_kb_is_ready_yet():
    assert languages.kb_ready("en")
    assert not [code for code in languages.wordings() if languages.kb_ready(code)]


def test_a_language_kb_is_ready_only_with_approved_documents_in_its_folder():
    from bot.knowledge.approval import is_approved, load_approvals

    approvals = load_approvals(KB)
    approved_languages = {d.meta.language for d in load_kb(KB) if is_approved(d, approvals)}
    for code in languages.wordings():
        if languages.kb_ready(code):
            assert code in approved_languages, f"{code}: kb_ready but no approved document in knowledge_base/{code}/"
