"""Local composer (default, no network): report facts + verbatim KB sentences + fixed next steps.

Every sentence it emits is a templated report fact, a whole sentence copied from a retrieved
vetted passage, or fixed wording, and is tagged with its source for the trace.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answering.classes import allowed_for, result_classes
from bot.answering.facts import (
    GeneFact,
    fact_sentences,
    flagged,
    how_much_it_matters,
    lead_medicines,
    plain_meaning,
    summary_genes,
    typical_result_sentences,
    version_notes,
)
from bot.answering.report_details import detail_sentences
from bot.answering.select import (
    EXPLAINS_SECTION,
    about_asked,
    asked_term,
    concept_topics,
    drug_document,
    explains_result,
    is_advice,
    is_overview,
    keywords,
    names_medicines,
    names_topic,
    near_duplicate,
    pick_sentences,
    rank_passages,
    relevant,
    situational_mismatch,
    topic_hits,
    topic_keys,
    topic_words,
)
from bot.answering.understand import Understanding
from bot.answering.worry import reassuring_sentences
from bot.core.draft import Draft
from bot.core.passage import Passage
from bot.core.report import Report
from bot.pgx.cpic import alleles_for_drug
from bot.safety import wording
from bot.safety.guard import has_dose, has_med_change_advice

PHENOCONVERSION_GENES = ("CYP2D6", "CYP2C19", "CYP2C9")
HEREDITARY_HINT = ("pathogenic", "carrier", "variant", "vus", "uncertain", "inherit", "hereditary", "cancer")


def is_whole_report(u: Understanding, report: Report | None) -> bool:
    """'Explain my results': asks about the whole report, naming no gene or medicine."""
    return report is not None and not u.genes and u.whole_report and not u.about_upload


def _one_of(genes: Sequence[str]) -> str:
    """ "MLH1, MSH2 or PMS2" """
    return genes[0] if len(genes) == 1 else f"{', '.join(genes[:-1])} or {genes[-1]}"


def stated_alleles(gene: str, diplotype: str | None, phenotype: str | None) -> tuple[set[str], bool]:
    """The alleles a result names ("HLA-B", None, "*57:01 negative" -> {"HLA-B*57:01"}) and whether it says
    positive."""
    said = f"{diplotype or ''} {phenotype or ''}"
    return {f"{gene.upper()}{a}" for a in _HLA_ALLELE.findall(said)}, "positive" in said.lower()


def _tested_alleles(report: Report) -> set[str]:
    """The HLA alleles the report has a result for ("HLA-B*57:01")."""
    return {a for r in report.pharmacogenomics if r.gene.upper().startswith("HLA-")
            for a in stated_alleles(r.gene, r.diplotype, r.phenotype)[0]}


def untested_alleles(report: Report | None, drugs: Sequence[str]) -> list[str]:
    """The HLA alleles an asked medicine's guideline is about that the report has no result for, when the report
    has a result for that gene ("what about allopurinol" with only HLA-B*57:01 tested: HLA-B*58:01). A negative
    result for another allele of the same gene would otherwise read as covering the medicine (stop 37)."""
    if report is None or not drugs:
        return []
    tested = _tested_alleles(report)
    genes = {a.split("*")[0] for a in tested}
    return [a for d in drugs for a in alleles_for_drug(d) if a not in tested and a.split("*")[0] in genes]


def other_allele(gf: GeneFact, drugs: Sequence[str]) -> bool:
    """The fact is an HLA result for an allele other than the ones the asked medicines' guidelines are about: its
    plain meaning ("you do not carry this gene type. It is linked to a serious allergy", about abacavir) does not apply."""
    if not drugs or not gf.gene.startswith("HLA-"):
        return False
    wanted = {a for d in drugs for a in alleles_for_drug(d)}
    mine = stated_alleles(gf.gene, gf.fact.diplotype, gf.fact.phenotype)[0]
    return bool(wanted) and bool(mine) and not mine & wanted


def carried_alleles(facts: Sequence[GeneFact]) -> set[str]:
    """The alleles a positive result says the patient carries, as passages write them ("hla-b*15:02"): KB sentences
    on what carrying one means are theirs, even beside a negative result (stop 37: a carbamazepine question with
    HLA-B*15:02 positive lost the skin-reaction risk to the "negative" HLA-A*31:01 result beside it)."""
    carried: set[str] = set()
    for f in facts:
        alleles, positive = stated_alleles(f.gene, f.fact.diplotype, f.fact.phenotype)
        if positive:
            carried |= {a.lower() for a in alleles}
    return carried


_HLA_ALLELE = re.compile(r"\*\d+:\d+")


_COPY_NUMBER_DIPLOTYPE = re.compile(r"x(?:\d+|n)\b", re.IGNORECASE)
_TWO_COPIES_EACH = re.compile(r"\btwo copies of (?:each|every|most|all)\b|\bthe two copies\b", re.IGNORECASE)


def facts_for(u: Understanding, report: Report | None) -> list[GeneFact]:
    """The report facts this question is about (named genes, genes of named medicines, or 'my results':
    then the important and unclear results, most important first; typical ones get one line, see compose)."""
    if report is None:
        return []
    genes = u.in_report(report)
    if not genes and is_whole_report(u, report):
        genes = summary_genes(report)[0]
    elif not genes and not u.genes and u.about_result and not u.about_service and len(report.genes) == 1:
        genes = list(report.genes)  # "what should I ask my pharmacist about my result": the report's only one
    return fact_sentences(report, list(dict.fromkeys(genes)))


# Pages that explain hereditary results in general (a negative result, a VUS, how variants are classed): their "negative"
# is about a family's harmful variant, so an HLA-B*57:01 negative was told about "a true negative" (stop 46, tenth pass
# N24). They explain a pharmacogenomic result only when the question is about inheritance or those terms.
HEREDITARY_EXPLAINERS = {"negative-hereditary-result", "vus-explained", "variant-classification"}
_HEREDITARY_ASKED = re.compile(r"\b(?:hereditary|inherit\w*|famil\w*|relatives?|vus|uncertain significance|pathogenic|"
                               r"benign|classif\w*|true negative|cancer)\b", re.IGNORECASE)


def _hereditary_only(facts: Sequence[GeneFact], report: Report | None) -> list[str]:
    """The genes of these facts when none of them is a pharmacogenomic result (else nothing)."""
    pgx = {r.gene.upper() for r in report.pharmacogenomics} if report is not None else set()
    genes = list(dict.fromkeys(f.gene for f in facts))
    return [] if not genes or pgx & set(genes) else genes


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
        if report is None and not u.about_genechat:  # ("do you sell my data" is not about a report)
            draft.add(wording.NO_REPORT_NOTE, "fixed:no_report", 0)
        worry = report is not None and u.worry and not u.drugs
        if u.report_text_quoted and report is not None:  # "the footnote says 'tell the patient ...', is that so?"
            draft.add(wording.REPORT_TEXT_IS_DATA, "fixed:report_text_is_data", 0)
        if u.feeling_only and report is not None:  # "I'm scared": the worry is met before the facts (stop 46)
            draft.add(wording.FEELING_HEARD, "fixed:feeling", 0)
        whole = is_whole_report(u, report)
        for i, gf in enumerate(facts):
            for s in gf.sentences:
                draft.add(s, f"report:{gf.gene}" if s != wording.FIELD_WITHHELD else "fixed:field_withheld", 0)
            for s in version_notes(gf, question):  # ("so i have 3 copies?", "what's my diplotype" on a phenotype only)
                draft.add(s, f"report:{gf.gene}", 0)
            # right after each result: how much it matters (card data) for "is it bad?", else its plain meaning
            # (a whole report: every important result gets its meaning and its most important medicine)
            more = (how_much_it_matters(report, gf.gene) if worry and i < 4 else
                    plain_meaning(report, gf.gene, medicines_asked=bool(u.drugs), every_use=u.medicines_affected)
                    if report is not None and not worry and (i < 3 or whole) and not other_allele(gf, u.drugs) else [])
            for sentence in more:
                if sentence.rstrip(".") not in draft.text:  # (the report's own words may have said it: "no clear result")
                    draft.add(sentence, f"fixed:level:{gf.gene}", 0)
        if whole and not u.in_report(report):
            typical = typical_result_sentences(report, summary_genes(report)[1])
            if typical:  # no result is skipped: the typical ones are named briefly
                draft.add(wording.OTHER_RESULTS_TYPICAL, "fixed:other_results_typical", 0)
                for sentence in typical:
                    draft.add(sentence, f"report:{sentence.split(':', 1)[0]}", 0)
        hereditary = _hereditary_only(facts, report) if u.medicines_affected else []
        if hereditary:  # "what medicines does my CFTR result affect": none, it is no medicine result
            said = (wording.NO_MEDICINE_EFFECT.format(genes=hereditary[0]) if len(hereditary) == 1 else
                    wording.NO_MEDICINE_EFFECT_MANY.format(genes=f"{', '.join(hereditary[:-1])} and {hereditary[-1]}"))
            draft.add(said, "fixed:no_medicine_effect", 0)
        missing = u.not_in_report(report) if report is not None else []
        if report is not None and not missing and u.genes and not u.in_report(report):
            # a medicine whose genes this report does not cover: one sentence naming them all (stop 38: "my cholesterol
            # pill" named two of the three statin genes, and not SLCO1B1, the main one)
            missing = [_one_of(u.genes[:3])]
        for allele in u.missing_alleles[:3]:
            if "/" in allele:  # a diplotype the report does not list: the report's own result is above it
                draft.add(wording.ALLELE_NOT_IN_REPORT.format(allele=allele), f"fixed:not_in_report:{allele}", 0)
        for gene in ([a for a in u.missing_alleles if "/" not in a] + missing + untested_alleles(report, u.drugs))[:3]:
            draft.add(wording.NOT_IN_REPORT.format(gene=gene), f"fixed:not_in_report:{gene}", 0)

        details = detail_sentences(question, report) if not (u.genes or u.drugs) else []
        for sentence in details:  # "which lab ran this": the report's own answer, and no passage that shares "lab"
            draft.add(sentence, "report:details", 0)
        if not (reason == "no_report" and u.about_upload and not (u.genes or u.drugs)) and not details:
            kb = passages
            if report is not None and u.worry and not u.drugs and facts:
                # "is my result bad?": the card lines name the medicines; a passage about one medicine is filler
                kb = [p for p in passages if not p.doc_id.startswith("drug-")]
            # "what does my result mean": a medicine's document, if any, is the one for the result's most important use
            lead = lead_medicines(report, facts[0].gene) if report is not None and facts and not u.drugs else set()
            self._add_kb(draft, question, u, facts, kb, simple=simple, lead=lead,  # (upload how-to needs no KB text)
                         report=report)
            if report is not None and not facts and u.personal:
                # the vetted text turned out to be about a gene the report has: its result leads the reply
                used = set(draft.used_chunk_ids())
                topic = [g for p in passages if p.chunk_id in used for g in p.genes if report.result_for(g)]
                for gf in fact_sentences(report, list(dict.fromkeys(topic))[:2]):
                    draft.facts.append(gf.fact)
                    for sentence in gf.sentences + version_notes(gf, question):
                        draft.add(sentence, f"report:{gf.gene}", 0)

        if any(_COPY_NUMBER_DIPLOTYPE.search(f.diplotype or "") for f in draft.facts):
            # "you have two copies of each of these genes" is not so for a gene the report lists with an extra copy
            draft.sentences = [s for s in draft.sentences if not _TWO_COPIES_EACH.search(s.text)]
        genes = list(dict.fromkeys(u.genes + [f.gene for f in facts]))
        for gene in genes:
            # (only a gene the report has: "my statin" on a report without CYP2C9 got the CYP2C9 line, stop 39)
            if gene in PHENOCONVERSION_GENES and gene not in missing and (report is None or report.result_for(gene)):
                draft.add(wording.PHENOCONVERSION.format(gene=gene), f"fixed:phenoconversion:{gene}", 2)
                break
        hereditary = any(f.fact.hgvs or f.fact.classification for f in facts) or any(
            w in question.lower() for w in HEREDITARY_HINT
        )
        if u.drugs or any(f.fact.diplotype or f.fact.phenotype for f in facts):
            draft.add(wording.NEXT_STEP_PGX, "fixed:next_step_pgx", 2)
        if hereditary:
            draft.add(wording.NEXT_STEP_HEREDITARY, "fixed:next_step_hereditary", 2)
        if missing or u.missing_alleles or reason == "result_not_in_report" or not draft.used_chunk_ids() and not facts \
                and not details:
            # (with no report too, unless the upload was asked: "what does 'dead space' mean" got the no-report note
            # alone once its filler passages were gone; stop 52)
            if not draft.used_chunk_ids() and not facts and not details \
                    and (report is not None or not (reason == "no_report" and u.about_upload)):
                draft.add(wording.NOTHING_FOUND, "fixed:nothing_found", 1)
            draft.add(wording.COUNSELOR_OFFER, "fixed:counselor_offer", 2)
        return draft

    def compose_context(
        self, question: str, u: Understanding, report: Report | None, passages: Sequence[Passage]
    ) -> Draft:
        """Short background for an escalation: the patient's facts and one vetted passage, no next steps."""
        draft = Draft(passages=list(passages))
        facts = facts_for(u, report) if u.genes or u.whole_report else []  # (the important results first)
        draft.facts = [f.fact for f in facts]
        for gf in facts[:2]:
            for s in gf.sentences:
                draft.add(s, f"report:{gf.gene}" if s != wording.FIELD_WITHHELD else "fixed:field_withheld", 1)
            if report is not None and (carried_alleles([gf]) or u.drugs and flagged(report, gf.gene)):
                # what the result means, from its card ("You carry this gene type. It is linked to serious skin reactions"):
                # the one fact a medicine question with a flagged result must not miss (stop 37: a carbamazepine
                # question with HLA-B*15:02 positive, a primaquine one with G6PD deficient, got brand names only)
                for sentence in plain_meaning(report, gf.gene, medicines_asked=True)[:1]:
                    draft.add(sentence, f"fixed:level:{gf.gene}", 1)
        missing = u.not_in_report(report) if report is not None and not facts else []
        if missing:  # "do i have lynch syndrome too?" on a BRCA2 report: that the report has no such result, first
            draft.add(wording.NOT_IN_REPORT.format(gene=_one_of(missing)), "fixed:not_in_report:" + missing[0], 1)
        for allele in untested_alleles(report, u.drugs)[:2]:  # "what about allopurinol" with only *57:01 tested
            draft.add(wording.NOT_IN_REPORT.format(gene=allele), f"fixed:not_in_report:{allele}", 1)
        if u.genes or u.drugs:
            self._add_kb(draft, question, u, facts, passages, simple=True, max_passages=1, block=1, report=report)
        return draft

    def compose_worry_context(self, u: Understanding, report: Report | None, reassuring: Passage | None) -> Draft:
        """Background for a worried question that goes to a counselor: the patient's results, how much each
        matters, and the vetted sentences on what such a result does not mean (bot/answering/worry.py)."""
        draft = Draft(passages=[reassuring] if reassuring else [])
        facts = facts_for(u, report)[:2]
        draft.facts = [f.fact for f in facts]
        for gf in facts:
            for s in gf.sentences:
                draft.add(s, f"report:{gf.gene}" if s != wording.FIELD_WITHHELD else "fixed:field_withheld", 1)
            for sentence in how_much_it_matters(report, gf.gene) if report is not None else []:
                draft.add(sentence, f"fixed:level:{gf.gene}", 1)
        if reassuring is not None:
            for s in reassuring_sentences(reassuring.text):
                draft.add(s, f"kb:{reassuring.chunk_id}", 2)
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
        lead: set[str] | None = None,
        report: Report | None = None,
    ) -> None:
        have = set(report.genes) if report is not None else None
        fact_words = " ".join((f.fact.phenotype or "") + " " + (f.fact.classification or "") for f in facts)
        keys = keywords(question, fact_words)
        # the patient's own genes twice over: in a medicine's document, those sentences tie it to their result
        strong = {g.lower() for g in u.genes} | {d.lower() for d in u.drugs} | keywords(fact_words)
        # the term a "what does X mean" question asks about: the sentence that defines it belongs in the reply (stop 50,
        # fifteenth pass C3: "what does homozygous mean" had the three sentences up to "Heterozygous means ...")
        strong |= {w for w in keywords(question) for g in concept_topics(question, asked_words(u)) if w[:6] in g}

        scope = ResultScope.build(facts, question, have)
        limit_p = max_passages or (2 if simple else 3)
        per = 2 if simple else 3
        question_keys = keywords(question)
        concepts = concept_topics(question, asked_words(u))
        # a section for another situation (home tests, tumor tests) confuses more than it helps
        # genes a medicine links to but the report lacks are not the patient's: their passages would read as if
        focus = (set(u.named_genes) | {f.gene for f in facts}) or set(u.genes)
        uncertain = uncertain_only_genes(report) if report is not None else set()
        pgx_only = bool(facts) and report is not None and not {f.gene for f in facts} & {v.gene.upper() for v in report.variants}
        passages = [p for p in passages if not situational_mismatch(p, question)
                    and not (pgx_only and p.doc_id in HEREDITARY_EXPLAINERS and not _HEREDITARY_ASKED.search(question))
                    and not (uncertain and set(p.genes) & uncertain and HARMFUL_VARIANT_SECTION.search(p.section))
                    and not (focus and p.genes and not focus & set(p.genes)  # a document about other genes ...
                             and explains_result(p, scope.allowed(p)) != EXPLAINS_SECTION)]  # (unless it explains the type)
        asked_documents = set(u.topic_documents)  # "can my insurer raise my rates because of my BRCA result"
        by_topic = [p for p in passages if p.doc_id in asked_documents]
        if by_topic:
            passages = by_topic  # the asked topic's document answers; the named gene's explainers would only pad
        elif not (u.genes or u.drugs):
            limit_p = min(limit_p, 2)
            if u.whole_report and facts:  # "my results": passages about those results or their type, nothing else
                mine = {f.gene for f in facts}
                passages = [p for p in passages if mine & set(p.genes)
                            or explains_result(p, scope.allowed(p)) == EXPLAINS_SECTION]
            elif question_keys:  # nothing named: a passage must share a word with the question or the patient's result
                related = question_keys | keywords(fact_words) | {f.gene.lower() for f in facts}
                asked, mine = topic_keys(question), {f.gene for f in facts}
                # (or that speaks of it in the KB's words: "does it skip generations", stop 51)
                passages = [p for p in passages if relevant(p, related) or asked and about_asked(p, asked)]
                if asked:  # ... and speak of what was asked, word for word (stop 50: "can i drink alcohol with these
                    # genes" had the HLA-B overview; with nothing vetted on it, the reply says so and offers a counselor)
                    passages = [p for p in passages if about_asked(p, asked) or mine & set(p.genes)]
                if report is not None:  # ... and not be about a gene neither asked nor on the report (stop 44: "what
                    held = set(report.genes)  # does rapid metabolizer mean" was told about NAT2 acetylators)
                    # (a page named for the asked term is about the term, whatever genes it gives as examples; stop 51,
                    # fifteenth pass C4: "what's a star allele" on a warfarin report was told nothing vetted answers)
                    passages = [p for p in passages if not p.genes or held & set(p.genes)
                                or explains_result(p, scope.allowed(p)) == EXPLAINS_SECTION
                                or names_topic(p, concepts, title_only=True)]
                # a term of several words is asked as a whole: "respiratory depression" is not "depression", and
                # "stevens-johnson syndrome" not Lynch "syndrome" (stop 51, fifteenth pass C3)
                term = asked_term(question, asked_words(u))
                if term:
                    passages = [p for p in passages if topic_hits(p, term) == len(term)]
                # "what is an activity score": the section named for it answers; others that mention it only pad
                named = [p for p in passages if names_topic(p, concepts, title_only=True)] if not facts else []
                named = named or ([p for p in passages if names_topic(p, concepts)] if not facts else [])
                passages = named or passages
        else:
            asked = set(u.genes) | set(u.drugs)
            on_topic = [p for p in passages
                        if asked & (set(p.genes) | set(p.drugs)) or explains_result(p, scope.allowed(p)) == EXPLAINS_SECTION
                        or names_topic(p, concepts)]  # "what does heterozygous mean": the term's own section
            # passages about something else only pad the reply: keep one at most when nothing covers the topic
            passages = on_topic or [p for p in passages[:1] if relevant(p, question_keys | asked_words(u))]
        covered: set[str] = set()
        docs: set[str] = set()
        used = 0
        hints = keywords(fact_words) | set(u.phenotype_words)
        if report is not None and not facts and not (u.genes or u.drugs):
            # nothing named: of two sections on the topic, the one that names the patient's genes ("does it skip
            # generations" on a BRCA2 report: dominant inheritance, whose examples are BRCA1 and BRCA2; stop 51)
            hints |= {g.lower() for g in report.genes}
        topics = topic_words(question, asked_words(u))
        carried = carried_alleles(facts)
        women_too = not asks_about_men(question)

        def reject(sentence: str) -> bool:
            return (_guard_drops(sentence) or not women_too and women_only(sentence)
                    or have is not None and claims_absent_result(sentence, have))
        ranked = rank_passages(passages, u.genes, u.drugs, hints, explains=lambda p: explains_result(p, scope.allowed(p)),
                               overview_first=is_definition(question) or bool(by_topic), topics=topics, type_asked=bool(scope.asked),
                               lead_drugs=lead, own_result=bool(facts), carried=carried)
        if by_topic and u.about_genechat:  # "do you sell my data": the section on GeneChat's own use leads
            ranked = sorted(ranked, key=lambda p: "genechat" not in f"{p.section} {p.text[:80]}".lower())
        if not concepts and is_definition(question):
            # a one-word "what is X" whose X is also a result word ("what is a carrier", "what is a vus"): the overview of
            # the page named for it defines it (stop 51, fifteenth pass C4: "Most people are carriers of something" led)
            single = topic_keys(question) - asked_words(u)
            concepts = [{w[:6]} for w in single] if len(single) == 1 else []
        if concepts:  # "what does heterozygous mean": the section named for the term answers first
            # (stop 49, fourteenth pass C3: "what is a diplotype" had the overview of "Star alleles and diplotypes",
            # whose title names the term, and not its section "What a diplotype like *1/*2 means"; never a section of a
            # gene the report has no result for: it tells one result of that gene, which is not the patient's)
            untested = set(u.not_in_report(report)) if report is not None else set()
            # (stop 50, fifteenth pass C4: "what is a genetic counselor" had the section "What a genetic counselor will
            # not do"; a short "what is X" is answered by the overview of the page whose title names X)
            overview = is_definition(question)
            # (stop 52: a section headed as the term's definition, "What a diplotype like *1/*2 means", still leads the
            # overview of a page whose title names it beside another term, "Star alleles and diplotypes")
            ranked = sorted(ranked, key=lambda p: (
                not (names_topic(p, concepts, section_only=True) and bool(_DEFINES.search(p.section))
                     and not _first_title_term_names(p, concepts)),
                not (overview and is_overview(p) and names_topic(p, concepts, title_only=True)),
                not (names_topic(p, concepts, section_only=True) and not untested & set(p.genes)),
                not names_topic(p, concepts)))
        for p in ranked:
            if used >= limit_p:
                break
            allowed = scope.allowed(p)
            adds = {g for g in p.genes if g in u.genes} | {d for d in p.drugs if d in u.drugs}
            topical = bool(adds) or bool(topic_hits(p, topics))
            if explains_result(p, allowed) >= 2:
                adds.add("#result-type")  # explaining the patient's own type counts as covering something asked
            if drug_document(p):  # the section naming the asked medicine says something of it alone ("Esomeprazole
                # (Nexium) ... depend less on CYP2C19") beside the one on the patient's type (stop 48)
                adds |= {f"#named:{d}" for d in names_medicines(p, u.drugs)}
            if used >= 1 and not topical and (u.drugs or "#result-type" not in adds - covered):
                continue  # a general explainer only when nothing so far explained the type (and no medicine was asked)
            if used >= 2 and not (adds - covered):
                continue  # a third passage must cover something new that was asked about
            if p.doc_id in docs and not (adds - covered) and used >= 1 and not (by_topic and topical):
                continue  # (an asked topic's document may give a second section on that topic: "GINA and health insurance")
            if lead and drug_document(p) and not lead & {d.lower() for d in p.drugs} and not topic_hits(p, topics):
                continue  # "what does my result mean": of the medicines nobody asked about, only the most important
            if drug_document(p) and not set(p.drugs) & set(u.drugs) and (is_advice(p) or not topic_hits(p, topics)):
                if u.drugs or is_advice(p) or (used >= 1 and "#result-type" not in adds):
                    continue  # a medicine nobody asked about (first pick only when it explains the patient's type)
            picked = pick_sentences(p, keys=keys, strong=strong, limit=per, simple=simple, allowed=allowed,
                                    focus_genes=focus, bonus={f.gene.lower() for f in facts},
                                    reject=reject, carried=carried, asked_drugs={d.lower() for d in u.drugs})
            if not picked:
                continue  # every sentence was about another result type
            said = [x.text for x in draft.sentences if x.kind == "kb"]
            picked = [s for s in picked if not any(s in told for told in u.told_before)]  # "tell me more"
            picked = [s for s in picked if not near_duplicate(s, said)]
            if not picked:
                continue
            for s in picked:
                draft.add(s, f"kb:{p.chunk_id}", block)
            covered |= adds
            docs.add(p.doc_id)
            used += 1


