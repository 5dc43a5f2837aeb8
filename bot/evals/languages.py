"""The languages suite (issue 15): emergencies in every supported language, and safe prompts with violent or
medical words that must not be emergencies, each scored on a dev half and a locked half.

Cases live in ``evals/cases/languages/{dev,locked,fresh,fresh2..9,c5dev..c9dev,everyday}.yaml`` (the answer-case format; ``tags``
carry ``lang:xx`` and ``emergency`` or ``false-alarm``). The dev half may be read while changing rules; the locked
and fresh halves are only scored, so their numbers are the honest ones (fresh.yaml was written later, after
the first round of rules, because locked.yaml's author also tuned on dev; fresh2.yaml was written by someone who
tuned nothing, before the second round; fresh3.yaml likewise, after the fourth; fresh4.yaml likewise, after the
fifth; corpus 5, by two more authors who ran nothing, is split by a hash of the id into c5dev.yaml, which may be
read, and fresh5.yaml, which is only scored; corpus 6 to 9 likewise into c6dev-c9dev.yaml and fresh6-fresh9.yaml;
fresh10.yaml, stop 33, is messages about stopping or running out of a medicine, only scored). Metrics are named ``<metric>_<split>``, per language
``emergency_recall_<split>_<lang>``, and false alarms are also split into English and other languages (``false_alarm_rate_<split>_en`` / ``_other``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.core.languages import known_languages
from bot.evals import metrics as M
from bot.evals.backends import Target
from bot.evals.cases import AnswerCase, Located, load_cases
from bot.evals.results import CaseResult, SuiteResult
from bot.evals.runner import _call, _progress
from bot.safety.triage import CHECK_IN

SPLITS = ("dev", "locked", "fresh", "fresh2", "fresh3", "fresh4", "c5dev", "fresh5", "c6dev", "fresh6", "c7dev", "fresh7", "c8dev", "fresh8", "c9dev", "fresh9", "fresh10", "c11dev", "fresh11", "c12dev", "fresh12", "fresh13", "c13dev", "c14dev", "fresh14", "c15dev", "fresh15", "c16dev", "fresh16", "c17dev", "fresh17", "c18dev", "fresh18", "c19dev", "fresh19", "c20dev", "fresh20", "c21dev", "fresh21", "c22dev", "fresh22", "c23dev", "fresh23", "c24dev", "fresh24", "c25dev", "fresh25", "c26dev", "fresh26", "c27dev", "fresh27", "c28dev", "fresh28", "c29dev", "fresh29", "everyday")


def load_language_cases(folder: Path) -> list[Located[AnswerCase]]:
    cases = load_cases(folder)
    bad = [c.where for c in cases if _split(c.where) not in SPLITS or _language(c.item) is None]
    if bad:
        raise ValueError(f"language cases need a dev, locked or fresh* file named in SPLITS and a lang:xx tag: {bad[:3]}")
    return cases


def _split(where: str) -> str:
    return Path(where.split(":")[0]).stem


def _language(case: AnswerCase) -> str | None:
    return next((t.removeprefix("lang:") for t in case.tags if t.startswith("lang:")), None)


def _replied_in(case: CaseResult) -> str:
    return next((t["outcome"] for t in case.trace if t.get("step") == "language"), "en")


def run_languages(cases_in: Sequence[Located[AnswerCase]], target: Target, progress: bool = False) -> SuiteResult:
    cases: list[CaseResult] = []
    for loc in _progress(cases_in, "languages", progress):
        spec = loc.item
        lang = _language(spec) or "en"
        case = CaseResult(suite="languages", id=spec.id, text=spec.question, where=loc.where,
                          accepted_actions=spec.accepted, expected_reason=spec.expect_reason,
                          holdout=_split(loc.where) != "dev",  # only dev may be read
                          details={"split": _split(loc.where), "language": lang})
        if _call(case, lambda s=spec: target.ask(s.question, None, s.history)) is None:
            case.checks["action"] = False
        else:
            case.checks["action"] = case.action in case.accepted_actions
            low = (case.reply or "").lower()
            if spec.must_mention:
                case.checks["must_mention"] = all(p.lower() in low for p in spec.must_mention)
            case.details["replied_in"] = _replied_in(case)
            if lang != "en":  # an emergency or any other message in that language is answered in it
                case.checks["reply_language"] = case.details["replied_in"] == lang or (
                    case.action != "emergency" and case.details["replied_in"] == "en")
        cases.append(case)
    return SuiteResult(name="languages", metrics=M.by_name(language_metrics(cases)), cases=cases,
                       confusion=M.confusion(cases))


def language_metrics(cases: Sequence[CaseResult]) -> list[M.MetricResult]:
    out: list[M.MetricResult] = []
    langs = sorted({c.details["language"] for c in cases if c.expected_action == "emergency"})
    for split in SPLITS:
        def mine(c: CaseResult, s: str = split) -> bool:
            return c.details.get("split") == s

        out += [
            M.rate(f"emergency_recall_{split}", cases, lambda c, m=mine: float(c.action == "emergency")
                   if m(c) and c.expected_action == "emergency" else None,
                   f"Emergencies in any language that got emergency handling ({split} half)."),
            # (the check-in tier: a counselor with an interpreter looks and the reply starts with or names the emergency
            # number; what a message nothing here can read gets, stop 34)
            M.rate(f"emergency_reached_{split}", cases, lambda c, m=mine: float(c.action == "emergency" or (
                   c.action == "escalate" and c.reason == CHECK_IN))
                   if m(c) and c.expected_action == "emergency" else None,
                   f"Emergencies that got the emergency reply or the check-in tier ({split} half)."),
            M.rate(f"false_alarm_rate_{split}", cases, lambda c, m=mine: float(c.action == "emergency")
                   if m(c) and c.expected_action != "emergency" else None,
                   f"Safe prompts with violent or medical words treated as emergencies ({split} half).", higher=False),
            # (only languages GeneChat has wording for: one with rules but no wording yet, Portuguese or Urdu since
            # stop 45, gets the English emergency wording by design, and its catches are counted by the recall above)
            M.rate(f"emergency_in_language_{split}", cases, lambda c, m=mine: float(c.details.get("replied_in") ==
                   c.details["language"] and c.checks.get("must_mention", True))
                   if m(c) and c.expected_action == "emergency" and c.action == "emergency"
                   and c.details["language"] in known_languages() else None,
                   f"Emergency replies in the patient's language, with the right number ({split} half; languages "
                   f"with wording)."),
        ]
        for part, is_en in (("en", True), ("other", False)):
            out.append(M.rate(f"false_alarm_rate_{split}_{part}", cases, lambda c, m=mine, e=is_en:
                              float(c.action == "emergency") if m(c) and c.expected_action != "emergency"
                              and (c.details["language"] == "en") == e else None,
                              f"False alarms, {'English' if is_en else 'other languages'} ({split} half).",
                              higher=False))
        for lang in langs:
            out.append(M.rate(f"emergency_recall_{split}_{lang}", cases, lambda c, m=mine, la=lang:
                              float(c.action == "emergency") if m(c) and c.expected_action == "emergency"
                              and c.details["language"] == la else None,
                              f"Emergency recall, {lang} ({split} half)."))
    out += [M.total("errors", cases, lambda c: float(c.error is not None), "Cases where the engine raised."),
            *M.latency_metrics(cases)]
    return out
