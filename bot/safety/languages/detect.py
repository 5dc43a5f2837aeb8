"""Which language a message is written in, with lingua (a maintained detector that works on short text).

Only English and the languages GeneChat has wording for are candidates: fewer models to load, and a
message is never detected as a language we could not reply in. English is the default whenever the
evidence is thin: a message that is mostly gene names, star alleles, numbers or a couple of words
("is my TPMT ok", "CYP2C19 *2/*2?") stays English, so it goes through the normal pipeline.

The detector's models cost about 260 MB of memory and 2-4 s to load (measured on the dev machine), and lingua
holds the GIL while it loads them, so lingua runs in a process of its own (``lingua_process.py``; the server starts
it once it is ready, anything else when a message first needs it), and only when needed: a message in plain ASCII
with no common word of another supported Latin-script language ("que", "je", "ich", "ang", "toi", ...) is English
without asking lingua, which is nearly every English message (1,340 of the 1,347 English eval questions; lingua
agreed on every one of them). A message that needs lingua before its models are loaded waits for them (other
requests do not). Emergency rules never depend on it: every language's rules run on every message
(bot/safety/languages/__init__.py).

>>> detect_language("what does my CYP2C19 *2/*2 result mean for clopidogrel").code
'en'
>>> detect_language("¿Qué significa mi resultado de CYP2C19 para el clopidogrel?").code
'es'
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import re
import subprocess
import sys
import threading
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from bot.safety import report_text
from bot.safety import rules as english_rules
from bot.safety.languages import languages, lexicon
from bot.safety.languages import warm_up as warm_up_rules
from bot.safety.languages.lexicon import unreadable_as_english

log = logging.getLogger(__name__)
ENGLISH = "en"
# ISO 639-1 code -> lingua's name for the language; a new wording file needs its line here.
LINGUA_NAMES = {
    "en": "ENGLISH", "es": "SPANISH", "zh": "CHINESE", "vi": "VIETNAMESE", "tl": "TAGALOG", "fr": "FRENCH",
    "ar": "ARABIC", "ko": "KOREAN", "ru": "RUSSIAN", "de": "GERMAN",
}
# Languages we have no wording for, written in Latin letters, that lingua is also asked about (stop 31). lingua's values
# are relative to the languages it is given: with only ours, a Turkish or Italian message came out as English (0.45) and
# went on as an English question, and an Italian one typed without accents was never shown to the cross-lingual alarm
# (plain ASCII reads as romanised text, see other_language). Named here, a clear match is a known language we cannot
# reply in, whatever its letters. Scripts of their own (Devanagari, Japanese) need no lingua model: see _OTHER_SCRIPT.
# Each costs lingua's process about 30 MB (four: 192 -> 262 MB, load 2.6 -> 3.0 s, measured stop 31).
# (stop 47, twelfth pass F5: Dutch report questions had the unreadable-message check-in with 911 and 988, or the German
# wording; named, a clear Dutch message gets the English-only reply like the others here)
UNSUPPORTED_NAMES = {"it": "ITALIAN", "pt": "PORTUGUESE", "tr": "TURKISH", "pl": "POLISH", "nl": "DUTCH"}
MIN_CONFIDENCE = 0.60  # lingua's relative confidence for the top language, below it: English
# ... and for one of UNSUPPORTED_NAMES, which must be clearer: arabizi came out Turkish at 0.60-0.76, Russian typed in
# Latin letters Dutch at 0.74, and a Spanish question Portuguese at 0.57, against 0.88 and up for the corpora's
# Portuguese, Italian, Polish and Turkish (measured on the languages dev halves, stop 31, when Dutch and Indonesian
# were among them too).
NAMED_MIN = 0.80
# A word that uses a digit as a letter ("3ad", "a3eesh", "7obob"): Arabic in Latin letters, which lingua may take for
# Turkish once its digits are gone; such a message is never named.
_ARABIZI_WORD = re.compile(r"(?<!\w)(?:[a-z]*[235789][a-z]+|[a-z]+[235789])(?!\w)")
# A language we have no wording for (Portuguese, Polish, Hindi, Japanese...): still not English, so the cross-lingual
# alarm is asked about it (an emergency is an emergency in any language), and the reply uses English wording.
UNSUPPORTED = "und"
# lingua's English value below which a Latin-script message is not English even though none of our languages fits.
# Measured on the languages corpora (dev, c5dev-c7dev): the English messages that reach lingua scored 0.38 and up,
# Portuguese, Polish, Italian and Turkish messages 0.0-0.09.
FOREIGN_MAX_ENGLISH = 0.15
# lingua's value at which a message English has no words for is taken to be the language lingua names, with none of
# our languages' common words in it ("este trabajo me va a matar jaja tanto papeleo": Spanish 0.90)
UNREADABLE_SURE = 0.90
MIN_WORDS = 3  # Latin-script messages need this many ordinary words (not gene names or numbers) to be foreign
# Scripts that are never English: one of these letters outweighs any number of gene names.
_NON_LATIN = re.compile(r"[\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u1100-\u11ff]")
# Words that say nothing about language, removed before detecting: gene and allele names, rsIDs, numbers,
# anything with a digit or written in capitals (CYP2D6, TPMT, HLA-B*57:01, rs9923231, G6PD, "30").
_NEUTRAL = lexicon.NEUTRAL
_WORD = re.compile(r"[^\W\d_]+")
# Letters of a script none of our languages is written in (Devanagari, Japanese kana, Thai, Hebrew, Greek...)
_OTHER_SCRIPT = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff\u0600-\u06ff\u3400-\u9fff"
                           r"\uac00-\ud7af\u1100-\u11ff]")
# ... and those the cross-lingual model was not trained on either (it knows Latin, Cyrillic, Arabic, Chinese, Japanese,
# Korean and Thai letters): Devanagari, Bengali, Tamil, Ethiopic, Hebrew, Greek... Its votes there were noise (corpus
# 11's dev half: "thank you" in Nepali 0.84, "I want to die" in Tamil 0.47), so nothing here reads such a message.
_UNREAD_SCRIPT = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff"
                            r"\u3400-\u9fff\uac00-\ud7af\u1100-\u11ff\u0e00-\u0e7f]")
# Letters Persian and Urdu write and Arabic does not (Persian kaf and yeh, Urdu's yeh barree, noon ghunna, retroflex
# letters, heh forms): such a message is no Arabic we could reply in, whatever lingua says among our languages (an Urdu
# suicide plan had the Arabic "what GeneChat can do" offer, stop 45). Gaf, peh and cheh are left out: Gulf and Iraqi
# Arabic writes them (a dev case had "گ").
_PERSIAN_OR_URDU = re.compile(r"[\u06a9\u06cc\u06d2\u06ba\u0679\u0688\u0691\u06c1\u06be]")
# Common words of Hindi and Urdu typed in Latin letters: lingua, choosing among our languages, read "bohat shukriya, aap
# ne bari madad ki" as Tagalog and the crisis reply came in Tagalog (stop 45, tenth pass N8). Two of them make a message
# one we have no wording for (its emergency rules are in rules/hi.yaml and rules/ur.yaml).
_ROMAN_HINDI_URDU = frozenset("""
hai hain hoon nahi nahin kya kyun mujhe mera meri mere bahut bohat bohot shukriya dhanyavad dhanyawad theek thik achha
accha acha kaise yaar bhai aap madad samjha samjhaya samjhaiye milte khuda hafiz aur lekin raha rahi gaya gayi abhi kuch
dawai goli goliyan batao bataiye chahiye hua hui tha thi
""".split())
# Words only Portuguese writes, and only Spanish: lingua, choosing among our languages, read "Qual é o meu resultado de
# CYP2D6?" as Spanish (0.82) and the Spanish English-only reply came (stop 47, twelfth pass W9, 5 of 6). A Portuguese
# word with no Spanish one beside it makes the message Portuguese, which has no wording (the English reply).
_PORTUGUESE_WORDS = re.compile(r"\b(?:meu|minha|meus|minhas|voc[eê]s?|n[aã]o|obrigad[oa]s?|tamb[eé]m|estou|tenho|"
                               r"isso|isto|muito|muita|fazer|quer|querem|nós|pra|pro|ent[aã]o|agora|sa[uú]de|"
                               r"[a-z]+ç[aã]o|[a-z]+ções|[a-z]+ões)\b", re.IGNORECASE)
_SPANISH_WORDS = re.compile(r"[ñ¿¡]|\b(?:mi|mis|qué|yo|usted|estoy|tengo|muy|gracias|hola|puedo|quiero|"
                            r"medicina|el|los|las|es|pero|tambi[eé]n)\b", re.IGNORECASE)
# Common words of Swahili, which lingua, choosing among our languages, calls Tagalog: two of them make a message one we
# have no wording for (no rules either: an unreadable message's tier decides). None that Tagalog writes too ("na",
# "sana", "ninyo"): a Tagalog emergency must stay Tagalog.
_SWAHILI = frozenset("""
yangu wangu yako wako zangu nini kwa asante tafadhali habari mimi wewe yeye sisi wao hii hiyo kwamba lakini
nimemeza amemeza vidonge dawa mtoto sitaki kuishi najisikia vibaya matokeo daktari
""".split())
_SCRIPTS = (("zh", re.compile(r"[\u3400-\u9fff]")), ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
            ("ar", re.compile(r"[\u0600-\u06ff]")), ("ru", re.compile(r"[\u0400-\u04ff]")))
# Short, common words of the supported Latin-script languages (and of UNSUPPORTED_NAMES', last lines) that are not
# English words; accents are left out
# because any non-ASCII letter already sends a message to lingua. Elided French forms end with "'" ("j'", "qu'").
_FOREIGN_WORDS = frozenset("""
que el la los las del mi mis por para con es esta estoy tengo quiero kiero puedo pastillas pastilla ayuda muy pero
tambien porque como cuando donde una uno unos unas hacer hace sobre mas mucho dolor pecho morir ya aguanto morirme
matarme tome se su sus lo al eso esto yo hoy ahora ayer bien nada todo todos todas siento duele necesito
je tu il elle nous vous le les des est suis pas mon ma mes une et pour avec dans qui quoi veux peux j' c' n' qu' d' l'
m' s' t' ai au aux ou sur sont comprimes mal mourir tuer vivre ne rien ca trop aussi merci oui mais moi lui leur ce
cette ces faire fait jveux chui
ich du er sie wir ihr das der den dem und ist bin nicht mein meine mir mich kann habe hat ein eine einen nach bitte
tabletten sterben leben atmen wie warum wo wann welche auch noch schon sehr ja nein gut zu auf mit von aber oder wenn
dass weil heute jetzt hilfe krieg keine kein luft tot
ako ikaw siya ang ng sa mga ko mo ba po hindi ano gusto nang ito yung lang kung naman akin aking bakit paano mamatay
gamot tableta sakit na talaga wala meron ay din rin pa kasi lahat sarili saktan ayoko ayaw uminom makahinga nilunok
opo oo mabuhay
toi ban khong cua thuoc uong muon chet bi nguoi duoc nay cho voi sao nhu nhung song dau giup roi vien co khi thi minh
anh chi em het lam gi
il sono mio mia della che non anche molto morire aiuto oggi adesso
nao eu meu minha estou tenho voce muito morrer ajuda hoje agora
ben bir icin yok nie jest jestem mam mnie
""".split())
_ASCII_TEXT = re.compile(r"[\x00-\x7f\u2018\u2019\u201c\u201d\u2013\u2014\u2026]*")
_LATIN_WORD = re.compile(r"[a-z]+'?")
_lock = threading.Lock()
_loading = threading.Event()  # a background warm-up is loading the models
_ready = threading.Event()


@dataclass(frozen=True)
class Detection:
    code: str  # "en", a code from bot/safety/languages, or UNSUPPORTED
    confidence: float
    method: str  # script | lingua | lexicon (Latin letters, but not English words) | default
    named: str | None = None  # UNSUPPORTED that lingua recognised (a code of UNSUPPORTED_NAMES): a real language
    no_english: bool = False  # its Latin words are mostly not English words (lexicon.unreadable_as_english)

    def detail(self) -> dict[str, Any]:
        detail = {"language": self.code, "confidence": round(self.confidence, 2), "method": self.method}
        return {**detail, "named": self.named} if self.named else detail


def _lingua_names() -> list[str]:
    return [*(LINGUA_NAMES[c] for c in [ENGLISH, *languages()] if c in LINGUA_NAMES), *UNSUPPORTED_NAMES.values()]


@cache
def _detector():
    """lingua in this process: only if its own process cannot be used (see ``_LinguaProcess``)."""
    from lingua import Language, LanguageDetectorBuilder  # imported here: only built when first needed

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in _lingua_names())).build()


class _LinguaProcess:
    """lingua's detector in a child process (``lingua_process.py``); callers hold ``_lock``."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[str] | None = None

    def start(self) -> None:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "bot.safety.languages.lingua_process", *_lingua_names()],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
                env={**os.environ, "GENECHAT_LINGUA_PARENT": str(os.getpid())})

    def values(self, text: str) -> list[tuple[str, float]]:
        """lingua's confidence values for the text, best first; raises OSError if the process fails twice."""
        for _ in range(2):  # a process that died (killed, out of memory) is started again once
            self.start()
            assert self._proc is not None and self._proc.stdin is not None and self._proc.stdout is not None
            try:
                self._proc.stdin.write(json.dumps(text) + "\n")
                self._proc.stdin.flush()
                line = self._proc.stdout.readline()
                if line:
                    return [(name, float(value)) for name, value in json.loads(line)]
            except (OSError, ValueError):
                pass
            self.stop()
        raise OSError("the language detector process does not answer")

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None


