"""The one place a reply is decided: triage -> understand -> retrieve -> compose -> guard, with a trace.

>>> from bot.config import Settings
>>> from bot.retrieval.embedders import HashEmbedder
>>> engine = ConversationEngine(Settings(embedder="hash"), embedder=HashEmbedder(), searcher=EmptySearcher())
>>> engine.reply("I want to kill myself").action
'emergency'
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from bot.answering.facts import fact_sentences
from bot.answering.local import LocalComposer, ResultScope, facts_for, is_definition
from bot.answering.medicines import medicines_draft
from bot.answering.select import EXPLAINS_SECTION, explains_result, is_overview
from bot.answering.understand import Understanding, Vocabulary, kb_vocabulary, understand
from bot.config import Settings, get_settings
from bot.conversation import replies, smalltalk
from bot.conversation.cache import ReplyCache
from bot.core.draft import Draft
from bot.core.passage import Passage
from bot.core.reply import Reply, TraceStep, Turn
from bot.core.report import Report
from bot.pgx.medicines import medicines_overview, read_medicine_list
from bot.retrieval.embedders import Embedder, embedder_for
from bot.retrieval.search import get_searcher
from bot.safety import languages, wording
from bot.safety.classifier import TRIAGE_DIR, TriageClassifier, load_or_train
from bot.safety.guard import check_output
from bot.safety.languages.detect import detect_language
from bot.safety.languages.detect import warm_up_in_background as warm_up_languages_in_background
from bot.safety.readability import MAX_GRADE, reading_grade, warm_up_in_background
from bot.safety.rules import asks_for_medicine_judgement, mentions_swallowing
from bot.safety.triage import TriageDecision, triage

log = logging.getLogger(__name__)
MAX_CHARS = 2000  # longer messages are cut before any processing
K = 6
ENGLISH_SURE = 0.90  # an English message that another language's emergency rule also matched is answered in English
ENGINE_COMPONENTS = ("embedder", "vector_store", "classifier")


# Escalation reasons of an answer that could not be sent (fixed wording: wording.ESCALATE_DEFAULT)
NO_SAFE_ANSWER = "no_safe_answer"  # the output guard dropped every sentence
READING_LEVEL = "reading_level"  # above MAX_GRADE even cut down, and no report fact to give instead


class _MustEscalate(Exception):
    """Raised inside the answer path when a traced verdict means the answer must not be sent."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class EmptySearcher:
    """A searcher with no documents: the engine still triages, escalates and states report facts."""

    def search(self, query: str, **_: Any) -> list[Passage]:
        return []

    def expand(self, query: str) -> str:
        return query

    def indexed_topics(self) -> list[tuple[list[str], list[str]]]:
        return []


