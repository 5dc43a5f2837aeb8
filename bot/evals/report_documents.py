"""Lab reports as patients get them (PDF and HTML), generated with known contents, for tests and the eval.

Each ``Document`` is one result set laid out one way (a table, prose, two columns, a multi-page
hereditary report, a lab web page), with the rows a perfect reader would find. Every document also
carries the noise real reports have: the patient's details, the list of genes tested, limitations that
name alleles, page footers. reportlab is a development dependency: this module is imported only by the
extraction eval and the tests.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Table,
)

from bot.reports.extract.models import Candidate

Row = tuple[str, str, str]  # gene, diplotype, phenotype
Var = tuple[str, str, str, str, str, str]  # gene, hgvs, protein, zygosity, classification, condition


@dataclass(frozen=True)
class ResultSet:
    name: str
    pgx: tuple[Row, ...]
    variants: tuple[Var, ...] = ()


RESULT_SETS = (
    ResultSet("a", (("CYP2C19", "*1/*17", "Rapid Metabolizer"), ("CYP2D6", "*1/*4", "Intermediate Metabolizer"),
                    ("SLCO1B1", "*1/*5", "Decreased Function"), ("VKORC1", "rs9923231 C/T", "-1639 AG"),
                    ("HLA-B", "", "*57:01 negative"))),
    ResultSet("b", (("CYP2C9", "*1/*3", "Intermediate Metabolizer"),
                    ("DPYD", "c.1905+1G>A/Reference", "Intermediate Metabolizer"),
                    ("TPMT", "*1/*3A", "Intermediate Metabolizer"), ("HLA-A", "", "*31:01 positive"),
                    ("CYP3A5", "*3/*3", "Poor Metabolizer")),
              (("BRCA1", "c.68_69delAG", "p.Glu23fs", "heterozygous", "Pathogenic",
                "Hereditary breast and ovarian cancer"),)),
    ResultSet("c", (("CYP2C19", "*2/*2", "Poor Metabolizer"), ("NUDT15", "*1/*3", "Intermediate Metabolizer"),
                    ("UGT1A1", "*28/*28", "Poor Metabolizer")),
              (("MLH1", "c.1852_1854delAAG", "p.Lys618del", "heterozygous", "Likely pathogenic", "Lynch syndrome"),
               ("CHEK2", "c.1100delC", "p.Thr367fs", "heterozygous", "Pathogenic", "Hereditary breast cancer"))),
)

_STYLES = getSampleStyleSheet()
_HEADER = ["Patient: Dana Example    Date of birth: 1980-01-01    Sample ID: 12345-AB",
           "Genes tested: CYP2C19, CYP2C9, CYP2D6, CYP3A5, DPYD, TPMT, NUDT15, UGT1A1, SLCO1B1, VKORC1, "
           "HLA-A, HLA-B, BRCA1, MLH1, CHEK2."]
_LIMITS = ("Limitations: this test does not find every allele. CYP2D6 gene copies and rare alleles such as *5 "
           "may be missed. Results should be read by a health professional.")
_FILLER = ("Pharmacogenomics looks at how your genes change the way your body handles some medicines. "
           "This report lists the results of your test. Share it with your care team.")


@dataclass(frozen=True)
class Document:
    name: str
    layout: str
    format: str  # pdf | html
    data: bytes
    expected: tuple[Candidate, ...]


def expected_rows(results: ResultSet, pages: dict[str, int] | None = None) -> tuple[Candidate, ...]:
    """The rows a perfect reader finds; ``pages`` gives each gene's page (default page 1, None for HTML)."""
    pages = pages or {}
    out = [Candidate(gene=g, diplotype=d or None, phenotype=p, page=pages.get(g, 1)) for g, d, p in results.pgx]
    out += [Candidate(kind="variant", gene=g, hgvs=h, protein=pr, zygosity=z, classification=c, condition=cond,
                      page=pages.get(g, 1)) for g, h, pr, z, c, cond in results.variants]
    return tuple(out)


def _para(text: str, style: str = "Normal") -> Paragraph:
    return Paragraph(html.escape(text), _STYLES[style])


def _build(flow: list, *, two_columns: bool = False) -> bytes:
    buf = io.BytesIO()
    if two_columns:
        doc = BaseDocTemplate(buf, pagesize=letter)
        width, height = letter
        frames = [Frame(36, 36, width / 2 - 54, height - 72, id="left"),
                  Frame(width / 2 + 18, 36, width / 2 - 54, height - 72, id="right")]
        doc.addPageTemplates([PageTemplate(frames=frames, onPage=_footer)])
    else:
        doc = SimpleDocTemplate(buf, pagesize=letter)
    doc.build(flow, onFirstPage=_footer, onLaterPages=_footer) if not two_columns else doc.build(flow)
    return buf.getvalue()


def _footer(canvas, doc) -> None:  # noqa: ANN001 - reportlab callback
    canvas.setFont("Helvetica", 8)
    canvas.drawString(36, 20, f"Example Lab - Page {doc.page}")


def _head() -> list:
    return [_para("Pharmacogenomic and genetic test report", "Title"), *(_para(t) for t in _HEADER)]


def _variant_table(results: ResultSet) -> list:
    if not results.variants:
        return []
    rows = [["Gene", "Variant", "Protein", "Zygosity", "Classification", "Condition"]]
    rows += [[g, h, p, z.capitalize(), c, cond] for g, h, p, z, c, cond in results.variants]
    return [_para("Hereditary findings", "Heading2"), Table(rows)]


