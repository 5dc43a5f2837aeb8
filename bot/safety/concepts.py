"""An English emergency rule that fired on a concept word only, with nothing happening now (issue 15, round 6).

Held-out English false alarms came mostly from rules (round 6's count by component: 13 of 21 on locked, fresh3 and
fresh4), and a rule fires on a word, not on what the sentence does with it: "suicide" in "my grandfather died by
suicide, is depression hereditary", "chest pain" in "is chest pain a side effect of my statin", "self-harm" in "my doctor
asked about thoughts of self-harm, why". The word names a concept there: it is asked or told about, it is not a state of
anyone now. ``concept_only`` says so when

* every English emergency rule hit matched a bare concept word (``CONCEPT``: suicide, suicidal, self-harm, overdose,
  chest pain, seizure, stroke, anaphylaxis; never an act such as "kill myself" or "took all my pills"),
* no such word is said of someone at present ("I'm suicidal", "she is having chest pain", "thinking about suicide",
  "attempted suicide an hour ago": a state, intent or event word just before it), and
* the rest of the message (those words blanked) has no sign of anything happening to anyone
  (``check_in.strong_sign``, the writer's own intent or state now), and it is a question, or told as the past, a story
  or the family's history.

Triage then lets the models judge the message at the calm bar; a self-harm concept that the models do not call an
emergency gets the check-in tier (988 offered gently, a counselor), never only an answer.

>>> concept_only("my grandfather died by suicide, is depression something that runs in families?", ["suicide"])
True
>>> concept_only("is chest pain a side effect of my statin", ["chest pain"])
True
>>> concept_only("i've been suicidal all week, does that run in families?", ["suicidal"])
False
>>> concept_only("is chest pain a side effect of my statin? i have it right now and my arm is numb", ["chest pain"])
False
>>> concept_only("should i kill myself", ["kill myself"])
False
>>> concept_only("i attempted suicide in my twenties and i'm doing well now, are SSRIs ok with my result", ["suicide"])
True
>>> concept_only("i attempted suicide an hour ago, is that genetic", ["suicide"])
False
>>> concept_only("chest pain, is this a heart attack?", ["chest pain"]), concept_only("chest pain?", ["chest pain"])
(False, False)
"""

from __future__ import annotations

import re

from bot.safety.check_in import acute_beyond_time, strong_sign
from bot.safety.mentions import STORY, long_ago
from bot.safety.rules import mask_benign

# Concept words: nouns and adjectives that name a condition or an act as a topic. A rule's whole match must be one.
CONCEPT = re.compile(
    r"(?:suicid(?:e|es|al|ality)|self[- ]?harm(?:ing)?|self[- ]?injur(?:y|ies)|overdoses?|chest (?:pains?|tightness|"
    r"pressure)|seizures?|strokes?|stroke symptoms|signs of a stroke|anaphyla(?:xis|ctic(?: shock)?))", re.IGNORECASE)
SELF_HARM_CONCEPT = re.compile(r"suicid|self[- ]?(?:harm|injur)|overdose", re.IGNORECASE)

# Said of someone at present, or as an intent: a state, intent or event word within the three words before the concept
# ("i'm suicidal", "feeling suicidal", "having chest pain", "thinking about suicide", "attempted suicide", "commit suicide").
# ("is" or "are" that opens the sentence asks a question: "is chest pain a side effect")
_STATE_BEFORE = re.compile(
    r"\b(?:i'?m|im|i am|am|is|are|feel\w*|felt|been|being|getting|got|have|has|having|"
    r"considering|contemplat\w*|thinking|think|thought about|attempt\w*|commit\w*|plan\w*|going|gonna|want\w*|wanna|urges?|"
    r"so|really|very|severe|bad|crushing|sharp|sudden|worst|keep|keeps|still|again|ongoing|active|now|tonight|today)"
    r"(?:\W+[\w']+){0,2}\W+$", re.IGNORECASE)
