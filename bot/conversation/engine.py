"""The one place a reply is decided: triage -> understand -> retrieve -> compose -> guard, with a trace.

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

from bot.answering.local import LocalComposer, facts_for
from bot.answering.medicines import medicines_draft
from bot.answering.topic import TopicCheck
from bot.answering.understand import Understanding, Vocabulary, kb_vocabulary, topic_swap, understand
from bot.answering.worry import names_own_result, worry_plan
from bot.answering.worry_intent import WorryIntent, lexical_only
from bot.config import Settings, get_settings
from bot.conversation import replies, smalltalk
from bot.conversation.cache import ReplyCache
from bot.conversation.checked import MustEscalate, llm_checked, local_checked
from bot.conversation.gather import PassageGatherer
from bot.core.draft import Draft
from bot.core.passage import Passage
from bot.core.reply import Reply, TraceStep, Turn
from bot.core.report import Report
from bot.pgx.medicines import medicines_overview, read_medicine_list
from bot.retrieval.embedders import Embedder, embedder_for
from bot.retrieval.search import get_searcher
from bot.safety import languages, wording
from bot.safety.asks import asks_for_medicine_judgement, mentions_body_signs, mentions_swallowing
from bot.safety.classifier import TRIAGE_DIR, TriageClassifier, load_or_train
from bot.safety.guard import check_output
from bot.safety.languages.detect import detect_language
from bot.safety.languages.detect import warm_up_in_background as warm_up_languages_in_background
from bot.safety.mentions import ACUTE_NOW
from bot.safety.readability import warm_up_in_background
from bot.safety.triage import UNSURE_NOTE, TriageDecision, only_generic_escalation, triage

log = logging.getLogger(__name__)
MAX_CHARS = 2000  # longer messages are cut before any processing
ENGLISH_SURE = 0.90  # an English message that another language's emergency rule also matched is answered in English
ENGINE_COMPONENTS = ("embedder", "vector_store", "classifier")
# A model-only alarm below this, on a worried question about the patient's own result with nothing happening now,
# gives way to the worry plan. In the evals (2026-12-03) the worried questions it raised alarms on scored 0.40 to
# 0.58; true emergencies caught by the model alone went as low as 0.34, but none of them was a worried question
# about a result (they name a symptom, a dose taken, or self-harm), so the plan does not see them.
WORRY_ALARM_MAX = 0.60
# The off-topic decline (bot/answering/topic.py) is never given to a message either model gives this much emergency
# probability: on evals/triage, every emergency with no topic word scored 0.47 or more, everyday requests 0.25 at most
# (most under 0.15), so an emergency that triage missed and only escalated stays with a person.
OFF_TOPIC_ALARM_MAX = 0.20


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
        self._worry_intent: WorryIntent | None = None
        self._topic: TopicCheck | None = None
        self._llm_composer = None
        self._local = LocalComposer()
        self._replies = ReplyCache()
        self._gatherer: PassageGatherer | None = None
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
            self._worry_intent = WorryIntent.build(self._embedder.encode, cache_dir=s.models_dir,
                                                   embedder_name=self._embedder.name)
            self._topic = TopicCheck.build(self._embedder.encode, cache_dir=s.models_dir,
                                           embedder_name=self._embedder.name)
            self._gatherer = PassageGatherer(self._searcher, self._embed)
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
        decision = _data_request(text, decision, trace)
        decision = self._off_topic(text, decision, u, history, vector, trace)
        decision = self._same_question(text, decision, history, trace)
        decision = _explained_not_decided(text, decision, u, trace)
        decision = _not_in_report(text, decision, u, report, trace)
        decision = _whole_report_asked(decision, u, report, trace)
        decision = self._plan_worry(text, decision, u, report, vector, trace)
        small = smalltalk.detect(text, history) if decision.action != "emergency" else None
        if small is not None and decision.source == "rule" and decision.action != "answer":
            small = None  # a rule found a real concern in the message: that wins over pleasantries
        if small == "opener" and decision.action == "escalate":
            small = None  # "I need help" that the model heard more in stays with a person
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
            reason = "no_report" if small == "upload" and report is None else "general_education"
            reply = self._finish(replies.smalltalk_draft(small), "answer", reason, u, report, trace, [])
        elif decision.action == "decline":
            reply = self._finish(replies.decline_draft(decision.reason), "decline", decision.reason, u, report,
                                 trace, [])
        elif u.about_my_medicines and (u.about_result or u.genetics_words or judges_medicines):
            # "are my medicines OK with my genes?" (not "do my meds make me tired?", which is not about the list)
            reply = self._my_medicines(decision, u, report, medicines, trace, judged=judges_medicines)
        elif decision.action == "escalate":
            reply = self._escalate(text, decision, u, report, vector, trace)
        elif DATA_REQUEST_NOTE in decision.notes:  # "remove my stuff please": answered as its plain wording is
            reply = self._answer(DATA_REQUEST_QUERY, u, report, self._embed(DATA_REQUEST_QUERY), trace)
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
        # a language whose own KB is vetted (languages.kb_ready) would be answered here, by search(language=...)
        return self._finish(replies.english_only_draft(language), "answer", "general_education", u, report, trace, [])

    def _off_topic(self, text: str, decision: TriageDecision, u: Understanding, history: Sequence[Turn],
                   vector: np.ndarray, trace: list[TraceStep]) -> TriageDecision:
        """A message about something GeneChat is not for (taxes, chores, sport) is declined with the fixed
        out-of-scope wording, whatever the classifier made of it (bot/answering/topic.py). Only a model's answer or
        escalation, or an answer resting on the shape of an explanation question alone ("what does APR mean on my
        credit card statement": an answer hint of bot/safety/rules.py), is set aside: any other rule's verdict, an
        emergency, small talk and a follow-up stay as they are."""
        hints_only = decision.action == "answer" and all(name.startswith("answer#") for name in decision.rules)
        if (self._topic is None or decision.source not in ("model", "fallback") and not hints_only
                or decision.rules and not hints_only
                or decision.action not in ("answer", "escalate") or u.domain or u.followup
                or smalltalk.detect(text, history) is not None):
            return decision
        alarm = max(decision.model.action_probs["emergency"] if decision.model is not None else 0.0,
                    decision.alarm_emergency or 0.0)
        if alarm >= OFF_TOPIC_ALARM_MAX:  # the models heard something: a missed emergency must not become a decline
            return decision
        judged = self._topic.judge(text, lambda: self._own_words_vector(text, vector))
        if not judged.gate:
            return decision
        trace.append(TraceStep(step="topic", outcome="off_topic" if judged.off_topic else "on_topic",
                               detail=judged.detail()))
        if not judged.off_topic:
            return decision
        return TriageDecision("decline", "out_of_scope", "topic", judged.off - judged.on, decision.rules,
                              decision.model, [*decision.notes, "nothing in it is about genes, medicines or health"])

    def _same_question(self, text: str, decision: TriageDecision, history: Sequence[Turn],
                       trace: list[TraceStep]) -> TriageDecision:
        """A bare change of subject ("and plavix?", "same for tramadol?") asks the previous question again about
        something else, so it gets the previous question's action, not whatever the few words left suggest: after
        an answered question a model's escalation or decline of them (no rule behind it) is set aside; after an
        escalated one ("should I stop codeine" ... "and tramadol?") an answer or decline escalates for the previous
        question's reason. An alarm is never touched."""
        if decision.action == "emergency" or not topic_swap(text, self._vocab):
            return decision
        last_bot = next((i for i in range(len(history) - 1, -1, -1) if history[i].role == "bot"), None)
        if last_bot is None:
            return decision
        before = history[last_bot].action
        if before == "answer" and decision.action != "answer" and decision.source == "model" and not decision.rules:
            trace.append(TraceStep(step="plan", outcome="followup:answer", detail={
                "triage": f"{decision.action}:{decision.reason}"}))
            return TriageDecision("answer", "answer", "followup", decision.confidence, decision.rules, decision.model,
                                  [*decision.notes, "the previous question again, about something else"])
        if before != "escalate" or decision.action == "escalate":
            return decision
        asked = next((t.text for t in reversed(history[:last_bot]) if t.role == "user"), None)
        if asked is None:
            return decision
        again = triage(asked, vector=self._embed(asked), classifier=self._classifier, embed=self._embed)
        if again.action != "escalate":  # escalated for another reason (the worry plan): this message's own triage
            return decision
        trace.append(TraceStep(step="plan", outcome="followup:escalate", detail={
            "triage": f"{decision.action}:{decision.reason}", "previous": f"{again.action}:{again.reason}"}))
        return TriageDecision("escalate", again.reason, "followup", again.confidence, decision.rules, decision.model,
                              [*decision.notes, "the previous question again, about something else"])

    def _plan_worry(self, text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                    vector: np.ndarray, trace: list[TraceStep]) -> TriageDecision:
        """A worried question about the patient's own result gets one action per result type, whatever its wording
        (bot/answering/worry.py; worried or not is judged from its words or its meaning, worry_intent.py); a
        specific escalation (surgery, testing the family, a medicine) or an emergency still wins."""
        # a model's "out of scope" on a worried follow-up ("how bad is it?" after a result) is no match for the plan
        model_declined = decision.action == "decline" and decision.source == "model" and decision.reason == "out_of_scope"
        # nor is a weak model-only alarm on a worried question with nothing happening now ("is this deadly for me?"):
        # the plan decides, and the reply still names the emergency number
        weak_alarm = (decision.action == "emergency" and decision.source == "model"
                      and decision.confidence < WORRY_ALARM_MAX and not ACUTE_NOW.search(text)
                      and not mentions_body_signs(text))
        if decision.action not in ("answer", "escalate") and not (model_declined or weak_alarm) \
                or not only_generic_escalation(decision) or report is None:
            return decision
        if decision.action not in ("answer", "escalate") and u.medicines_asked:
            return decision  # an alarm or a decline about a medicine is never set aside
        if decision.action in ("answer", "escalate") and self._worry_intent is not None:
            judged = self._worry_intent.judge(text, lambda: self._own_words_vector(text, vector))
        else:  # a decline or an alarm is set aside on REASSURE's frames, or a worry word beside the result it names
            # ("ryr1 + anaesthesia = death??"), never on a resemblance
            judged = lexical_only(text, frames_only=True, names_result=names_own_result(u, report))
        plan = worry_plan(text, u, report, worried=judged.worried)
        if plan is not None and not plan.escalate and decision.action == "escalate" and not (
                judged.cue == "words" or judged.cue == "cue" and names_own_result(u, report)):
            # when in doubt, escalate: a worry word takes an escalation away only when the message itself names the
            # result it is about ("SLCO1B1 *1/*5 - dangerous?"); a resemblance alone only ever adds an escalation
            plan = None
        if plan is None:
            if judged.worried:
                trace.append(TraceStep(step="plan", outcome="worry:none", detail=judged.detail()))
            return decision
        u.genes = list(dict.fromkeys([*plan.genes, *u.genes]))
        u.worry = True
        u.emergency_line = weak_alarm
        action, reason = ("escalate", plan.reason) if plan.escalate else ("answer", "answer")
        trace.append(TraceStep(step="plan", outcome=f"worry:{action}", detail={
            "genes": plan.genes, "triage": f"{decision.action}:{decision.reason}", **judged.detail()}))
        return TriageDecision(action, reason, "plan", 1.0, decision.rules, decision.model,
                              [*decision.notes, "worried question about an own result"])

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
        if u.in_report(report) or u.personal or u.about_result or u.phenotype_words:
            return "explained_result"
        return "general_education"

    def _answer(self, text: str, u: Understanding, report: Report | None, vector: np.ndarray,
                trace: list[TraceStep]) -> Reply:
        reason = self._answer_reason(u, report)
        passages = self._gatherer.gather(text, u, report, vector, trace)
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
            return self._finish(draft, "escalate", verdict.reason, u, report, trace, passages)
        return self._finish(draft, "answer", reason, u, report, trace, passages)

    def _escalate(self, text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                  vector: np.ndarray, trace: list[TraceStep]) -> Reply:
        context: Draft | None = None
        passages: list[Passage] = []
        if decision.source == "plan":  # a worried question about a harmful variant: what it does not mean, too
            passages = self._worry_passages(u, report)
            guard = check_output(self._local.compose_worry_context(u, report, (passages or [None])[0]), report=report)
            trace.append(TraceStep(step="guard", outcome=f"context:{guard.outcome}", detail=guard.detail()))
            context = guard.draft if guard.outcome != "escalate" else None
        elif u.genes or u.drugs:
            passages = self._gatherer.gather(text, u, report, vector, trace)
            guard = check_output(self._local.compose_context(text, u, report, passages), report=report)
            trace.append(TraceStep(step="guard", outcome=f"context:{guard.outcome}", detail=guard.detail()))
            # "escalate" here means no background sentence was safe: the reply escalates anyway, without it
            context = guard.draft if guard.outcome != "escalate" else None
        draft = replies.escalate_draft(decision.reason, context, unsure=decision.unsure)
        trace.append(TraceStep(step="compose", outcome="escalation", detail={"sources": draft.source_map()}))
        return self._finish(draft, "escalate", decision.reason, u, report, trace, passages)

    def _worry_passages(self, u: Understanding, report: Report | None) -> list[Passage]:
        """The vetted passage on what the first asked result does not mean, if the KB has one."""
        fact = next(iter(facts_for(u, report)), None)
        if fact is None:
            return []
        label = "carrier" if "carrier" in fact.classes else fact.fact.classification or ""
        hit = self._gatherer.what_it_does_not_mean(fact.gene, label, fact.fact.condition or "",
                                                   general_first=bool(fact.classes & {"uncertain", "carrier"}))
        return [hit] if hit is not None else []

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
        if u.emergency_line and action != "emergency":
            draft.add(wording.EMERGENCY_FIRST, "fixed:emergency_line", 9)
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


DATA_REQUEST_NOTE = "only a request to delete the patient's data"
DATA_REQUEST_QUERY = "how do I delete my data"
# A message that is nothing but a request to remove the patient's own data from here ("delete my stuff pls").
_ONLY_DATA_REQUEST = re.compile(
    r"^\W*(?:(?:please|pls|plz|can you|could you|can u|would you|i want to|i'?d like to|i wanna|i want you to|"
    r"how do i|how can i|help me|just)\s+)*(?:delete|erase|remove|wipe|clear|get rid of)\s+(?:all\s+(?:of\s+)?)?"
    r"(?:(?:my|our)\s+(?:\w+\s+)?(?:data|stuff|info|information|account|report|results?|chats?|history|messages|files?|"
    r"uploads?|details|profile|records?)|(?:everything|all|whatever) (?:you have|you've got|you keep|you store|you know) "
    r"(?:on|about) me)(?:\s+(?:please|pls|plz|now|from here|from this|from your system|from the app|"
    r"for me|asap))*\W*$",
    re.IGNORECASE,
)


def _data_request(text: str, decision: TriageDecision, trace: list[TraceStep]) -> TriageDecision:
    """"delete my stuff pls" read by the alarm model alone as self-harm: a weak model-only alarm on a message that
    is nothing but a request to remove the patient's data from here is set aside (it is answered, as "how do I
    delete my data" is). Any rule but an answer hint, any other language's alarm, a sure vote or a word past the
    request keeps it."""
    if (decision.action != "emergency" or decision.source != "model" or decision.language
            or not all(name.startswith("answer#") for name in decision.rules)
            or decision.confidence >= WORRY_ALARM_MAX or not _ONLY_DATA_REQUEST.match(text.replace("\u2019", "'"))):
        return decision
    trace.append(TraceStep(step="plan", outcome="data_request:answer", detail={
        "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", 1.0 - decision.confidence, decision.rules, decision.model,
                          [*decision.notes, DATA_REQUEST_NOTE])


# "do I have the breast cancer gene", "am i brca positive": whether the patient has a change in a gene, not their risk
_HAS_CHANGE = re.compile(r"\b(?:have|has|carry|carries|got|am i|i'?m|im)\b[^.?!]{0,30}\b(?:genes?|mutations?|variants?|"
                         r"changes?|positive|negative|carriers?)\b", re.IGNORECASE)
_RISK = re.compile(r"\b(?:risk\w*|chances?|odds|likely|likelihood|percent\w*|get|getting|develop\w*|will i|going to|"
                   r"gonna|screen\w*|surgery|test\w*)\b", re.IGNORECASE)


def _not_in_report(text: str, decision: TriageDecision, u: Understanding, report: Report | None,
                   trace: list[TraceStep]) -> TriageDecision:
    """Whether the patient has a change in a gene their report does not hold has one answer: the report holds no
    result for it (not_in_report.yaml). A generic escalation of that question (a model's, or a soft "do I have ...
    cancer" rule on "do I have the breast cancer gene") is set aside; a question about their risk, screening or
    testing is not."""
    if report is None or decision.action != "escalate" or decision.reason != "diagnosis_or_risk_decision":
        return decision
    if not (decision.source == "model" or decision.source == "rule" and only_generic_escalation(decision)):
        return decision
    named = u.named_genes
    if not named or u.in_report(report) or u.not_in_report(report) != named:
        return decision
    if not _HAS_CHANGE.search(text) or _RISK.search(text):
        return decision
    trace.append(TraceStep(step="plan", outcome="not_in_report:answer", detail={
        "genes": named, "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", 1.0, decision.rules, decision.model,
                          [*decision.notes, "asks about a gene the report does not hold"])


def _whole_report_asked(decision: TriageDecision, u: Understanding, report: Report | None,
                        trace: list[TraceStep]) -> TriageDecision:
    """"Please explain me all my result, my english is not so good": triage escalated only because nothing was
    confident (``unsure``), but the message asks to go over the whole report, which is answered however it is
    worded. No rule, a model's confident escalation, or no report keep the escalation."""
    if not decision.unsure or decision.rules or report is None or not u.whole_report:
        return decision
    trace.append(TraceStep(step="plan", outcome="whole_report:answer", detail={
        "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", decision.confidence, decision.rules, decision.model,
                          [note for note in decision.notes if note != UNSURE_NOTE] + ["asks to go over the report"])


# A decision about a medicine, however a question is shaped: taking, stopping, switching, amounts.
_MEDICINE_DECISION = re.compile(
    r"\b(?:can|could|may|should|shall|do|must|would|will) (?:i|we|he|she|they) (?:still |even |safely )?(?:take|use|have|"
    r"stop|start|switch|change|quit|keep|continue|drink|mix|combine|skip|get)\b|"
    r"\b(?:i|we) (?:can|could|may|should|must|need to|have to|am able to|am allowed to) (?:still |even |safely )?"
    r"(?:take|use|have|stop|start|switch|change|quit|keep|continue|get)\b|"
    r"\b(?:stop\w*|quit\w*|switch\w*|swap\w*|replac\w*|instead|alternatives?|lower\w*|rais\w*|increas\w*|"
    r"decreas\w*|doubl\w*|halv\w*|cut\w*|doses?|dosage|dosing|mg|how much|how many|safe\w*|danger\w*|risk\w*|"
    r"avoid\w*|allowed|okay|ok|fine|work)\b",
    re.IGNORECASE,
)


def _explained_not_decided(text: str, decision: TriageDecision, u: Understanding,
                           trace: list[TraceStep]) -> TriageDecision:
    """"does my SLCO1B1 result matter for zocor" asks whether a result concerns a medicine, which is explained, not
    decided (the answer hints of bot/safety/rules.py). The classifier sometimes escalates such a question on the
    medicine's name alone, sure of it; with no escalation rule and no decision asked (take, stop, switch, an amount,
    whether it is safe or will work) the answer hint stands."""
    if decision.action != "escalate" or decision.source != "model" or not u.medicines_asked:
        return decision
    if not decision.rules or not all(name.startswith("answer#") for name in decision.rules):
        return decision
    if asks_for_medicine_judgement(text) or _MEDICINE_DECISION.search(text):
        return decision
    trace.append(TraceStep(step="plan", outcome="medicine:explained", detail={
        "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "rule", decision.confidence, decision.rules, decision.model,
                          [*decision.notes, "whether a result concerns a medicine: explained, not decided"])


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