def _guard_drops(sentence: str) -> bool:
    """The output guard would drop this KB sentence (a dose, or advice to change a medicine)."""
    return has_dose(sentence) or has_med_change_advice(sentence)


# "i'm a guy, does brca2 matter for men?": the KB's sentences about women's risks answer a question nobody asked, and
# pushed out the one about men (stop 37)
_MEN = re.compile(r"\b(?:men|man|male|males|guy|guys|husband|boyfriend|son|sons|father|dad|brother|boys?|prostate)\b",
                  re.IGNORECASE)
_WOMEN = re.compile(r"\b(?:women|woman|female|females|wife|girlfriend|daughters?|mother|mom|mum|sister|girls?|ovar\w*)\b",
                    re.IGNORECASE)
_WOMEN_ONLY = re.compile(r"^\s*(?:in |for )?women\b", re.IGNORECASE)


def asks_about_men(question: str) -> bool:
    """The question is about men (and not about women too)."""
    return bool(_MEN.search(question)) and not _WOMEN.search(question)


def women_only(sentence: str) -> bool:
    """A KB sentence about women only ("Women with a harmful BRCA1 or BRCA2 variant ...")."""
    return bool(_WOMEN_ONLY.match(sentence))


# "Your CYP2C9, VKORC1 and CYP4F2 results help explain why": said to a patient whose report has no CYP4F2 result, a KB
# sentence tells them they have one (stop 37)
_YOUR_RESULTS = re.compile(r"\b[Yy]our\s+((?:[A-Z][A-Z0-9-]{2,}(?:\*[\w:]+)?(?:,\s*|\s+(?:and|or)\s+)?)+)\s+(?:results?|genes?|"
                           r"types?|genotypes?)\b")
