"""Which vetted passages an answer may draw on: the search for the question, one passage per asked gene or
medicine, and a passage that explains the patient's own result type (what the engine calls "retrieve").

The relevance gate that drops passages about another topic is in the composer (bot/answering/local.py); this
module only makes sure the right passages are among the candidates.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from bot.answering.local import ResultScope, asked_words, facts_for, is_definition
from bot.answering.select import (
    EXPLAINS_SECTION,
    concept_topics,
    explains_result,
    is_overview,
    names_topic,
    topic_hits,
    topic_words,
)
from bot.answering.understand import Understanding
from bot.answering.worry import REASSURING
from bot.core.passage import Passage
from bot.core.reply import TraceStep
from bot.core.report import Report

K = 6  # passages from the main search


class PassageGatherer:
    """Retrieval for one engine. ``embed`` embeds a query the way triage did (the searcher's expansion applied)."""

    def __init__(self, searcher, embed: Callable[[str], np.ndarray]):
        self._searcher = searcher
        self._embed = embed
        self._label_hits: dict[tuple[str, tuple[str, ...], int], tuple[Passage, ...]] = {}

    def gather(self, text: str, u: Understanding, report: Report | None, vector: np.ndarray,
               trace: list[TraceStep]) -> list[Passage]:
        reused = True
        # the result type and the condition the report names ("Lynch syndrome") say what the question is about
        result_words = {w for f in facts_for(u, report)
                        for w in f"{f.fact.phenotype or f.fact.classification or ''} {f.fact.condition or ''}".split()}
        missing_terms = [t for t in [*u.genes, *u.drugs, *sorted(result_words)] if t.lower() not in text.lower()]
        # the lexical half of search gets the topic words the message implies (from a medicine, a variant
        # name or an earlier turn); the dense half reuses the triage embedding unless the topic came from history
        query = " ".join([text, *missing_terms])
        if u.followup:
            vector = self._embed(query)
            reused = False
        passages = list(self._searcher.search(query, genes=u.genes, drugs=u.drugs, k=K, query_vector=vector))
        extra = 0
        for term in u.genes[:3] + u.drugs[:3]:  # make sure each asked gene/medicine has a passage to cite
            if any(term in p.genes or term in p.drugs for p in passages):
                continue
            is_gene = term in u.genes
            more = self._searcher.search(f"{term} {text}", genes=[term] if is_gene else [],
                                         drugs=[] if is_gene else [term], k=4)
            hit = next((p for p in more if term in p.genes or term in p.drugs), None)
            extra += 1
            if hit is not None:
                passages.append(hit)
        extra += self._explain_searches(text, u, report, passages)
        extra += self._concept_search(text, u, passages, vector)
        extra += self._topic_search(text, u, passages)
        extra += self._procedure_search(text, u, passages)
        trace.append(TraceStep(step="retrieve", outcome=f"{len(passages)} passages", detail={
            "chunks": [p.chunk_id for p in passages], "coverage_searches": extra, "query_reused": reused,
        }))
        return passages

    def _topic_search(self, text: str, u: Understanding, passages: list[Passage]) -> int:
        """"Can my insurer raise my rates because of my BRCA result": the insurance document, which the named gene's
        documents outrank in the main search (bot/answering/topic_documents.py)."""
        wanted = set(u.topic_documents)
        if not wanted or any(p.doc_id in wanted for p in passages):
            return 0
        have = {p.chunk_id for p in passages}
        passages += [p for p in self._searcher.search(text, k=4, documents=wanted) if p.chunk_id not in have]
        return 1

    def _procedure_search(self, text: str, u: Understanding, passages: list[Passage]) -> int:
        """"I'm having my knee done next month": an operation told beside an asked gene, whose section on what to tell
        the team before surgery the main search left out (stop 52, seventeenth pass S4: an MH-susceptible patient was
        told what MH is and never to tell the anaesthesia team)."""
        surgery = [t for t in topic_words(text, asked_words(u)) if "surg" in t]
        if not surgery or not u.genes or any(topic_hits(p, surgery, heading_only=True) for p in passages):
            return 0
        have = {p.chunk_id for p in passages}
        hit = next((p for p in self._searcher.search(f"before surgery {text}", genes=u.genes[:2], drugs=[], k=6)
                    if topic_hits(p, surgery, heading_only=True) and p.chunk_id not in have), None)
        if hit is not None:
            passages.append(hit)
        return 1

    def _concept_search(self, text: str, u: Understanding, passages: list[Passage], vector: np.ndarray) -> int:
        """"What does heterozygous mean on my report": the section named for the term, found without the report's
        genes and results steering the search (they pull in the condition documents instead)."""
        topics = concept_topics(text, asked_words(u))
        if not topics or any(names_topic(p, topics) for p in passages):
            return 0
        have = {p.chunk_id for p in passages}
        hit = next((p for p in self._searcher.search(text, genes=[], drugs=[], k=6, query_vector=vector)
                    if names_topic(p, topics) and p.chunk_id not in have), None)
        if hit is not None:
            passages.append(hit)
        return 1

    def _explain_searches(self, text: str, u: Understanding, report: Report | None, passages: list[Passage]) -> int:
        """Add a passage that explains the patient's own result type, and a gene's overview for "what is X"."""
        searches = 0
        have = {p.chunk_id for p in passages}
        facts = facts_for(u, report)
        scope = ResultScope.build(facts, text)
        # the patient's result types, or with no report the type the question names ("a negative BRCA result")
        wanted = [(f.gene, f.classes, "carrier" if "carrier" in f.classes else
                   f.fact.phenotype or f.fact.classification or "no result no call") for f in facts[:2]]
        if not facts and scope.asked:
            wanted = [(u.genes[0] if u.genes else "", scope.asked, " ".join(sorted(scope.asked)) + " result")]
        for gene, classes, label in wanted:
            allowed = (scope.by_gene.get(gene) or set()) | scope.asked
            if not classes or any(explains_result(p, allowed) == EXPLAINS_SECTION for p in passages):
                continue
            # first among the gene's own passages, then the general ones ("Intermediate metabolizer", "What a VUS is")
            scored = []
            for genes in ([gene] if gene else [], []):
                more = self._label_search(f"{label} {gene} meaning" if genes else f"what {label} means", genes, 6)
                searches += 1
                scored += [(explains_result(p, scope.allowed(p)), -i, p) for i, p in enumerate(more) if p.chunk_id not in have]
                if any(t[0] == EXPLAINS_SECTION for t in scored):
                    break
            best = max(scored, key=lambda t: t[:2], default=None)
            if best is not None and best[0] > 0:
                passages.append(best[2])
                have.add(best[2].chunk_id)
        if is_definition(text):
            for gene in u.named_genes[:1]:
                if any(is_overview(p) and gene in p.genes for p in passages):
                    continue
                more = self._label_search(f"what is {gene}", [gene], 8)
                searches += 1
                hit = next((p for p in more if is_overview(p) and gene in p.genes and len(p.genes) <= 2), None)
                if hit is not None and hit.chunk_id not in have:
                    passages.append(hit)
        return searches

    def what_it_does_not_mean(self, gene: str, label: str, condition: str, *, general_first: bool = False
                              ) -> Passage | None:
        """The vetted passage that says what this result does not mean ("A BRCA variant is not a cancer
        diagnosis", "What a VUS means for your care"): the gene's own documents first, then the general ones;
        ``general_first`` for a type the gene's documents do not speak for (a gene's "not a diagnosis" text is
        about its harmful variants, not about a VUS in it)."""
        for genes in ([], [gene]) if general_first else ([gene], []):
            about = condition if genes else ""  # a general explainer is found by the result type alone
            query = f"{label} {about} does not mean you have it, not a diagnosis, what it means for your care"
            hit = next((p for p in self._label_search(query, genes, 8) if REASSURING.search(p.text)
                        and (gene in p.genes if genes else not p.genes)), None)
            if hit is not None:
                return hit
        return None

    def _label_search(self, query: str, genes: list[str], k: int) -> list[Passage]:
        """A search built only from fixed words and a result type, never the patient's text: remembered, since
        the index does not change while this engine lives (re-indexing builds a new engine)."""
        key = (query, tuple(genes), k)
        hits = self._label_hits.get(key)
        if hits is None:
            hits = tuple(self._searcher.search(query, genes=genes, k=k))
            if len(self._label_hits) < 4096:  # a few hundred result types x genes in practice
                self._label_hits[key] = hits
        return list(hits)
