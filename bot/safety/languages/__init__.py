"""Emergency and self-harm rules and fixed wording in languages other than English, kept as data.

Each language is two YAML files: ``rules/<code>.yaml`` (benign idioms to mask, then self-harm, emergency
symptom and swallowing patterns) and ``wording/<code>.yaml`` (the fixed replies, reviewed for meaning
against the English text in bot/safety/wording.py). Adding a language is adding those two files, and its
name in ``detect.LINGUA_NAMES`` so the detector knows it. A language may have rules before it has wording
(Portuguese, Italian, Polish, Hindi, Urdu, Japanese and Persian since stop 45): its emergencies are caught and
answered with the English emergency wording (911, 988, local number), as any language without wording is, until a
native speaker has checked a wording file for it.

Every language's alarm patterns run on every message, whatever language it was detected as: a short
"quiero morir" is too short to detect reliably, and an emergency must never hang on detection.
Text is *folded* first (lower case, accents and tone marks removed, Arabic letter variants unified, a letter
stretched over three or more keystrokes written once), so
"tome 30 pastillas" and "tomé 30 pastillas", "toi muon chet" and "tôi muốn chết" match the same pattern.
Then harmless idioms are masked, and so is every clause that only talks ABOUT danger (a language's `talk` cues:
"hace años", "en la serie", "qué significa", "puede causar", the number to call abroad) unless one of any
language's `now` cues ("ahora mismo", "desde hace una hora", "esta noche") is in the same clause: a relative's
stroke in 2010 is no alarm, a crisis in the next clause still is (issue 15, round 5).

A symptom told as history ("mon grand-père a fait une overdose il y a vingt ans") is not an emergency: when any
language's ``long_ago`` words are in the message and none of any language's ``now`` words are, symptom patterns are
skipped (self-harm patterns never are: old thoughts told again are still heard).

>>> match_emergency("tôi muốn chết").language
'vi'
>>> match_emergency("me muero de risa con este video") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from bot.core.languages import DEFAULT_LANGUAGE, WORDING_DIR
from bot.safety.languages.romanised import as_cyrillic
from bot.safety.screen import Screen

HERE = Path(__file__).parent
RULES_DIR = HERE / "rules"
# WORDING_DIR (HERE / "wording") is named in bot.core.languages, so lower layers can list the language codes.
# Each wording file has exactly these keys (tests check it); English equivalents are in bot/safety/wording.py.
WORDING_KEYS = ("emergency_first", "self_harm_first", "emergency_after", "poison_control", "english_only", "escalated",
                "counselor_asked")

# Letters that folding by Unicode decomposition alone leaves apart.
_FOLD_TABLE = str.maketrans({
    "đ": "d", "ł": "l", "ø": "o", "ı": "i",
    "ة": "ه", "ى": "ي", "ـ": "", "ٱ": "ا",  # Arabic: ta marbuta, alef maqsura, tatweel, alef wasla
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
    "\u2019": "'", "\u2018": "'", "`": "'",
})


_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")  # a letter (not a digit) typed three or more times


def fold(text: str) -> str:
    """Lower case, compatibility forms (full-width), marks removed, Hangul recomposed, spaces collapsed, and a letter
    typed three or more times in a row written once ("quiero morirmeee", "toi muon chettt"; digits are kept as typed).

    >>> fold("Tomé TODAS las PÍLDORAS"), fold("أريد"), fold("Ёлка"), fold("죽고 싶어요")
    ('tome todas las pildoras', 'اريد', 'елка', '죽고 싶어요')
    >>> fold("quiero morirmeee"), fold("tomé 100 pastillas")
    ('quiero morirme', 'tome 100 pastillas')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = re.sub(r"\s+", " ", unicodedata.normalize("NFC", stripped).translate(_FOLD_TABLE)).strip()
    # people in crisis stretch words; no alarm word has a letter three times running, so this only helps patterns match
    return _STRETCHED.sub(r"\1", folded)


