"""FHIR R4 Genomics Reporting: a Bundle (or one DiagnosticReport/Observation) with genotype,
therapeutic-implication, variant and diagnostic-implication Observations.

Structure is checked with ``fhir.resources.R4B`` first; somatic (tumour) reports are refused
because GeneChat explains inherited results only.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from bot.reports.models import PgxResult, Report, Variant
from bot.reports.parsers import fhir_resources as fr
from bot.reports.parsers.base import check_rows, fail, gene_symbol
from bot.reports.phenotype.tables import covered_genes, table_for

_SINGLE = {"DiagnosticReport", "Observation"}
_PHENOTYPE_WORDS = ("metabolizer", "function", "positive", "negative", "sensitivity")
# A result stated as a phenotype only ("HLA-B*15:02 positive", "G6PD Deficient", "Malignant Hyperthermia
# Susceptibility"): no "/" between two alleles, and a word that names a type or status.
_PHENOTYPE_ONLY = re.compile(r"metaboli|function|positive|negative|deficien|\brisk\b|susceptib|responsive|"
                             r"\bnormal\b|indeterminate|variable", re.IGNORECASE)
_GENE_HINT = re.compile(
    r"(?<![A-Z0-9])(CYP\d[A-Z]\d+|DPYD|TPMT|NUDT15|SLCO1B1|UGT1A1|VKORC1|HLA-[AB]|G6PD|ABCG2|CYP3A[45])"
)


def looks_fhir(doc: Any) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("resourceType"), str)


def parse_fhir(doc: dict, *, max_rows: int) -> Report:
    bundle = _as_bundle(doc)
    entries = bundle.get("entry") or []
    if not isinstance(entries, list):
        fail("'entry' must be a list of resources", "$.entry")
    check_rows(len(entries), max_rows * 20, "$.entry")  # a genotype needs several resources
    _validate(bundle)
    resources: list[dict] = []
    index: dict[str, dict] = {}
    for entry in entries:
        res = entry.get("resource") or {}
        resources.append(res)
        if entry.get("fullUrl"):
            index[str(entry["fullUrl"])] = res
        if res.get("id"):
            index[f"{res.get('resourceType')}/{res['id']}"] = res
    observations = [r for r in resources if r.get("resourceType") == "Observation"]
    somatic = [r for r in observations if fr.is_somatic(r)]
    if somatic:
        fail(
            "This is a tumour (somatic) report. GeneChat explains inherited (germline) results only, so it was "
            "not read; please ask your care team about it.",
            f"Observation/{somatic[0].get('id')}",
        )
    report = Report(source_format="fhir", **_header(resources, index))
    by_kind: dict[str, list[dict]] = {}
    for obs in observations:
        by_kind.setdefault(fr.kind(obs), []).append(obs)
    genotype_genes = _genotypes(report, by_kind, index)
    genotype_genes |= _stated_phenotypes(report, by_kind, index, genotype_genes)
    _variants(report, by_kind, index, genotype_genes, resources, bundle)
    check_rows(len(report.pharmacogenomics) + len(report.variants), max_rows, "$.entry")
    return report


def _as_bundle(doc: dict) -> dict:
    kind = doc.get("resourceType")
    if kind == "Bundle":
        return doc
    if kind in _SINGLE:
        return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": doc}]}
    fail(
        f"A FHIR {str(kind)[:40]} is not a genomics report; upload the Bundle or DiagnosticReport.",
        "$.resourceType",
        code="unsupported_format",
    )


def _validate(bundle: dict) -> None:
    from fhir.resources.R4B.bundle import Bundle  # imported here: only FHIR uploads pay for it

    try:
        Bundle.model_validate(bundle)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "$." + ".".join(str(p) for p in first["loc"])
        fail(f"The FHIR bundle is not valid FHIR R4: {first['msg']}", where)


def _header(resources: list[dict], index: dict[str, dict]) -> dict:
    report = next((r for r in resources if r.get("resourceType") == "DiagnosticReport"), {})
    date = report.get("issued") or report.get("effectiveDateTime")
    lab = None
    for ref in fr.references(report, "performer"):
        lab = (index.get(ref) or {}).get("name") or lab
    if lab is None:
        lab = next(
            (r.get("name") for r in resources if r.get("resourceType") == "Organization" and r.get("name")),
            None,
        )
    return {
        "lab": lab if isinstance(lab, str) else None,
        "report_date": str(date)[:10] if date else None,
        "patient_display_name": _patient_name(resources),
    }


def _patient_name(resources: list[dict]) -> str | None:
    patient = next((r for r in resources if r.get("resourceType") == "Patient"), {})
    for name in patient.get("name") or []:
        given = name.get("given") or []
        if given:
            return str(given[0])
        if name.get("text"):
            return str(name["text"]).split()[0]
    return None


def _genotypes(report: Report, by_kind: dict[str, list[dict]], index: dict[str, dict]) -> set[str]:
    genes: set[str] = set()
    for obs in by_kind.get("genotype", []):
        text = fr.value_text(obs)
        gene = _genotype_gene(obs, text)
        where = f"Observation/{obs.get('id')}"
        if gene is None:
            report.warnings.append(f"A genotype result without a gene name was skipped ({where}).")
            continue
        genes.add(gene)
        if not text:
            report.pharmacogenomics.append(
                PgxResult(
                    gene=gene,
                    status="no_result",
                    call_source="lab",
                    no_result_reason="The report gives no genotype for this gene.",
                )
            )
            continue
        diplotype, uncertain = _diplotype_text(gene, obs, text)
        if _is_phenotype_only(diplotype):
            report.pharmacogenomics.append(
                PgxResult(gene=gene, phenotype=diplotype, phenotype_source="stated", call_source="lab")
            )
            continue
        result = PgxResult(gene=gene, diplotype=diplotype, uncertain=uncertain, call_source="lab")
        if uncertain:
            result.warnings.append(
                "The report lists more than one possible genotype; the result is uncertain."
            )
        _attach_phenotype(result, obs, by_kind, index)
        report.pharmacogenomics.append(result)
    return genes


def _is_phenotype_only(text: str) -> bool:
    return "/" not in text and bool(_PHENOTYPE_ONLY.search(text))


def _stated_phenotypes(
    report: Report, by_kind: dict[str, list[dict]], index: dict[str, dict], genotype_genes: set[str]
) -> set[str]:
    """Phenotype observations of one gene that no genotype observation backs: a phenotype-only result."""
    genotype_ids = {f"Observation/{o.get('id')}" for o in by_kind.get("genotype", [])}
    genotype_ids |= {k for k, v in index.items() if any(v is o for o in by_kind.get("genotype", []))}
    found: dict[str, list[str]] = {}
    for obs in by_kind.get("phenotype", []) + by_kind.get("therapeutic-implication", []):
        genes = fr.genes_of(obs)
        if len(genes) != 1 or genes[0] in genotype_genes or genotype_ids & set(fr.references(obs)):
            continue
        values = fr.component_values(obs, fr.LOINC_METABOLIZER)
        if fr.kind(obs) == "phenotype" and fr.value_text(obs):
            values.append(fr.value_text(obs) or "")
        values = [v for v in values if _is_phenotype_only(v)]
        if values:
            found.setdefault(gene_symbol(genes[0], f"Observation/{obs.get('id')}"), []).extend(values)
    for gene, values in found.items():
        distinct = list({v.lower(): v for v in values}.values())
        result = PgxResult(gene=gene, phenotype=distinct[0], phenotype_source="stated", call_source="lab")
        if len(distinct) > 1:
            result.phenotype, result.phenotype_source = None, "none"
            result.status, result.no_result_reason = "no_result", (
                "The report gives different phenotypes for this gene: " + "; ".join(distinct)
            )
        report.pharmacogenomics.append(result)
    return set(found)


def _genotype_gene(obs: dict, text: str | None) -> str | None:
    genes = fr.genes_of(obs)
    upper = (text or "").upper()
    for gene in genes:
        if upper.startswith(gene) or f"#{gene}" in upper:
            return gene_symbol(gene, f"Observation/{obs.get('id')}")
    if genes:
        return gene_symbol(genes[0], f"Observation/{obs.get('id')}")
    match = re.match(r"^([A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]+)?)(?=[\s*])", text or "")
    return match.group(1) if match else None


def _diplotype_text(gene: str, obs: dict, text: str) -> tuple[str, bool]:
    systems = {str(c.get("system")) for c in fr.codings(obs.get("valueCodeableConcept"))}
    if "http://glstring.org" in systems or re.match(r"^hla#", text, re.I):
        gl = text.rsplit("#", 1)[-1]
        alleles = [re.sub(rf"^{re.escape(gene)}[*:]?", "*", a.strip()) for a in re.split(r"[+]", gl)]
        return "/".join(alleles), "|" in gl or "/" in gl
    if text.upper().startswith(gene):
        text = text[len(gene) :].strip()
    return text, False


def _attach_phenotype(
    result: PgxResult, genotype: dict, by_kind: dict[str, list[dict]], index: dict[str, dict]
) -> None:
    ids = {f"Observation/{genotype.get('id')}"} | {k for k, v in index.items() if v is genotype}
    stated: list[str] = []
    for obs in by_kind.get("therapeutic-implication", []) + by_kind.get("phenotype", []):
        refs = fr.references(obs)
        if not ids & set(refs):
            continue
        values = fr.component_values(obs, "therapeutic-implication") + fr.component_values(
            obs, fr.LOINC_METABOLIZER
        )
        if fr.kind(obs) == "phenotype" and fr.value_text(obs):
            values.append(fr.value_text(obs) or "")
        values = [v for v in values if any(w in v.lower() for w in _PHENOTYPE_WORDS)]
        if len(refs) > 1:
            # One implication drawn from several genotypes: give its phenotype only to the gene it can describe.
            values = [v for v in values if _fits(result.gene, v)]
        stated += values
    distinct = {s.lower(): s for s in stated}
    if len(distinct) == 1:
        result.phenotype, result.phenotype_source = next(iter(distinct.values())), "stated"
    elif len(distinct) > 1:
        result.warnings.append(
            "The report gives different phenotypes for this genotype: " + "; ".join(distinct.values())
        )


def _fits(gene: str, phenotype: str) -> bool:
    table = table_for(gene)
    if table is None:
        return False
    vocabulary = {p.lower() for p in table.rules.values()} | {b.phenotype.lower() for b in table.bins}
    last = phenotype.lower().split()[-1]
    return any(v.endswith(last) for v in vocabulary)


def _variants(
    report: Report, by_kind: dict, index: dict, genotype_genes: set[str], resources: list[dict], bundle: dict
) -> None:
    pgx_genes = set(covered_genes()) | {"HLA-A", "HLA-B", "G6PD", "CYP4F2", "RYR1", "IFNL3"}
    implications: dict[str, list[dict]] = {}
    for obs in by_kind.get("diagnostic-implication", []):
        for ref in fr.references(obs):
            implications.setdefault(ref, []).append(obs)
    uncalled: dict[str, int] = {}
    for obs in by_kind.get("variant", []):
        keys = {f"Observation/{obs.get('id')}"} | {k for k, v in index.items() if v is obs}
        found = [imp for k in keys for imp in implications.get(k, [])]
        genes = fr.genes_of(obs) or [_gene_hint(resources, bundle) or ""]
        gene = genes[0]
        if (not gene or gene in pgx_genes) and not found:
            if gene not in genotype_genes:
                uncalled[gene] = uncalled.get(gene, 0) + 1
            continue
        if not gene:
            continue
        imp = found[0] if found else {}
        report.variants.append(
            Variant(
                gene=gene_symbol(gene, f"Observation/{obs.get('id')}"),
                hgvs=fr.first_value(obs, fr.LOINC_DNA_CHANGE)
                or fr.first_value(obs, fr.LOINC_DISCRETE_VARIANT),
                protein=fr.first_value(obs, fr.LOINC_PROTEIN_CHANGE),
                zygosity=fr.first_value(obs, fr.LOINC_ZYGOSITY),
                classification=fr.first_value(imp, fr.LOINC_CLINICAL_SIGNIFICANCE) if imp else None,
                condition=fr.first_value(imp, fr.LOINC_CONDITION) if imp else None,
            )
        )
    for gene, count in uncalled.items():
        if not gene:
            report.warnings.append(
                f"The report lists {count} variant findings without a gene or a called genotype; "
                "GeneChat did not read them as a result."
            )
            continue
        report.pharmacogenomics.append(
            PgxResult(
                gene=gene,
                status="no_result",
                call_source="lab",
                no_result_reason=f"The report lists {count} {gene} variant findings but no called diplotype "
                "(star-allele result), so there is no result to explain.",
            )
        )


def _gene_hint(resources: list[dict], bundle: dict) -> str | None:
    texts = [str(bundle.get("id") or "")]
    for res in resources:
        if res.get("resourceType") == "DiagnosticReport":
            texts += [
                str(res.get("id") or ""),
                str(fr.concept_text(res.get("code")) or ""),
                str(res.get("conclusion") or ""),
            ]
    for text in texts:
        match = _GENE_HINT.search(text.upper())
        if match:
            return match.group(1)
    return None
