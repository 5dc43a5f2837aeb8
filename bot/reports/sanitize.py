"""Make any text from an uploaded report inert: plain text only, no markup, no control characters.

>>> clean_text('<b>Poor</b> metabolizer<script>alert(1)</script> &lt;i&gt;x&lt;/i&gt;')
'Poor metabolizer x'
>>> clean_text("c.1905+1G>A")
'c.1905+1G>A'
"""

from __future__ import annotations

import html
import re
from typing import Any

MAX_TEXT = 2000
_DROP_BLOCKS = re.compile(r"(?is)<(script|style|iframe|object|template)\b.*?(</\1\s*>|$)")
_TAG = re.compile(r"(?s)<\s*/?\s*[a-zA-Z!?][^<>]*>?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: str, *, limit: int = MAX_TEXT) -> str:
    """Strip HTML (incl. entity-encoded markup), control characters and extra whitespace."""
    text = value
    for _ in range(3):  # entity-encoded markup decodes into new tags: repeat until stable
        before = text
        text = _TAG.sub(" ", _DROP_BLOCKS.sub(" ", text))
        text = html.unescape(text)
        if text == before:
            break
    text = _TAG.sub(" ", _DROP_BLOCKS.sub(" ", text)).replace("<", " ")
    text = _CONTROL.sub("", text)
    text = " ".join(text.split())
    return text[:limit]


def clean_tree(value: Any) -> Any:
    """Apply ``clean_text`` to every string inside nested dicts and lists."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_tree(v) for v in value]
    if isinstance(value, dict):
        return {k: clean_tree(v) for k, v in value.items()}
    return value