def _fold_pattern(pattern: str) -> str:
    # only the non-ASCII letters of a pattern are folded: casefolding "\S" or "\W" would change the regex
    return re.sub(r"[^\x00-\x7f]+", lambda m: fold(m.group()), pattern)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LanguageRules(_Strict):
    language: str = Field(pattern=r"^[a-z]{2,3}$")
    benign: list[str] = Field(default_factory=list)
    # A clause that talks ABOUT danger rather than living it (long ago, someone's history, fiction, news, games,
    # definitions, what a medicine can cause in general, emergency numbers abroad). Such a clause is masked like a
    # benign idiom, unless a `now` cue of any language is in it too.
    talk: list[str] = Field(default_factory=list)
    # First-person, present cues (right now, minutes ago, tonight, won't stop, help): a clause with one is never talk.
    now: list[str] = Field(default_factory=list)
    # The whole message asks in general or to be prepared ("just in case", "I want to learn it beforehand", "for my
    # first-aid class"): every clause without a `now` cue is talk, unless something was swallowed.
    general: list[str] = Field(default_factory=list)
    self_harm: list[str] = Field(min_length=1)
    emergency_symptoms: list[str] = Field(min_length=1)
    swallowed: list[str] = Field(min_length=1)
    accept: list[str] = Field(min_length=1)  # whole messages that say yes to the counselor offer
    long_ago: list[str] = Field(default_factory=list)  # "years ago", "as a child": a symptom told as history
    # (`now` above also says a symptom told with long_ago words is happening again)
    # Whole clauses that are plainly everyday talk: thanks with praise ("aap ne bari madad ki"), "now I understand", a
    # plain question about the report or a word in it ("meri report mein X likha hai"). A message whose every clause is
    # one of these or small talk (smalltalk.yaml) gets the English-only reply even where nothing else reads its
    # language (bot/safety/languages/smalltalk.py). Never a wish, a feeling or a plan: those stay for the rules and
    # the models to judge.
    everyday: list[str] = Field(default_factory=list)
    # A medicine or care decision asked (a dose or how much, starting, stopping, switching or going on with a medicine,
    # whether one may take it, a child's or a relative's medicine, surgery, testing the family): a person decides, so a
    # counselor with an interpreter is asked, as in English (stop 49, fourteenth pass L1: "¿Puedo seguir tomando
    # clopidogrel?" had only the English-only reply and no counselor).
    decision: list[str] = Field(default_factory=list)


class LanguageWording(_Strict):
    language: str = Field(pattern=r"^[a-z]{2,3}$")
    name: str  # the language's own name for itself ("Español"), for people reading traces and reports
    emergency_first: str
    self_harm_first: str
    emergency_after: str
    poison_control: str
    english_only: str  # the reply to any other message: what GeneChat does, English only for now, a counselor
    escalated: str  # after a yes to that offer: a counselor will answer here, with an interpreter
    counselor_asked: str  # the same words without the thanks, after the English-only reply to a decision asked
    # Whether this language's own vetted KB (knowledge_base/<code>/, each document clinically approved) is ready
    # to answer patients. A person sets it, after review; until then the language gets `english_only`.
    kb_ready: bool = False


@dataclass(frozen=True)
class _Compiled:
    code: str
    benign: tuple[re.Pattern[str], ...]
    talk: tuple[re.Pattern[str], ...]
    now: tuple[re.Pattern[str], ...]
    alarms: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]  # (reason, patterns), self-harm first
    swallowed: tuple[re.Pattern[str], ...]
    accept: frozenset[str]
    long_ago: tuple[re.Pattern[str], ...] = ()
    general: tuple[re.Pattern[str], ...] = ()
    everyday: tuple[re.Pattern[str], ...] = ()
    decision: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class LanguageAlarm:
    """An emergency found by a language's rules: which language, which reason, which pattern."""

    language: str
    reason: str  # self_harm | emergency_symptoms
    rule: str  # "<language>:<reason>#<index>"


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(_fold_pattern(p), re.IGNORECASE) for p in patterns)


def _load(path: Path, model: type[BaseModel]) -> BaseModel:
    parsed = model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    if parsed.language != path.stem:  # type: ignore[attr-defined]
        raise ValueError(f"{path}: holds language {parsed.language!r}")  # type: ignore[attr-defined]
    return parsed


@cache
def rules() -> tuple[_Compiled, ...]:
    out = []
    for path in sorted(RULES_DIR.glob("*.yaml")):
        r: LanguageRules = _load(path, LanguageRules)  # type: ignore[assignment]
        out.append(_Compiled(r.language, _compile(r.benign), _compile(r.talk), _compile(r.now),
                             (("self_harm", _compile(r.self_harm)), ("emergency_symptoms", _compile(r.emergency_symptoms))),
                             _compile(r.swallowed), frozenset(_bare(a) for a in r.accept), _compile(r.long_ago),
                             _compile(r.general), _compile(r.everyday), _compile(r.decision)))
    return tuple(out)


