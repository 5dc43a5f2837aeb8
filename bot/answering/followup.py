"""Follow-ups: what "it", "the first one", "the other one" or "tell me more" point back to in the conversation.

A follow-up ("what about tramadol?", "is that bad?", "and the second one?") takes its genes and medicines from the turn
it follows; a self-contained question ("what is an activity score") does not. ``understand`` decides whether a message
points back; ``resolve_followup`` fills in what it points to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answering.understanding import Understanding
from bot.answering.vocabulary import Vocabulary
from bot.core.reply import Turn
from bot.core.report import Report
from bot.safety.calm import asks_for_more, asks_to_say_again

# "the first one", "the second gene": one of the results the last answer named, by its place
# (stop 46, eleventh pass W4: "and the 4th", "number 6 on the list", "what's the 8th one" were the wrong result or none)
_PLACE_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
_PLACE_DIGITS = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th"]
_ORD = "|".join(["last", *_PLACE_WORDS, *_PLACE_DIGITS])
_ORDINAL = re.compile(rf"\b(?:the\s+)?(?P<ordinal>{_ORD})\s+(?:one|gene|result|medicine|drug|thing|finding)s?\b|"
                      rf"\bthe\s+(?P<bare>{_ORD})\b(?=\s*(?:\?|$|on (?:the|my|that) (?:list|report)))|"
                      r"\bnumber\s+(?P<number>\d{1,2})\b(?=\s*(?:\?|$|on (?:the|my|that) (?:list|report)))", re.IGNORECASE)
_KIND_OF = re.compile(r"^\W*(?:what|which)\s+(?:kind|sort|type)s?\s+of\b", re.IGNORECASE)  # "what kind of reaction"
# "why does that matter", "y does it matter lol": why the last answer's result matters
_WHY_IT_MATTERS = re.compile(r"\b(?:why|y|how come)\s+(?:does|do|would|is|will)\s+(?:that|it|this|any of (?:that|this))\s+"
                             r"(?:even\s+|really\s+)?(?:matter|important|count|a big deal|a problem)\b", re.IGNORECASE)
_PLACE = {"last": -1, **{w: i for i, w in enumerate(_PLACE_WORDS)}, **{w: i for i, w in enumerate(_PLACE_DIGITS)}}
FOLLOWUP = re.compile(
    r"^\s*(?:and|also|what about|how about|same|ok(?:ay)?|so|then|but|why|how come)\b|\b(?:it|that|this|those|these|"
    r"them|the same|itself|the disease|the condition|the gene|the medicine|the drug|the result|the variant)\b|"
    # (stop 40: "what kind of reaction" after an HLA-B answer, "tell me about the first one" after a list were declined)
    + _KIND_OF.pattern + "|" + _ORDINAL.pattern,
    re.IGNORECASE,
)
OTHER_ONE = re.compile(r"\b(?:the )?other (?:one|result|variant|gene|finding)s?\b|\b(?:the|my) others\b|"
                        r"\bthe rest\b(?! of (?:it|that|this|the (?:answer|text|sentence)))", re.IGNORECASE)


def resolve_followup(text: str, u: Understanding, history: Sequence[Turn], report: Report | None, vocab: Vocabulary,
                     drugs: list[str]) -> None:
    """Fill ``u`` with the genes and medicines a follow-up points back to (``drugs``: the ones the message names)."""
    prev_genes, prev_drugs = _from_history(history, vocab)
    ordinal = _ORDINAL.search(text)
    if ordinal and len(prev_genes) < 2 and report is not None:
        # a whole-report answer asked about no gene: the results it told, in the order it told them; after an answer
        # on one result, the report's own list ("and the second one on the list" after a BRCA2 answer; stop 46)
        told = _told_genes(history, report)
        if told or len(prev_drugs) < 2 and len(report.genes) > 1:
            prev_genes = told or list(report.genes)
    if ordinal and len(prev_genes) > 1:  # "tell me about the first one" after an answer on two results
        if (one := _at_place(prev_genes, ordinal)) is not None:
            prev_genes, prev_drugs = one, []
    elif ordinal and len(prev_drugs) > 1:
        prev_drugs = _at_place(prev_drugs, ordinal) or prev_drugs
    if report is not None and prev_genes and OTHER_ONE.search(text):
        # "and the other one on my report?": the report's genes that were not just discussed
        others = [g for g in report.genes if g not in prev_genes]
        if others:
            prev_genes, prev_drugs = others, []
    if prev_genes or prev_drugs:
        u.followup = True
        if asks_for_more(text):
            u.told_before = [t.text for t in history if t.role == "bot"][-3:]  # ("more" after "tell me more")
        u.genes += [g for g in prev_genes if g not in u.genes and not drugs]
        if not drugs:
            u.drugs_carried = [d for d in prev_drugs if d not in u.drugs]
            u.drugs += u.drugs_carried
        if drugs and not u.genes:
            u.genes += prev_genes


def asks_after_last_answer(text: str) -> bool:
    """"tell me about the first one", "what kind of reaction", "tell me more", "and my other results?", "explain
    simpler": a question about what the last answer told."""
    return bool(_ORDINAL.search(text) or _KIND_OF.search(text) or OTHER_ONE.search(text) or asks_to_say_again(text)
                or _WHY_IT_MATTERS.search(text)) \
        or asks_for_more(text)


def _at_place(items: list[str], ordinal: re.Match[str]) -> list[str] | None:
    """The one item "the first one" / "the last one" points to, if the list is long enough."""
    said = ordinal.group("ordinal") or ordinal.group("bare")
    place = _PLACE[said.lower()] if said else int(ordinal.group("number")) - 1
    return [items[place]] if -len(items) <= place < len(items) and (said or place >= 0) else None


_LISTED = re.compile(r"^[A-Z][A-Z0-9-]+: ")  # a common result in a few words ("CYP3A5: Poor Metabolizer.")


def _told_genes(history: Sequence[Turn], report: Report) -> list[str]:
    """The results the latest answer that told two or more of them told, in its order ("Your report lists ...", and the
    common results listed after them, "UGT1A1: Intermediate Metabolizer.", facts.py): "and the second one" after "tell
    me about the first one" still counts in that list. (Stop 46: only "Your report lists" sentences were counted, so
    after a whole-report answer with one such sentence "tell me more about the second one" pointed at nothing.)"""
    for turn in reversed(history):
        if turn.role != "bot":
            continue
        told = [s for s in re.split(r"(?<=[.!?])\s+", turn.text) if s.startswith("Your report lists") or _LISTED.match(s)]
        places = {g: n for n, sentence in enumerate(told) for g in report.genes
                  if re.search(rf"(?<![A-Za-z0-9]){re.escape(g)}(?![A-Za-z0-9])", sentence)}
        if len(places) > 1:
            return sorted(places, key=places.__getitem__)
    return []


def _from_history(history: Sequence[Turn], vocab: Vocabulary) -> tuple[list[str], list[str]]:
    """Genes and medicines of the most recent turn that had any (bot turns carry them; user turns are parsed)."""
    for turn in reversed(history):
        if turn.genes or turn.drugs:
            return list(turn.genes), list(turn.drugs)
        if turn.role == "user":
            genes, drugs = vocab.detect(turn.text)
            for drug in drugs:
                genes += [g for g in vocab.drug_genes.get(drug, []) if g not in genes]
            if genes or drugs:
                return genes, drugs
    return [], []