_GENE_TOKEN = re.compile(r"[A-Z][A-Z0-9-]{2,}")


def claims_absent_result(sentence: str, have: set[str]) -> bool:
    """The sentence speaks of the patient's own result for a gene their report does not have.

    >>> claims_absent_result("Your CYP2C9, VKORC1 and CYP4F2 results help explain why.", {"CYP2C9", "VKORC1"})
    True
    >>> claims_absent_result("Your CYP2C9 and VKORC1 results help explain why.", {"CYP2C9", "VKORC1"})
    False
    >>> claims_absent_result("Tell your surgeon about your RYR1 or CACNA1S result.", {"RYR1"})  # (one of them)
    False
    """
    for m in _YOUR_RESULTS.finditer(sentence):
        genes = [g.upper() for g in _GENE_TOKEN.findall(m.group(1))]
        either = re.search(r"\bor\b", m.group(1)) is not None
        if genes and (not any(g in have for g in genes) if either else any(g not in have for g in genes)):
            return True
    return False


_DEFINITION = re.compile(r"^\s*(?:what(?:'s|\s+is|\s+are)|whats|wth is|wtf is|tell me about|explain|define)\b", re.IGNORECASE)


# A heading that defines its term: "What a diplotype like *1/*2 means", "What is an activity score?"
_DEFINES = re.compile(r"\bmeans?\b|^\s*what (?:is|are)\b", re.IGNORECASE)


