"""How the eval harness decides that a reply states the patient's own result (bot/evals/scoring.py)."""

from __future__ import annotations

from bot.core.report import PgxResult, Report
from bot.evals.scoring import _states_result

NO_CALL = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2D6", no_result_reason="The sample did not give a clear result for this gene.")])


def test_a_no_call_is_stated_by_saying_there_is_no_result_for_that_gene():
    assert _states_result("your report has no result for cyp2d6 (the sample did not give a clear result).", NO_CALL,
                          "CYP2D6")


def test_a_no_call_is_not_stated_by_a_reply_that_never_says_so():
    assert not _states_result("cyp2d6 has many versions. some, like *1 and *2, work normally.", NO_CALL, "CYP2D6")
