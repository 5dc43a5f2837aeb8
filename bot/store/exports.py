"""Files exported from patient data (e.g. `genechat eval export-feedback`) are kept under the data dir with a
manifest of which session each came from, so deleting a session also deletes what was exported from it.

>>> import tempfile, pathlib, yaml
>>> data = pathlib.Path(tempfile.mkdtemp())
>>> out = exports_dir(data, "feedback"); out.mkdir(parents=True)
>>> _ = (out / "r-1.json").write_text("{}")
>>> _ = (out / "cases.yaml").write_text("# keep me\\n" + yaml.safe_dump({"cases": [{"id": "c1"}, {"id": "c2"}]}))
>>> record_export(out, "s1", case_file="cases.yaml", case_ids=["c1"], files=["r-1.json"])
>>> erase_session_exports(data, "s1")
2
>>> (out / "r-1.json").exists(), yaml.safe_load((out / "cases.yaml").read_text())["cases"]
(False, [{'id': 'c2'}])
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import yaml

EXPORTS = "exports"
MANIFEST = "manifest.json"


def exports_dir(data_dir: Path, kind: str) -> Path:
    return data_dir / EXPORTS / kind


def private_write(path: Path, text: str) -> None:
    """Write a file readable by this user only (exports hold patient questions and results)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(path, 0o600)


def _manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def record_export(folder: Path, session_id: str, *, case_file: str, case_ids: Iterable[str],
                  files: Iterable[str]) -> None:
    """Note that ``files`` and the cases ``case_ids`` in ``case_file`` (all in ``folder``) came from a session."""
    manifest = _manifest(folder)
    entry = manifest.setdefault(session_id, {"case_file": case_file, "case_ids": [], "files": []})
    entry["case_ids"] = sorted({*entry["case_ids"], *case_ids})
    entry["files"] = sorted({*entry["files"], *files})
    private_write(folder / MANIFEST, json.dumps(manifest, indent=1))


def erase_session_exports(data_dir: Path, session_id: str) -> int:
    """Delete every exported file and case that came from ``session_id``; returns how many were removed."""
    removed = 0
    root = data_dir / EXPORTS
    for manifest_path in root.glob(f"*/{MANIFEST}") if root.is_dir() else []:
        folder = manifest_path.parent
        manifest = _manifest(folder)
        entry = manifest.pop(session_id, None)
        if entry is None:
            continue
        for name in entry["files"]:
            if (folder / name).exists():
                (folder / name).unlink()
                removed += 1
        case_path = folder / entry["case_file"]
        if case_path.exists() and entry["case_ids"]:
            text = case_path.read_text(encoding="utf-8")
            header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
            doc = yaml.safe_load(text) or {}
            drop = set(entry["case_ids"])
            kept = [c for c in doc.get("cases", []) if c.get("id") not in drop]
            removed += len(doc.get("cases", [])) - len(kept)
            private_write(case_path, header + yaml.safe_dump({"cases": kept}, sort_keys=False, allow_unicode=True))
        private_write(manifest_path, json.dumps(manifest, indent=1))
    return removed