def _first_title_term_names(p: Passage, concepts: list[set[str]]) -> bool:
    """The page is named for the term first ("What is an activity score?"), not as the second of two ("Star alleles
    and diplotypes"): then its own overview defines it."""
    first = re.split(r"\s+and\s+|:|,", p.title, maxsplit=1)[0].lower()
    return any(t in first for group in concepts for t in group if len(t) >= 4)


def is_definition(question: str) -> bool:
    """A short "what is X" question: the document's overview answers it best."""
    return bool(_DEFINITION.match(question)) and len(question.split()) <= 5 and not _MY.search(question)


_MY = re.compile(r"\b(?:my|mine|i|me)\b", re.IGNORECASE)


def asked_words(u: Understanding) -> set[str]:
    return {g.lower() for g in u.genes} | {d.lower() for d in u.drugs}


_NEGATED = re.compile(r"\b(?:not|isn'?t|aren'?t|ab)\s*normal\b", re.IGNORECASE)


# Sections about living with a harmful variant: its cancer risks, checks and surgery, treatment, testing the family. A
# variant of uncertain significance is not used for such choices (vus-explained.md), so on a report whose only variants
# in those genes are VUS they are left out (stop 39: "my mom had breast cancer at 45" on a BRCA1 VUS report got "Some
# people choose surgery to lower risk").
HARMFUL_VARIANT_SECTION = re.compile(r"\b(?:risks?|manag\w*|screening|prevention|treatment|families|family)\b",
                                     re.IGNORECASE)


