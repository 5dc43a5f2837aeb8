"""A result stated only as a phenotype ("HLA-B*15:02 positive", "G6PD Deficient") is a real result everywhere.

Every format that can carry such a row is read, and every consumer of a result (facts, cards, summary line,
the engine, the API, the counselor's view, the eval checks) states it; "no result" only when the report says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from bot.answering.facts import fact_sentences
from bot.config import Settings
from bot.core.report import PgxResult, Report
from bot.evals.textchecks import find_invented_genotypes
from bot.pgx.cards import pgx_card
from bot.reports.parse import parse_report
from bot.reports.summary import summarize_result
from bot.safety.guard import invented_claims
from tests.support.api import ApiHarness


@dataclass(frozen=True)
class Stated:
    gene: str
    phenotype: str
    says: str  # how the patient is told the result

    @property
    def id(self) -> str:
        return f"{self.gene}-{self.phenotype[:24]}"


RESULTS = [
    Stated("HLA-B", "*15:02 positive", "HLA-B*15:02 positive"),
    Stated("HLA-B", "*57:01 negative", "HLA-B*57:01 negative"),
    Stated("HLA-A", "*31:01 positive", "HLA-A*31:01 positive"),
    Stated("CYP2C19", "Poor Metabolizer", "CYP2C19 result as Poor Metabolizer"),
    Stated("CYP2D6", "Ultrarapid Metabolizer", "CYP2D6 result as Ultrarapid Metabolizer"),
    Stated("SLCO1B1", "Decreased Function", "SLCO1B1 result as Decreased Function"),
    Stated("G6PD", "Deficient", "G6PD result as Deficient"),
    Stated("MT-RNR1", "increased risk of aminoglycoside-induced hearing loss",
           "MT-RNR1 result as increased risk of aminoglycoside-induced hearing loss"),
    Stated("RYR1", "Malignant Hyperthermia Susceptibility", "RYR1 result as Malignant Hyperthermia Susceptibility"),
    Stated("CFTR", "ivacaftor responsive in CF patients", "CFTR result as ivacaftor responsive in CF patients"),
]

_LOINC = "http://loinc.org"


def _native(r: Stated) -> tuple[bytes, str]:
    return json.dumps({"pharmacogenomics": [{"gene": r.gene, "phenotype": r.phenotype}]}).encode(), "report.json"


def _csv(r: Stated) -> tuple[bytes, str]:
    return f"gene,diplotype,phenotype\n{r.gene},,{r.phenotype}\n".encode(), "report.csv"


def _outside_call(r: Stated) -> tuple[bytes, str]:
    return f"{r.gene}\t\t{r.phenotype}\n".encode(), "outside_call.tsv"


def _pharmcat_tsv(r: Stated) -> tuple[bytes, str]:
    header = ["Gene", "Source Diplotype", "Phenotype", "Activity Score", "Outside Call", "Missing positions",
              "Recommendation Lookup Diplotype", "Recommendation Lookup Phenotype"]
    row = [r.gene, "", r.phenotype, "", "yes", "no", "", r.phenotype]
    return ("PharmCAT v3.1.0\n" + "\t".join(header) + "\n" + "\t".join(row) + "\n").encode(), "report.tsv"


def _pharmcat_json(r: Stated) -> tuple[bytes, str]:
    """An outside call that gave PharmCAT only a phenotype (v3.1 layout, written by hand)."""
    doc = {"pharmcatVersion": "3.1.0", "dataVersion": "test", "genes": {r.gene: {
        "geneSymbol": r.gene, "callSource": "OUTSIDE",
        "sourceDiplotypes": [{"label": "Unknown/Unknown", "phenotypes": [r.phenotype], "activityScore": None}],
    }}, "drugs": {}}
    return json.dumps(doc).encode(), "report.json"


def _fhir_phenotype_observation(r: Stated) -> tuple[bytes, str]:
    """A FHIR phenotype Observation (LOINC 53040-2) naming the gene, with no genotype behind it."""
    gene = {"code": {"coding": [{"system": _LOINC, "code": "48018-6"}]},
            "valueCodeableConcept": {"coding": [{"system": "http://www.genenames.org", "display": r.gene}]}}
    obs = {"resourceType": "Observation", "id": "ph1", "status": "final",
           "code": {"coding": [{"system": _LOINC, "code": "53040-2"}]},
           "valueCodeableConcept": {"text": r.phenotype}, "component": [gene]}
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": obs}]}
    return json.dumps(bundle).encode(), "report.json"


def _fhir_genotype_as_status(r: Stated) -> tuple[bytes, str]:
    """A FHIR genotype Observation whose value is the status itself ("HLA-B*15:02 positive")."""
    gene = {"code": {"coding": [{"system": _LOINC, "code": "48018-6"}]},
            "valueCodeableConcept": {"coding": [{"system": "http://www.genenames.org", "display": r.gene}]}}
    value = f"{r.gene}{r.phenotype}" if r.phenotype.startswith("*") else f"{r.gene} {r.phenotype}"
    obs = {"resourceType": "Observation", "id": "g1", "status": "final",
           "code": {"coding": [{"system": _LOINC, "code": "84413-4"}]},
           "valueCodeableConcept": {"text": value}, "component": [gene]}
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": obs}]}
    return json.dumps(bundle).encode(), "report.json"


FORMATS = {
    "native": _native,
    "csv": _csv,
    "outside_call": _outside_call,
    "pharmcat_tsv": _pharmcat_tsv,
    "pharmcat_json": _pharmcat_json,
    "fhir": _fhir_phenotype_observation,
    "fhir-genotype-status": _fhir_genotype_as_status,
}
EXPECTED_FORMAT = {"fhir-genotype-status": "fhir"}


def stated_report(r: Stated) -> Report:
    return Report(source_format="native", pharmacogenomics=[
        PgxResult(gene=r.gene, phenotype=r.phenotype, phenotype_source="stated", call_source="lab")])


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("stated", RESULTS, ids=lambda r: r.id)
def test_phenotype_only_row_is_read_as_a_result_in_every_format(stated: Stated, fmt: str) -> None:
    data, filename = FORMATS[fmt](stated)
    report = parse_report(data, filename=filename)
    assert report.source_format == EXPECTED_FORMAT.get(fmt, fmt)
    result = report.result_for(stated.gene)
    assert result is not None and result.has_result
    assert (result.diplotype, result.phenotype, result.phenotype_source) == (None, stated.phenotype, "stated")
    assert not any("check it with your care team" in w for w in result.warnings)


@pytest.mark.parametrize("stated", RESULTS, ids=lambda r: r.id)
def test_phenotype_only_fact_states_the_result_and_passes_the_report_checks(stated: Stated) -> None:
    report = stated_report(stated)
    fact = fact_sentences(report, [stated.gene])[0]
    text = " ".join(fact.sentences)
    assert stated.says in text and "no result" not in text.lower()
    assert fact.fact.phenotype == stated.phenotype and "nocall" not in fact.classes
    assert invented_claims(text, report) == []
    assert find_invented_genotypes(text, report, [fact.fact]) == []


@pytest.mark.parametrize("stated", RESULTS, ids=lambda r: r.id)
def test_phenotype_only_card_and_summary_line_show_the_result(stated: Stated) -> None:
    result = stated_report(stated).pharmacogenomics[0]
    card = pgx_card(result)
    assert stated.phenotype in card.result and card.result != "No result"
    assert summarize_result(result).startswith(f"{stated.gene}: {stated.phenotype}")


def test_a_row_with_neither_diplotype_nor_stated_phenotype_is_no_result() -> None:
    for row in (PgxResult(gene="CYP2D6", status="no_result"),
                PgxResult(gene="CYP2D6", phenotype="Indeterminate", phenotype_source="derived")):
        assert not row.has_result
        text = " ".join(fact_sentences(Report(source_format="native", pharmacogenomics=[row]), ["CYP2D6"])[0].sentences)
        assert "Your report has no result for CYP2D6" in text



@pytest.mark.parametrize("stated", RESULTS, ids=lambda r: r.id)
def test_engine_explains_a_phenotype_only_result_from_the_report(engine, stated: Stated) -> None:
    reply = engine.reply(f"What does my {stated.gene} result mean?", report=stated_report(stated))
    assert reply.action == "answer" and reply.reason == "explained_result", reply.text
    assert stated.says in reply.text and "no result" not in reply.text.lower()
    assert [(f.gene, f.phenotype) for f in reply.report_facts][:1] == [(stated.gene, stated.phenotype)]


def test_engine_does_not_call_a_stated_allele_missing_from_the_report(engine) -> None:
    report = stated_report(RESULTS[1])  # HLA-B *57:01 negative
    reply = engine.reply("Do I have HLA-B*57:01?", report=report)
    assert reply.reason == "explained_result", reply.text
    assert "HLA-B*57:01 negative" in reply.text and "does not include" not in reply.text


def test_explain_my_report_states_every_phenotype_only_result(engine) -> None:
    report = Report(source_format="native", pharmacogenomics=[
        PgxResult(gene=r.gene, phenotype=r.phenotype, phenotype_source="stated") for r in RESULTS[3:7]])
    reply = engine.reply("Can you explain my results?", report=report)
    assert "no result" not in reply.text.lower()
    for r in RESULTS[3:7]:
        assert r.says in reply.text


@pytest.fixture
def api(isolated_data_dir, database_url, engine):
    settings = Settings(data_dir=isolated_data_dir, database_url=database_url, rate_limit="1000/minute")
    with ApiHarness(settings, engine=engine) as harness:
        yield harness


@pytest.mark.parametrize("fmt", ["native", "csv", "outside_call", "fhir"])
def test_api_upload_and_chat_answer_from_a_phenotype_only_hla_b_result(api, fmt: str) -> None:
    stated = RESULTS[0]
    data, filename = FORMATS[fmt](stated)
    patient = api.patient()
    uploaded = api.client.post(patient.url("/report"), files={"file": (filename, data)}, headers=patient.headers)
    assert uploaded.status_code == 201, uploaded.text
    card = next(c for c in uploaded.json()["cards"] if c["gene"] == "HLA-B")
    assert "*15:02 positive" in card["result"]
    asked = api.client.post(patient.url("/messages"), headers=patient.headers, json={
        "text": "My doctor wants to prescribe carbamazepine. Does my HLA-B result matter for it?"})
    assert asked.status_code == 200, asked.text
    assert "HLA-B*15:02 positive" in asked.json()["reply"]
    assert "no result for HLA-B" not in asked.json()["reply"]


def test_counselor_sees_the_phenotype_only_result_on_an_escalation(api) -> None:
    data, filename = _native(RESULTS[0])
    patient = api.patient()
    assert api.client.post(patient.url("/report"), files={"file": (filename, data)},
                           headers=patient.headers).status_code == 201
    asked = api.client.post(patient.url("/messages"), headers=patient.headers,
                            json={"text": "Should I stop taking my carbamazepine?"}).json()
    assert asked["action"] == "escalate"
    detail = api.client.get(f"/api/escalations/{asked['escalation']['id']}", headers=api.counselor()).json()
    assert any(c["gene"] == "HLA-B" and "*15:02 positive" in c["result"] for c in detail["cards"])
    assert detail["report"]["pharmacogenomics"][0]["phenotype"] == "*15:02 positive"
