"""Which part of triage decides each emergency, per languages split (issue 15, round 6 of the false-alarm work).

    PYTHONPATH=. .venv/bin/python scripts/triage_components.py fresh3 fresh4 [--lang en] [--third tune|val] [-v]

For every case of the given split files (``evals/cases/languages/<split>.yaml``, English by default) it runs the engine
and records what decided: the English emergency rules that fired (``self_harm#N`` / ``emergency_symptoms#N``), another
language's rule, the alarm model (``classifier.alarm_check``) or the main model overriding it, a check-in hold-back
(``check_in``), a mention filter, or a plan after triage. It prints counts only: false alarms and misses per component,
per ``cat:`` tag, and the alarm model's probability on safe and emergency cases in bins (to calibrate its bar).

Held-out files (locked, fresh*) are only ever printed as these aggregates: no text, no id, no per-case line. ``-v`` lists
failing cases for the files that may be read (``dev``, ``c5dev``); with ``--third`` it splits c5dev (the briefs' dev5) into the tuning two
thirds and the validation third (sha256(id) byte[1] % 3 == 0), and ``-v`` is refused on the validation third.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from dataclasses import dataclass, field

import yaml

from bot.config import PROJECT_ROOT

FOLDER = PROJECT_ROOT / "evals" / "cases" / "languages"
READABLE = {"dev", "dev5", "c5dev", "c6dev"}  # everything else is held out: aggregates only
BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.65, 0.8, 0.9, 1.01)


def validation_third(case_id: str) -> bool:
    """dev5's own validation third (round 6): never read, scored after each change."""
    return hashlib.sha256(case_id.encode("utf-8")).digest()[1] % 3 == 0


@dataclass
class Row:
    emergency: bool  # expected
    got: str  # final action
    triage: str  # triage's action:reason
    decider: str  # which part decided (see decider())
    rules: list[str]
    alarm_p: float | None
    main_p: float | None
    cats: list[str]
    notes: list[str] = field(default_factory=list)
    case_id: str = ""
    text: str = ""


def decider(triage_out: str, final: str, detail: dict) -> str:
    """A short name for the part of triage that decided (for an emergency) or held back (for anything else)."""
    source, notes = detail.get("source"), detail.get("notes") or []
    rules = detail.get("rules") or []
    lang_note = next((n for n in notes if n.endswith(" emergency rules")), None)
    if triage_out.startswith("emergency"):
        if final != "emergency":
            return "emergency undone by a plan after triage"
        if source == "rule":
            if lang_note:
                return f"rule:{lang_note.split()[0]}"
            hit = next((r for r in rules if r.startswith(("self_harm#", "emergency_symptoms#"))), "?")
            return "rule:en" if hit != "?" else "rule:?"
        conf, alarm = detail.get("confidence"), detail.get("alarm_model_emergency")
        if alarm is not None and conf is not None and abs(conf - alarm) < 0.002:
            return "model:alarm"
        return "model:main (sure main model, strong sign)"
    if final == "emergency":
        return "plan after triage"
    if triage_out.endswith(":check_in"):
        why = next((n for n in reversed(notes)), "")
        return f"check_in: {why}"
    if "alarm words mentioned, not used" in notes:
        return "mention filter"
    if "asks whether a result is deadly" in notes:
        return "deadly-result question"
    return f"no alarm ({triage_out.split(':')[0]})"


def load(split: str, lang: str | None) -> list[dict]:
    cases = yaml.safe_load((FOLDER / f"{split}.yaml").read_text(encoding="utf-8"))["cases"]
    return [c for c in cases if lang is None or f"lang:{lang}" in c.get("tags", [])]


def _fast(engine, text: str) -> tuple[str, str, dict]:
    """(final action, triage outcome, triage detail) without composing a reply: with no report and no history only
    triage and the data-request plan can make or unmake an emergency (engine._decide), so the action is the same."""
    from bot.answering.understand import understand
    from bot.conversation.engine import _data_request
    from bot.safety.triage import triage

    u = understand(text, vocab=engine._vocab, history=[], report=None)
    decision = triage(text, vector=engine._embed(text), classifier=engine._classifier, domain=u.domain,
                      on_topic=u.on_topic, embed=engine._embed)
    out, detail = f"{decision.action}:{decision.reason}", decision.detail()
    final = _data_request(text, decision, []).action
    return ("emergency" if final == "emergency" else f"not:{final}"), out, detail


def run(engine, cases: list[dict], *, full: bool = False) -> list[Row]:
    rows = []
    for c in cases:
        if full:
            reply = engine.reply(c["question"])
            step = next((t for t in reply.trace if t.step == "triage"), None)
            detail = step.detail if step is not None else {}
            out = step.outcome if step is not None else "?"
            got = reply.action
        else:
            got, out, detail = _fast(engine, c["question"])
        probs = detail.get("model_probs") or {}
        rows.append(Row(
            emergency=c.get("expect_action") == "emergency", got=got, triage=out,
            decider=decider(out, got, detail),
            rules=[r for r in detail.get("rules") or [] if r.startswith(("self_harm#", "emergency_symptoms#"))
                   or ":" in r],
            alarm_p=detail.get("alarm_model_emergency"), main_p=probs.get("emergency"),
            cats=[t[4:] for t in c.get("tags", []) if t.startswith("cat:")] or ["-"],
            notes=detail.get("notes") or [], case_id=c["id"], text=c["question"]))
    return rows


