""""My medicines": names read as medicines, facts per medicine from the patient's report, over the API."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.answering.medicines import MEDICINE_LINKED
from bot.config import Settings
from bot.core.report import PgxResult, Report
from bot.pgx.categories import ACTIONABLE, CATEGORY_TEXT
from bot.pgx.medicines import (
    INHIBITOR_NOTE,
    MAX_MEDICINES,
    NO_REPORT_NOTE,
    NOT_LINKED_NOTE,
    UNKNOWN_NOTE,
    medicine_facts,
    read_medicine_list,
    resolve_medicine,
    strong_inhibitors,
)
from bot.safety import wording
from bot.safety.fixed_text import fixed_text_problems
from bot.safety.guard import has_dose, has_med_change_advice
from bot.store.models import AuditEvent, ListedMedicine
from tests.support.api import ApiHarness
from tests.support.engine import make_test_engine

POOR_CYP2C19_SLCO1B1 = {
    "lab": "Example Lab",
    "pharmacogenomics": [
        {"gene": "CYP2C19", "diplotype": "*2/*2", "phenotype": "Poor Metabolizer"},
        {"gene": "SLCO1B1", "diplotype": "*5/*5", "phenotype": "Poor Function"},
    ],
}


def poor_report() -> Report:
    return Report(source_format="native", pharmacogenomics=[PgxResult(**r) for r in POOR_CYP2C19_SLCO1B1[
        "pharmacogenomics"]])


# --- reading names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "generic", "matched_by"), [
    ("Plavix", "clopidogrel", "brand"),
    ("zocor", "simvastatin", "brand"),
    ("omeprazol", "omeprazole", "spelling"),
    ("Clopidogrel", "clopidogrel", "name"),
    ("CLOPIDOGREL 75 mg once daily", "clopidogrel", "name"),
    ("Lipitor 20mg", "atorvastatin", "brand"),
    ("simvastatn", "simvastatin", "spelling"),
    ("escitaloprm", "escitalopram", "spelling"),
    ("Tylenol #3", "codeine", "brand"),
    ("Prozac", "fluoxetine", "brand"),
])
def test_brand_generic_and_misspelled_names_are_read_as_the_medicine(typed, generic, matched_by):
    med = resolve_medicine(typed)
    assert (med.name, med.matched_by) == (generic, matched_by)


@pytest.mark.parametrize("typed", ["lisinopril", "xyzzy", "zoc", "my blood pressure pill", "paracetamol"])
def test_names_outside_the_guidelines_are_not_guessed(typed):
    assert resolve_medicine(typed).name is None


def test_a_misspelling_close_to_two_medicines_is_not_guessed():
    # "omeprazole" and "esomeprazole" differ by two letters: "someprazole" must not be silently picked.
    assert resolve_medicine("someprazole").matched_by in ("unknown", "spelling")
    if resolve_medicine("someprazole").matched_by == "spelling":
        assert resolve_medicine("someprazole").name in ("omeprazole", "esomeprazole")


def test_list_is_split_on_commas_lines_and_and_and_repeats_are_kept_once():
    meds = read_medicine_list("Plavix, clopidogrel\n- zocor; omeprazole and Prilosec")
    assert [m.typed for m in meds] == ["Plavix", "zocor", "omeprazole"]


# --- facts per medicine ----------------------------------------------------------------------------------


def test_clopidogrel_for_a_cyp2c19_poor_metabolizer_names_the_result_and_an_actionable_category():
    facts = medicine_facts(poor_report(), resolve_medicine("Plavix"))
    [imp] = [i for i in facts.implications if i.gene == "CYP2C19"]
    assert imp.result == "Poor Metabolizer" and imp.category in ACTIONABLE
    assert imp.text == CATEGORY_TEXT[imp.category] and imp.note  # the "do not change on your own" reminder
    assert facts.concerns_results and facts.medicine.label == "clopidogrel (Plavix)"


def test_simvastatin_for_slco1b1_poor_function_is_linked_to_slco1b1_only():
    facts = medicine_facts(poor_report(), resolve_medicine("zocor"))
    assert {i.gene for i in facts.implications if i.result} == {"SLCO1B1"}
    assert all(i.category in ACTIONABLE for i in facts.implications if i.result)


def test_misspelled_omeprazole_gets_its_cyp2c19_facts_and_a_spelling_check():
    facts = medicine_facts(poor_report(), resolve_medicine("omeprazol"))
    assert [i.gene for i in facts.implications if i.result] == ["CYP2C19"]
    assert any("omeprazole" in n and "spelling" in n for n in facts.notes)


def test_a_medicine_cpic_does_not_cover_says_so():
    facts = medicine_facts(poor_report(), resolve_medicine("Diflucan"))
    assert [i.category for i in facts.implications] == ["no_guideline"]
    assert not facts.concerns_results


def test_a_cpic_medicine_none_of_whose_genes_are_in_the_report_says_no_result_is_linked():
    facts = medicine_facts(poor_report(), resolve_medicine("metformin"))
    assert facts.implications == [] and facts.notes == [NOT_LINKED_NOTE]


def test_an_unrecognised_name_says_the_guidelines_do_not_list_it():
    facts = medicine_facts(poor_report(), resolve_medicine("lisinopril"))
    assert facts.implications == [] and facts.notes == [UNKNOWN_NOTE]


def test_without_a_report_no_result_is_claimed():
    facts = medicine_facts(None, resolve_medicine("Plavix"))
    assert facts.implications == [] and facts.notes == [NO_REPORT_NOTE]


@pytest.mark.parametrize(("typed", "genes"), [("Prozac", "CYP2D6 and CYP2C19"), ("Paxil", "CYP2D6"),
                                              ("Diflucan", "CYP2C19"), ("wellbutrin", "CYP2D6")])
def test_a_strong_cyp2d6_or_cyp2c19_inhibitor_gets_the_phenoconversion_note(typed, genes):
    med = resolve_medicine(typed)
    notes = medicine_facts(poor_report(), med).notes
    assert INHIBITOR_NOTE.format(name=med.name.capitalize(), genes=genes) in notes


def test_only_listed_inhibitors_get_the_phenoconversion_note():
    assert "clopidogrel" not in strong_inhibitors()
    assert not any("slow down" in n for n in medicine_facts(poor_report(), resolve_medicine("Plavix")).notes)


def test_every_medicine_text_passes_the_fixed_text_checks():
    """No dose, no start/stop advice, grade 8 or lower, over what a patient with a typical list would see."""
    report = poor_report()
    for med in read_medicine_list("Plavix, zocor, omeprazol, Prozac, Coumadin, codeine, metformin, lisinopril"):
        facts = medicine_facts(report, med)
        texts = [*facts.notes, *(i.text for i in facts.implications), *(i.note for i in facts.implications if i.note)]
        for text in texts:
            assert fixed_text_problems(text) == [], text


# --- over the API ------------------------------------------------------------------------------------------


@pytest.fixture
def api(isolated_data_dir, database_url):
    with ApiHarness(Settings(data_dir=isolated_data_dir, database_url=database_url,
                             rate_limit="1000/minute")) as harness:
        yield harness


def _by_name(body: dict) -> dict[str, dict]:
    return {m["name"] or m["typed"]: m for m in body["medicines"]}


def test_patient_types_plavix_zocor_omeprazol_and_sees_which_results_concern_each(api):
    patient = api.patient()
    api.upload(patient, POOR_CYP2C19_SLCO1B1)
    resp = api.client.put(patient.url("/medicines"), json={"medicines": ["Plavix, zocor, omeprazol"]},
                          headers=patient.headers)
    assert resp.status_code == 200, resp.text
    meds = _by_name(resp.json())
    assert list(meds) == ["clopidogrel", "simvastatin", "omeprazole"]
    assert [(r["gene"], r["result"]) for r in meds["clopidogrel"]["results"]] == [("CYP2C19", "Poor Metabolizer")]
    assert [(r["gene"], r["result"]) for r in meds["simvastatin"]["results"]] == [("SLCO1B1", "Poor Function")]
    assert meds["omeprazole"]["matched_by"] == "spelling" and meds["omeprazole"]["concerns_results"]
    shown = [t for m in meds.values() for t in [*m["notes"], *(r["text"] for r in m["results"])]]
    assert all(fixed_text_problems(t) == [] for t in shown)
    # the list is stored with the session and comes back on reload
    again = api.client.get(patient.url(), headers=patient.headers).json()["medicines"]
    assert [m["name"] for m in again] == ["clopidogrel", "simvastatin", "omeprazole"]


def test_medicines_listed_before_the_report_are_read_again_when_it_arrives(api):
    patient = api.patient()
    body = api.client.put(patient.url("/medicines"), json={"medicines": ["Plavix"]}, headers=patient.headers).json()
    assert body["medicines"][0]["results"] == [] and body["medicines"][0]["notes"] == [NO_REPORT_NOTE]
    uploaded = api.upload(patient, POOR_CYP2C19_SLCO1B1)
    assert uploaded["medicines"][0]["results"][0]["gene"] == "CYP2C19"


def test_an_empty_list_clears_the_medicines(api):
    patient = api.patient()
    api.client.put(patient.url("/medicines"), json={"medicines": ["Plavix"]}, headers=patient.headers)
    resp = api.client.put(patient.url("/medicines"), json={"medicines": []}, headers=patient.headers)
    assert resp.json() == {"medicines": []}
    assert api.client.get(patient.url("/medicines"), headers=patient.headers).json() == {"medicines": []}


def test_too_many_medicines_are_refused_with_a_clear_error(api):
    patient = api.patient()
    names = ", ".join(f"medicine{i}" for i in range(MAX_MEDICINES + 1))
    resp = api.client.put(patient.url("/medicines"), json={"medicines": [names]}, headers=patient.headers)
    assert resp.status_code == 422 and resp.json()["error"]["code"] == "too_many_medicines"


def test_medicines_need_the_patients_own_token(api):
    owner, other = api.patient(), api.patient()
    assert api.client.put(owner.url("/medicines"), json={"medicines": ["Plavix"]}).status_code == 401
    resp = api.client.get(owner.url("/medicines"), headers=other.headers)
    assert resp.status_code == 403


def test_deleting_the_session_erases_the_medicine_list_and_the_audit_has_no_names(api):
    patient = api.patient()
    api.client.put(patient.url("/medicines"), json={"medicines": ["Plavix, zocor"]}, headers=patient.headers)
    assert api.client.delete(patient.url(), headers=patient.headers).status_code == 204
    with api.state.db.session() as db:
        assert list(db.scalars(select(ListedMedicine))) == []
        audit = json.dumps([e.detail for e in db.scalars(select(AuditEvent))]).lower()
    assert "plavix" not in audit and "zocor" not in audit


# --- in the chat -----------------------------------------------------------------------------------------


LISTED = ["Plavix, zocor, omeprazol"]


def test_are_my_medicines_ok_gives_per_medicine_facts_and_goes_to_a_counselor(engine):
    reply = engine.reply("are my medicines OK with my genes?", report=poor_report(), medicines=LISTED)
    assert reply.action == "escalate" and reply.escalation is not None
    text = reply.text
    assert "Your CYP2C19 result is Poor Metabolizer. This matters for clopidogrel (Plavix) and omeprazole." in text \
        or ("clopidogrel (Plavix)" in text and "omeprazole" in text)
    assert "Your SLCO1B1 result is Poor Function" in text and "simvastatin (Zocor)" in text
    assert wording.NEXT_STEP_PGX in text
    assert not has_dose(text) and not has_med_change_advice(text)
    assert {"clopidogrel", "simvastatin", "omeprazole"} <= set(reply.drugs)
    assert {f.gene for f in reply.report_facts} == {"CYP2C19", "SLCO1B1"}
    assert any(t.step == "medicines" and t.outcome == "judgement" for t in reply.trace)


def test_which_of_my_medicines_are_linked_is_answered_with_facts_without_a_counselor(engine):
    reply = engine.reply("which of my medicines are linked to my results?", report=poor_report(), medicines=LISTED)
    assert reply.action == "answer", reply.trace
    assert "clopidogrel (Plavix)" in reply.text and "simvastatin (Zocor)" in reply.text


def test_a_question_about_my_medicines_with_an_empty_list_says_how_to_add_them(engine):
    reply = engine.reply("which of my medicines are linked to my results?", report=poor_report(), medicines=[])
    assert wording.MEDICINES_NONE_LISTED in reply.text


def test_an_inhibitor_on_the_list_brings_the_phenoconversion_note_into_the_chat(engine):
    reply = engine.reply("what do my genes mean for my meds?", report=poor_report(), medicines=["Prozac", "Plavix"])
    assert "Fluoxetine can slow down the work of CYP2D6 and CYP2C19 a lot." in reply.text


def test_medicines_nobody_listed_are_never_mentioned(engine):
    reply = engine.reply("are my medicines OK with my genes?", report=poor_report(), medicines=["zocor"])
    assert "clopidogrel" not in reply.text.lower() and "omeprazole" not in reply.text.lower()


def test_an_emergency_about_my_pills_is_still_an_emergency(engine):
    reply = engine.reply("I took all my pills at once and I can't breathe", report=poor_report(), medicines=LISTED)
    assert reply.action == "emergency"


def test_the_medicine_list_is_part_of_what_a_remembered_reply_depends_on(engine):
    first = engine.reply("which of my medicines are linked to my results?", report=poor_report(), medicines=["zocor"])
    second = engine.reply("which of my medicines are linked to my results?", report=poor_report(), medicines=["Plavix"])
    assert "simvastatin" in first.text and "clopidogrel" in second.text and "simvastatin" not in second.text


def test_chat_over_the_api_uses_the_stored_list(isolated_data_dir, database_url, tmp_path):
    settings = Settings(data_dir=isolated_data_dir, database_url=database_url, rate_limit="1000/minute")
    with ApiHarness(settings, engine=make_test_engine(tmp_path)) as api:
        patient = api.patient()
        api.upload(patient, POOR_CYP2C19_SLCO1B1)
        api.client.put(patient.url("/medicines"), json={"medicines": LISTED}, headers=patient.headers)
        body = api.ask(patient, "are my medicines OK with my genes?")
    assert body["action"] == "escalate" and body["escalation"] is not None
    assert "clopidogrel (Plavix)" in body["reply"] and "simvastatin (Zocor)" in body["reply"]
    assert {f["gene"] for f in body["report_facts"]} == {"CYP2C19", "SLCO1B1"}


def test_a_question_about_my_medicines_that_is_not_about_genes_does_not_get_the_list(engine):
    reply = engine.reply("do my meds make me tired?", report=poor_report(), medicines=LISTED)
    assert "simvastatin (Zocor)" not in reply.text
    assert not any(t.step == "medicines" for t in reply.trace)


def test_the_linked_result_sentence_reads_at_grade_8_with_long_medicine_names():
    text = MEDICINE_LINKED.format(gene="CYP2C19", result="Poor Metabolizer",
                                  medicines="clopidogrel (Plavix) and omeprazole (Prilosec)")
    assert fixed_text_problems(text) == []
