""""My medicines": the names a patient types, read as medicines, and what their results mean for each.

Patients write brand names, generic names and typos ("Plavix, zocor, omeprazol"). Each name is matched
to a generic name: exactly, through a brand name, or, for a close misspelling, with a note asking the
patient to check it. What a result means for a medicine comes from ``implications.medicine_implications``
(CPIC categories in fixed words); a medicine that strongly slows CYP2D6 or CYP2C19 gets a note that the
enzyme can then work less than the gene result shows (phenoconversion). Nothing here gives a dose or
says to start or stop anything.

>>> [(m.typed, m.name, m.matched_by) for m in read_medicine_list("Plavix, zocor, omeprazol")]
[('Plavix', 'clopidogrel', 'brand'), ('zocor', 'simvastatin', 'brand'), ('omeprazol', 'omeprazole', 'spelling')]
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process

from bot.core.report import Report
from bot.pgx.categories import ACTIONABLE, seriousness
from bot.pgx.cpic import DATA_PACKAGE, cpic_drug_names, drug_key
from bot.pgx.implications import Implication, medicine_implications

MatchedBy = Literal["name", "brand", "spelling", "unknown"]

MAX_MEDICINES = 30
MAX_NAME_CHARS = 80
# A misspelling is accepted when it is this close to one known name (rapidfuzz ratio, 0-100) and clearly
# closer to it than to any other name; shorter words must match exactly (too many 4-letter near misses).
SPELLING_MIN_SCORE = 85
SPELLING_MIN_LENGTH = 5
SPELLING_MARGIN = 4

# Patient-facing sentences (checked with the other fixed text, bot.pgx.texts.patient_sentences).
SPELLING_NOTE = "We read this as {name}. Please check the spelling."
UNKNOWN_NOTE = ("GeneChat did not find this name in the gene-based guidelines from CPIC. "
                "If the spelling is right, these guidelines do not cover it.")
NOT_LINKED_NOTE = "None of the results in your report are linked to this medicine in the CPIC guidelines."
NO_REPORT_NOTE = "Upload your report to see which of your results matter for this medicine."
# {genes}: "CYP2D6" or "CYP2D6 and CYP2C19" (worded so one or two enzymes read right).
INHIBITOR_NOTE = ("{name} can slow down the work of {genes} a lot. While you take it, your body may break down "
                  "some medicines more slowly than your gene results show. Your pharmacist or doctor can check "
                  "how this fits with your other medicines.")

_SPLIT = re.compile(r"[,;\n]+|\s+and\s+|\s+&\s+", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s*")
# A strength or schedule after the name ("Plavix 75 mg daily") is not part of the name.
_STRENGTH = re.compile(r"\s+\d[\d.,/]*\s*(?:mg|mcg|µg|g|ml|iu|units?|%)?\b.*$", re.IGNORECASE)
_NOT_NAME = re.compile(r"[^a-z0-9#\- ]+")


class MedicineName(BaseModel):
    """One name as the patient typed it and the medicine GeneChat read it as."""

    typed: str
    name: str | None = Field(None, description="Generic name (lower case, as CPIC writes it); None if unknown.")
    brand: str | None = Field(None, description="The brand name as labelled, when the patient typed a brand.")
    matched_by: MatchedBy

    @property
    def label(self) -> str:
        """How the medicine is shown: "clopidogrel (Plavix)", or the typed text when it was not recognised."""
        if self.name is None:
            return self.typed
        return f"{self.name} ({self.brand})" if self.brand else self.name


class MedicineFacts(BaseModel):
    """One listed medicine: which of the patient's results concern it and what guidelines say, in fixed words."""

    medicine: MedicineName
    implications: list[Implication] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="Fixed sentences: spelling, no report, "
                                                               "enzyme slowed by this medicine.")
    phenoconversion: str | None = Field(None, description="The note for a medicine that strongly slows an "
                                                          "enzyme (also in ``notes``).")

    @property
    def concerns_results(self) -> bool:
        """True when at least one of the patient's own results is linked to this medicine."""
        return any(i.result is not None for i in self.implications)

    @property
    def actionable(self) -> bool:
        return any(i.category in ACTIONABLE for i in self.implications)


