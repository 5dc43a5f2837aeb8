"""Typed text as stored: no control characters and no bidi overrides, but everything languages need.

Removed: C0/C1 controls other than tab and newline (CR LF becomes LF), the bidi embeddings, overrides and
isolates (U+202A-202E, U+2066-2069: they reorder what a counselor reads, "Trojan Source"), the BOM /
zero-width no-break space, interlinear annotation marks, and the invisible "tag" characters (U+E0000-E007F,
used to smuggle hidden instructions). Kept: ZWJ and ZWNJ (Persian, Indic scripts, emoji sequences),
LRM/RLM/ALM (plain direction marks that cannot reorder a whole line), ZWSP (word breaks in Thai, Khmer).

>>> plain_text("pay \\u202eevil\\u202c now\\x07\\r\\nok")
'pay evil now\\nok'
>>> plain_text("می\\u200cخواهم") == "می\\u200cخواهم"   # ZWNJ stays: Persian needs it
True
>>> plain_text("hi\\U000e0041\\U000e0042")
'hi'
"""

from __future__ import annotations

import re

_DROP = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (less tab, newline) and C1 controls; CR is turned into LF first
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides, isolates
    "\ufeff\ufff9-\ufffb"  # BOM / ZWNBSP, interlinear annotations
    "\U000e0000-\U000e007f]"  # tag characters
)


def plain_text(value: str) -> str:
    """``value`` without control, bidi-override and invisible tag characters (see the module doc)."""
    return _DROP.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
