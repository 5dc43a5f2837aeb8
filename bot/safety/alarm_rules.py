"""Which English emergency rules stand, in triage (triage.py): alarm words that are only talked about
(mentions.py: "what is the medical term for fainting"), a question whether a result is deadly ("am I going to die
from my MLH1 result"), a concept word or an episode told as history with nothing happening now (concepts.py: "my
grandfather died by suicide, is depression hereditary"). A rule set aside here leaves the decision to the models, at
their calm bar; a self-harm concept they do not call an emergency gets the check-in tier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.safety.asks import without_deadly_result_question
from bot.safety.concepts import concept_only, self_harm_concept, told_as_history
from bot.safety.farewell import everyday_farewell
from bot.safety.mentions import mention_only, told_as_past
from bot.safety.rules import RuleResult, emergency_spans, match_rules

# The self-harm rules that read a farewell without the words (self_harm.yaml: not being here much longer, goodbyes, notes
# and letters; better off without me, won't have to worry about me; a plan or farewell told without the words, things
# given away). Round 7: beside an everyday reason and nothing darker ("you won't have to worry about me, i'll text you
# when my flight lands", "giving away my books because i won't need them after graduation") they are set aside.
FAREWELL_RULES = frozenset({"self_harm#14", "self_harm#16", "self_harm#20"})


@dataclass
class SetAside:
    """What weighing the English emergency rules found (the set-aside rules are taken out of ``RuleResult.hits``)."""

    alarms: list[str]  # the English emergency rules left after mentions and deadly-result questions (before concepts)
    why: list[str] = field(default_factory=list)  # one note per kind of rule set aside, for the decision's trace
    concept_check_in: bool = False  # a self-harm concept asked or told about: the check-in tier unless the models alarm
    # a medical emergency rule set aside on a concept word: the reply still names the emergency number
    concept_held: bool = False


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# the writer's own words ("a kid swallows something? which one, in general" is a mention however it is split); singular
# only, unlike mentions._FIRST_PERSON, which also counts "we/our/us" as the writer's
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|me|my|myself)\b", re.IGNORECASE)
# ... told, not asked: a question with the words in it talks about them ("is it normal to think about suicide?"); only
# a sentence that opens as one or ends with "?" (calm.asks also hears a question word after a comma: "I want to die,
# what's the point" is told)
_ASKED = re.compile(r"\?\s*$|^\W*(?:is|are|am|do|does|did|can|could|should|would|will|what|why|how|when|who)\b", re.IGNORECASE)


def own_alarm_sentence(text: str) -> bool:
    """A sentence of its own that raises an alarm and is no mention, beside a question that frames the message as one
    about a term (stop 43, seventh pass M1: "I don't want to be alive anymore. What does my BRCA2 result mean" read as
    a definition question and was answered).

    >>> own_alarm_sentence("I don't want to be alive anymore. What does my BRCA2 result mean")
    True
    >>> own_alarm_sentence("My uncle had a seizure years ago. What does epilepsy mean?")
    False
    >>> own_alarm_sentence("what does suicidal ideation mean")
    False
    >>> own_alarm_sentence("if a kid swallows something, do you call 911 or poison control? which one, in general")
    False
    >>> own_alarm_sentence("I tried to kill myself. It was years ago and I'm okay. What does CYP2D6 mean?")
    False
    """
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    # (a sentence alone loses its time: "I tried to kill myself. That was years ago." is history, whole)
    return len(sentences) > 1 and not told_as_past(text) and any(
        _FIRST_PERSON.search(s) and not _ASKED.search(s) and match_rules(s).has_emergency and not mention_only(s)
        for s in sentences)


def set_aside_alarms(text: str, rules: RuleResult, rules_text: str, *, other_language_alarm: bool,
                     mention: bool) -> SetAside:
    """Take out of ``rules.hits`` the English emergency rules that fired on words only talked about, on a question
    whether a result is deadly, on a concept, or on history. ``rules_text``: the text the rules were matched on
    (other languages' idioms masked); ``other_language_alarm``: another language's emergency rules fired (then no
    concept or history is weighed); ``mention``: ``mentions.mention_only(text)``."""
    why: list[str] = []
    if mention and rules.has_emergency and not own_alarm_sentence(text):  # "what is the medical term for fainting"
        rules.hits = [h for h in rules.hits if h.action != "emergency"]
        why.append("alarm words mentioned, not used")
    rest = without_deadly_result_question(text) if rules.has_emergency else None
    if rest is not None and not match_rules(rest).has_emergency:
        rules.hits = [h for h in rules.hits if h.action != "emergency"]  # "am I going to die from my MLH1 result"
        why.append("asks whether a result is deadly")
    # round 6: a rule that fired on a concept word only, or on an episode told as history, ("my grandfather died by
    # suicide, is depression hereditary", "is chest pain a side effect of my statin"), with nothing happening now, is a
    # calm question for the models to judge; a self-harm concept they do not call an emergency gets the check-in tier
    # (bot/safety/concepts.py)
    concept_check_in = concept_held = False
    en_alarms = [h.rule for h in rules.hits if h.action == "emergency"]
    if en_alarms and not other_language_alarm and set(en_alarms) <= FAREWELL_RULES and everyday_farewell(text):
        rules.hits = [h for h in rules.hits if h.action != "emergency"]
        why.append("a farewell-like act with an everyday reason")
        return SetAside(en_alarms, why)
    if en_alarms and not other_language_alarm:
        spans = emergency_spans(rules_text, en_alarms)
        if concept_only(text, spans):
            rules.hits = [h for h in rules.hits if h.action != "emergency"]
            concept_check_in = self_harm_concept(spans)
            concept_held = not concept_check_in
            why.append("alarm word as a concept, nothing happening now")
        elif told_as_history(text, spans):  # "my brother choked to death when we were kids, it still haunts me"
            rules.hits = [h for h in rules.hits if h.action != "emergency"]
            concept_check_in = self_harm_concept(spans)
            why.append("alarm told as history, nothing happening now")
    return SetAside(en_alarms, why, concept_check_in, concept_held)
