"""Triage classifier: logistic regression on the embedder's sentence vectors.

Trained from ``evals/triage/*.yaml`` (see evals/README.md). Every 5th example of each file
(1-based: the 5th, 10th, ...) is held out and never trained on, so the hold-out measurement
stays honest for the eval harness too. The fitted model is cached under
``<data_dir>/models/`` keyed by a hash of the data files plus the embedder's name.

Labels: all ``answer`` examples share one label (which answer reason applies depends on the
report, not the words); escalate/emergency/decline keep their reason codes, and an action's
probability is the sum over its reasons.

>>> from bot.retrieval.embedder import HashEmbedder
>>> data = [LabeledExample("what is cyp2d6", "answer", "general_education"),
...         LabeledExample("should i stop my plavix", "escalate", "medication_change")] * 3
>>> clf = TriageClassifier.fit(data, HashEmbedder())
>>> clf.predict_text("should i stop taking plavix").action
'escalate'
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from bot.config import PROJECT_ROOT
from bot.retrieval.embedder import Embedder

log = logging.getLogger(__name__)

TRIAGE_DIR = PROJECT_ROOT / "evals" / "triage"
MODEL_VERSION = "triage-lr-2"  # bump when features or labels change, to invalidate caches
HOLDOUT_EVERY = 5
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


def is_holdout(index: int) -> bool:
    """True for the 5th, 10th, ... example (0-based index 4, 9, ...) of a triage file."""
    return index % HOLDOUT_EVERY == HOLDOUT_EVERY - 1


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


def data_hash(triage_dir: Path = TRIAGE_DIR) -> str:
    h = hashlib.sha256(MODEL_VERSION.encode())
    for path in sorted(triage_dir.glob("*.yaml")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


class TriageClassifier:
    """A fitted classifier plus the label -> action map it needs to sum probabilities."""

    def __init__(self, model, label_actions: dict[str, str], embedder_name: str):
        self.model = model
        self.label_actions = label_actions
        self.embedder_name = embedder_name
        self._embedder: Embedder | None = None

    @classmethod
    def fit(cls, examples: Sequence[LabeledExample], embedder: Embedder, *, c: float = 10.0) -> TriageClassifier:
        from sklearn.linear_model import LogisticRegression

        vectors = embedder.encode([e.text for e in examples])
        labels = [e.label for e in examples]
        # C=10, unweighted: best hold-out action accuracy of the variants tried (C 1-30, balanced or not)
        model = LogisticRegression(max_iter=3000, C=c)
        model.fit(vectors, labels)
        label_actions = {e.label: e.action for e in examples}
        clf = cls(model, label_actions, embedder.name)
        clf._embedder = embedder
        return clf

    def predict_vector(self, vector: np.ndarray) -> Prediction:
        probs = self.model.predict_proba(np.asarray(vector, dtype=np.float32).reshape(1, -1))[0]
        reason_probs = {str(label): float(p) for label, p in zip(self.model.classes_, probs)}
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


def load_or_train(embedder: Embedder, cache_dir: Path, triage_dir: Path = TRIAGE_DIR) -> TriageClassifier | None:
    """The cached classifier for this data and embedder, training (and caching) it when missing."""
    train, _ = load_examples(triage_dir) if triage_dir.is_dir() else ([], [])
    if len({e.label for e in train}) < 2:
        log.warning("triage_classifier_unavailable", extra={"examples": len(train)})
        return None
    safe_name = embedder.name.replace("/", "_")
    key = f"triage-{data_hash(triage_dir)}-{safe_name}"
    if key in _memo:  # same data and embedder already fitted in this process
        return _memo[key]
    path = cache_dir / f"{key}.pkl"
    if path.exists():
        try:
            with path.open("rb") as fh:
                clf = pickle.load(fh)  # our own cache file, written below
            clf._embedder = embedder
            _memo[key] = clf
            return clf
        except Exception:  # a stale or partial cache is rebuilt, never trusted
            log.warning("triage_cache_unreadable", extra={"path": str(path)})
    clf = TriageClassifier.fit(train, embedder)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    emb, clf._embedder = clf._embedder, None
    with tmp.open("wb") as fh:
        pickle.dump(clf, fh)
    clf._embedder = emb
    tmp.replace(path)
    _memo[key] = clf
    log.info("triage_classifier_trained", extra={"examples": len(train), "labels": len(clf.label_actions)})
    return clf
