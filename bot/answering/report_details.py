"""The report's own details a patient asks about: which lab ran the test and when the report was made.

Both are the uploaded report's words, so they are shown only when they read as a plain name or date (an uploaded
report is data; a lab field holding markup or a sentence is left out, and the reply says nothing about it).

>>> from bot.core.report import Report
>>> report = Report(source_format="native", lab="Example Pharmacogenomics Lab", report_date="2026-06-30")
>>> detail_sentences("which lab ran this", report)
['Your report names the lab as Example Pharmacogenomics Lab.']
>>> detail_sentences("when was my report done?", report)
['Your report is dated 2026-06-30.']
>>> detail_sentences("who ran it", Report(source_format="native", lab="<script>alert(1)</script> Lab"))
[]
"""

from __future__ import annotations

import re

from bot.core.report import Report

# (stop 51, fifteenth pass C3: "which lab ran this" was answered with the no-call passage for sharing "lab")
_ASKS_LAB = re.compile(r"\b(?:which|what|who(?:'s| is)?|name of (?:the|my))\s+(?:lab(?:oratory)?|company)\b|"
                       r"\bwho (?:ran|did|made|processed|performed|analy[sz]ed) (?:this|it|the|my)\b", re.IGNORECASE)
_ASKS_DATE = re.compile(r"\bwhen (?:was|were|did) (?:this|it|the|my) (?:\w+ )?(?:report|test|results?|sample)?\s*"
                        r"(?:done|made|dated|run|taken|issued|written|come out|tested)\b|\bdate of (?:the|my|this) "
                        r"(?:report|test)\b|\bwhat date\b|\bhow old is (?:this|my|the) (?:report|test)\b", re.IGNORECASE)
_PLAIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 &.,'()\-]{1,78}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def detail_sentences(question: str, report: Report | None) -> list[str]:
    """What the report says of the lab or date the question asks about, when the report has it in plain form."""
    if report is None:
        return []
    out: list[str] = []
    lab = (report.lab or "").strip()
    if _ASKS_LAB.search(question) and _PLAIN_NAME.match(lab) and len(lab.split()) <= 8:
        out.append(f"Your report names the lab as {lab.rstrip('.')}.")
    date = (report.report_date or "").strip()
    if _ASKS_DATE.search(question) and _ISO_DATE.match(date):
        out.append(f"Your report is dated {date}.")
    return out