_OPENING_QUESTION = re.compile(r"^\s*(?:is|are)\b", re.IGNORECASE)
# An event word of the past: told with a time long ago ("i attempted suicide in my twenties") it is history, not a state.
_PAST_EVENT = re.compile(r"(?:attempted|had|was|were|felt|got|been)\b", re.IGNORECASE)
# The writer's own intent or state now, in the rest of the message ("i want to", "i can't", "right now").
_ME_NOW = re.compile(
    r"\b(?:i (?:want to (?!(?:understand|know|learn|ask|write|read|find|help|talk about|research|study|make sure|check)\b)|"
    r"wanna|feel|am (?!(?:writing|reading|studying|researching|curious|wondering|asking|trying to understand)\b)|plan|will|"
    r"might|can'?t|cant|just|took|have been|'?ve been)|i'?m (?:going|gonna|thinking|feeling|planning|ready|done|so|scared|"
    r"afraid|having|in)|i have (?:it|this|that|them|one)|am i|(?:is|could|can) (?:this|it) be|(?:is|could) (?:this|it) (?:a|an|my)|"
    r"myself|right now|tonight|rn|today|this (?:morning|afternoon|evening)|again|still|keeps?|started|starting|began|since|"
    r"(?:an?|\d+|a few|few|couple of|two|three) (?:minutes?|mins?|hours?|hrs?) ago|lately|recently|these days|constantly|all the time|every (?:day|night))\b",
    re.IGNORECASE)
_QUESTION = re.compile(
    r"\?|(?:^|[,.;!]\s*)(?:what|what's|whats|why|how|is|are|does|do|did|can|could|should|would|will|which|who|when|"
    r"anyone know|any)\b", re.IGNORECASE)
# What the talk is about: the concept beside something else, a cause, a risk, a family, a medicine, a report, a class.
_TOPIC_TALK = re.compile(
    r"\b(?:side effects?|caus\w*|risk\w*|link\w*|associated|related|genetic\w*|genes?|inherit\w*|hereditary|runs? in|ran in|"
    r"family|families|relatives?|common|rates?|statistics|prevent\w*|awareness|research|stud(?:y|ies)|articles?|papers?|"
    r"warnings?|labels?|boxed|black box|history|report|results?|tests?|testing|variants?|mean|means|term|definition|"
    r"medicines?|medications?|meds|drugs?|statins?|antidepressants?|ssris?|increase\w*|raise\w*|lower\w*|trigger\w*|"
    r"grand\w+|uncle|aunt|cousin|ancestors?|died|passed away|years? ago|as a (?:kid|child|teen))\b", re.IGNORECASE)
# Told as the past, or as the family's history ("died by suicide", "had a stroke at 50", "runs in my family").
_TOLD = re.compile(
    r"\b(?:died|passed away|lost (?:him|her|them|my \w+)|history|runs? in|ran in|had|was|were|used to|years? ago|"
    r"diagnosed|family|relatives?|grand\w+|uncle|aunt|cousin)\b", re.IGNORECASE)


def concept_only(text: str, spans: list[str]) -> bool:
    """Every span is a bare concept word used as a topic, in a question or something told, and nothing in the message
    says something is happening to anyone now (see the module docstring)."""
    if not spans or not all(CONCEPT.fullmatch(s.strip()) for s in spans):
        return False
    low = text.lower().replace("\u2019", "'")
    rest = low
    for span in {s.strip().lower() for s in spans}:
        for m in re.finditer(re.escape(span), low):
            before = re.split(r"[.?!;,]\s*", low[:m.start()])[-1]  # the same sentence, up to the word
            # a sentence that opens with the word reports it ("chest pain after my statin, is that a side effect")
            if not before.strip():
                return False
            state = _STATE_BEFORE.search(_OPENING_QUESTION.sub(" ", before))
            if state and not (_PAST_EVENT.match(state.group(0)) and long_ago(low)):
                return False
        rest = rest.replace(span, " _ ")
    if strong_sign(rest) or _ME_NOW.search(rest):
        return False
    return bool(STORY.search(low) or (_QUESTION.search(low) or _TOLD.search(low)) and _TOPIC_TALK.search(rest))