_lingua = _LinguaProcess()
atexit.register(_lingua.stop)  # a server that stops takes lingua's process with it, loaded or not


def _confidences(text: str) -> list[tuple[str, float]]:
    """(lingua name, value) best first, from lingua's process, else (it cannot run) from lingua in this one."""
    try:
        return _lingua.values(text)
    except OSError:
        log.warning("language_detector_process_failed")
        return [(v.language.name, v.value) for v in _detector().compute_language_confidence_values(text)]


def _code_of(name: str) -> str:
    return next(code for code, lingua_name in (*LINGUA_NAMES.items(), *UNSUPPORTED_NAMES.items()) if lingua_name == name)


def start_detector() -> None:
    """Start lingua's process, which loads its models at once, beside this one (the server calls it once ready)."""
    with _lock:
        _lingua.start()


def warm_up(*, detector: bool = True) -> None:
    """Compile every language's rules and the screens of the English rules and report-field checks (~0.3 s; every
    message runs them) and, with ``detector``, start lingua's process and wait until its models are loaded (the
    first detection otherwise waits for them)."""
    warm_up_rules()
    english_rules.warm_up()
    report_text.warm_up()
    lexicon.warm_up()  # wordfreq's English list (~0.3 s)
    if not detector:
        return
    with _lock:
        _confidences("warm up the detector models")
    _ready.set()


