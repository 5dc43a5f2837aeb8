"""Lint knowledge-base documents: front matter, reading grade, sources, dose-like text and advice;
for a translation also its place and that it matches its English source (``translation_findings``).

Every finding names the file and line so a writer can jump straight to it.

>>> from pathlib import Path; import tempfile
>>> kb = Path(tempfile.mkdtemp())
>>> _ = (kb / "x.md").write_text("no front matter here\\n")
>>> [f.rule for f in lint_kb(kb)]
['front-matter']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from bot.core.languages import DEFAULT_LANGUAGE
from bot.errors import KnowledgeBaseError
from bot.knowledge.loader import kb_paths, layout_problems, load_document, split_front_matter
from bot.knowledge.models import FrontMatter, Section
from bot.knowledge.textrules import advice_sentences, dose_matches, mentions, plain_text

MAX_GRADE = 8.0
# Reading-level rules exist per language. English: Flesch-Kincaid grade <= MAX_GRADE. Other languages have
# none yet: a Spanish measure (e.g. Fernández-Huerta or Szigriszt-Pazos, which textstat has, but only through
# its process-wide set_lang) and its limit are a later decision, made with the clinical reviewers.
GRADED_LANGUAGES = frozenset({DEFAULT_LANGUAGE})
# Below this many words the Flesch-Kincaid formula is too noisy to judge a section on its own.
MIN_WORDS_FOR_GRADE = 12


@dataclass(frozen=True)
class LintFinding:
    """One problem in one file, at one line."""

    file: Path
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: [{self.rule}] {self.message}"


def grade(markdown: str) -> float:
    """Flesch-Kincaid grade of the readable text of a markdown fragment."""
    # imported here: textstat is ~50 ms of every `genechat` start (the server's included), and only linting and
    # the reading grade (bot/safety/readability.py, loaded after the server is ready) use it
    import textstat

    text = plain_text(markdown)
    return float(textstat.flesch_kincaid_grade(text)) if text.strip() else 0.0


def _meta_line(raw_lines: list[str], key: str) -> int:
    for i, line in enumerate(raw_lines, start=1):
        if line.startswith(f"{key}:"):
            return i
        if i > 1 and line.strip() == "---":
            break
    return 2


def _front_matter_findings(path: Path, raw: str) -> tuple[FrontMatter | None, int, list[LintFinding]]:
    try:
        meta, _body, body_line = split_front_matter(raw, path)
    except KnowledgeBaseError as exc:
        return None, 1, [LintFinding(path, 1, "front-matter", str(exc).split(": ", 1)[-1])]
    try:
        return FrontMatter.model_validate(meta), body_line, []
    except ValidationError as exc:
        lines, findings = raw.splitlines(), []
        for err in exc.errors():
            key = str(err["loc"][0]) if err["loc"] else ""
            rule = "no-sources" if key == "sources" else "front-matter"
            findings.append(LintFinding(path, _meta_line(lines, key), rule, f"{key or 'front matter'}: {err['msg']}"))
        return None, body_line, findings


def lint_file(path: Path, kb_dir: Path) -> tuple[str | None, list[LintFinding]]:
    """Lint one document of the KB in ``kb_dir`` (which tells whether it sits in a language folder); return
    its id (when readable) and its findings."""
    raw = path.read_text(encoding="utf-8")
    meta, body_line, findings = _front_matter_findings(path, raw)
    if meta is None:
        return None, findings
    doc, lines = load_document(path), raw.splitlines()
    english = meta.language == DEFAULT_LANGUAGE
    if english and meta.id != path.stem:
        findings.append(LintFinding(path, _meta_line(lines, "id"), "front-matter",
                                    f"id {meta.id!r} does not match the file name {path.name!r}"))
    for problem in layout_problems(path, meta, kb_dir):
        findings.append(LintFinding(path, _meta_line(lines, "language"), "translation", problem))
    if meta.language in GRADED_LANGUAGES:
        findings += _grade_findings(path, doc.body, doc.sections)
    for number, line in enumerate(lines[body_line - 1 :], start=body_line):
        for match in dose_matches(line):
            findings.append(LintFinding(path, number, "dose", f"dose-like text {match!r}: never give doses"))
        for sentence in advice_sentences(line):
            findings.append(LintFinding(path, number, "advice",
                                        f"start/stop/change advice {sentence!r}: say 'talk with your prescriber "
                                        "or pharmacist' instead"))
    text = doc.meta.title + "\n" + doc.body
    # medicine names are spelled the language's own way in a translation ("codeína"); gene symbols are not
    for term in [*meta.genes, *(meta.drugs if english else [])]:
        if not mentions(text, term):
            findings.append(LintFinding(path, _meta_line(lines, "genes" if term in meta.genes else "drugs"),
                                        "unmentioned-term", f"{term!r} is in the metadata but not in the text"))
    return meta.id, findings


def _grade_findings(path: Path, body: str, sections: list[Section]) -> list[LintFinding]:
    findings = []
    doc_grade = grade(body)
    if doc_grade > MAX_GRADE:
        findings.append(LintFinding(path, sections[0].line if sections else 1, "reading-grade",
                                    f"document reads at grade {doc_grade:.1f} (max {MAX_GRADE:g})"))
    for section in sections:
        words = len(plain_text(section.text).split())
        g = grade(section.text)
        if words >= MIN_WORDS_FOR_GRADE and g > MAX_GRADE:
            findings.append(LintFinding(path, section.line, "reading-grade",
                                        f"section {section.heading!r} reads at grade {g:.1f} (max {MAX_GRADE:g})"))
    return findings


def translation_findings(path: Path, meta: FrontMatter, english: dict[str, FrontMatter]) -> list[LintFinding]:
    """A translation must translate an English document that exists, and be about exactly what it is about:
    the same genes, medicines and conditions (these are what search filters and boosts on).

    ``english``: the English documents' front matter by id."""
    lines = path.read_text(encoding="utf-8").splitlines()
    source = english.get(meta.translation_of or "")
    if source is None:
        return [LintFinding(path, _meta_line(lines, "translation_of"), "translation",
                            f"translation_of {meta.translation_of!r} is not the id of an English document")]
    findings = []
    for key in ("genes", "drugs", "conditions"):
        mine, theirs = getattr(meta, key), getattr(source, key)
        if sorted(mine) != sorted(theirs):
            findings.append(LintFinding(path, _meta_line(lines, key), "translation",
                                        f"{key} {mine} differ from its source {source.id!r}: {theirs}"))
    return findings


def lint_kb(kb_dir: Path) -> list[LintFinding]:
    """Lint every document in ``kb_dir`` and its language folders (README.md excluded); also catch ids used
    twice and translations that do not match their English source."""
    findings: list[LintFinding] = []
    seen: dict[str, Path] = {}
    metas: dict[Path, FrontMatter] = {}
    for path in kb_paths(kb_dir):
        doc_id, file_findings = lint_file(path, kb_dir)
        findings.extend(file_findings)
        if doc_id is None:
            continue
        if doc_id in seen:
            findings.append(LintFinding(path, _meta_line(path.read_text(encoding="utf-8").splitlines(), "id"),
                                        "duplicate-id", f"id {doc_id!r} is also used by {seen[doc_id].name}"))
        else:
            seen[doc_id] = path
            metas[path] = load_document(path).meta
    english = {m.id: m for m in metas.values() if m.language == DEFAULT_LANGUAGE}
    for path, meta in metas.items():
        if meta.language != DEFAULT_LANGUAGE:
            findings += translation_findings(path, meta, english)
    return findings