def uncertain_only_genes(report: Report) -> set[str]:
    """Genes whose every hereditary variant on the report is of uncertain significance."""
    by_gene: dict[str, list[str]] = {}
    for v in report.variants:
        by_gene.setdefault(v.gene.upper(), []).append((v.classification or "").lower())
    return {g for g, classes in by_gene.items() if classes and all("uncertain" in c or c == "vus" for c in classes)}


# The result types allowed in a passage about genes the report does not have: none ("CYP2C9 normal types can use NSAIDs
# in the usual way" read as the patient's own answer right after "Your report does not include a result for CYP2C9":
# stop 39, a new-user pass). A sentence that names no result type is kept.
NO_RESULT_TYPE = frozenset({"#no-result-type"})


class ResultScope:
    """The patient's result types per gene, plus any type the question names, for keeping KB text on them."""

    def __init__(self, by_gene: dict[str, set[str]], asked: set[str], have: set[str] | None = None):
        self.by_gene, self.asked, self.have = by_gene, asked, have

    @classmethod
    def build(cls, facts: Sequence[GeneFact], question: str, have: set[str] | None = None) -> ResultScope:
        """``have``: the report's genes (None with no report)."""
        by_gene: dict[str, set[str]] = {}
        for f in facts:
            if f.classes:
                by_gene.setdefault(f.gene, set()).update(f.classes)
        # "which results are not normal" asks about every other type, not about normal ones
        return cls(by_gene, result_classes(_NEGATED.sub(" ", question)), have)

    def allowed(self, passage: Passage) -> set[str] | None:
        allowed = allowed_for(self.by_gene, self.asked, passage.genes)
        if allowed is None and self.have is not None and passage.genes and not set(passage.genes) & self.have:
            return set(NO_RESULT_TYPE)  # no type of these genes is the patient's
        return allowed
