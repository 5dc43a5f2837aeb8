"""Documents that answer a question by its topic, whatever gene it names.

"Can my insurer raise my rates because of my BRCA result" is a question about insurance. Retrieval ranks the
documents of a named gene first, so without this the reply explained BRCA2 and never said a word about insurance
(issue 15: "the named gene outranks the asked topic"). When a question names the topic of one of these documents
(``topic_documents.yaml``), its passages are what the reply draws on; the patient's own result still leads.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

TOPICS_FILE = Path(__file__).with_name("topic_documents.yaml")


def _pattern(words: list[str]) -> re.Pattern[str]:
    parts = [re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in words]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


@cache
def _topics(path: Path = TOPICS_FILE) -> tuple[tuple[str, re.Pattern[str]], ...]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple((doc_id, _pattern([str(w) for w in words])) for doc_id, words in doc.items())


def documents_asked(question: str) -> set[str]:
    """The ids of the documents whose topic the question names.

    >>> sorted(documents_asked("can my insurance raise my rates because of my brca result"))
    ['gina-and-insurance']
    >>> documents_asked("what does my BRCA2 result mean")
    set()
    """
    return {doc_id for doc_id, pattern in _topics() if pattern.search(question)}


def topic_document_ids() -> set[str]:
    return {doc_id for doc_id, _ in _topics()}
