"""Loading, validating, chunking and approving knowledge-base documents."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.errors import KnowledgeBaseError
from bot.knowledge.approval import approve, is_approved, load_approvals, require_approved
from bot.knowledge.loader import chunk_document, load_document, load_kb

FIXTURE_KB = Path(__file__).parent.parent / "fixtures" / "kb"


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, target)
    return target


def test_front_matter_lists_are_normalized(kb: Path) -> None:
    doc = load_document(kb / "drug-clopidogrel.md")
    assert doc.meta.genes == ["CYP2C19"]
    assert doc.meta.drugs == ["clopidogrel"]
    assert doc.meta.brand_names == ["Plavix"]


def test_document_is_split_into_intro_and_h2_sections_with_line_numbers(kb: Path) -> None:
    doc = load_document(kb / "metabolizer-terms.md")
    assert [s.heading for s in doc.sections] == ["Overview", "Poor metabolizer", "Ultrarapid metabolizer"]
    lines = (kb / "metabolizer-terms.md").read_text().splitlines()
    assert lines[doc.sections[1].line - 1] == "## Poor metabolizer"


def test_chunks_carry_doc_title_and_metadata(kb: Path) -> None:
    chunks = chunk_document(load_document(kb / "drug-clopidogrel.md"))
    assert [c.chunk_id for c in chunks] == ["drug-clopidogrel#0", "drug-clopidogrel#1"]
    assert all(c.title == "Clopidogrel (Plavix) and your genes" and c.genes == ["CYP2C19"] for c in chunks)
    assert chunks[1].embed_text.startswith("Clopidogrel (Plavix) and your genes. How CYP2C19 changes clopidogrel.")


@pytest.mark.parametrize(
    ("front", "problem"),
    [
        ("title: No id\naudience: patient\nsources: [https://x.org]\nreviewed_by: A\nreviewed_on: 2026-01-01", "id"),
        ("id: no-sources\ntitle: T\naudience: patient\nsources: []\nreviewed_by: A\nreviewed_on: 2026-01-01", "sources"),
        ("id: bad-url\ntitle: T\naudience: patient\nsources: [not a url]\nreviewed_by: A\nreviewed_on: 2026-01-01", "sources"),
        ("id: wrong-aud\ntitle: T\naudience: clinician\nsources: [https://x.org]\nreviewed_by: A\nreviewed_on: 2026-01-01", "audience"),
        ("id: Bad Id\ntitle: T\naudience: patient\nsources: [https://x.org]\nreviewed_by: A\nreviewed_on: 2026-01-01", "id"),
    ],
)
def test_invalid_front_matter_names_file_line_and_field(tmp_path: Path, front: str, problem: str) -> None:
    path = tmp_path / "doc.md"
    path.write_text(f"---\n{front}\n---\nBody.\n")
    with pytest.raises(KnowledgeBaseError) as err:
        load_document(path)
    assert f"{path}:2" in str(err.value) and problem in str(err.value)


def test_missing_front_matter_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("# Just a heading\n")
    with pytest.raises(KnowledgeBaseError, match="no front matter"):
        load_document(path)


def test_duplicate_ids_are_refused(kb: Path) -> None:
    shutil.copy(kb / "gene-vkorc1.md", kb / "copy-of-vkorc1.md")
    with pytest.raises(KnowledgeBaseError, match="duplicate id 'gene-vkorc1'"):
        load_kb(kb)


def test_approval_records_hash_and_editing_unapproves(kb: Path) -> None:
    doc = load_document(kb / "gina-insurance.md")
    approve(kb, doc, "Dr. Reviewer")
    assert is_approved(doc, load_approvals(kb))
    assert load_approvals(kb)["gina-insurance"].reviewer == "Dr. Reviewer"
    path = kb / "gina-insurance.md"
    path.write_text(path.read_text() + "\nOne more sentence.\n")
    assert not is_approved(load_document(path), load_approvals(kb))


def test_require_approved_names_every_unapproved_doc(kb: Path) -> None:
    docs = load_kb(kb)
    approve(kb, docs[0], "Dr. Reviewer")
    with pytest.raises(KnowledgeBaseError) as err:
        require_approved(docs, kb)
    message = str(err.value)
    assert docs[0].id not in message.split("approved in their current form:")[1]
    for doc in docs[1:]:
        assert doc.id in message
