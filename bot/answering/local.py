"""Local composer (default, no network): report facts + verbatim KB sentences + fixed next steps.

Every sentence it emits is a templated report fact, a whole sentence copied from a retrieved
vetted passage, or fixed wording, and is tagged with its source for the trace.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answering.draft import Draft
from bot.answering.facts import GeneFact, fact_sentences, summary_genes
from bot.answering.select import keywords, pick_sentences, rank_passages
from bot.answering.understand import Understanding
from bot.reports.models import Report
from bot.retrieval.models import Passage
from bot.safety import wording

PHENOCONVERSION_GENES = ("CYP2D6", "CYP2C19", "CYP2C9")
HEREDITARY_HINT = ("pathogenic", "carrier", "variant", "vus", "uncertain", "inherit", "hereditary", "cancer")


def facts_for(u: Understanding, report: Report | None) -> list[GeneFact]:
    """The report facts this question is about (named genes, genes of named medicines, or 'my results')."""
    if report is None:
        return []
    genes = u.in_report(report)
    if not genes and not u.genes and u.personal and not u.about_upload:
        genes = summary_genes(report)
    return fact_sentences(report, list(dict.fromkeys(genes)))


class LocalComposer:
    """Builds a reply from facts, passages and fixed wording.

    >>> LocalComposer().compose("what is a gene", Understanding(), None, [], reason="general_education").text[:24]
    'You have not uploaded a '
    """

    name = "local"

    def compose(
        self,
        question: str,
        u: Understanding,
        report: Report | None,
        passages: Sequence[Passage],
        *,
        reason: str,
        simple: bool = False,
    ) -> Draft:
        draft = Draft(passages=list(passages))
        facts = facts_for(u, report)
        draft.facts = [f.fact for f in facts]
        if report is None:
            draft.add(wording.NO_REPORT_NOTE, "fixed:no_report", 0)
        for gf in facts:
            for s in gf.sentences:
                draft.add(s, f"report:{gf.gene}" if s != wording.FIELD_WITHHELD else "fixed:field_withheld", 0)
        missing = u.not_in_report(report) if report is not None else []
        if report is not None and not missing and u.genes and not u.in_report(report):
            missing = u.genes[:2]  # a medicine whose genes this report does not cover
        for gene in (u.missing_alleles + missing)[:3]:
            draft.add(wording.NOT_IN_REPORT.format(gene=gene), f"fixed:not_in_report:{gene}", 0)

        if not (reason == "no_report" and u.about_upload and not (u.genes or u.drugs)):
            self._add_kb(draft, question, u, facts, passages, simple=simple)  # (upload how-to needs no KB text)

        genes = list(dict.fromkeys(u.genes + [f.gene for f in facts]))
        for gene in genes:
            if gene in PHENOCONVERSION_GENES and (gene not in missing):
                draft.add(wording.PHENOCONVERSION.format(gene=gene), f"fixed:phenoconversion:{gene}", 2)
                break
        hereditary = any(f.fact.hgvs or f.fact.classification for f in facts) or any(
            w in question.lower() for w in HEREDITARY_HINT
        )
        if u.drugs or any(f.fact.diplotype or f.fact.phenotype for f in facts):
            draft.add(wording.NEXT_STEP_PGX, "fixed:next_step_pgx", 2)
        if hereditary:
            draft.add(wording.NEXT_STEP_HEREDITARY, "fixed:next_step_hereditary", 2)
        if missing or u.missing_alleles or reason == "result_not_in_report" or not draft.used_chunk_ids() and not facts:
            if not draft.used_chunk_ids() and not facts and report is not None:
                draft.add(wording.NOTHING_FOUND, "fixed:nothing_found", 1)
            draft.add(wording.COUNSELOR_OFFER, "fixed:counselor_offer", 2)
        return draft

    def compose_context(
        self, question: str, u: Understanding, report: Report | None, passages: Sequence[Passage]
    ) -> Draft:
        """Short background for an escalation: the patient's facts and one vetted passage, no next steps."""
        draft = Draft(passages=list(passages))
        facts = facts_for(u, report) if u.genes else []
        draft.facts = [f.fact for f in facts]
        for gf in facts[:2]:
            for s in gf.sentences:
                draft.add(s, f"report:{gf.gene}" if s != wording.FIELD_WITHHELD else "fixed:field_withheld", 1)
        if u.genes or u.drugs:
            self._add_kb(draft, question, u, facts, passages, simple=True, max_passages=1, block=1)
        return draft

    def _add_kb(
        self,
        draft: Draft,
        question: str,
        u: Understanding,
        facts: list[GeneFact],
        passages: Sequence[Passage],
        *,
        simple: bool,
        max_passages: int | None = None,
        block: int = 1,
    ) -> None:
        fact_words = " ".join((f.fact.phenotype or "") + " " + (f.fact.classification or "") for f in facts)
        keys = keywords(question, fact_words)
        strong = {g.lower() for g in u.genes} | {d.lower() for d in u.drugs} | keywords(fact_words)
        limit_p = max_passages or (2 if simple else 3)
        per = 2 if simple else 3
        if not (u.genes or u.drugs):
            limit_p = min(limit_p, 2)
        else:
            asked = set(u.genes) | set(u.drugs)
            on_topic = [p for p in passages if asked & (set(p.genes) | set(p.drugs))]
            # passages about something else only pad the reply: keep one at most when nothing covers the topic
            passages = on_topic or list(passages)[:1]
        covered: set[str] = set()
        docs: set[str] = set()
        used = 0
        hints = keywords(fact_words) | set(u.phenotype_words)
        for p in rank_passages(passages, u.genes, u.drugs, hints):
            if used >= limit_p:
                break
            adds = {g for g in p.genes if g in u.genes} | {d for d in p.drugs if d in u.drugs}
            if used >= 2 and not (adds - covered):
                continue  # a third passage must cover something new that was asked about
            if p.doc_id in docs and not (adds - covered) and used >= 1:
                continue
            for s in pick_sentences(p, keys=keys, strong=strong, limit=per, simple=simple):
                draft.add(s, f"kb:{p.chunk_id}", block)
            covered |= adds
            docs.add(p.doc_id)
            used += 1