class ConversationEngine:
    """Decide every reply. Cheap to construct; ``warm_up()`` loads the models; ``reply()`` is thread-safe."""

    def __init__(self, settings: Settings | None = None, *, embedder: Embedder | None = None, searcher=None, llm=None):
        self.settings = settings or get_settings()
        self._embedder = embedder
        self._searcher = searcher
        self._llm = llm
        self._classifier: TriageClassifier | None = None
        self._vocab: Vocabulary | None = None
        self._llm_composer = None
        self._local = LocalComposer()
        self._replies = ReplyCache()
        self._label_hits: dict[tuple[str, tuple[str, ...], int], tuple[Passage, ...]] = {}
        self._lock = threading.Lock()
        self._warm = False
        self._background_warm_up: threading.Thread | None = None
        self._languages_warm_up: threading.Thread | None = None

    # ---- loading -------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Load the embedder, the searcher and the triage classifier (idempotent)."""
        with self._lock:
            if self._warm:
                return
            s = self.settings
            if self._embedder is None:
                self._embedder = embedder_for(s)
            if self._searcher is None:
                self._searcher = get_searcher(s, self._embedder)
            self._classifier = load_or_train(self._embedder, s.models_dir, TRIAGE_DIR)
            self._vocab = kb_vocabulary(self._searcher, s.kb_dir)
            self._llm_composer = self._make_llm_composer()
            # textstat's dictionary (about 1 s) loads off this thread, so /readyz need not wait for it;
            # the first reply that grades text waits for it if it is still loading
            self._background_warm_up = warm_up_in_background()
            # every language's rules; lingua itself loads when a message first needs it (~150 MB, detect.py)
            self._languages_warm_up = warm_up_languages_in_background()
            self._warm = True
            log.info("engine_warm", extra={"classifier": self._classifier is not None,
                                           "llm": self._llm_composer is not None})

    def readiness(self) -> dict[str, bool]:
        """Each component checked for real: the embedder embeds, the index has passages, the classifier loaded."""
        if not self._warm:
            return dict.fromkeys(ENGINE_COMPONENTS, False)
        try:
            embeds = self._embedder.encode(["ready"]).shape == (1, self._embedder.dim)
        except Exception:  # noqa: BLE001 - a broken model is reported as not ready, not raised
            embeds = False
        return {"embedder": embeds, "vector_store": bool(self._searcher.indexed_topics()),
                "classifier": self._classifier is not None}

    def wait_until_settled(self, timeout: float = 30.0) -> None:
        """Wait for what ``warm_up`` left loading in the background (the reading-level dictionary)."""
        for thread in (self._background_warm_up, self._languages_warm_up):
            if thread is not None:
                thread.join(timeout)

    def _make_llm_composer(self):
        if self._llm is None and not (self.settings.llm_model and self.settings.llm_base_url):
            return None
        # Imported here, not at the top: LLM mode is optional, and its prompt files and langchain pieces add
        # about 60 ms to every server's cold start (BENCHMARKS.md) for a composer most servers never build.
        from bot.answering.llm import LLMComposer

        return LLMComposer.from_settings(self.settings, llm=self._llm)

    # ---- the pipeline ----------------------------------------------------------------------
    def reply(self, text: str, *, report: Report | None = None, history: Sequence[Turn] = (),
              medicines: Sequence[str] = ()) -> Reply:
        """``medicines``: the names the patient listed under "My medicines", as typed."""
        self.warm_up()
        started = time.perf_counter()
        text = (text or "").strip()[:MAX_CHARS]
        # an LLM's wording may differ between calls, so only the deterministic local pipeline is cached
        key = (self._replies.key(text, report=report, history=history, medicines=medicines)
               if self._llm_composer is None else None)
        reply = self._replies.get(key) if key else None
        if reply is None:
            reply = self._decide(text, report, history, medicines)
            if key:
                self._replies.put(key, reply)
        log.info("engine_reply", extra={"action": reply.action, "reason": reply.reason, "composer": reply.composer,
                                        "ms": round((time.perf_counter() - started) * 1000, 1)})
        return reply

    def clear_cache(self) -> None:
        """Forget remembered replies and question vectors (benchmarks measure the uncached pipeline)."""
        self._replies.clear()
        clear = getattr(self._embedder, "clear_cache", None)
        if callable(clear):
            clear()

    def _decide(self, text: str, report: Report | None, history: Sequence[Turn], medicines: Sequence[str]) -> Reply:
        trace: list[TraceStep] = []
        assert self._vocab is not None and self._embedder is not None
        u = understand(text, vocab=self._vocab, history=history, report=report)
        vector = self._embed(text)
        decision = triage(text, vector=vector, classifier=self._classifier, domain=u.domain,
                          on_topic=u.on_topic, embed=self._embed)
        trace.append(TraceStep(step="triage", outcome=f"{decision.action}:{decision.reason}", detail=decision.detail()))
        trace.append(TraceStep(step="understand", outcome="followup" if u.followup else "direct", detail={
            "genes": u.genes, "drugs": u.drugs, "in_report": u.in_report(report),
            "not_in_report": u.not_in_report(report) if report else [], "report": report is not None,
        }))
        other = self._other_language(text, decision, u, report, history, trace)
        if other is not None:
            return other
        small = smalltalk.detect(text, history) if decision.action != "emergency" else None
        if small is not None and decision.source == "rule" and decision.action != "answer":
            small = None  # a rule found a real concern in the message: that wins over pleasantries
        judges_medicines = u.about_my_medicines and asks_for_medicine_judgement(text)
        if decision.action == "emergency":
            draft = replies.emergency_draft(decision.reason, swallowed=mentions_swallowing(text))
            reply = self._finish(draft, decision.action, decision.reason, u, report, trace, [])
        elif small == "accept_counselor":
            trace.append(TraceStep(step="smalltalk", outcome=small))
            draft = replies.escalate_draft("wants_human")
            reply = self._finish(draft, "escalate", "wants_human", u, report, trace, [])
        elif small is not None:
            trace.append(TraceStep(step="smalltalk", outcome=small))
            reply = self._finish(replies.smalltalk_draft(small), "answer", "general_education", u, report, trace, [])
        elif decision.action == "decline":
            reply = self._finish(replies.decline_draft(decision.reason), "decline", decision.reason, u, report,
                                 trace, [])
        elif u.about_my_medicines and (u.about_result or u.genetics_words or judges_medicines):
            # "are my medicines OK with my genes?" (not "do my meds make me tired?", which is not about the list)
            reply = self._my_medicines(decision, u, report, medicines, trace, judged=judges_medicines)
        elif decision.action == "escalate":
            reply = self._escalate(text, decision, u, report, vector, trace)
        else:
            reply = self._answer(text, u, report, vector, trace)
        return reply

    def _other_language(self, text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                        history: Sequence[Turn], trace: list[TraceStep]) -> Reply | None:
        """A message in another language: an emergency gets that language's emergency wording; anything else
        (except a manipulation attempt, which is declined) gets the short English-only reply in that language,
        with no English KB text. English messages go on through the normal pipeline (None)."""
        detected = detect_language(text)
        language = detected.code
        if decision.language and not (detected.code == "en" and detected.method == "lingua"
                                      and detected.confidence >= ENGLISH_SURE):
            language = decision.language  # the language whose emergency rules fired, unless it is clearly English
        offered = _offered_in(history)
        if offered and decision.action != "emergency" and languages.accepts_counselor(text, offered):
            trace.append(TraceStep(step="language", outcome=offered, detail={"accepted_counselor": True}))
            return _needs_interpreter(self._finish(replies.language_escalated_draft(offered), "escalate",
                                                   "wants_human", u, report, trace, []), offered)
        # (the check-in tier comes from English rules only: its English reply, with 988, is never swapped for the
        # English-only answer even if a short message was detected as another language)
        if language == "en" or language not in languages.wordings() or decision.reason == "check_in":
            return None
        trace.append(TraceStep(step="language", outcome=language, detail={
            **detected.detail(), "from": "emergency_rules" if decision.language else "detector"}))
        if decision.action == "emergency":
            draft = replies.language_emergency_draft(
                decision.reason, language, swallowed=languages.mentions_swallowing(text, language)
                or mentions_swallowing(text))
            return _needs_interpreter(self._finish(draft, "emergency", decision.reason, u, report, trace, []), language)
        if decision.action == "decline" and decision.reason == "prompt_injection":
            return None
        return self._finish(replies.english_only_draft(language), "answer", "general_education", u, report, trace, [])

    def _embed(self, text: str) -> np.ndarray:
        return self._embedder.encode([self._searcher.expand(text) or "empty"])[0]

    def _retrieve(self, text: str, u: Understanding, report: Report | None, vector: np.ndarray,
                  trace: list[TraceStep]) -> list[Passage]:
        reused = True
        # the result type and the condition the report names ("Lynch syndrome") say what the question is about
        result_words = {w for f in facts_for(u, report)
                        for w in f"{f.fact.phenotype or f.fact.classification or ''} {f.fact.condition or ''}".split()}
        missing_terms = [t for t in [*u.genes, *u.drugs, *sorted(result_words)] if t.lower() not in text.lower()]
        # the lexical half of search gets the topic words the message implies (from a medicine, a variant
        # name or an earlier turn); the dense half reuses the triage embedding unless the topic came from history
        query = " ".join([text, *missing_terms])
        if u.followup:
            vector = self._embed(query)
            reused = False
        passages = list(self._searcher.search(query, genes=u.genes, drugs=u.drugs, k=K, query_vector=vector))
        extra = 0
        for term in u.genes[:3] + u.drugs[:3]:  # make sure each asked gene/medicine has a passage to cite
            if any(term in p.genes or term in p.drugs for p in passages):
                continue
            is_gene = term in u.genes
            more = self._searcher.search(f"{term} {text}", genes=[term] if is_gene else [],
                                         drugs=[] if is_gene else [term], k=4)
            hit = next((p for p in more if term in p.genes or term in p.drugs), None)
            extra += 1
            if hit is not None:
                passages.append(hit)
        extra += self._explain_searches(text, u, report, passages)
        trace.append(TraceStep(step="retrieve", outcome=f"{len(passages)} passages", detail={
            "chunks": [p.chunk_id for p in passages], "coverage_searches": extra, "query_reused": reused,
        }))
        return passages

    def _explain_searches(self, text: str, u: Understanding, report: Report | None, passages: list[Passage]) -> int:
        """Add a passage that explains the patient's own result type, and a gene's overview for "what is X"."""
        searches = 0
        have = {p.chunk_id for p in passages}
        facts = facts_for(u, report)
        scope = ResultScope.build(facts, text)
        # the patient's result types, or with no report the type the question names ("a negative BRCA result")
        wanted = [(f.gene, f.classes, "carrier" if "carrier" in f.classes else
                   f.fact.phenotype or f.fact.classification or "no result no call") for f in facts[:2]]
        if not facts and scope.asked:
            wanted = [(u.genes[0] if u.genes else "", scope.asked, " ".join(sorted(scope.asked)) + " result")]
        for gene, classes, label in wanted:
            allowed = (scope.by_gene.get(gene) or set()) | scope.asked
            if not classes or any(explains_result(p, allowed) == EXPLAINS_SECTION for p in passages):
                continue
            # first among the gene's own passages, then the general ones ("Intermediate metabolizer", "What a VUS is")
            scored = []
            for genes in ([gene] if gene else [], []):
                more = self._label_search(f"{label} {gene} meaning" if genes else f"what {label} means", genes, 6)
                searches += 1
                scored += [(explains_result(p, scope.allowed(p)), -i, p) for i, p in enumerate(more) if p.chunk_id not in have]
                if any(t[0] == EXPLAINS_SECTION for t in scored):
                    break
            best = max(scored, key=lambda t: t[:2], default=None)
            if best is not None and best[0] > 0:
                passages.append(best[2])
                have.add(best[2].chunk_id)
        if is_definition(text):
            for gene in u.named_genes[:1]:
                if any(is_overview(p) and gene in p.genes for p in passages):
                    continue
                more = self._label_search(f"what is {gene}", [gene], 8)
                searches += 1
                hit = next((p for p in more if is_overview(p) and gene in p.genes and len(p.genes) <= 2), None)
                if hit is not None and hit.chunk_id not in have:
                    passages.append(hit)
        return searches

    def _label_search(self, query: str, genes: list[str], k: int) -> list[Passage]:
        """A search built only from fixed words and a result type, never the patient's text: remembered, since
        the index does not change while this engine lives (re-indexing builds a new engine)."""
        key = (query, tuple(genes), k)
        hits = self._label_hits.get(key)
        if hits is None:
            hits = tuple(self._searcher.search(query, genes=genes, k=k))
            if len(self._label_hits) < 4096:  # a few hundred result types x genes in practice
                self._label_hits[key] = hits
        return list(hits)

    def _answer_reason(self, u: Understanding, report: Report | None) -> str:
        if report is None:
            return "no_report" if (u.personal or u.about_upload) else "general_education"
        if u.not_in_report(report) or u.missing_alleles:
            return "result_not_in_report"
        if u.genes and not u.in_report(report) and (u.personal or u.about_result):
            return "result_not_in_report"
        if u.in_report(report) or u.personal or u.about_result or u.phenotype_words:
            return "explained_result"
        return "general_education"

    def _answer(self, text: str, u: Understanding, report: Report | None, vector: np.ndarray,
                trace: list[TraceStep]) -> Reply:
        reason = self._answer_reason(u, report)
        passages = self._retrieve(text, u, report, vector, trace)
        draft: Draft | None = None
        try:
            if self._llm_composer is not None:
                draft = self._try_llm(text, u, report, passages, reason, trace)
            if draft is None:
                draft = self._compose_local(text, u, report, passages, reason, trace)
        except _MustEscalate as verdict:  # nothing both safe and plain enough is left to send: a counselor answers
            draft = replies.escalate_draft(verdict.reason)
            trace.append(TraceStep(step="compose", outcome="escalation", detail={
                "why": verdict.reason, "sources": draft.source_map()}))
            return self._finish(draft, "escalate", verdict.reason, u, report, trace, passages)
        return self._finish(draft, "answer", reason, u, report, trace, passages)

    def _try_llm(self, text: str, u: Understanding, report: Report | None, passages: list[Passage],
                 reason: str, trace: list[TraceStep]) -> Draft | None:
        try:
            draft = self._llm_composer.compose(text, u, report, passages, facts=facts_for(u, report))
        except Exception as exc:  # any LLM failure falls back to the local composer
            trace.append(TraceStep(step="compose", outcome="llm_error", detail={"error": type(exc).__name__}))
            return None
        guard = check_output(draft, report=report, embedder=self._embedder, report_sentences=[
            sentence for fact in fact_sentences(report, report.genes if report else []) for sentence in fact.sentences])
        grade = reading_grade(guard.draft.text)
        trace.append(TraceStep(step="guard", outcome=f"llm:{guard.outcome}", detail={**guard.detail(), "grade": grade}))
        if guard.outcome == "escalate":
            raise _MustEscalate(NO_SAFE_ANSWER)
        if guard.outcome != "pass" and guard.outcome != "rewrite" or grade > MAX_GRADE:
            return None
        trace.append(TraceStep(step="compose", outcome="llm", detail={"sources": guard.draft.source_map(),
                                                                      "prompt_version": draft.prompt_version}))
        return guard.draft

    def _compose_local(self, text: str, u: Understanding, report: Report | None, passages: list[Passage],
                       reason: str, trace: list[TraceStep]) -> Draft:
        draft = self._local.compose(text, u, report, passages, reason=reason)
        guard = check_output(draft, report=report)
        grade = reading_grade(guard.draft.text)
        simple = grade > MAX_GRADE
        if simple:  # simpler fallback: fewer, shorter KB sentences
            draft = self._local.compose(text, u, report, passages, reason=reason, simple=True)
            guard = check_output(draft, report=report)
            grade = reading_grade(guard.draft.text)
        trace.append(TraceStep(step="compose", outcome="local_simple" if simple else "local",
                               detail={"sources": guard.draft.source_map()}))
        trace.append(TraceStep(step="guard", outcome=guard.outcome, detail={**guard.detail(), "grade": round(grade, 1)}))
        if guard.outcome == "escalate":
            raise _MustEscalate(NO_SAFE_ANSWER)
        if grade <= MAX_GRADE:
            return guard.draft
        # still too hard after the simpler composition: only the facts, the plainest vetted sentence, fixed wording
        trimmed = replies.fewest_sentences(guard.draft)
        trimmed_grade = reading_grade(trimmed.text)
        plain = trimmed_grade <= MAX_GRADE
        trace.append(TraceStep(step="readability", outcome="trimmed" if plain else "too_hard", detail={
            "grade": round(grade, 1), "trimmed_grade": round(trimmed_grade, 1), "sources": trimmed.source_map()}))
        if plain:
            return trimmed
        # no vetted sentence is plain enough: the patient's facts and fixed wording still are (both checked),
        # so they are sent with an offer of a person to explain; with no fact to give, a counselor answers
        facts_only = Draft([x for x in trimmed.sentences if x.kind != "kb"], [], trimmed.facts, trimmed.composer)
        if not any(x.kind == "report" for x in facts_only.sentences):
            raise _MustEscalate(READING_LEVEL)
        facts_only.add(wording.COUNSELOR_OFFER, "fixed:counselor_offer:reading_level", 3)
        trace.append(TraceStep(step="readability", outcome="facts_only", detail={"sources": facts_only.source_map()}))
        return facts_only

    def _escalate(self, text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                  vector: np.ndarray, trace: list[TraceStep]) -> Reply:
        context: Draft | None = None
        passages: list[Passage] = []
        if u.genes or u.drugs:
            passages = self._retrieve(text, u, report, vector, trace)
            guard = check_output(self._local.compose_context(text, u, report, passages), report=report)
            trace.append(TraceStep(step="guard", outcome=f"context:{guard.outcome}", detail=guard.detail()))
            # "escalate" here means no background sentence was safe: the reply escalates anyway, without it
            context = guard.draft if guard.outcome != "escalate" else None
        draft = replies.escalate_draft(decision.reason, context, unsure=decision.unsure)
        trace.append(TraceStep(step="compose", outcome="escalation", detail={"sources": draft.source_map()}))
        return self._finish(draft, "escalate", decision.reason, u, report, trace, passages)

    def _my_medicines(self, decision: TriageDecision, u: Understanding, report: Report | None,
                      medicines: Sequence[str], trace: list[TraceStep], *, judged: bool) -> Reply:
        """Per-medicine facts for the patient's own list; a question that asks whether they are right for
        them is a clinical decision and also goes to a counselor."""
        listed = medicines_overview(report, read_medicine_list("\n".join(medicines)))
        body = medicines_draft(listed, report)
        u.drugs = list(dict.fromkeys([*u.drugs, *(f.medicine.name for f in listed if f.medicine.name)]))
        u.genes = list(dict.fromkeys([*u.genes, *(f.gene for f in body.facts)]))
        judged = judged or decision.action == "escalate"
        trace.append(TraceStep(step="medicines", outcome="judgement" if judged else "facts", detail={
            "listed": len(listed), "linked": sum(f.concerns_results for f in listed),
            "actionable": sum(f.actionable for f in listed), "triage": f"{decision.action}:{decision.reason}",
        }))
        body = check_output(body, report=report).draft
        if not judged:
            trace.append(TraceStep(step="compose", outcome="medicines", detail={"sources": body.source_map()}))
            return self._finish(body, "answer", "explained_result" if listed else "general_education", u, report,
                                trace, [])
        reason = decision.reason if decision.action == "escalate" else "medication_change"
        draft = replies.escalate_draft(reason, body, intro=wording.MEDICINES_INTRO)
        trace.append(TraceStep(step="compose", outcome="escalation", detail={"sources": draft.source_map()}))
        return self._finish(draft, "escalate", reason, u, report, trace, [])

    def _finish(self, draft: Draft, action: str, reason: str, u: Understanding, report: Report | None,
                trace: list[TraceStep], passages: list[Passage]) -> Reply:
        if not any(t.step == "compose" for t in trace):  # fixed-wording replies get their source map too
            trace.append(TraceStep(step="compose", outcome="fixed", detail={"sources": draft.source_map()}))
        escalation = None
        if action in ("escalate", "emergency"):
            escalation = replies.escalation_request(action, reason, u.genes, u.drugs)
        return Reply(
            text=draft.text, action=action, reason=reason, citations=replies.citations_for(draft, passages),
            report_facts=draft.facts, escalation=escalation, trace=trace, composer=draft.composer,
            prompt_version=draft.prompt_version, genes=u.genes, drugs=u.drugs,
        )


