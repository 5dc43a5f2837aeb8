"""Triage rules: the patterns that must never be missed, whatever the classifier says.

The English patterns are data, one YAML file per list in ``bot/safety/english/`` (each pattern's why-comment beside
it); this module loads them and matches. Rules run on a lower-cased copy of the message after *benign idioms* are
masked, so that "how do I kill a python process" or "I'm dying to know what *2 means" raise no alarm, while
"I want to kill myself" always does.

A rule is named ``<reason>#<index in its list>`` (``self_harm#9``, ``medication_change#3``): tests, eval traces and
the sets below use these names, so a new pattern goes at the end of its list (in ``self_harm.yaml`` just before the
last two, which must stay last).

>>> [h.reason for h in match_rules("should I stop taking my Plavix?").hits]
['medication_change']
>>> match_rules("how do I kill a python process").hits
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.safety.screen import Screen

ENGLISH_DIR = Path(__file__).with_name("english")


def _load(name: str) -> Any:
    return yaml.safe_load((ENGLISH_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def _patterns(items: list[str | list[str]]) -> list[str]:
    """Each pattern as one string: a long one is written in the YAML as a list of pieces joined with nothing between."""
    patterns = [item if isinstance(item, str) else "".join(item) for item in items]
    if not all(isinstance(p, str) for p in patterns):
        raise TypeError("an English rule pattern must be a string or a list of strings")
    return patterns


BENIGN = _patterns(_load("benign"))  # harmless uses of alarm words, masked before the alarm rules run
EMERGENCY_SELF_HARM = _patterns(_load("self_harm"))
# The last two self-harm patterns, kept apart so that a hit on one means no other self-harm pattern fired
# (check_in.py may then hear the message as venting or a class question): see the end of self_harm.yaml.
DESPAIR_RULE = f"self_harm#{len(EMERGENCY_SELF_HARM) - 2}"
LETHAL_TERM_RULE = f"self_harm#{len(EMERGENCY_SELF_HARM) - 1}"
EMERGENCY_SYMPTOMS = _patterns(_load("emergency_symptoms"))
INJECTION = _patterns(_load("prompt_injection"))
OUT_OF_SCOPE = _patterns(_load("out_of_scope"))  # health topics with no genetics in them, other people's reports
# reason -> patterns, in the order triage ranks them (dosing first: the most specific)
ESCALATE: dict[str, list[str]] = {reason: _patterns(items) for reason, items in _load("escalate").items()}
ANSWER_HINTS = _patterns(_load("answer_hints"))  # plain explanation questions about a result

# Generic phrasings ("should I use ...", "diagnose my ...") that also fit questions about other conditions
# ("what cream should I use for eczema"): a confident out-of-scope vote may override them when the
# message names no gene, medicine or genetics term. Names are "<reason>#<index in its list>".
# (rules are named by list position: add new patterns at the end of a list so these names keep pointing right)
WEAK_RULES = {"medication_change#3", "medication_change#4", "medication_change#5", "medication_change#6",
              "diagnosis_or_risk_decision#3"}
# Answer hints that count only when the message names a gene, a medicine or a genetics term (triage's ``domain``): a
# why-question or "any bearing on" about something else ("why did a celebrity die", "why is the LD50 of caffeine so
# high") is not a question about a result (stop 36).
DOMAIN_ONLY_HINTS = {"answer#17", "answer#18"}
# Rules a confident "answer" vote may override (distress words in a plain "what does it mean" question).
DISTRESS_RULE = "wants_human#2"  # scared, panicking, freaking out ... (the writer's own, bot/safety/feelings.py)
SOFT_RULES = {DISTRESS_RULE, "diagnosis_or_risk_decision#0"}
# Answer hints about GeneChat itself (what it is, deleting data, privacy, training, finding the report in the app):
# on topic by what they ask, so a model's off-topic vote does not decline them (stop 37)
# A habit asked of the result ("will my result change if I lose weight", "coffee ok with my result?"): on topic, never a
# health topic without genetics (triage.py)
HABIT_HINT = "answer#24"
# Guilt over a result ("is this my fault", "did I cause this"): a person to talk to; a model's alarm on it alone needs the
# calm bar (triage.py)
GUILT_RULE = "wants_human#4"
# The signs to watch for ("side effects to watch for", "what would a bad reaction look like"): never a worry (plans/worry.py)
SIGNS_HINTS = {"answer#23", "answer#26", "answer#27"}
SERVICE_HINTS = {"answer#7", "answer#8", "answer#13", "answer#14", "answer#15", "answer#19", "answer#21"}

SAFETY_ORDER = {"emergency": 3, "escalate": 2, "decline": 1, "answer": 0}


@dataclass
class RuleHit:
    action: str
    reason: str
    rule: str


@dataclass
class RuleResult:
    hits: list[RuleHit] = field(default_factory=list)
    masked: bool = False  # a benign idiom was masked: the classifier's alarm vote is not trusted

    @property
    def has_emergency(self) -> bool:
        """An emergency rule (self-harm or emergency symptoms) is among the hits."""
        return any(h.action == "emergency" for h in self.hits)

    def strongest(self) -> RuleHit | None:
        """The hit that wins: emergency > prompt injection > escalate (self-harm beats other emergencies)."""
        if not self.hits:
            return None
        rank = {"self_harm": 6, "emergency_symptoms": 5, "prompt_injection": 4, "out_of_scope": -1, "answer": -2}
        return max(self.hits, key=lambda h: (rank.get(h.reason, 0), SAFETY_ORDER[h.action]))


def _compile(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]


_BENIGN = _compile(BENIGN)
_TABLE: list[tuple[str, str, list[re.Pattern[str]]]] = [
    ("emergency", "self_harm", _compile(EMERGENCY_SELF_HARM)),
    ("emergency", "emergency_symptoms", _compile(EMERGENCY_SYMPTOMS)),
    ("decline", "prompt_injection", _compile(INJECTION)),
] + [("escalate", reason, _compile(pats)) for reason, pats in ESCALATE.items()] + [
    ("decline", "out_of_scope", _compile(OUT_OF_SCOPE)),
    ("answer", "answer", _compile(ANSWER_HINTS)),
]


# Texting spellings, each to the one the patterns are written for ("shud i stop", "wat do i do now", "cud it b wrong"):
# only whole words that mean nothing else in a patient's message (no single letters but "u", no "r", "n" or "y").
_TEXTING = {
    "u": "you", "ur": "your", "pls": "please", "plz": "please", "shud": "should", "shld": "should", "shuld": "should",
    "cud": "could", "cld": "could", "wud": "would", "wld": "would", "wat": "what", "wut": "what", "wht": "what",
    "abt": "about", "cuz": "because", "coz": "because", "tmrw": "tomorrow", "2nite": "tonight", "b4": "before",
    "wen": "when",
}  # (not "bc": birth control; not "rn": a nurse; not "bf": breastfeeding; not "hw": homework)
_TEXTING_WORD = re.compile(r"(?<![\w'*/:.-])(?:" + "|".join(sorted(_TEXTING, key=len, reverse=True)) + r")(?![\w'*/:-])")


def normalize(text: str) -> str:
    """Lower-case, straighten quotes and spell texting words out, so patterns see one spelling of "don't" and "should".

    >>> normalize("shud i stop my plavix b4 surgery? ur app says PM")
    'should i stop my plavix before surgery? your app says pm'
    """
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return _TEXTING_WORD.sub(lambda m: _TEXTING[m.group(0)], text)


@cache
def _screens() -> tuple[Screen, Screen, tuple[tuple[int, int], ...]]:
    """Screens over the benign idioms and over every rule of ``_TABLE`` in its order, with each rule's place
    (row, index in the row); built on first use or at warm-up, not at import (reading the patterns takes ~40 ms)."""
    places = tuple((row, i) for row, (_, _, pats) in enumerate(_TABLE) for i in range(len(pats)))
    return Screen(_BENIGN), Screen([pat for _, _, pats in _TABLE for pat in pats]), places


def warm_up() -> None:
    _screens()


def mask_benign(text: str) -> tuple[str, bool]:
    # each idiom in turn, as a loop over them all would; the screen skips those that cannot match
    return _screens()[0].mask(normalize(text), " _ ")


def emergency_spans(text: str, names: list[str]) -> list[str]:
    """What each named English emergency rule (``self_harm#N``, ``emergency_symptoms#N``) matched in the message (after
    masking harmless idioms), every occurrence: the words the alarm rests on."""
    masked, _ = mask_benign(text)
    table = {"self_harm": EMERGENCY_SELF_HARM, "emergency_symptoms": EMERGENCY_SYMPTOMS}
    spans: list[str] = []
    for name in names:
        reason, _, i = name.partition("#")
        if reason in table and i.isdigit():
            spans += [m.group(0) for m in re.finditer(table[reason][int(i)], masked, re.IGNORECASE)]
    return spans


def match_rules(text: str) -> RuleResult:
    """Every rule that fires on the message (after masking harmless idioms)."""
    masked, was_masked = mask_benign(text)
    result = RuleResult(masked=was_masked)
    _, screen, places = _screens()
    done: set[int] = set()
    for k in screen.candidates(masked):  # table order; in each row the first pattern that fires names the hit (``_EVERY_HIT``)
        row, i = places[k]
        if row in done or not screen.patterns[k].search(masked):
            continue
        action, reason, _ = _TABLE[row]
        result.hits.append(RuleHit(action, reason, f"{reason}#{i}"))
        if reason not in _EVERY_HIT:
            done.add(row)
    return result


# Rows whose patterns mean different things to triage, so every one that fires is a hit: out of scope holds a health
# topic (#0), everyday requests (#1), someone else's report (#2) and a pet (#3); a health word must not hide someone
# else's report ("... from the blood test I had in October, but the name at the top says Jordan ... I think I'm looking
# at somebody else's report": stop 39, batch 16 dev)
_EVERY_HIT = {"out_of_scope"}
