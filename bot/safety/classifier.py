"""Triage classifier: logistic regression on the embedder's sentence vectors.

Trained from ``evals/triage/*.yaml`` (see evals/README.md). Every 5th example of each file
(1-based: the 5th, 10th, ...) is held out and never trained on, so the hold-out measurement
stays honest for the eval harness too. The fitted model is cached under
``<data_dir>/models/`` keyed by a hash of the data files plus the embedder's name.

Labels: all ``answer`` examples share one label (which answer reason applies depends on the
report, not the words); escalate/emergency/decline keep their reason codes, and an action's
probability is the sum over its reasons.

Beside it, an *alarm model* (``alarm_check``, issue 15, round 4): a second model of the same kind, trained on the
same examples plus safe messages that use alarm words (``evals/alarm/*.yaml``: a paper cut, "my boss will murder me",
"ending my gym membership"; every 5th held out the same way). Triage takes the emergency probability from it and
everything else from the main model. Kept apart so those safe examples sharpen the emergency decision without moving
the main model's other votes (trained into the main model, they shifted unrelated patient questions toward
"decline").

A *second opinion* (``second_opinion``, stop 38): a third model of the same kind, trained on what the alarm model is
plus the English cases of the languages suite's dev halves (``evals/cases/languages/*dev.yaml``: about 800 emergencies
and 1,700 safe look-alikes by outside authors; never a fresh or locked file, never a case with a history). Those cases
doubled the emergency share of its data and with it its prior ("ok" scored 0.95 on it), so it does not replace the
alarm model, whose bars (alarm_votes.py) were picked on its own scale: triage only asks it when nothing else raised an
emergency, and takes its vote only when it is nearly sure and the message is no calm question (alarm_votes.py).

>>> from bot.retrieval.embedders import HashEmbedder
>>> data = [LabeledExample("what is cyp2d6", "answer", "general_education"),
...         LabeledExample("should i stop my plavix", "escalate", "medication_change")] * 3
>>> clf = TriageClassifier.fit(data, HashEmbedder())
>>> clf.predict_text("should i stop taking plavix").action
'escalate'
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from bot.config import PROJECT_ROOT
from bot.core.protocols import Embedder
from bot.core.splits import is_holdout

log = logging.getLogger(__name__)

TRIAGE_DIR = PROJECT_ROOT / "evals" / "triage"
ALARM_DIR = PROJECT_ROOT / "evals" / "alarm"  # safe messages with alarm words, for the alarm check
LANGUAGE_CASES_DIR = PROJECT_ROOT / "evals" / "cases" / "languages"  # its *dev.yaml halves train the second opinion
# bump when features or labels change, to invalidate caches (4: the alarm model; 5: round 5 data; 6: an experiment;
# 7: the second opinion)
MODEL_VERSION = "triage-lr-7"
_memo: dict[str, TriageClassifier] = {}
ANSWER_LABEL = "answer"


@dataclass(frozen=True)
class LabeledExample:
    text: str
    action: str
    reason: str

    @property
    def label(self) -> str:
        return ANSWER_LABEL if self.action == "answer" else self.reason


@dataclass
class Prediction:
    action: str
    reason: str  # best reason within the action ("answer" for answers)
    action_probs: dict[str, float]
    reason_probs: dict[str, float]

    @property
    def confidence(self) -> float:
        return self.action_probs[self.action]


def load_examples(triage_dir: Path = TRIAGE_DIR) -> tuple[list[LabeledExample], list[LabeledExample]]:
    """(train, holdout) examples from every ``*.yaml`` file in the folder."""
    train: list[LabeledExample] = []
    holdout: list[LabeledExample] = []
    for path in sorted(triage_dir.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        action = doc.get("action") or path.stem
        for i, item in enumerate(doc.get("examples") or []):
            ex = LabeledExample(str(item["text"]), action, str(item.get("reason") or action))
            (holdout if is_holdout(i) else train).append(ex)
    return train, holdout


def load_alarm_examples(alarm_dir: Path = ALARM_DIR) -> tuple[list[str], list[str]]:
    """(train, holdout) texts of the safe messages with alarm words, every 5th of each file held out."""
    train: list[str] = []
    holdout: list[str] = []
    for path in sorted(alarm_dir.glob("*.yaml")) if alarm_dir.is_dir() else []:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for i, item in enumerate(doc.get("examples") or []):
            (holdout if is_holdout(i) else train).append(str(item["text"]))
    return train, holdout


# Dev halves read while changing rules but not trained on. Corpus 24 (stop 47): trained on, its English cases moved the
# second opinion off a held-out self-harm emergency (fresh7) and onto a held-out safe follow-up (batch 14); it is
# measured only until someone studies what it does to the models on held-out data (evals/README.md, stop 47). Corpus 25
# (stop 48) likewise; trained on with corpus 24, the second opinion caught two more held-out emergencies and lost the same
# fresh7 one, with no false-alarm change (evals/README.md, stop 48).
NOT_TRAINED_ON = frozenset({"c24dev.yaml", "c25dev.yaml", "c26dev.yaml", "c27dev.yaml", "c28dev.yaml", "c29dev.yaml"})


def readable_case_files(cases_dir: Path = LANGUAGE_CASES_DIR) -> list[Path]:
    """Every readable (dev) half of the languages suite's folder, ``*dev.yaml``, but ``NOT_TRAINED_ON``: the second
    opinion's corpora."""
    return sorted(p for p in cases_dir.glob("*dev.yaml") if p.name not in NOT_TRAINED_ON) if cases_dir.is_dir() else []


