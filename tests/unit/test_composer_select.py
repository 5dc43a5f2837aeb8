"""Sentence and passage choice: KB text stays on the patient's own result type, genes and question."""

from __future__ import annotations

from bot.answering.classes import blocked_mask, result_classes, sentence_classes
from bot.answering.facts import fact_sentences
from bot.answering.local import LocalComposer
from bot.answering.select import near_duplicate, pick_sentences, situational_mismatch
from bot.answering.understand import Vocabulary, understand
from bot.core.passage import Passage
from bot.core.report import PgxResult, Report, Variant
from tests.support.engine import make_test_engine

VOCAB = Vocabulary.builtin()
IM = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2D6", diplotype="*1/*4", phenotype="Intermediate Metabolizer", phenotype_source="stated",
              activity_score=1.0)])
BRCA2 = Report(source_format="native", variants=[
    Variant(gene="BRCA2", hgvs="c.5946delT", zygosity="heterozygous", classification="Pathogenic",
            condition="Hereditary breast and ovarian cancer")])
VUS = Report(source_format="native", variants=[
    Variant(gene="BRCA1", hgvs="c.4956G>A", zygosity="heterozygous", classification="Uncertain significance")])
CF = Report(source_format="native", variants=[
    Variant(gene="CFTR", hgvs="c.1521_1523delCTT", zygosity="heterozygous", classification="Pathogenic")])


def _p(chunk_id: str, section: str, text: str, genes=(), drugs=(), title: str | None = None) -> Passage:
    doc = chunk_id.split("#")[0]
    return Passage(chunk_id=chunk_id, doc_id=doc, title=title or doc, section=section, text=text, genes=list(genes),
                   drugs=list(drugs), source_urls=["https://example.org"])


CODEINE_POOR = _p("drug-codeine#3", "Codeine in CYP2D6 poor metabolizers",
                  "A CYP2D6 poor metabolizer makes very little of the strong form. So codeine may give little or no "
                  "pain relief. The guideline suggests a different pain medicine for poor metabolizers.",
                  genes=["CYP2D6"], drugs=["codeine"], title="Codeine and the CYP2D6 gene")
CODEINE_OVERVIEW = _p("drug-codeine#0", "Overview",
                      "Codeine is a pain medicine. It needs the CYP2D6 enzyme to turn into a stronger form. So your "
                      "CYP2D6 result can change how it works for you.",
                      genes=["CYP2D6"], drugs=["codeine"], title="Codeine and the CYP2D6 gene")
TERMS_IM = _p("metabolizer-terms#3", "Intermediate metabolizer",
              "An intermediate metabolizer has less enzyme activity than usual. Often one copy of the gene works and "
              "one does not.", genes=["CYP2D6", "CYP2C19"])
HOME_TEST = _p("direct-to-consumer-tests#2", "Limits of home gene test health results",
               "A home test may look at only a few BRCA1 and BRCA2 variants out of thousands. A negative result does "
               "not mean you have no inherited risk.", genes=["BRCA1", "BRCA2"],
               title="Direct-to-consumer and ancestry gene tests")
HBOC = _p("condition-hboc-brca#1", "What BRCA1 and BRCA2 do",
          "Everyone has BRCA1 and BRCA2 genes. Their job is to fix DNA damage in cells. When one copy has a harmful "
          "variant, cells are less able to fix damage.", genes=["BRCA1", "BRCA2"])
CLASSES = _p("variant-classification#2", "Pathogenic and likely pathogenic variants",
             "A pathogenic or likely pathogenic variant raises the chance of a certain health problem. It does not "
             "mean you have the disease or will surely get it.")


def _compose(question: str, report: Report | None, passages: list[Passage]):
    u = understand(question, vocab=VOCAB, report=report)
    return LocalComposer().compose(question, u, report, passages, reason="explained_result")


def test_report_values_map_to_result_types():
    assert result_classes("Intermediate Metabolizer") == {"intermediate"}
    assert "pathogenic" in result_classes("Likely pathogenic")
    assert result_classes("*57:01 negative") == {"negative"}
    assert result_classes("Decreased Function") == {"decreased"}


def test_level_words_count_only_beside_metabolizer_type_or_function():
    assert sentence_classes("It is normal to feel unsure.") == set()
    assert sentence_classes("A score of 0 means poor metabolizer.") == {"poor"}
    assert sentence_classes("With SLCO1B1 decreased or poor function, more statin stays.") == {"decreased", "poor"}


def test_intermediate_metabolizer_gets_no_poor_metabolizer_sentences():
    picked = pick_sentences(CODEINE_POOR, keys={"codeine"}, strong={"codeine"}, limit=3, allowed={"intermediate"})
    assert picked == []


def test_sentence_without_a_type_goes_with_the_type_named_before_it():
    mask = blocked_mask(["A poor metabolizer makes little.", "So it may not work.", "An intermediate type makes less."],
                        {"intermediate"})
    assert mask == [True, True, False]


def test_sentence_pointing_back_to_a_left_out_one_is_not_used_alone():
    p = _p("drug-tamoxifen#2", "Tamoxifen in CYP2D6 poor and intermediate metabolizers",
           "CYP2D6 poor metabolizers make much less endoxifen. For poor types, doctors think about another medicine. "
           "For intermediate types, it suggests the same thought.", genes=["CYP2D6"])
    picked = pick_sentences(p, keys=set(), strong=set(), limit=3, allowed={"intermediate"})
    assert not any("the same thought" in s for s in picked)


def test_section_about_the_patients_own_type_is_kept_whole():
    picked = pick_sentences(TERMS_IM, keys=set(), strong=set(), limit=3, allowed={"intermediate"})
    assert picked == ["An intermediate metabolizer has less enzyme activity than usual.",
                      "Often one copy of the gene works and one does not."]


def test_vus_patient_gets_no_raised_risk_sentences():
    p = _p("condition-hboc-brca#2", "Cancer risks with a BRCA1 or BRCA2 variant",
           "Women with a harmful BRCA1 or BRCA2 variant have a much higher chance of breast cancer. They also have a "
           "higher chance of cancer of the ovary.", genes=["BRCA1", "BRCA2"])
    assert pick_sentences(p, keys=set(), strong=set(), limit=3, allowed={"uncertain"}) == []
    assert pick_sentences(p, keys=set(), strong=set(), limit=3, allowed={"pathogenic", "positive"})


def test_sentences_about_other_genes_of_a_many_gene_passage_are_left_out():
    p = _p("condition-other#2", "TP53 and Li-Fraumeni syndrome",
           "A harmful TP53 variant causes Li-Fraumeni syndrome. People with it have a high chance of several cancers. "
           "ATM can also raise the risk of cancer of the pancreas.", genes=["TP53", "ATM", "MLH1"])
    picked = pick_sentences(p, keys=set(), strong=set(), limit=3, focus_genes={"MLH1"})
    assert picked == []


def test_home_test_section_needs_a_home_test_question():
    assert situational_mismatch(HOME_TEST, "what is my BRCA2 result")
    assert not situational_mismatch(HOME_TEST, "my 23andme raw data says BRCA2, is that right")


def test_near_duplicate_sentences_are_recognised():
    assert near_duplicate("A score above the normal range means ultrarapid metabolizer.",
                          ["A score above the normal range means ultrarapid type."])
    assert not near_duplicate("Codeine is a pain medicine.", ["A score above the normal range means ultrarapid type."])


def test_codeine_answer_for_an_intermediate_metabolizer_explains_intermediate_not_poor():
    draft = _compose("what does my CYP2D6 result mean for codeine", IM, [CODEINE_POOR, CODEINE_OVERVIEW, TERMS_IM])
    text = draft.text
    assert "intermediate metabolizer has less enzyme activity" in text
    assert "poor metabolizer" not in text.lower()
    assert "CYP2D6 result can change how it works" in text


def test_pathogenic_brca2_answer_skips_the_home_test_section_and_explains_a_harmful_variant():
    draft = _compose("what is my BRCA2 result", BRCA2, [HOME_TEST, HBOC, CLASSES])
    assert "home test" not in draft.text.lower() and "negative result" not in draft.text
    assert "harmful variant" in draft.text


def test_pathogenic_result_is_explained_by_a_general_section_when_the_gene_text_does_not():
    draft = _compose("what is my BRCA2 result", BRCA2, [HOME_TEST, CLASSES])
    assert "pathogenic or likely pathogenic variant raises the chance" in draft.text


def test_heterozygous_pathogenic_variant_in_a_recessive_gene_reads_as_carrier():
    (fact,) = fact_sentences(CF, ["CFTR"])
    assert fact.classes == {"carrier"}
    (brca,) = fact_sentences(BRCA2, ["BRCA2"])
    assert "pathogenic" in brca.classes


def test_vus_answer_gets_no_harmful_variant_risk_text():
    risk = _p("condition-hboc-brca#2", "Cancer risks with a BRCA1 or BRCA2 variant",
              "Women with a harmful BRCA1 or BRCA2 variant have a much higher chance of breast cancer.",
              genes=["BRCA1", "BRCA2"])
    draft = _compose("what is my BRCA1 result", VUS, [risk, HBOC])
    assert "much higher chance" not in draft.text and "Everyone has BRCA1 and BRCA2 genes." in draft.text


def test_simple_fallback_never_adds_a_passage_unrelated_to_the_question(tmp_path):
    hard = _p("metabolizer-terms#2", "Poor metabolizer",
              "A poor metabolizer demonstrates substantially diminished enzymatic biotransformation capability. "
              "Consequently, pharmacokinetic accumulation necessitates individualized therapeutic considerations.")
    gina = _p("gina-and-insurance#1", "What GINA covers",
              "GINA is a law. It stops health insurers from using your genes to set prices.")
    engine = make_test_engine(tmp_path, passages=[hard, gina])
    reply = engine.reply("what does poor metabolizer mean")
    # the only related text reads above grade 8 even cut down, so a counselor answers; had the simpler
    # composition reached for the plain but unrelated GINA passage, that would have been sent instead
    assert (reply.action, reply.reason) == ("escalate", "reading_level")
    assert "GINA" not in reply.text and all(c.doc_id != "gina-and-insurance" for c in reply.citations)


def test_engine_adds_a_passage_that_explains_the_patients_own_type(tmp_path):
    engine = make_test_engine(tmp_path, passages=[CODEINE_POOR, CODEINE_OVERVIEW, TERMS_IM, HOME_TEST, HBOC])
    reply = engine.reply("what does my CYP2D6 result mean for codeine", report=IM)
    assert "intermediate metabolizer has less enzyme activity" in reply.text
    assert any(c.doc_id == "metabolizer-terms" for c in reply.citations)
    assert "poor metabolizer" not in reply.text.lower()
