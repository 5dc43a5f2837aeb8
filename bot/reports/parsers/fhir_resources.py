"""Small readers for FHIR Genomics Reporting resources (plain dicts already validated as R4B)."""

from __future__ import annotations

import re
from typing import Any

LOINC_GENE = "48018-6"
LOINC_GENOTYPE = "84413-4"
LOINC_HAPLOTYPE = "84414-2"
LOINC_VARIANT = "69548-6"
LOINC_ORIGIN = "48002-0"
LOINC_DNA_CHANGE = "48004-6"
LOINC_PROTEIN_CHANGE = "48005-3"
LOINC_DISCRETE_VARIANT = "81252-9"
LOINC_ZYGOSITY = "53034-5"
LOINC_CLINICAL_SIGNIFICANCE = "53037-8"
LOINC_CONDITION = "81259-4"
LOINC_METABOLIZER = "53040-2"
_HGVS_GENE = re.compile(r"\(([A-Z0-9-]+)\):")


def codings(concept: Any) -> list[dict]:
    if not isinstance(concept, dict):
        return []
    return [c for c in concept.get("coding") or [] if isinstance(c, dict)]


def concept_text(concept: Any) -> str | None:
    """The words of a CodeableConcept: its text, else the first display, else the first code."""
    if not isinstance(concept, dict):
        return None
    if isinstance(concept.get("text"), str) and concept["text"].strip():
        return concept["text"].strip()
    for key in ("display", "code"):
        for coding in codings(concept):
            if isinstance(coding.get(key), str) and coding[key].strip():
                return coding[key].strip()
    return None


def codes_of(resource: dict) -> set[str]:
    return {str(c.get("code")) for c in codings(resource.get("code"))}


def profile(resource: dict) -> str:
    profiles = (resource.get("meta") or {}).get("profile") or []
    return str(profiles[0]).rstrip("/").rsplit("/", 1)[-1] if profiles else ""


def kind(resource: dict) -> str:
    """genotype | haplotype | variant | therapeutic-implication | diagnostic-implication | phenotype | other."""
    codes, prof = codes_of(resource), profile(resource)
    for name, code in (
        ("genotype", LOINC_GENOTYPE),
        ("haplotype", LOINC_HAPLOTYPE),
        ("variant", LOINC_VARIANT),
    ):
        if prof == name or code in codes:
            return name
    for name in ("therapeutic-implication", "diagnostic-implication"):
        if prof == name or name in codes:
            return name
    if LOINC_METABOLIZER in codes:
        return "phenotype"
    return "other"


def component_values(resource: dict, code: str) -> list[str]:
    """Text of every component whose code is ``code`` (CodeableConcept, string or code values)."""
    values = []
    for comp in resource.get("component") or []:
        if code not in codes_of(comp):
            continue
        value = (
            concept_text(comp.get("valueCodeableConcept")) or comp.get("valueString") or comp.get("valueCode")
        )
        if isinstance(value, str) and value.strip():
            values.append(value.strip())
    return values


def first_value(resource: dict, code: str) -> str | None:
    values = component_values(resource, code)
    return values[0] if values else None


def value_text(resource: dict) -> str | None:
    return concept_text(resource.get("valueCodeableConcept")) or (
        resource.get("valueString") if isinstance(resource.get("valueString"), str) else None
    )


def genes_of(resource: dict) -> list[str]:
    genes = component_values(resource, LOINC_GENE)
    if not genes:
        for text in component_values(resource, LOINC_DISCRETE_VARIANT) + component_values(
            resource, LOINC_DNA_CHANGE
        ):
            match = _HGVS_GENE.search(text)
            if match:
                genes.append(match.group(1))
    return [g.upper() for g in genes]


def references(resource: dict, key: str = "derivedFrom") -> list[str]:
    return [
        str(r.get("reference")) for r in resource.get(key) or [] if isinstance(r, dict) and r.get("reference")
    ]


def is_somatic(resource: dict) -> bool:
    return any(v.lower() == "somatic" or v == "LA6684-0" for v in component_values(resource, LOINC_ORIGIN))