def warm_up_in_background(*, detector: bool = False) -> threading.Thread:
    """Compile the rules off the caller's thread; with ``detector``, load lingua's models too, and until they are
    loaded replies do not wait: a message is read by its script alone (Chinese, Korean, Arabic, Cyrillic
    letters) and otherwise as English. Without it lingua starts when a message first needs it, or with
    ``start_detector`` (see above)."""
    if detector and not _ready.is_set():
        _loading.set()
    thread = threading.Thread(target=warm_up, kwargs={"detector": detector}, name="language-detector-warm-up",
                              daemon=True)
    thread.start()
    return thread


def plainly_english(text: str) -> bool:
    """ASCII text with no common word of another supported Latin-script language: English, no detector needed.

    >>> plainly_english("my feet are killing me after that hike"), plainly_english("what does rs9923231 C/T mean")
    (True, True)
    >>> plainly_english("me tome 30 pastillas"), plainly_english("qu'est-ce qu'une surdose"), plainly_english("tôi")
    (False, False, False)
    """
    if not _ASCII_TEXT.fullmatch(text):
        return False
    return not any(w in _FOREIGN_WORDS for w in _LATIN_WORD.findall(_NEUTRAL.sub(" ", text).lower()))


def _by_script(text: str, unreadable: bool = False) -> Detection:
    for code, pattern in _SCRIPTS:
        if code == "ar" and _PERSIAN_OR_URDU.search(text):
            return Detection(UNSUPPORTED, 1.0, "script")
        if pattern.search(text) and code in languages():
            return Detection(code, 1.0, "script")
    return Detection(UNSUPPORTED, 1.0, "lexicon") if unreadable else Detection(ENGLISH, 0.0, "loading")