@cache
def _alarm_screen() -> tuple[tuple[tuple[str, str, int], ...], Screen]:
    """Every language's alarm patterns in the order ``match_emergency`` tries them (self-harm in every language,
    then symptoms), each as (language, reason, index), with a screen that skips those a message cannot match."""
    order = [(lang.code, reason, i, pat) for reason_index in (0, 1) for lang in rules()
             for reason, pats in [lang.alarms[reason_index]] for i, pat in enumerate(pats)]
    return tuple(o[:3] for o in order), Screen([o[3] for o in order])


@cache
def _benign_screen() -> Screen:
    return Screen([pat for lang in rules() for pat in lang.benign])


@cache
def _screen_of(field: str) -> Screen:
    """Every language's patterns of one kind (talk, now, long_ago, general, swallowed), for "does any of them fire"."""
    return Screen([pat for lang in rules() for pat in getattr(lang, field)])


def warm_up() -> None:
    """Compile every language's rules and their screens (~0.3 s), so no message waits for it."""
    _alarm_screen()
    _benign_screen()
    for field in ("talk", "now", "long_ago"):
        _screen_of(field)
    wordings()


@cache
def wordings() -> dict[str, LanguageWording]:
    """Every language's fixed wording by code."""
    return {p.stem: _load(p, LanguageWording) for p in sorted(WORDING_DIR.glob("*.yaml"))}  # type: ignore[misc]


def kb_ready(code: str) -> bool:
    """Whether the language's own KB may answer patients (English always; others when their wording says so).

    >>> kb_ready("en"), kb_ready("es")
    (True, False)
    """
    return code == DEFAULT_LANGUAGE or (code in wordings() and wordings()[code].kb_ready)


def languages() -> list[str]:
    """Codes of the languages with both rules and wording."""
    return sorted({r.code for r in rules()} & set(wordings()))


# Clauses end at sentence punctuation and commas (Latin, Arabic and CJK forms; folding made full-width ones ASCII).
_CLAUSE = re.compile(r"[^.?!;,\n\u3002\u3001\u060c\u061b\u061f]+")


def _talks_about(clause: str) -> bool:
    """Whether a clause talks about danger (a `talk` pattern) with no first-person present cue (a `now` pattern)."""
    return _screen_of("talk").any(clause) and not _screen_of("now").any(clause)


@lru_cache(maxsize=256)  # triage and the other-language step both ask about the same message in one turn
def benign_parts(text: str) -> tuple[str, bool, tuple[str, ...]]:
    """The folded message masked as ``mask_benign`` masks it, whether a harmless idiom or definition question of a
    language's `benign` list was masked, and the clauses masked for only talking about danger."""
    masked, hit = _benign_screen().mask(fold(text), " _ ")
    # (a question asked in general or to be prepared: "一般来说看到别人癫痫发作应该怎么处理？想提前学一下")
    general = _screen_of("general").any(masked) and not _screen_of("swallowed").any(masked)
    talk = [m.span() for m in _CLAUSE.finditer(masked)
            if _talks_about(m.group()) or general and not _screen_of("now").any(m.group())]
    clauses = tuple(masked[start:end] for start, end in talk)
    for start, end in reversed(talk):
        masked = masked[:start] + " _ " + masked[end:]
    return masked, hit, clauses


def mask_benign(text: str) -> tuple[str, bool]:
    """The folded message with every language's harmless idioms and definition questions masked
    ("me muero de risa", "what does suicide mean" in Spanish), then every clause that only talks about danger
    ("mi abuelo tuvo un derrame en 2010", "en la novela la villana se envenena"), and whether anything was masked.

    >>> mask_benign("ông tôi bị đột quỵ năm 2010, có di truyền không")
    (' _ , _ ', True)
    >>> mask_benign("ông tôi bị đột quỵ năm 2010, giờ lại méo miệng rồi")[0]
    ' _ , gio lai meo mieng roi'
    """
    # (each language's idioms in turn, as a loop over them all would; the screen skips those that cannot match)
    masked, hit, clauses = benign_parts(text)
    return masked, hit or bool(clauses)


