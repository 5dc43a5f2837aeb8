"""Which reason a triage verdict gives: the classifier's most likely reason for an action, and the reason of an
escalation that rules raised (the most specific rule, or the model's reading when the wording is generic).

>>> from bot.safety.classifier import Prediction
>>> pred = Prediction("escalate", "dosing", {"answer": 0.1, "escalate": 0.8, "emergency": 0.05, "decline": 0.05},
...                   {"dosing": 0.6, "medication_change": 0.2, "out_of_scope": 0.1})
>>> reason_for(pred, "escalate"), reason_for(pred, "decline"), reason_for(pred, "emergency")
('dosing', 'out_of_scope', 'emergency')
"""

from __future__ import annotations

from bot.safety.classifier import ANSWER_LABEL, Prediction
from bot.safety.rules import ESCALATE, SOFT_RULES, WEAK_RULES, RuleResult

ESCALATE_REASON_ORDER = list(ESCALATE)  # dosing first: the most specific

# Escalation rules too generic to stand against an answer plan that knows the report ("is X dangerous for me",
# worry words, "do I have cancer"): the worry plan (bot/answering/worry.py) may then pick the action.
PLAN_OVERRIDABLE = WEAK_RULES | SOFT_RULES | {"medication_change#7"}


def escalate_reason(rules: RuleResult, pred: Prediction | None) -> str:
    hits = [h for h in rules.hits if h.action == "escalate"]
    reasons = [h.reason for h in hits]
    if "dosing" in reasons:  # the most specific: "can I take two" is about amounts before anything else
        return "dosing"
    if pred is not None and pred.action == "escalate" and all(h.rule in PLAN_OVERRIDABLE for h in hits):
        # generic wording ("is X dangerous for me", "should I use ...", "can I increase my ...") says a decision is
        # asked, not which one: the model's reading names it ("is my VUS dangerous" is about risk, not a medicine)
        modelled = reason_for(pred, "escalate")
        if modelled in ESCALATE and modelled != "wants_human":
            return modelled
    if pred is not None:
        ranked = sorted(reasons, key=lambda r: -pred.reason_probs.get(r, 0.0))
        if ranked and pred.reason_probs.get(ranked[0], 0.0) > 0.2:
            return ranked[0]
    return min(reasons, key=ESCALATE_REASON_ORDER.index)


def reason_for(pred: Prediction, action: str) -> str:
    best, best_p = action, -1.0
    for reason, p in pred.reason_probs.items():
        if _action_of(pred, reason) == action and p > best_p:
            best, best_p = reason, p
    return best


def _action_of(pred: Prediction, reason: str) -> str:
    if reason == ANSWER_LABEL:
        return "answer"
    if reason in ("emergency_symptoms", "self_harm"):
        return "emergency"
    if reason in ("out_of_scope", "prompt_injection"):
        return "decline"
    return "escalate"
