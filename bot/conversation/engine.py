"""The one place a reply is decided: triage -> understand -> retrieve -> compose -> guard, with a trace.

``ConversationEngine._decide`` is the order of the steps, each with its trace line; the bodies of the steps that are
a topic of their own live beside it: other_language.py (a message in another language), subject.py (off topic, a
bare change of subject), plans/ (the other plans by kind after triage, the worry plan among them), my_medicines.py (the
patient's medicine list) and finish.py (the Reply every branch ends with).

>>> from bot.config import Settings
>>> from bot.retrieval.embedders import HashEmbedder
>>> engine = ConversationEngine(Settings(embedder="hash"), embedder=HashEmbedder(), searcher=EmptySearcher())
>>> engine.reply("I want to kill myself").action
'emergency'
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from bot.answering.abbreviations import expand_abbreviations
from bot.answering.asked_subject import KbWords, index_kb_words, unknown_medicine, unknown_subject
from bot.answering.children_question import asks_about_own_children, family_search_words, hereditary_lead
from bot.answering.facts import summary_genes
from bot.answering.local import LocalComposer, facts_for
from bot.answering.report_intent import ReportIntent
from bot.answering.topic import TopicCheck
from bot.answering.understand import Understanding, understand
from bot.answering.vocabulary import Vocabulary, kb_vocabulary
from bot.answering.worry_intent import WorryIntent
from bot.config import Settings, get_settings
from bot.conversation import plans, replies, smalltalk, subject
from bot.conversation.cache import ReplyCache
from bot.conversation.checked import MustEscalate, llm_checked, local_checked
from bot.conversation.finish import finish
from bot.conversation.gather import PassageGatherer
from bot.conversation.my_medicines import my_medicines
from bot.conversation.other_language import other_language
from bot.core.draft import Draft
from bot.core.passage import Passage
from bot.core.reply import Reply, TraceStep, Turn
from bot.core.report import Report
from bot.retrieval.embedders import Embedder, embedder_for
from bot.retrieval.search import get_searcher
from bot.safety import wording
from bot.safety.across_turns import signs_across_turns
from bot.safety.alarm_corpora import second_opinion_cases
from bot.safety.asks import asks_for_medicine_judgement, mentions_swallowing
from bot.safety.classifier import TRIAGE_DIR, TriageClassifier, load_or_train
from bot.safety.guard import check_output
from bot.safety.languages.crosslingual import CrossLingualAlarm
from bot.safety.languages.detect import warm_up_in_background as warm_up_languages_in_background
from bot.safety.readability import warm_up_in_background
from bot.safety.story import question_decides
from bot.safety.triage import (
    ASKED_AHEAD_NOTE,
    BARE_GOODBYE_NOTE,
    DIAGNOSIS_OR_RISK,
    FAMILY_TESTING,
    MEDICATION_CHANGE,
    PREGNANCY,
    RELATIVES_MEDICINE,
    SOMEONE_ELSES_MEDICINE,
    SOMEONE_ELSES_REPORT,
    TriageDecision,
    triage,
)

log = logging.getLogger(__name__)
MAX_CHARS = 2000  # longer messages are cut before any processing
ENGINE_COMPONENTS = ("embedder", "vector_store", "classifier")


# a child named by age, kin or a child's operation: a relative's medicine question that the medicine's own page speaks to
_CHILD = re.compile(r"\b(?:son|daughter|child|kid|kids|children|baby|toddler|infant|boy|girl|teen\w*|grandson|granddaughter|"
                    r"tonsils?|adenoids?|\d{1,2}\s*(?:years? old|yrs? old|yo|y/o))\b|\b(?:he|she)(?:'s| is)\s+(?:only\s+)?\d{1,2}\b",
                    re.IGNORECASE)
_UNCERTAIN = re.compile(r"\b(?:vus|uncertain|unclear|unknown significance)\b", re.IGNORECASE)
# Words that make a message about taking a medicine even when none is named ("can I keep taking it", "is the dose ok")
_MEDICINE_CUE = re.compile(r"\b(?:take|takes|taking|took|taken|use|using|prescri\w*|given|give|start\w*|stop\w*|quit\w*|"
                           r"switch\w*|chang\w*|dose\w*|dosage|mg|pills?|tablets?|meds?|medicines?|medications?|drugs?|"
                           r"treatment|chemo\w*|injection|shot|off it|on it)\b", re.IGNORECASE)


FAMILY_DOCUMENT = "family-sharing-cascade-testing"  # how results pass on in families, and sharing them


class EmptySearcher:
    """A searcher with no documents: the engine still triages, escalates and states report facts."""

    def search(self, query: str, **_: Any) -> list[Passage]:
        return []

    def expand(self, query: str) -> str:
        return query

    def indexed_topics(self) -> list[tuple[list[str], list[str]]]:
        return []

    def document_genes(self) -> dict[str, set[str]]:
        return {}


class ConversationEngine:
    """Decide every reply. Cheap to construct; ``warm_up()`` loads the models; ``reply()`` is thread-safe."""

    def __init__(self, settings: Settings | None = None, *, embedder: Embedder | None = None, searcher=None, llm=None):
        self.settings = settings or get_settings()
        self._embedder = embedder
        self._searcher = searcher
        self._llm = llm
        self._classifier: TriageClassifier | None = None
        self._crosslingual = CrossLingualAlarm(self.settings.models_dir)
        self._vocab: Vocabulary | None = None
        self._kb_words = KbWords(frozenset(), {})  # the vetted passages' words (asked_subject.py)
        self._worry_intent: WorryIntent | None = None
        self._report_intent: ReportIntent | None = None
        self._topic: TopicCheck | None = None
        self._llm_composer = None
        self._local = LocalComposer()
        self._replies = ReplyCache()
        self._gatherer: PassageGatherer | None = None
        self._lock = threading.Lock()
        self._warm = False
        self._background_warm_up: threading.Thread | None = None
        self._languages_warm_up: threading.Thread | None = None
        self._crosslingual_warm_up: threading.Thread | None = None

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
            self._classifier = load_or_train(self._embedder, s.models_dir, TRIAGE_DIR,
                                             second_opinion_cases=second_opinion_cases)
            self._vocab = kb_vocabulary(self._searcher, s.kb_dir)
            self._kb_words = index_kb_words(self._searcher)
            self._worry_intent = WorryIntent.build(self._embedder.encode, cache_dir=s.models_dir,
                                                   embedder_name=self._embedder.name)
            self._report_intent = ReportIntent.build(self._embedder.encode, cache_dir=s.models_dir,
                                                     embedder_name=self._embedder.name)
            self._topic = TopicCheck.build(self._embedder.encode, cache_dir=s.models_dir,
                                           embedder_name=self._embedder.name)
            self._gatherer = PassageGatherer(self._searcher, self._embed)
            self._llm_composer = self._make_llm_composer()
            # textstat's dictionary (about 1 s) loads off this thread, so /readyz need not wait for it;
            # the first reply that grades text waits for it if it is still loading
            self._background_warm_up = warm_up_in_background()
            # every language's rules; lingua itself loads when a message first needs it (~260 MB, detect.py)
            self._languages_warm_up = warm_up_languages_in_background()
            # the cross-lingual alarm trains once per data version (minutes, then cached), so off this thread too;
            # a message in another language that needs it first waits for it
            self._crosslingual_warm_up = threading.Thread(target=self._crosslingual.warm_up, daemon=True,
                                                          name="crosslingual-warm-up")
            self._crosslingual_warm_up.start()
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

    def model_status(self) -> dict[str, bool]:
        """Which trained models are loaded (after ``wait_until_settled``); `genechat models` reports them."""
        return {"triage classifier": self._classifier is not None,
                "alarm model": self._classifier is not None and self._classifier.alarm_check is not None,
                "second opinion": self._classifier is not None and self._classifier.second_opinion is not None,
                "cross-lingual alarm": isinstance(self._crosslingual, CrossLingualAlarm) and self._crosslingual.loaded}

    def wait_until_settled(self, timeout: float = 30.0) -> None:
        """Wait for what ``warm_up`` left loading in the background (the reading-level dictionary)."""
        for thread in (self._background_warm_up, self._languages_warm_up, self._crosslingual_warm_up):
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
        text = expand_abbreviations(text)  # "what does PM mean": "PM (poor metabolizer)"
        u = understand(text, vocab=self._vocab, history=history, report=report)
        vector = self._embed(text)
        decision = triage(text, vector=vector, classifier=self._classifier, domain=u.domain,
                          on_topic=u.on_topic, embed=self._embed)
        trace.append(TraceStep(step="triage", outcome=f"{decision.action}:{decision.reason}", detail=decision.detail()))
        if decision.action != "emergency":  # "my legs ache" then "and my pee is dark brown": the signs read together
            across = signs_across_turns(text, history)
            if across is not None:
                trace.append(TraceStep(step="across_turns", outcome=f"emergency:{across.reason}",
                                       detail={"rules": across.rules, "triage": f"{decision.action}:{decision.reason}"}))
                decision = across
        # ("My mum had a rough time with chemo ... Does anything on it matter for chemotherapy?": the question decides
        # what a story blurred for the models; bot/safety/story.py)
        decision, ask = question_decides(text, decision, lambda asked: self._retriage(asked, u),
                                         names_medicine=bool(u.drugs))
        if ask is not None:
            trace.append(TraceStep(step="story_question", outcome=f"{decision.action}:{decision.reason}",
                                   detail={"question_words": len(ask.split())}))
        self._whole_report_meant(text, u, report, vector, trace)
        u.emergency_line = decision.concept_alarm_held
        u.medical_line_only = ASKED_AHEAD_NOTE in decision.notes and not any(r.startswith("self_harm") for r in decision.rules)
        trace.append(TraceStep(step="understand", outcome="followup" if u.followup else "direct", detail={
            "genes": u.genes, "drugs": u.drugs, "in_report": u.in_report(report),
            "not_in_report": u.not_in_report(report) if report else [], "report": report is not None,
        }))
        other = other_language(text, decision, u, report, history, trace, self._crosslingual)
        if other is not None:
            return other
        plans.anaesthesia_result_leads(text, u, report, trace)
        decision = plans.data_request(text, decision, trace)
        decision = plans.obey_report(text, decision, trace)
        decision = plans.quoted_report_line(text, decision, u, report, trace)
        decision = self._off_topic(text, decision, u, history, vector, trace)
        decision = plans.words_of_my_result(text, decision, u, report, trace, rare_words=self._kb_words.rare,
                                            topical_words=self._kb_words.topical, known_words=self._kb_words.known)
        decision = plans.result_term_asked(text, decision, u, report, trace)
        decision = plans.unlisted_medicine_named(text, decision, u, report is not None, trace)
        decision = self._same_question(text, decision, history, trace)
        decision = plans.next_step(text, decision, u, report, trace)
        decision = plans.hereditary_medicines(text, decision, u, trace)
        decision = plans.medicines_affected_asked(text, decision, u, trace)
        decision = plans.explained_not_decided(text, decision, u, trace, history=history, vocab=self._vocab)
        decision = plans.claim_or_not_taking(text, decision, trace)
        decision = plans.not_in_report(text, decision, u, report, trace)
        decision = plans.missing_result_asked(text, decision, u, report, trace)
        decision = plans.whole_report_asked(text, decision, u, report, trace)
        decision = plans.topic_asked(text, decision, u, trace)
        decision = plans.explanation_asked(text, decision, u, report, trace)
        decision = plans.term_defined(text, decision, trace)
        decision = plans.share_with_clinician(text, decision, u, report, trace)
        decision = plans.surgery_told(text, decision, u, report, trace)
        decision = plans.result_named(text, decision, u, report, trace, history=history, vocab=self._vocab)
        decision = plans.followup_explained(text, decision, u, history, trace)
        decision = plans.result_by_use(text, decision, u, trace)
        decision = plans.inheritance_in_general(text, decision, trace)
        decision = plans.how_common_asked(text, decision, u, trace)
        decision = plans.condition_in_general(text, decision, trace)
        decision = plans.own_children(text, decision, u, report, history, trace)
        decision = plans.relatives_medicine_followup(text, decision, u, trace)
        decision = self._plan_worry(text, decision, u, report, vector, trace)
        decision, raised_by = subject.still_in_danger(text, decision, history, trace, retriage=self._retriage,
                                                      names_medicine=lambda: self._names_medicine(text, u))
        decision = plans.goodbye_ends_chat(text, decision, history, trace)
        small = smalltalk.detect(text, history) if decision.action != "emergency" else None
        if small is None and decision.action == "answer" \
                and smalltalk.asks_where_the_report_is(text, decision.rules, bool(u.genes or u.drugs)):
            small = "find_report"
        if small is not None and decision.source == "rule" and decision.action != "answer" \
                and not (small == "closing" and BARE_GOODBYE_NOTE in decision.notes):
            small = None  # a rule found a real concern in the message: that wins over pleasantries
        if small == "opener" and decision.action == "escalate" and not decision.unsure:
            small = None  # "I need help" that the model heard more in stays with a person (not one it was unsure of)
        judges_medicines = u.about_my_medicines and asks_for_medicine_judgement(text)
        if decision.action == "emergency":
            draft = replies.emergency_draft(decision.reason, swallowed=mentions_swallowing(raised_by or text))
            reply = finish(draft, decision.action, decision.reason, u, report, trace, [])
        elif small == "accept_counselor":
            trace.append(TraceStep(step="smalltalk", outcome=small))
            draft = replies.escalate_draft("wants_human")
            reply = finish(draft, "escalate", "wants_human", u, report, trace, [])
        elif small is not None:
            trace.append(TraceStep(step="smalltalk", outcome=small))
            reason = "no_report" if small == "upload" and report is None else "general_education"
            reply = finish(replies.smalltalk_draft(small), "answer", reason, u, report, trace, [])
        elif decision.action == "decline":
            reply = finish(replies.decline_draft(decision.reason, decision.refusal), "decline", decision.reason, u, report, trace, [])
        elif u.about_my_medicines and (u.about_result or u.genetics_words or judges_medicines):
            # "are my medicines OK with my genes?" (not "do my meds make me tired?", which is not about the list)
            reply = my_medicines(decision, u, report, medicines, trace, judged=judges_medicines)
        elif decision.action == "escalate":
            reply = self._escalate(text, decision, u, report, vector, trace)
        elif plans.DATA_REQUEST_NOTE in decision.notes:  # "remove my stuff please": answered as its plain wording is
            reply = self._answer(plans.DATA_REQUEST_QUERY, u, report, self._embed(plans.DATA_REQUEST_QUERY), trace)
        else:
            reply = self._answer(text, u, report, vector, trace)
        return reply

    # ---- the plan steps that need the engine's models (their bodies: subject.py, plans/) ----------------------
    def _off_topic(self, text: str, decision: TriageDecision, u: Understanding, history: Sequence[Turn],
                   vector: np.ndarray, trace: list[TraceStep]) -> TriageDecision:
        return subject.off_topic(text, decision, u, history, trace, topic=self._topic,
                                 own_words=lambda: self._own_words_vector(text, vector),
                                 encode=lambda words: self._embedder.encode([words])[0])

    def _same_question(self, text: str, decision: TriageDecision, history: Sequence[Turn],
                       trace: list[TraceStep]) -> TriageDecision:
        return subject.same_question(text, decision, history, trace, vocab=self._vocab, retriage=self._retriage)

    def _retriage(self, asked: str, u: Understanding | None = None) -> TriageDecision:
        """An earlier message's (or a part of this one's) own triage, as the engine runs it; ``u``: this message's
        understanding, whose topic words the part shares."""
        return triage(asked, vector=self._embed(asked), classifier=self._classifier, embed=self._embed,
                      domain=u.domain if u is not None else False, on_topic=u.on_topic if u is not None else False)

    def _plan_worry(self, text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                    vector: np.ndarray, trace: list[TraceStep]) -> TriageDecision:
        return plans.plan_worry(text, decision, u, report, trace, worry_intent=self._worry_intent,
                                own_words=lambda: self._own_words_vector(text, vector))

    def _whole_report_meant(self, text: str, u: Understanding, report: Report | None, vector: np.ndarray,
                            trace: list[TraceStep]) -> None:
        """A question naming no gene, medicine or topic that means "what is on my report" in words ``understand`` does
        not know ("name every gene on my report please") goes over the whole report (report_intent.py)."""
        if (report is None or self._report_intent is None or u.whole_report or u.genes or u.drugs or u.topic_documents
                or u.about_service or u.followup):
            return
        judged = self._report_intent.judge(self._own_words_vector(text, vector))
        if judged.whole:
            u.whole_report = True
            trace.append(TraceStep(step="report_intent", outcome="whole_report", detail=judged.detail()))

    def _own_words_vector(self, text: str, vector: np.ndarray) -> np.ndarray:
        """The sentence vector of the message's own words: the search vector when search added no synonyms to it."""
        return vector if self._searcher.expand(text) in (text, "") else self._embedder.encode([text or "empty"])[0]

    def _embed(self, text: str) -> np.ndarray:
        return self._embedder.encode([self._searcher.expand(text) or "empty"])[0]

    def _answer_reason(self, u: Understanding, report: Report | None) -> str:
        if report is None:
            return "no_report" if (u.personal or u.about_upload) else "general_education"
        if u.not_in_report(report) or u.missing_alleles:
            return "result_not_in_report"
        if u.genes and not u.in_report(report) and (u.personal or u.about_result):
            return "result_not_in_report"
        if u.in_report(report) or u.personal or u.about_result or u.phenotype_words or u.whole_report:
            return "explained_result"
        return "general_education"

    def _answer(self, text: str, u: Understanding, report: Report | None, vector: np.ndarray,
                trace: list[TraceStep]) -> Reply:
        reason = self._answer_reason(u, report)
        # (named genes only: the worry plan adds the report's important ones to "do I have Huntington's disease")
        if not (u.named_genes or u.drugs) and unknown_subject(text, self._kb_words.known) is not None:
            # "can you tell from my results if I'm lactose intolerant": nothing vetted is about it, so no search
            # result is either, nor is a result of the report; the reply says so (asked_subject.py)
            trace.append(TraceStep(step="plan", outcome="unknown_subject"))
            return finish(replies.nothing_found_draft(), "answer", reason, u, report, trace, [])
        # (a follow-up's medicine is the last turn's: "and clobazam?" after pantoprazole names only its own, which no
        # vetted passage is about; stop 45, ninth pass M21)
        named = self._names_medicine_here(text) if u.followup else self._names_medicine(text, u)
        if not (named or u.named_genes) and unknown_medicine(text, self._kb_words.known) is not None:
            # "I take Xarelto, is that affected by my genes?": no vetted passage is about it (asked_subject.py)
            trace.append(TraceStep(step="plan", outcome="unknown_medicine"))
            return finish(replies.nothing_found_draft(medicine=True), "answer", reason, u, report, trace, [])
        # ("do you sell my data": "you" is GeneChat, whose own section the search should find)
        query = f"{text} (when you use GeneChat)" if u.about_genechat else text
        passages = self._gather(query, u, report, trace, text=text, vector=vector)
        if u.worry:  # what the patient's result does not mean is a candidate too ("a VUS should not guide care")
            have = {p.chunk_id for p in passages}
            passages += [p for p in self._worry_passages(u, report) if p.chunk_id not in have]
        draft: Draft | None = None
        try:
            if self._llm_composer is not None:
                draft = llm_checked(self._llm_composer, self._embedder, text, u, report, passages, trace)
            if draft is None:
                draft = local_checked(self._local, text, u, report, passages, reason, trace)
        except MustEscalate as verdict:  # nothing both safe and plain enough is left to send: a counselor answers
            draft = replies.escalate_draft(verdict.reason)
            trace.append(TraceStep(step="compose", outcome="escalation", detail={
                "why": verdict.reason, "sources": draft.source_map()}))
            return finish(draft, "escalate", verdict.reason, u, report, trace, passages)
        return finish(draft, "answer", reason, u, report, trace, passages)

    def _escalate(self, text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                  vector: np.ndarray, trace: list[TraceStep]) -> Reply:
        context: Draft | None = None
        passages: list[Passage] = []
        if decision.reason == FAMILY_TESTING and report is not None:
            if not (u.genes or u.drugs):
                # "will my daughter get it": the patient's own hereditary result and how it passes on, while they wait
                u.genes = hereditary_lead(report)
            elif not u.named_genes and not _UNCERTAIN.search(text):
                # "what about my brother" after a turn on a VUS: the family question is about the harmful result when
                # the report has one, not the last gene talked about (stop 43, seventh pass M4: a BRCA2 carrier was told
                # "family members are not usually tested for a VUS")
                u.genes = hereditary_lead(report, harmful_only=True) or u.genes
            if not report.variants:
                # a pharmacogenomic report: its most important result (as the cards rank them), and the family page that
                # says how results pass on, where the gene's pages only tell its medicines ("and my kids?" after a
                # CYP2C19 answer had the SSRI passage; stop 52, seventeenth pass F5)
                if not (u.genes or u.drugs):
                    u.genes = summary_genes(report)[0][:1]
                if FAMILY_DOCUMENT not in u.topic_documents:
                    u.topic_documents = [*u.topic_documents, FAMILY_DOCUMENT]
        elif (decision.reason in (DIAGNOSIS_OR_RISK, PREGNANCY) or u.feeling_only) and report is not None \
                and not (u.genes or u.drugs):
            # "what are my chances of getting cancer", "how often do i need a colonoscopy", "can I still have children":
            # the patient's hereditary result, while they wait (stop 44, eighth pass M10: the refusal came bare); "I'm
            # scared" on a pharmacogenomic report: its most important results, as the cards rank them (stop 46)
            u.genes = hereditary_lead(report) or (summary_genes(report)[0][:2] if u.feeling_only else [])
        # a worried question about a hereditary result: what it does not mean, too; a worry about a medicine with a
        # pharmacogenomic result gets that medicine's passages, below, like any other medicine question
        if decision.source == "plan" and decision.reason != MEDICATION_CHANGE:
            passages = self._worry_passages(u, report)
            context = _checked_context(self._local.compose_worry_context(u, report, (passages or [None])[0]), report, trace)
        # (their results are not "yours"; a medicine prescribed for someone else gets no background on that medicine)
        # (stop 42: or the whole report, "I'm 8 weeks pregnant and happy about it, what does my result mean?")
        elif (u.genes or u.drugs or u.whole_report and report is not None) \
                and decision.reason not in (SOMEONE_ELSES_REPORT, SOMEONE_ELSES_MEDICINE, RELATIVES_MEDICINE):
            # (what the family asks about is how the result passes on: search and pick for that, not the words alone)
            query = f"{text} {family_search_words(report, u.genes)}" if decision.reason == FAMILY_TESTING else text
            passages = self._gather(query, u, report, trace, text=text, vector=vector)
            context = _checked_context(self._local.compose_context(query, u, report, passages), report, trace)
        elif decision.reason == RELATIVES_MEDICINE and u.drugs and _CHILD.search(text):
            # a child's medicine ("my daughter is 7 and got codeine after her tonsils out"): what the medicine's page says
            # in general, never the patient's own result as the child's (stop 47, twelfth pass G3: the FDA's under-12
            # and tonsil warning was missing 5 of 6 times)
            query = f"{text} children"  # (the page's words for the warning: "must not be used in children under 12")
            passages = self._gather(query, u, None, trace, text=text, vector=vector)
            context = _checked_context(self._local.compose_context(query, u, None, passages), None, trace)
        if report is None and context is not None and context.sentences:
            # "I'm HLA-B*57:01 positive, can I take abacavir" with no report: the background is general, not about a
            # result we have seen, and says so first (stop 37: typed claims read as accepted)
            context.add(wording.NO_REPORT_CONTEXT, "fixed:no_report", 0)
        draft = replies.escalate_draft(decision.reason, context, unsure=decision.unsure or self._guessed_medicine(text, decision),
                                       medicine=self._names_medicine(text, u), feeling=u.feeling_only,
                                       children=asks_about_own_children(text))
        trace.append(TraceStep(step="compose", outcome="escalation", detail={"sources": draft.source_map()}))
        return finish(draft, "escalate", decision.reason, u, report, trace, passages)

    def _guessed_medicine(self, text: str, decision: TriageDecision) -> bool:
        """A medicine decision guessed by the model or a worry plan for a message that names no medicine and no taking,
        changing or amount ("is it safe for me to exercise in hot weather", "is that bad?" after a warfarin answer):
        "I can't tell you to start, stop or change a medicine" would answer what was not asked (stop 45, explore8
        M13), so the reply takes the general escalation wording. The reason stays, for the counselor."""
        if decision.source not in ("model", "plan") or decision.reason != MEDICATION_CHANGE:
            return False
        return not self._names_medicine_here(text) and not _MEDICINE_CUE.search(text)

    def _names_medicine_here(self, text: str) -> bool:
        """This very message names a medicine the vocabulary knows, whatever the turn it follows was about."""
        return self._vocab is not None and bool(self._vocab.detect(text)[1] or self._vocab.groups_named(text))

    def _names_medicine(self, text: str, u: Understanding) -> bool:
        """The message names a medicine or a kind of medicine the vocabulary knows ("plavix", "my statin", "opioids")."""
        return bool(u.drugs) or bool(self._vocab is not None and self._vocab.groups_named(text))

    def _gather(self, query: str, u: Understanding, report: Report | None, trace: list[TraceStep], *, text: str,
                vector: np.ndarray) -> list[Passage]:
        """Passages for ``query``: the message (``text``, whose ``vector`` is known) or the message with search words
        added, which needs its own vector."""
        return self._gatherer.gather(query, u, report, vector if query == text else self._embed(query), trace)

    def _worry_passages(self, u: Understanding, report: Report | None) -> list[Passage]:
        """The vetted passage on what the first asked result does not mean, if the KB has one."""
        fact = next(iter(facts_for(u, report)), None)
        if fact is None or not fact.fact.classification:  # a metabolizer result is no diagnosis to deny
            return []
        label = "carrier" if "carrier" in fact.classes else fact.fact.classification or ""
        hit = self._gatherer.what_it_does_not_mean(fact.gene, label, fact.fact.condition or "",
                                                   general_first=bool(fact.classes & {"uncertain", "carrier"}))
        return [hit] if hit is not None else []




def _checked_context(draft: Draft, report: Report | None, trace: list[TraceStep]) -> Draft | None:
    """An escalation's background after the output guard, or None when no sentence of it was safe (the reply escalates
    anyway, without it)."""
    guard = check_output(draft, report=report)
    trace.append(TraceStep(step="guard", outcome=f"context:{guard.outcome}", detail=guard.detail()))
    return guard.draft if guard.outcome != "escalate" else None


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