def table_layout(results: ResultSet) -> Document:
    rows = [["Gene", "Genotype", "Phenotype"]] + [[g, d or "-", p] for g, d, p in results.pgx]
    flow = [*_head(), _para("Results", "Heading2"), Table(rows), *_variant_table(results), _para(_LIMITS)]
    return Document(f"table-{results.name}", "table", "pdf", _build(flow), expected_rows(results))


def _sentence(gene: str, diplotype: str, phenotype: str) -> str:
    if gene.startswith("HLA-"):
        allele, status = phenotype.split()
        return f"{gene}: the test looked for {gene}{allele}. Result: {allele} {status}."
    if diplotype.startswith("rs"):
        rsid, genotype = diplotype.split()
        return f"{gene}: Your {rsid} genotype is {genotype}. This is the {phenotype} result."
    return f"{gene}: Your genotype is {diplotype}. This result means you are a {phenotype}."


def _variant_sentence(g: str, h: str, p: str, z: str, c: str, cond: str) -> str:
    return (f"We found a {z} {c.lower()} variant in the {g} gene: {h} ({p}). "
            f"This variant is associated with {cond}.")


def prose_layout(results: ResultSet) -> Document:
    flow = [*_head(), _para(_FILLER), *(_para(_sentence(*row)) for row in results.pgx),
            *(_para(_variant_sentence(*v)) for v in results.variants), _para(_LIMITS)]
    return Document(f"prose-{results.name}", "prose", "pdf", _build(flow), expected_rows(results))


def two_column_layout(results: ResultSet) -> Document:
    # Enough general text first that the results flow from the left column into the right one.
    flow = [*_head(), *(_para(_FILLER) for _ in range(14)),
            *(_para(f"{g} result: {d or 'not tested'}. Phenotype: {p}.") for g, d, p in results.pgx),
            *(_para(_variant_sentence(*v)) for v in results.variants), _para(_LIMITS)]
    return Document(f"two-column-{results.name}", "two-column", "pdf", _build(flow, two_columns=True),
                    expected_rows(results))


def hereditary_layout(results: ResultSet) -> Document:
    """Several pages: the gene results split over pages 1 and 2, then one page per variant, labelled."""
    half = (len(results.pgx) + 1) // 2
    pages: dict[str, int] = {}
    flow: list = [*_head()]
    for number, chunk in ((1, results.pgx[:half]), (2, results.pgx[half:])):
        flow.append(Table([["Gene", "Genotype", "Phenotype"]] + [[g, d or "-", p] for g, d, p in chunk]))
        flow.append(PageBreak())
        pages.update({g: number for g, _, _ in chunk})
    for number, (g, h, p, z, c, cond) in enumerate(results.variants, start=3):
        flow += [_para("Hereditary finding", "Heading2"), _para(f"Gene: {g}"),
                 _para(f"Variant: NM_000000.1:{h}"), _para(f"Protein change: {p}"),
                 _para(f"Zygosity: {z.capitalize()}"), _para(f"Classification: {c}"), _para(f"Condition: {cond}"),
                 PageBreak()]
        pages[g] = number
    flow.append(_para(_LIMITS))
    return Document(f"hereditary-{results.name}", "multi-page hereditary", "pdf", _build(flow),
                    expected_rows(results, pages))


def html_layout(results: ResultSet) -> Document:
    """A lab's web page: header, a results table, a variants table, limitations."""
    esc = html.escape
    pgx = "".join(f"<tr><td>{esc(g)}</td><td>{esc(d or '-')}</td><td>{esc(p)}</td></tr>" for g, d, p in results.pgx)
    var = "".join("<tr>" + "".join(f"<td>{esc(x)}</td>" for x in (g, h, p, z, c, cond)) + "</tr>"
                  for g, h, p, z, c, cond in results.variants)
    page = (f"<!DOCTYPE html><html><head><title>Lab report</title><style>td{{padding:4px}}</style>"
            f"<script>var gene='CYP2D6 *4/*4 Poor Metabolizer';</script></head><body>"
            f"<h1>Genetic test report</h1>{''.join(f'<p>{esc(t)}</p>' for t in _HEADER)}"
            f"<h2>Results</h2><table><tr><th>Gene</th><th>Genotype</th><th>Phenotype</th></tr>{pgx}</table>"
            + (f"<h2>Hereditary findings</h2><table><tr><th>Gene</th><th>Variant</th><th>Protein</th>"
               f"<th>Zygosity</th><th>Classification</th><th>Condition</th></tr>{var}</table>" if var else "")
            + f"<p>{esc(_LIMITS)}</p></body></html>")
    expected = tuple(r.model_copy(update={"page": None}) for r in expected_rows(results))
    return Document(f"html-{results.name}", "lab web page", "html", page.encode(), expected)


LAYOUTS: tuple[Callable[[ResultSet], Document], ...] = (
    table_layout, prose_layout, two_column_layout, hereditary_layout, html_layout)


def generated_documents() -> list[Document]:
    """Every result set in every layout."""
    return [layout(results) for results in RESULT_SETS for layout in LAYOUTS]


def scanned_pdf() -> bytes:
    """A PDF whose one page is a picture of a report (as a scanner makes), with no text in it."""
    from PIL import Image, ImageDraw  # Pillow comes with reportlab
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("RGB", (850, 1100), "white")
    ImageDraw.Draw(image).text((60, 80), "CYP2C19 *2/*2 Poor Metabolizer", fill="black")
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=letter)
    pdf.drawImage(ImageReader(image), 0, 0, width=letter[0], height=letter[1])
    pdf.showPage()
    pdf.save()
    return buf.getvalue()
