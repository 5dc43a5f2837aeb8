"""Load knowledge-base markdown files (YAML front matter + `##` sections) into validated documents.

English documents sit at the top of the KB folder; a translation sits in the folder named for its language,
under its English source's file name, with the language appended to the id (``layout_problems``):
``knowledge_base/es/gene-cyp2c19.md`` holds ``id: gene-cyp2c19-es``, ``language: es``,
``translation_of: gene-cyp2c19``. Ids stay unique across languages (approvals and chunk ids are keyed by id).

>>> from pathlib import Path; import tempfile
>>> p = Path(tempfile.mkdtemp()) / "x.md"
>>> _ = p.write_text("---\\nid: demo-doc\\ntitle: Demo\\naudience: patient\\nsources: [https://medlineplus.gov]\\n"
...                  "reviewed_by: A\\nreviewed_on: 2026-01-01\\n---\\nIntro.\\n\\n## Part one\\nText one.\\n")
>>> [c.section for c in chunk_document(load_document(p))]
['Overview', 'Part one']
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from bot.core.languages import DEFAULT_LANGUAGE
from bot.errors import KnowledgeBaseError
from bot.knowledge.models import Chunk, Document, FrontMatter, Section

_HEADING = re.compile(r"^##\s+(.+?)\s*$")


def split_front_matter(raw: str, path: Path) -> tuple[dict, str, int]:
    """Return (front matter dict, body, line number where the body starts)."""
    lines = raw.splitlines()
    if not lines or lines[0].strip() != "---":
        raise KnowledgeBaseError(f"{path}:1: no front matter: the file must start with a '---' line")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise KnowledgeBaseError(f"{path}:1: front matter is not closed by a '---' line") from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{path}:2: front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise KnowledgeBaseError(f"{path}:2: front matter must be a YAML mapping")
    return meta, "\n".join(lines[end + 1 :]), end + 2


def load_document(path: Path) -> Document:
    raw = path.read_text(encoding="utf-8")
    meta_dict, body, body_line = split_front_matter(raw, path)
    try:
        meta = FrontMatter.model_validate(meta_dict)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'front matter'}: {e['msg']}" for e in exc.errors())
        raise KnowledgeBaseError(f"{path}:2: invalid front matter: {problems}") from None
    return Document(meta=meta, path=path, body=body, sections=_sections(body, body_line))


def _sections(body: str, first_line: int) -> list[Section]:
    sections: list[Section] = []
    heading, start, buf = "Overview", first_line, []
    for offset, line in enumerate(body.splitlines()):
        match = _HEADING.match(line)
        if match:
            if " ".join(buf).strip():
                sections.append(Section(heading=heading, text="\n".join(buf).strip(), line=start))
            heading, start, buf = match.group(1), first_line + offset, []
        else:
            buf.append(line)
    if " ".join(buf).strip():
        sections.append(Section(heading=heading, text="\n".join(buf).strip(), line=start))
    return sections


def kb_paths(kb_dir: Path) -> list[Path]:
    """The document files: ``*.md`` at the top (English) and in each language folder, README.md excluded."""
    if not kb_dir.is_dir():
        raise KnowledgeBaseError(f"Knowledge-base folder {kb_dir} does not exist; set GENECHAT_KB_DIR.")
    paths = [*sorted(kb_dir.glob("*.md")), *sorted(kb_dir.glob("*/*.md"))]
    return [p for p in paths if p.name.lower() != "readme.md"]


def layout_problems(path: Path, meta: FrontMatter, kb_dir: Path) -> list[str]:
    """Where a document sits must agree with its language: the language label decides which patients see
    the text, so a Spanish file filed as English (or the reverse) is refused, not indexed.

    >>> kb = Path("/kb")
    >>> es = FrontMatter(id="gene-x-es", language="es", translation_of="gene-x", title="Gen X", audience="patient",
    ...                  sources=["https://medlineplus.gov"], reviewed_by="A", reviewed_on="2026-01-01")
    >>> layout_problems(kb / "es" / "gene-x.md", es, kb)
    []
    >>> layout_problems(kb / "gene-x.md", es, kb)
    ["language 'es' but the file is not in the es/ folder (translations live in knowledge_base/<language>/)"]
    """
    folder = path.parent.name if path.parent != kb_dir else None
    if meta.language == DEFAULT_LANGUAGE:
        if folder is not None:
            return [f"an English document must sit at the top of the KB folder, not in {folder}/ "
                    "(or set its language)"]
        return []
    if folder != meta.language:
        return [f"language {meta.language!r} but the file is not in the {meta.language}/ folder "
                "(translations live in knowledge_base/<language>/)"]
    problems = []
    if path.stem != meta.translation_of:
        problems.append(f"a translation is named after its English source: expected {meta.translation_of}.md")
    if meta.id != f"{meta.translation_of}-{meta.language}":
        problems.append(f"a translation's id is its source's id and language: expected "
                        f"{meta.translation_of}-{meta.language!s}")
    return problems


def load_kb(kb_dir: Path) -> list[Document]:
    """Every document (``kb_paths``), sorted by id; duplicate ids and misfiled translations refused."""
    docs = [load_document(p) for p in kb_paths(kb_dir)]
    for doc in docs:
        problems = layout_problems(doc.path, doc.meta, kb_dir)
        if problems:
            raise KnowledgeBaseError(f"{doc.path}:2: {'; '.join(problems)}")
    seen: dict[str, Path] = {}
    for doc in docs:
        if doc.id in seen:
            raise KnowledgeBaseError(f"{doc.path}:2: duplicate id {doc.id!r} (also in {seen[doc.id]})")
        seen[doc.id] = doc.path
    return sorted(docs, key=lambda d: d.id)


def chunk_document(doc: Document) -> list[Chunk]:
    return [
        Chunk(
            chunk_id=f"{doc.id}#{i}",
            doc_id=doc.id,
            title=doc.meta.title,
            section=s.heading,
            text=" ".join(s.text.split()),
            genes=doc.meta.genes,
            drugs=doc.meta.drugs,
            conditions=doc.meta.conditions,
            source_urls=doc.meta.sources,
            language=doc.meta.language,
        )
        for i, s in enumerate(doc.sections)
    ]
