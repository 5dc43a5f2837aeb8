"""Build ``bot/pgx/data/*.csv`` from the CPIC tables (PyPGx, MIT) and the hand-kept ``sources/*.yaml``.

Run it with ``genechat data build-cpic`` after changing a source; a test checks that the committed
files equal what this produces. Anything the data cannot decide (a CPIC priority of "None" without a
level, a recommendation no phrase classifies, a CPIC medicine no card group names, a result without a
one-liner) stops the build with a message that says what to add. ``build_tables`` returns the four
files (results.csv, drugs.csv, recommendations.csv, NOTICE.md) as text; ``write_tables`` writes them.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from bot.config import PROJECT_ROOT
from bot.errors import GeneChatError
from bot.pgx.categories import CATEGORIES
from bot.pgx.classify import classify_recommendation
from bot.pgx.cpic import CARD_LEVELS, LIST_SEPARATOR, result_key
from bot.pgx.levels import LEVELS, level_for_priority

REFERENCE_CPIC = PROJECT_ROOT.parent / "shared" / "reference" / "cpic"
DATA_DIR = Path(__file__).resolve().parent / "data"
CPIC_FILES = ("phenotype-table.csv", "cpic-table.csv", "recommendation-table.csv", "LICENSE")
TABLE_SOURCE = "CPIC via PyPGx {name}"
HEDGES = ("Likely", "Possible")


class BuildError(GeneChatError):
    """The sources do not settle something; the message says what to add."""


@dataclass
class _Row:
    gene: str
    result: str
    priority: str = ""
    level: str = ""
    aliases: list[str] = field(default_factory=list)
    meaning: str = ""
    drugs: list[str] | None = None
    source: str = ""

    def key(self) -> str:
        return result_key(self.gene, self.result)


def _source(name: str) -> dict[str, Any]:
    text = (resources.files("bot.pgx") / "sources" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _csv_rows(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / name
    if not path.is_file():
        raise BuildError(f"{path} is missing: the CPIC tables live in ../shared/reference/cpic (see its README).")
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


# --- drugs ----------------------------------------------------------------------------------------------


def _drug_pairs(cpic_dir: Path, hand: dict[str, Any]) -> list[dict[str, str]]:
    pairs = {(r["Gene"], r["Drug"]): {"gene": r["Gene"], "drug": r["Drug"], "cpic_level": r["CPICLevel"],
                                      "status": r["CPICLevelStatus"], "guideline": r["Guideline"],
                                      "source": TABLE_SOURCE.format(name="cpic-table.csv")}
             for r in _csv_rows(cpic_dir, "cpic-table.csv")}
    for p in hand.get("pairs", []):
        pairs[(p["gene"], p["drug"])] = {"gene": p["gene"], "drug": p["drug"], "cpic_level": str(p["level"]),
                                         "status": p["status"], "guideline": p["guideline"],
                                         "source": p["guideline"]}
    return sorted(pairs.values(), key=lambda p: (p["gene"], p["drug"]))


def _card_drugs(pairs: list[dict[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for p in pairs:
        if p["cpic_level"] in CARD_LEVELS and p["status"] == "Final" and p["guideline"]:
            out[p["gene"]].append(p["drug"])
    return out


# --- results --------------------------------------------------------------------------------------------


def _meaning_tables(spec: dict[str, Any]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    generic = {result_key("", k): " ".join(v.split()) for k, v in spec["meanings"].items()}
    by_gene = {gene: {result_key(gene, k): " ".join(v.split()) for k, v in table.items()}
               for gene, table in spec["gene_meanings"].items()}
    return generic, by_gene


def _cpic_rows(cpic_dir: Path, spec: dict[str, Any]) -> list[_Row]:
    notes = {(n["gene"], result_key(n["gene"], n["result"])): n for n in spec["cpic_rows"]}
    rows = []
    for r in _csv_rows(cpic_dir, "phenotype-table.csv"):
        row = _Row(r["Gene"], r["Phenotype"], r["Priority"], source=TABLE_SOURCE.format(name="phenotype-table.csv"))
        note = notes.get((row.gene, row.key()), {})
        row.aliases = list(note.get("aliases", []))
        row.level = level_for_priority(row.priority, row.result) or note.get("level", "")
        rows.append(row)
    return rows


def _extra_rows(spec: dict[str, Any]) -> list[_Row]:
    rows = []
    for e in spec["extra_rows"]:
        priority = e.get("priority", "")
        level = level_for_priority(priority, e["result"]) or e.get("level", "")
        rows.append(_Row(e["gene"], str(e["result"]), priority, level, list(e.get("aliases", [])),
                         " ".join(e.get("meaning", "").split()), e.get("drugs"), e["source"]))
    return rows


def _hedged_rows(rows: list[_Row], bases: Iterable[str]) -> list[_Row]:
    """'Likely X' and 'Possible X' for every gene with X, unless CPIC already names them."""
    wanted = {result_key("", b) for b in bases}
    have = {(r.gene, r.key()) for r in rows}
    out = []
    for row in rows:
        if result_key("", row.result) not in wanted:
            continue
        for hedge in HEDGES:
            hedged = _Row(row.gene, f"{hedge} {row.result}", row.priority, row.level, drugs=row.drugs,
                          source=f"hedged form of '{row.result}' ({row.source})")
            if (hedged.gene, hedged.key()) not in have:
                out.append(hedged)
                have.add((hedged.gene, hedged.key()))
    return out


def _groups_for(gene: str, drugs: list[str], groups: dict[str, list[dict[str, Any]]]) -> list[str]:
    wanted = set(drugs)
    return [g["text"] for g in groups.get(gene, []) if wanted & set(g["drugs"])]


def _check_groups(genes: set[str], card_drugs: dict[str, list[str]], all_drugs: dict[str, set[str]],
                  groups: dict[str, list[dict[str, Any]]]) -> None:
    for gene in sorted(genes):
        named = {d for g in groups.get(gene, []) for d in g["drugs"]}
        missing = sorted(set(card_drugs.get(gene, [])) - named)
        if missing:
            raise BuildError(f"CPIC medicines of {gene} that no card group names: {', '.join(missing)}. "
                             f"Add them to medicine_groups in sources/results.yaml.")
        unknown = sorted(named - all_drugs.get(gene, set()))
        if unknown:
            raise BuildError(f"medicine_groups names {gene} medicines CPIC does not pair with it: {', '.join(unknown)}.")


def _result_rows(cpic_dir: Path, pairs: list[dict[str, str]]) -> list[dict[str, str]]:
    spec = _source("results.yaml")
    generic, by_gene = _meaning_tables(spec)
    rows = _cpic_rows(cpic_dir, spec)
    known = {(r.gene, r.key()) for r in rows}
    for extra in _extra_rows(spec):
        if (extra.gene, extra.key()) in known:
            raise BuildError(f"{extra.gene} '{extra.result}' is in the CPIC table; describe it under cpic_rows.")
        rows.append(extra)
    rows += _hedged_rows(rows, spec["hedged_bases"])
    card_drugs = _card_drugs(pairs)
    all_drugs: dict[str, set[str]] = defaultdict(set)
    for p in pairs:
        all_drugs[p["gene"]].add(p["drug"])
    groups = spec["medicine_groups"]
    _check_groups({r.gene for r in rows}, card_drugs, all_drugs, groups)
    out = []
    for row in sorted(rows, key=lambda r: (r.gene, r.result.lower())):
        if row.level not in LEVELS:
            raise BuildError(f"{row.gene} '{row.result}' has priority '{row.priority or 'none'}' and no level: "
                             f"give it one in sources/results.yaml.")
        key = row.key()
        meaning = row.meaning or by_gene.get(row.gene, {}).get(key) or generic.get(key)
        if not meaning:
            raise BuildError(f"No one-liner for {row.gene} '{row.result}': add it to sources/results.yaml.")
        drugs = row.drugs if row.drugs is not None else card_drugs.get(row.gene, [])
        out.append({"gene": row.gene, "result": row.result, "aliases": LIST_SEPARATOR.join(row.aliases),
                    "priority": row.priority, "level": row.level, "meaning": meaning,
                    "medicines": LIST_SEPARATOR.join(drugs),
                    "matters_for": LIST_SEPARATOR.join(_groups_for(row.gene, drugs, groups)),
                    "source": row.source})
    return out


# --- recommendations ------------------------------------------------------------------------------------


def _recommendation_rows(cpic_dir: Path, hand: dict[str, Any]) -> list[dict[str, str]]:
    overrides: dict[tuple[str, str, str], dict[str, Any]] = {}
    for o in hand.get("overrides", []):
        for result in o["results"]:
            overrides[(o["drug"], o["gene"], result)] = o
    out = []
    for r in _csv_rows(cpic_dir, "recommendation-table.csv"):
        override = overrides.get((r["Drug"], r["Gene1"], r["Phenotype1"]))
        category = override["category"] if override else classify_recommendation(r["Recommendation"])
        if category is None:
            raise BuildError(f"No category for the CPIC recommendation for {r['Drug']} / {r['Gene1']} "
                             f"{r['Phenotype1']}: add an override in sources/recommendations.yaml.")
        source = (f"override: {override['why']}" if override
                  else TABLE_SOURCE.format(name="recommendation-table.csv"))
        out.append({"drug": r["Drug"], "gene1": r["Gene1"], "phenotype1": r["Phenotype1"], "gene2": r["Gene2"],
                    "phenotype2": r["Phenotype2"], "category": category, "source": source})
    for row in hand.get("rows", []):
        for drug in _as_list(row["drug"]):
            for result, category in row["categories"].items():
                if category not in CATEGORIES:
                    raise BuildError(f"Unknown category '{category}' for {drug} / {row['gene']} {result}.")
                out.append({"drug": drug, "gene1": row["gene"], "phenotype1": str(result), "gene2": "None",
                            "phenotype2": "None", "category": category, "source": row["source"]})
    return out


# --- output ---------------------------------------------------------------------------------------------


def _to_csv(rows: list[dict[str, str]], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _notice(cpic_dir: Path) -> str:
    license_text = (cpic_dir / "LICENSE").read_text(encoding="utf-8").strip()
    return (
        "# Where the CPIC-derived data comes from\n\n"
        "`results.csv`, `drugs.csv` and `recommendations.csv` are built by `genechat data build-cpic` from\n"
        "the CPIC tables compiled by the PyPGx project (`pypgx/api/data/`: phenotype-table.csv, cpic-table.csv,\n"
        "recommendation-table.csv) and from GeneChat's hand-kept `../sources/*.yaml`, where every added row\n"
        "names its source.\n\n"
        "- CPIC guideline content (https://cpicpgx.org) is released under CC0 1.0 (public domain).\n"
        "- The PyPGx tables are under the MIT license below.\n"
        "- CPIC's recommendation text is not copied here: only the category GeneChat gives it.\n\n"
        "## PyPGx license\n\n```text\n" + license_text + "\n```\n"
    )


def build_tables(cpic_dir: Path = REFERENCE_CPIC) -> dict[str, str]:
    """File name -> content of every file in ``bot/pgx/data``."""
    hand = _source("recommendations.yaml")
    pairs = _drug_pairs(cpic_dir, hand)
    return {
        "results.csv": _to_csv(_result_rows(cpic_dir, pairs), ["gene", "result", "aliases", "priority", "level",
                                                                "meaning", "medicines", "matters_for", "source"]),
        "drugs.csv": _to_csv(pairs, ["gene", "drug", "cpic_level", "status", "guideline", "source"]),
        "recommendations.csv": _to_csv(_recommendation_rows(cpic_dir, hand), ["drug", "gene1", "phenotype1", "gene2",
                                                                              "phenotype2", "category", "source"]),
        "NOTICE.md": _notice(cpic_dir),
    }


def write_tables(cpic_dir: Path = REFERENCE_CPIC, out_dir: Path = DATA_DIR) -> list[Path]:
    """Rebuild the data files; returns the files whose content changed."""
    changed = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, content in build_tables(cpic_dir).items():
        path = out_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            changed.append(path)
    return changed
