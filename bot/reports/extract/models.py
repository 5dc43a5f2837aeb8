"""What extraction reads from a PDF or HTML report: candidate rows, each with where it was found.

Nothing here is a result yet. A candidate becomes part of the report only when the patient confirms it
(``bot.reports.extract.confirm``), and the confirmed rows carry that origin.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Short = Annotated[str, Field(max_length=120)]
Long = Annotated[str, Field(max_length=200)]
RowKind = Literal["pgx", "variant"]
DocumentFormat = Literal["pdf", "html"]


class Candidate(BaseModel):
    """One result read from the file (a gene result or a hereditary variant), as the patient may edit it."""

    model_config = ConfigDict(extra="forbid")

    kind: RowKind = "pgx"
    gene: Short
    diplotype: Short | None = Field(None, description="Star-allele diplotype or rs genotype, e.g. '*1/*17'.")
    phenotype: Long | None = Field(None, description="The phenotype or HLA carrier status as the report words it.")
    hgvs: Short | None = None
    protein: Short | None = None
    zygosity: Short | None = None
    classification: Short | None = None
    condition: Long | None = None
    page: int | None = Field(None, ge=1, le=10_000, description="PDF page the row came from.")
    where: Short | None = Field(None, description="Where in the file, as a patient reads it: 'page 2'.")

    def key(self) -> tuple[str | None, ...]:
        """The row's content without where it was found (for de-duplication and scoring)."""
        return (self.kind, self.gene, self.diplotype, self.phenotype, self.hgvs, self.protein, self.zygosity,
                self.classification, self.condition)


class Extraction(BaseModel):
    """Everything read from one file: the candidate rows and the file's shape."""

    source_format: DocumentFormat
    pages: int = Field(description="PDF pages read (1 for HTML).")
    candidates: list[Candidate] = Field(default_factory=list)