def data_hash(triage_dir: Path = TRIAGE_DIR, alarm_dir: Path | None = None, cases_dir: Path | None = None) -> str:
    h = hashlib.sha256(MODEL_VERSION.encode())
    paths = sorted(triage_dir.glob("*.yaml")) + (sorted(alarm_dir.glob("*.yaml")) if alarm_dir and alarm_dir.is_dir() else [])
    paths += readable_case_files(cases_dir) if cases_dir is not None else []
    for path in paths:
        h.update(path.parent.name.encode() + b"/" + path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


class TriageClassifier:
    """A fitted classifier's weights plus the label -> action map it needs to sum probabilities.

    Serving needs only ``coef``/``intercept``/``classes`` (numpy), so a cached model loads without
    importing scikit-learn (0.8 s and ~47 MB) and predicts without its input validation (~0.5 ms).
    ``model`` (the scikit-learn estimator) is kept only when fitted in this process.
    """

    def __init__(self, model, label_actions: dict[str, str], embedder_name: str, *,
                 coef: np.ndarray | None = None, intercept: np.ndarray | None = None,
                 classes: Sequence[str] | None = None):
        self.model = model
        self.label_actions = label_actions
        self.embedder_name = embedder_name
        # dtypes kept as fitted (float32 for float32 vectors): the same arithmetic as scikit-learn's
        self.coef = np.asarray(model.coef_ if coef is None else coef)
        self.intercept = np.asarray(model.intercept_ if intercept is None else intercept)
        self.classes = [str(c) for c in (model.classes_ if classes is None else classes)]
        self._embedder: Embedder | None = None
        self.alarm_check: TriageClassifier | None = None  # see the module docstring; set by load_or_train
        self.second_opinion: TriageClassifier | None = None  # likewise

    def probabilities(self, vector: np.ndarray) -> np.ndarray:
        """Class probabilities in ``classes`` order, computed as LogisticRegression.predict_proba does.

        scikit-learn 1.9 (lbfgs): more than two classes -> softmax of the decision values (multinomial);
        two classes -> the logistic sigmoid of the single decision value, as [1 - p, p].
        """
        x = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        scores = x @ self.coef.T + self.intercept  # as decision_function (safe_sparse_dot of dense arrays)
        if len(self.classes) <= 2:  # only tiny training sets: the serving model has a dozen labels
            from scipy.special import expit  # scikit-learn's own sigmoid, for identical rounding

            p = expit(scores.reshape(-1))
            return np.stack([1 - p, p], axis=1)[0]
        scores -= scores.max(axis=1).reshape(-1, 1)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1).reshape(-1, 1)
        return scores[0]

    @classmethod
    def fit(cls, examples: Sequence[LabeledExample], embedder: Embedder, *, c: float = 10.0,
            balanced: bool = False, weights: Sequence[float] | None = None) -> TriageClassifier:
        from sklearn.linear_model import LogisticRegression

        vectors = embedder.encode([e.text for e in examples])
        labels = [e.label for e in examples]
        # C=10, unweighted: best hold-out action accuracy of the variants tried (C 1-30, balanced or not)
        model = LogisticRegression(max_iter=3000, C=c, class_weight="balanced" if balanced else None)
        model.fit(vectors, labels, sample_weight=None if weights is None else np.asarray(weights, dtype=float))
        label_actions = {e.label: e.action for e in examples}
        clf = cls(model, label_actions, embedder.name)
        clf._embedder = embedder
        return clf

    def __getstate__(self) -> dict:
        # The cache keeps weights only: unpickling it then needs numpy, never scikit-learn.
        return {**self.__dict__, "model": None, "_embedder": None}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("alarm_check", None)
        self.__dict__.setdefault("second_opinion", None)
        if "coef" not in state:  # a cache written before weights were stored: take them from the estimator
            self.coef = np.asarray(self.model.coef_)
            self.intercept = np.asarray(self.model.intercept_)
            self.classes = [str(c) for c in self.model.classes_]
            self.model = None

    def predict_vector(self, vector: np.ndarray) -> Prediction:
        probs = self.probabilities(vector)
        reason_probs = {label: float(p) for label, p in zip(self.classes, probs)}
        action_probs = {"answer": 0.0, "escalate": 0.0, "emergency": 0.0, "decline": 0.0}
        for label, p in reason_probs.items():
            action = self.label_actions[label]
            action_probs[action] = action_probs.get(action, 0.0) + p
        action = max(action_probs, key=action_probs.__getitem__)
        in_action = {r: p for r, p in reason_probs.items() if self.label_actions[r] == action}
        reason = max(in_action, key=in_action.__getitem__)
        return Prediction(action, reason, action_probs, reason_probs)

    def predict_text(self, text: str) -> Prediction:
        if self._embedder is None:
            raise RuntimeError("predict_text needs the embedder the classifier was fitted with")
        return self.predict_vector(self._embedder.encode([text])[0])