# History (round 6): an alarm told in the past tense, in a sentence that says when or how it ended ("i had a seizure in
# 2019 and have been fine since", "my brother choked to death when we were kids", "the last time i took codeine i passed
# out"), with nothing happening now anywhere else in the message.
_PAST_VERB = re.compile(r"\b(?:\w+ed|had|was|were|took|ran|bled|fell|hit|went|got|felt|passed|stopped|choked|slit|cut|"
                        r"drank|ate|swallowed)\b", re.IGNORECASE)
_PRESENT_VERB = re.compile(r"\b(?:is|are|am|'s|'re|'m|keeps?|still)\s+\w+ing\b|\b(?:is|are|am)\s+(?:not|n't)\b", re.IGNORECASE)
_WHEN_PAST = re.compile(
    # ("all at once" says how much was taken, not when: "my husband took all his warfarin at once", stop 44)
    r"(?<!\bat )(?<!\ball at )\bonce\b(?! (?:a|every|per|or twice)\b)|\bthe (?:last|first|only) time\b|\b(?:when|after|before|while) (?:i|he|she|we|they|my \w+) (?:was|were|had|"
    # (round 8: "while i was reading my results" tells what the writer was doing as it began, not when in the past)
    r"died|passed)\b(?<!while i was)(?<!while i were)|\bwhile i was\b(?! (?:reading|looking|typing|writing|sitting|checking|"
    r"going through|scrolling|studying))|\bpassed away\b|\bdied\b|\bto death\b|\bbefore (?:he|she|they) died\b|\bin (?:january|february|march|"
    r"april|may|june|july|august|september|october|november|december)\b|\b(?:have|has|'ve) been (?:fine|ok|okay|good|well|"
    r"healthy|seizure[- ]free) (?:ever )?since\b|\bfor (?:months|years|weeks) (?:before|after)\b", re.IGNORECASE)


def told_as_history(text: str, spans: list[str]) -> bool:
    """Every span is told in the past tense, in a sentence that says when (long ago, once, the last time) or how it ended
    (died, fine since), and the rest of the message has no sign of anything happening now.

    >>> told_as_history("i had a seizure in 2019 and have been fine since, can I still take tramadol", ["had a seizure"])
    True
    >>> told_as_history("my brother choked to death when we were kids, it still haunts me", ["choked to death"])
    True
    >>> told_as_history("my dad collapsed an hour ago and he isn't waking up", ["collapsed"])
    False
    >>> told_as_history("i overdosed once before and i just took 50 pills", ["overdosed", "took 50 pills"])
    False
    """
    if not spans:
        return False
    low = mask_benign(text)[0]  # ("my phone died" says nothing about when)
    rest = low
    for span in {s.strip().lower() for s in spans}:
        if not _PAST_VERB.search(span) or _PRESENT_VERB.search(span) or span not in low:
            return False
        for m in re.finditer(re.escape(span), low):
            sentence = _sentence_around(low, m.start(), m.end(), ".;!?")
            clause = _sentence_around(low, m.start(), m.end(), ".;!?,")
            # (something the writer took is history only when told as long ago: "I swallowed a bottle" is not)
            when = long_ago(sentence) or (_WHEN_PAST.search(sentence) and not _I_TOOK.search(clause))
            if not when or _NOW_WORDS.search(clause):
                return False
            rest = rest.replace(clause, " _ ")
        rest = rest.replace(span, " _ ")
    return not (strong_sign(rest) or acute_beyond_time(rest))


_I_TOOK = re.compile(r"\bi (?:\w+ )?(?:took|swallowed|overdosed|drank|ate|popped|downed|od'?d|cut|slit|hurt)\b", re.IGNORECASE)
_NOW_WORDS = re.compile(r"\b(?:now|right now|rn|just|today|tonight|this (?:morning|afternoon|evening)|currently|still|again|"
                        r"an? (?:hour|minute|few minutes)|\d+ (?:minutes?|mins?|hours?|hrs?) ago)\b", re.IGNORECASE)


def _sentence_around(text: str, start: int, end: int, stops: str) -> str:
    left = max(text.rfind(c, 0, start) for c in stops)
    rights = [i for i in (text.find(c, end) for c in stops) if i != -1]
    return text[left + 1:min(rights) if rights else len(text)]


def self_harm_concept(spans: list[str]) -> bool:
    return any(SELF_HARM_CONCEPT.search(s) for s in spans)