def _needs_interpreter(reply: Reply, language: str) -> Reply:
    """The counselor's queue line says which language the patient wrote in (a language name, not their words)."""
    if reply.escalation is None:
        return reply
    name = languages.wordings()[language].name
    summary = f"{reply.escalation.summary}; wrote in {name} ({language}): needs an interpreter"[:200]
    return reply.model_copy(update={"escalation": reply.escalation.model_copy(update={"summary": summary})})


def _offered_in(history: Sequence[Turn]) -> str | None:
    """The language of the English-only reply (with its counselor offer) if that was the last bot turn."""
    last_bot = next((t for t in reversed(history) if t.role == "bot"), None)
    if last_bot is None:
        return None
    return next((code for code, w in languages.wordings().items() if last_bot.text == w.english_only), None)


_engines: dict[str, ConversationEngine] = {}
_engines_lock = threading.Lock()


def get_engine(settings: Settings | None = None) -> ConversationEngine:
    """The process-wide warm engine (one per distinct configuration; the default settings share one)."""
    settings = settings or get_settings()
    key = settings.model_dump_json()
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = ConversationEngine(settings)
            _engines[key] = engine
    engine.warm_up()
    return engine


def reset_engines() -> None:
    """Forget warm engines (between tests, or after re-indexing)."""
    with _engines_lock:
        _engines.clear()