def match_emergency(text: str, *, masked: str | None = None) -> LanguageAlarm | None:
    """The first self-harm (before symptom) pattern of any language that fires on the message, if any.
    ``masked``: the message already through ``mask_benign`` (triage has it), to skip doing that twice."""
    if masked is None:
        masked, _ = mask_benign(text)
    found = _first_alarm(masked)
    if found is None and (cyrillic := as_cyrillic(text)) is not None:
        # Russian typed in Latin letters ("muzh upal i ne dyshit"): the Russian rules read it back in Cyrillic
        found = _first_alarm(mask_benign(cyrillic)[0])
        if found is not None:
            found = LanguageAlarm(found.language, found.reason, f"{found.rule} (romanised)")
    return found


def _first_alarm(masked: str) -> LanguageAlarm | None:
    history = told_as_history(masked)
    # self-harm in any language outranks symptoms in any language: the order of _alarm_screen, and the first
    # pattern that fires in it wins; the screen only leaves out patterns that cannot fire on this message.
    # A symptom told as history (long_ago words, no now words) is not an alarm; self-harm still is.
    order, screen = _alarm_screen()
    for k in screen.candidates(masked):
        code, reason, i = order[k]
        if history and reason == "emergency_symptoms":
            continue
        if screen.patterns[k].search(masked):
            return LanguageAlarm(code, reason, f"{code}:{reason}#{i}")
    return None


def asks_decision(text: str, language: str) -> str | None:
    """The name of the first of ``language``'s decision patterns the message matches ("<code>:decision#<i>"), if any.

    >>> asks_decision("¿Puedo dejar de tomar clopidogrel?", "es")
    'es:decision#0'
    >>> asks_decision("¿Qué significa mi resultado?", "es") is None
    True
    """
    lang = next((lang for lang in rules() if lang.code == language), None)
    return _decision_rule(lang, fold(text)) if lang is not None else None


def decision_languages(text: str) -> list[tuple[str, str]]:
    """Every (language, rule name) whose decision patterns the message matches, for a message the detector could not
    place ("¿Debo dejar de tomar clopidogrel?" is too short for lingua to be sure it is Spanish).

    >>> decision_languages("¿Debo dejar de tomar clopidogrel?")
    [('es', 'es:decision#0')]
    """
    folded = fold(text)  # (once for every language, not once per language)
    return [(lang.code, rule) for lang in rules() if (rule := _decision_rule(lang, folded))]


def _decision_rule(lang: _Compiled, folded: str) -> str | None:
    return next((f"{lang.code}:decision#{i}" for i, pattern in enumerate(lang.decision) if pattern.search(folded)), None)


def told_as_history(text: str) -> bool:
    """Some language's words for long ago are in the (folded) message, and no language's words for now.

    >>> told_as_history(fold("mi papá tuvo convulsiones hace diez años")), told_as_history(fold("hace años y ahora otra vez"))
    (True, False)
    """
    folded = fold(text)
    return _screen_of("long_ago").any(folded) and not _screen_of("now").any(folded)


def _bare(text: str) -> str:
    return " ".join(re.sub(r"[^\w']+", " ", fold(text)).split())


def accepts_counselor(text: str, language: str) -> bool:
    """Whether the whole message is a yes ("sí", "oui merci", "네") in that language.

    >>> accepts_counselor("¡Sí, por favor!", "es"), accepts_counselor("sí, pero qué es CYP2D6", "es")
    (True, False)
    """
    return any(lang.code == language and _bare(text) in lang.accept for lang in rules())


def everyday_clause(clause: str) -> frozenset[str]:
    """The languages one of whose ``everyday`` patterns is the whole (folded) clause, if any.

    >>> sorted(everyday_clause("meri report mein HLA-B *57:01 negative likha hai"))
    ['hi']
    """
    folded = fold("".join(" " if unicodedata.category(c).startswith("S") else c for c in clause)).strip()  # (emoji)
    return frozenset(lang.code for lang in rules() if any(p.fullmatch(folded) for p in lang.everyday))


def mentions_swallowing(text: str, language: str) -> bool:
    """Whether the message says something was swallowed, by that language's words (for the poison-control line)."""
    folded = fold(text)
    return any(p.search(folded) for lang in rules() if lang.code == language for p in lang.swallowed)
