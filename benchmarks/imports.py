"""What a server process imports before it can answer: `python -X importtime`, biggest packages first."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

MODULES = ("bot.cli", "bot.api.app", "bot.conversation.engine")


def import_times(modules: tuple[str, ...] = MODULES, top: int = 12) -> dict[str, Any]:
    """Import time (ms, cumulative) of ``modules`` and of each package they import directly."""
    code = "; ".join(f"import {m}" for m in modules)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                          env=env, timeout=120)
    by_package: dict[str, float] = {}
    total = 0.0
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, raw_name = line.split(":", 1)[1].split("|")
        cumulative = cumulative.strip()
        if not cumulative.isdigit():
            continue
        depth = (len(raw_name) - len(raw_name.lstrip()) - 1) // 2  # one space after "|", then 2 per level
        name = raw_name.strip()
        if depth <= 1:  # our modules and what they import directly (cumulative: includes their own imports)
            ms = int(cumulative) / 1000
            total += ms if depth == 0 else 0.0
            if depth == 1 or name in modules:
                by_package[name] = by_package.get(name, 0.0) + ms
    ranked = sorted(by_package.items(), key=lambda kv: kv[1], reverse=True)[:top]
    return {"modules": list(modules), "total_ms": round(total, 1),
            "top_level_ms": [{"module": m, "ms": round(ms, 1)} for m, ms in ranked]}
