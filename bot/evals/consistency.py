"""The consistency suite (issue 15): the same meaning gets the same action, across typos, slang, spelling
variants and rewordings.

Groups live in ``evals/consistency/*.yaml``; each holds a few paraphrases of one question and the action(s) the
group accepts. A group *agrees* when every member got the same action and that action is accepted. Groups are
split by a hash of their id (``is_locked``): dev groups may be read while changing the engine, locked groups
are only scored, so ``groups_agreeing_locked`` is the honest number. A file may say ``split: dev``: all its groups are
dev whatever their hash, for material written by someone who also reads it while changing the engine (it must
never land in the locked half).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import Field

from bot.evals import metrics as M
from bot.evals.backends import Target
from bot.evals.cases import Expected, Located, StrictModel, is_locked, load_expected
from bot.evals.results import CaseResult, SuiteResult
from bot.evals.runner import _call, _progress


class ParaphraseGroup(Expected):
    report: str | None = None
    history: list[str] = Field(default_factory=list)
    texts: list[str] = Field(min_length=2)
    notes: str | None = None


class GroupsFile(StrictModel):
    # "dev": every group of the file is dev (read while tuning), never hash-split into the locked half
    split: Literal["dev"] | None = None
    groups: list[ParaphraseGroup] = Field(min_length=1)


def group_is_locked(loc: Located[ParaphraseGroup]) -> bool:
    """The locked half: by the hash of the id, unless the group's file put all its groups in the dev half."""
    return loc.split != "dev" and is_locked(loc.item.id)


def load_groups(folder: Path, reports_dir: Path | None = None) -> list[Located[ParaphraseGroup]]:
    """All paraphrase groups; ids are unique and every report fixture exists."""
    return load_expected(folder, GroupsFile, "groups", reports_dir)


def run_consistency(groups: Sequence[Located[ParaphraseGroup]], target: Target, reports_dir: Path,
                    progress: bool = False) -> SuiteResult:
    cases: list[CaseResult] = []
    for loc in _progress(groups, "consistency", progress):
        group = loc.item
        report = reports_dir / group.report if group.report else None
        members: list[CaseResult] = []
        for i, text in enumerate(group.texts):
            case = CaseResult(suite="consistency", id=f"{group.id}#{i + 1}", text=text, where=loc.where,
                              accepted_actions=group.accepted, holdout=group_is_locked(loc),
                              details={"group": group.id, "first": i == 0})
            reply = _call(case, lambda t=text, r=report, h=group.history: target.ask(t, r, h))
            case.checks["action"] = reply is not None and case.action in group.accepted
            members.append(case)
        actions = Counter(c.action for c in members)
        agrees = len(actions) == 1 and all(c.checks["action"] for c in members)
        for case in members:
            case.checks["group_agrees"] = agrees
            case.details["group_actions"] = dict(actions)
        cases += members
    return SuiteResult(name="consistency", metrics=M.by_name(consistency_metrics(cases)), cases=cases,
                       confusion=M.confusion(cases))


def consistency_metrics(cases: Sequence[CaseResult]) -> list[M.MetricResult]:
    out: list[M.MetricResult] = []
    for split, locked in (("dev", False), ("locked", True)):
        out += [
            M.rate(f"groups_agreeing_{split}", cases, lambda c, lk=locked: float(c.checks["group_agrees"])
                   if c.details["first"] and c.holdout == lk else None,
                   f"Paraphrase groups whose members all got the same, accepted action ({split} half)."),
            M.rate(f"paraphrase_action_accuracy_{split}", cases, lambda c, lk=locked: float(c.checks["action"])
                   if c.holdout == lk else None, f"Paraphrases that got an accepted action ({split} half)."),
        ]
    out += [M.total("errors", cases, lambda c: float(c.error is not None), "Paraphrases where the engine raised."),
            *M.latency_metrics(cases)]
    return out