def script_name(text: str) -> str | None:
    """The name of the first script neither our rules nor the model read ("Devanagari", "Tamil", "Ethiopic"), or
    None: what a counselor's interpreter service needs to know (a script, never the patient's words)."""
    hit = _UNREAD_SCRIPT.search(_NEUTRAL.sub(" ", text))
    if hit is None:
        return None
    return unicodedata.name(hit.group(), "").split(" ")[0].title() or None


def unread_script(text: str) -> bool:
    """Letters of a script neither our rules nor the cross-lingual model read ("मैं मरना चाहता हूँ", "אבא שלי התעלף")."""
    return bool(_UNREAD_SCRIPT.search(_NEUTRAL.sub(" ", text)))


def detect_language(text: str) -> Detection:
    """The message's language, English unless the evidence for another supported language is clear."""
    no_english = unreadable_as_english(text)  # (once: the reply's tiers ask it too, through ``Detection.no_english``)
    return replace(_detect(text, no_english), no_english=no_english)


def _detect(text: str, no_english: bool) -> Detection:
    cleaned = _NEUTRAL.sub(" ", text)
    other_script = bool(_OTHER_SCRIPT.search(cleaned))
    non_latin = bool(_NON_LATIN.search(cleaned)) or other_script
    # ("voglio morire", "nataka kufa": too short for lingua and no common word of ours, but no English either)
    unreadable = not non_latin and no_english
    fallback = Detection(UNSUPPORTED, 1.0, "lexicon") if unreadable else Detection(ENGLISH, 1.0, "default")
    if not non_latin and not unreadable and (len(_WORD.findall(cleaned)) < MIN_WORDS or plainly_english(text)):
        return fallback
    if _loading.is_set() and not _ready.is_set():  # never make a patient wait for the models to load
        return _by_script(cleaned, unreadable)
    with _lock:  # lingua's process is shared; the lock also waits for a warm-up still loading
        values = _confidences(cleaned)
    if not values:
        return fallback
    name, top = values[0]
    sure = top >= UNREADABLE_SURE
    code = _code_of(name)
    if code == "tl":
        # ("bohat shukriya, aap ne bari madad ki": Hindi or Urdu; "Matokeo yangu ya CYP2C19 yanamaanisha nini?": Swahili,
        # which had the Tagalog reply, stop 47, eleventh pass R1)
        words = set(_LATIN_WORD.findall(cleaned.lower()))
        if len(words & _ROMAN_HINDI_URDU) >= 2 or len(words & _SWAHILI) >= 2:
            return Detection(UNSUPPORTED, top, "lexicon")
    if code in ("es", "pt") and _PORTUGUESE_WORDS.search(cleaned) and not _SPANISH_WORDS.search(cleaned):
        return Detection(UNSUPPORTED, top, "lexicon", named="pt")
    if code in UNSUPPORTED_NAMES and top >= NAMED_MIN and not _ARABIZI_WORD.search(text):
        return Detection(UNSUPPORTED, top, "lingua", named=code)  # "mio marito ha un dolore fortissimo al petto"
    # otherwise judged as before, by English and our languages alone (lingua's values are shares of 1: "¿Qué significa
    # mi resultado?" is Spanish 0.45 and Portuguese 0.40 of them, and Spanish among ours)
    ours = [(n, v) for n, v in values if _code_of(n) not in UNSUPPORTED_NAMES]
    total = sum(v for _, v in ours)
    if total <= 0:
        return fallback if not other_script else Detection(UNSUPPORTED, 1.0, "script")
    values = [(n, v / total) for n, v in ours]
    name, top = values[0]
    code = _code_of(name)
    if code == "ar" and _PERSIAN_OR_URDU.search(cleaned):
        return Detection(UNSUPPORTED, top, "script")  # ("میں نے فیصلہ کر لیا ہے": Urdu, not Arabic)
    if other_script and top < MIN_CONFIDENCE:
        # ("もう生きていたくない": lingua gives every one of our languages 0.0, and the first listed is not the answer)
        return Detection(UNSUPPORTED, 1.0 - top, "script")
    if unreadable and code != ENGLISH and plainly_english(text) and not sure:
        # words English has no use for, none of our languages' common words, and lingua not sure ("Mahadsanid walaal"
        # is Somali, which lingua, choosing among ours, called Tagalog at 0.85): no language of ours
        return fallback
    if code != ENGLISH and (top >= MIN_CONFIDENCE or non_latin):
        return Detection(code, top, "script" if non_latin else "lingua")
    english = dict(values).get(LINGUA_NAMES[ENGLISH], 0.0)
    if code != ENGLISH and english < FOREIGN_MAX_ENGLISH:
        return Detection(UNSUPPORTED, 1.0 - english, "lingua")
    if unreadable:  # lingua leans English, but English has no word for most of it
        return fallback
    return Detection(ENGLISH, top if code == ENGLISH else 1.0 - top, "default" if code != ENGLISH else "lingua")