@lru_cache
def _names_file() -> dict:
    text = resources.files(DATA_PACKAGE).joinpath("data/medicine_names.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache
def _known_names() -> dict[str, tuple[str, str | None]]:
    """Normalised name -> (generic, brand or None), for every CPIC drug, brand and listed inhibitor."""
    out: dict[str, tuple[str, str | None]] = {}
    data = _names_file()
    generics = set(cpic_drug_names()) | set(data["brands"]) | {d for ds in data["inhibitors"].values() for d in ds}
    for generic in generics:
        out[_normalise(generic)] = (drug_key(generic), None)
    for generic, brands in data["brands"].items():
        for brand in brands:
            out.setdefault(_normalise(brand), (drug_key(generic), brand))
    return out


@lru_cache
def strong_inhibitors() -> dict[str, list[str]]:
    """Generic name -> the enzymes (CYP2D6, CYP2C19) it strongly slows."""
    out: dict[str, list[str]] = {}
    for gene, drugs in _names_file()["inhibitors"].items():
        for drug in drugs:
            out.setdefault(drug_key(drug), []).append(gene)
    return out


def _normalise(text: str) -> str:
    low = _STRENGTH.sub("", " ".join(text.lower().split()))
    return " ".join(_NOT_NAME.sub(" ", low).split())


def split_medicine_list(text: str) -> list[str]:
    """The names in what a patient typed: commas, semicolons, new lines and "and" separate them."""
    parts = (_BULLET.sub("", p).strip(" .") for p in _SPLIT.split(text or ""))
    return [" ".join(p.split())[:MAX_NAME_CHARS] for p in parts if p.strip(" .")]


def resolve_medicine(typed: str) -> MedicineName:
    """Read one typed name as a medicine: exact generic, brand, close misspelling, or unknown."""
    typed = " ".join(typed.split())[:MAX_NAME_CHARS]
    known = _known_names()
    key = _normalise(typed)
    hit = known.get(key)
    if hit is not None:
        generic, brand = hit
        return MedicineName(typed=typed, name=generic, brand=brand, matched_by="brand" if brand else "name")
    if len(key) >= SPELLING_MIN_LENGTH:
        best = process.extract(key, known.keys(), scorer=fuzz.ratio, limit=5)
        if best and best[0][1] >= SPELLING_MIN_SCORE:
            generic, brand = known[best[0][0]]
            rivals = [s for name, s, _ in best[1:] if known[name][0] != generic]
            if not rivals or rivals[0] <= best[0][1] - SPELLING_MARGIN:
                return MedicineName(typed=typed, name=generic, brand=brand, matched_by="spelling")
    return MedicineName(typed=typed, matched_by="unknown")


def read_medicine_list(text: str) -> list[MedicineName]:
    """Every name in ``text``, read as a medicine, once each (the first spelling of a repeat is kept)."""
    out: list[MedicineName] = []
    seen: set[str] = set()
    for typed in split_medicine_list(text):
        med = resolve_medicine(typed)
        key = med.name or _normalise(typed)
        if key not in seen:
            seen.add(key)
            out.append(med)
    return out[:MAX_MEDICINES]


def medicine_facts(report: Report | None, medicine: MedicineName) -> MedicineFacts:
    """What the patient's results mean for one listed medicine, with the notes that apply to it."""
    notes: list[str] = []
    implications: list[Implication] = []
    phenoconversion = None
    if medicine.matched_by == "spelling":
        notes.append(SPELLING_NOTE.format(name=medicine.name))
    if medicine.name is None:
        notes.append(UNKNOWN_NOTE)
    else:
        found = medicine_implications(report or Report(source_format="native"), medicine.name)
        if report is None:
            implications = [i for i in found if i.category == "no_guideline"]
            if not implications:
                notes.append(NO_REPORT_NOTE)
        else:
            implications = found
            if not implications:  # CPIC lists the medicine, but only with genes this report does not have
                notes.append(NOT_LINKED_NOTE)
        slowed = strong_inhibitors().get(medicine.name, [])
        if slowed:
            phenoconversion = INHIBITOR_NOTE.format(name=medicine.name.capitalize(), genes=" and ".join(slowed))
            notes.append(phenoconversion)
    implications.sort(key=lambda i: (seriousness(i.category), i.gene or ""))
    return MedicineFacts(medicine=medicine, implications=implications, notes=notes, phenoconversion=phenoconversion)


def medicines_overview(report: Report | None, medicines: list[MedicineName]) -> list[MedicineFacts]:
    """Facts for each listed medicine, in the patient's order."""
    return [medicine_facts(report, m) for m in medicines]


def patient_sentences() -> list[str]:
    """The fixed medicine-list sentences as a patient reads them (templates filled with examples)."""
    return [SPELLING_NOTE.format(name="omeprazole"), UNKNOWN_NOTE, NOT_LINKED_NOTE, NO_REPORT_NOTE,
            INHIBITOR_NOTE.format(name="Fluoxetine", genes="CYP2D6 and CYP2C19")]
