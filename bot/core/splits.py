"""Which half of the eval data a case belongs to: shared by the eval harness (what it scores as locked) and the
safety models (what they may learn from), so the two can never disagree about what is held out."""

from __future__ import annotations

import hashlib

HOLDOUT_EVERY = 5


def is_locked(case_id: str) -> bool:
    """The locked half of a split suite: chosen by a hash of the id, so nobody picks which cases are easy.

    Locked cases are only scored, never read while changing the engine and never trained on; their pass rate is
    the honest number.

    >>> is_locked("pw-weather"), is_locked("pw-recipe")
    (False, True)
    """
    return hashlib.sha256(case_id.encode("utf-8")).digest()[0] % 2 == 1


def is_holdout(index: int) -> bool:
    """True for the 5th, 10th, ... example (0-based index 4, 9, ...) of a triage file: held out from training.

    >>> [i for i in range(12) if is_holdout(i)]
    [4, 9]
    """
    return index % HOLDOUT_EVERY == HOLDOUT_EVERY - 1