def fit_alarm_check(train: Sequence[LabeledExample], safe: Sequence[str], embedder: Embedder) -> TriageClassifier | None:
    """The alarm model: the triage examples plus safe messages with alarm words. Only its emergency probability is
    used, so the safe side's label does not matter: they are out of scope, as most of them are."""
    if not safe or not any(e.action == "emergency" for e in train):
        return None
    return TriageClassifier.fit([*train, *(LabeledExample(t, "decline", "out_of_scope") for t in safe)], embedder)


def fit_second_opinion(train: Sequence[LabeledExample], safe: Sequence[str], embedder: Embedder,
                       cases: tuple[list[LabeledExample], list[str]]) -> TriageClassifier | None:
    """The second opinion (module docstring): the alarm model's data plus the languages dev cases (``cases``:
    emergencies, safe texts; ``alarm_corpora.second_opinion_cases``)."""
    emergencies, case_safe = cases
    if not emergencies:
        return None
    return fit_alarm_check([*train, *emergencies], [*safe, *case_safe], embedder)


def load_or_train(embedder: Embedder, cache_dir: Path, triage_dir: Path = TRIAGE_DIR,
                  alarm_dir: Path | None = None, cases_dir: Path | None = None,
                  second_opinion_cases: Callable[[Path], tuple[list[LabeledExample], list[str]]] | None = None,
                  ) -> TriageClassifier | None:
    """The cached classifier for this data and embedder, training (and caching) it when missing, with its alarm
    check (``alarm_dir``: default ``evals/alarm`` beside the triage folder) and, given ``second_opinion_cases`` (reads
    the training cases of ``cases_dir``, default ``evals/cases/languages`` there), its second opinion."""
    safe_name = embedder.name.replace("/", "_")
    alarm_dir = alarm_dir or triage_dir.parent / ALARM_DIR.name
    cases_dir = cases_dir or triage_dir.parent / "cases" / LANGUAGE_CASES_DIR.name
    # The key hashes the files' bytes, so a cache hit needs no YAML parsing (0.2 s at start-up).
    second = "-second" if second_opinion_cases is not None else ""  # (a cache without one never stands in for one with)
    key = f"triage-{data_hash(triage_dir, alarm_dir, cases_dir)}-{safe_name}{second}" if triage_dir.is_dir() else None
    if key is not None and key in _memo:  # same data and embedder already fitted in this process
        return _memo[key]
    # weights only (see __getstate__); a "<key>.pkl" written before that holds the estimator and is read once
    path, old = cache_dir / f"{key}.weights.pkl", cache_dir / f"{key}.pkl"
    for found in (path, old):
        clf = read_cache(found) if key is not None else None
        if clf is None:
            continue
        clf._embedder = embedder
        if found == old:
            write_cache(clf, path)
        _memo[key] = clf
        return clf
    train, _ = load_examples(triage_dir) if triage_dir.is_dir() else ([], [])
    if key is None or len({e.label for e in train}) < 2:
        log.warning("triage_classifier_unavailable", extra={"examples": len(train)})
        return None
    clf = TriageClassifier.fit(train, embedder)
    safe = load_alarm_examples(alarm_dir)[0]
    clf.alarm_check = fit_alarm_check(train, safe, embedder)
    if second_opinion_cases is not None:
        clf.second_opinion = fit_second_opinion(train, safe, embedder, second_opinion_cases(cases_dir))
    cache_dir.mkdir(parents=True, exist_ok=True)
    write_cache(clf, path)
    _memo[key] = clf
    log.info("triage_classifier_trained", extra={"examples": len(train), "labels": len(clf.label_actions)})
    return clf


def read_cache(path: Path) -> TriageClassifier | None:
    """A classifier cached by ``write_cache``, or None when missing or unreadable (then it is retrained)."""
    if not path.exists():
        return None
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)  # our own cache file, written by write_cache
    except Exception:  # a stale or partial cache is rebuilt, never trusted
        log.warning("classifier_cache_unreadable", extra={"path": str(path)})
        return None


def write_cache(clf: TriageClassifier, path: Path) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # server workers may write it at the same time
    with tmp.open("wb") as fh:
        pickle.dump(clf, fh)  # weights only (see __getstate__)
    tmp.replace(path)