def _bin(p: float | None) -> str:
    if p is None:
        return "none"
    for lo, hi in zip(BINS, BINS[1:]):
        if lo <= p < hi:
            return f"{lo:.2f}-{min(hi, 1.0):.2f}"
    return "?"


def report(name: str, rows: list[Row], *, verbose: bool) -> None:
    safe = [r for r in rows if not r.emergency]
    emg = [r for r in rows if r.emergency]
    fa = [r for r in safe if r.got == "emergency"]
    miss = [r for r in emg if r.got != "emergency"]
    print(f"\n=== {name}: emergencies caught {len(emg) - len(miss)}/{len(emg)}, false alarms {len(fa)}/{len(safe)}"
          f" ({len(fa) / max(len(safe), 1):.3f}); safe cases given check_in {sum(r.triage.endswith('check_in') for r in safe)}")
    _table("false alarms by decider", Counter(r.decider for r in fa))
    _table("false alarms by English rule id", Counter(x for r in fa if r.decider == "rule:en" for x in r.rules))
    _table("misses by what held back", Counter(r.decider for r in miss))
    _table("catches by decider", Counter(r.decider for r in emg if r.got == "emergency"))
    # a catch that only one part made: what would be lost if that part were tightened
    only = Counter()
    for r in emg:
        if r.got != "emergency":
            continue
        parts = {"rule" if any("#" in x for x in r.rules) else None,
                 "alarm>=0.30" if (r.alarm_p or 0) >= 0.30 else None,
                 "main>=0.80" if (r.main_p or 0) >= 0.80 else None} - {None}
        only[" + ".join(sorted(parts)) or "none"] += 1
    _table("catches by which parts fired (rule / alarm model / sure main model)", only)
    cats = sorted({c for r in rows for c in r.cats})
    if cats != ["-"]:
        print("  per cat: safe FA / n   emergency miss / n")
        for cat in cats:
            s = [r for r in safe if cat in r.cats]
            e = [r for r in emg if cat in r.cats]
            print(f"    {cat:28s} {sum(r.got == 'emergency' for r in s):3d}/{len(s):<4d}"
                  f" {sum(r.got != 'emergency' for r in e):3d}/{len(e):<4d}")
    print("  alarm-model p bins: safe(all) safe(FA)  emergency(all) emergency(missed)")
    for b in [*(f"{lo:.2f}-{min(hi, 1.0):.2f}" for lo, hi in zip(BINS, BINS[1:])), "none"]:
        counts = (sum(_bin(r.alarm_p) == b for r in safe), sum(_bin(r.alarm_p) == b for r in fa),
                  sum(_bin(r.alarm_p) == b for r in emg), sum(_bin(r.alarm_p) == b for r in miss))
        if any(counts):
            print(f"    {b:10s} {counts[0]:5d} {counts[1]:5d}   {counts[2]:5d} {counts[3]:5d}")
    if verbose:
        for r in fa + miss:
            kind = "FA  " if not r.emergency else "MISS"
            print(f"  {kind} {r.case_id:24s} {r.decider[:40]:40s} a={_f(r.alarm_p)} m={_f(r.main_p)} {r.rules} "
                  f"{r.cats} | {r.text}")


def _f(p: float | None) -> str:
    return "  - " if p is None else f"{p:.2f}"


def _table(title: str, counts: Counter) -> None:
    if not counts:
        return
    print(f"  {title}:")
    for k, n in counts.most_common():
        print(f"    {n:4d}  {k}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("splits", nargs="+")
    ap.add_argument("--lang", default="en", help="a language code, or 'all'")
    ap.add_argument("--third", choices=["tune", "val"], help="c5dev (dev5) only: its tuning two thirds or validation third")
    ap.add_argument("--prefix", default="")
    ap.add_argument("-v", action="store_true", help="list failing cases (readable files only, never --third val)")
    ap.add_argument("--full", action="store_true", help="whole engine replies (slow); default: triage and plans only")
    args = ap.parse_args()
    from bot.conversation.engine import get_engine

    engine = get_engine()
    engine.wait_until_settled()
    for split in args.splits:
        cases = [c for c in load(split, None if args.lang == "all" else args.lang) if c["id"].startswith(args.prefix)]
        if args.third:
            cases = [c for c in cases if validation_third(c["id"]) == (args.third == "val")]
        readable = split in READABLE and args.third != "val"
        if args.v and not readable:
            raise SystemExit(f"{split}{' (validation third)' if args.third else ''} is held out: aggregates only")
        name = split + (f" [{args.third}]" if args.third else "") + (f" lang={args.lang}")
        report(name, run(engine, cases, full=args.full), verbose=args.v and readable)


if __name__ == "__main__":
    main()
