"""Plain-text rendering of an engine reply for the command line (`genechat ask`)."""

from __future__ import annotations

import json

from bot.core.reply import Reply


def render_reply(reply: Reply, *, trace: bool = True) -> str:
    """The reply as a patient sees it, then action, reason, citations, escalation and (optionally) the trace."""
    lines = [reply.text, "", f"action: {reply.action}   reason: {reply.reason}   composer: {reply.composer}"
             + (f"   prompt: {reply.prompt_version}" if reply.prompt_version else "")]
    if reply.escalation is not None:
        lines.append(f"escalation: {reply.escalation.priority} ({reply.escalation.summary})")
    if reply.citations:
        lines.append("citations:")
        for c in reply.citations:
            lines.append(f"  - [{c.doc_id}] {c.title}  {', '.join(c.source_urls[:2])}")
    if reply.report_facts:
        lines.append("report facts: " + "; ".join(
            " ".join(x for x in [f.gene, f.diplotype or f.hgvs, f.phenotype or f.classification] if x)
            for f in reply.report_facts))
    if trace:
        lines.append("trace:")
        for step in reply.trace:
            lines.append(f"  {step.step}: {step.outcome}")
            if step.step in ("compose",) and "sources" in step.detail:
                for item in step.detail["sources"]:
                    lines.append(f"      <{item['source']}> {item['sentence'][:90]}")
            else:
                lines.append(f"      {json.dumps(step.detail, default=str)[:300]}")
    return "\n".join(lines)
