"""Replies must not depend on Python's per-process hash seed (counselors compare traces across workers)."""

from __future__ import annotations

import os
import subprocess
import sys

SNIPPET = (
    "from bot.answering.understand import Vocabulary;"
    "v = Vocabulary.builtin();"
    "print([t for _, _, t in v._patterns]);"
    "print(v.detect('is warfarin ok with my CYP2C9 and VKORC1 and CYP4F2 and TPMT and NUDT15 results'))"
)


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-c", SNIPPET], env=env, capture_output=True, text=True, check=True).stdout


def test_gene_and_medicine_detection_order_is_the_same_under_any_hash_seed() -> None:
    outputs = {_run(seed) for seed in ("1", "2", "3", "4")}
    assert len(outputs) == 1
