"""Quick numbers for the languages suite's DEV file while tuning other languages' rules (issue 15).

    PYTHONPATH=. .venv/bin/python scripts/measure_languages.py [--prefix dev5-] [-v]

Reads only evals/cases/languages/dev.yaml (the held-out files are scored by `genechat eval --suite languages`, never
read here), runs each case through the engine and prints, per language, emergency recall and false alarms, with
the dev failures (-v: the rule or model behind each). ``--prefix`` restricts to ids starting with it.
"""

from __future__ import annotations

import argparse
from collections import Counter

import yaml

from bot.config import PROJECT_ROOT

DEV = PROJECT_ROOT / "evals" / "cases" / "languages" / "dev.yaml"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefix", default="")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    from bot.conversation.engine import get_engine

    engine = get_engine()
    engine.wait_until_settled()
    cases = [c for c in yaml.safe_load(DEV.read_text(encoding="utf-8"))["cases"] if c["id"].startswith(args.prefix)]
    tot: Counter[tuple[str, str]] = Counter()
    ok: Counter[tuple[str, str]] = Counter()
    fails = []
    for c in cases:
        lang = next(t[5:] for t in c["tags"] if t.startswith("lang:"))
        emg = c.get("expect_action") == "emergency"
        reply = engine.reply(c["question"])
        kind = "emg" if emg else "safe"
        tot[(lang, kind)] += 1
        good = (reply.action == "emergency") == emg and (not emg or all(
            m.lower() in reply.text.lower() for m in c.get("must_mention", [])))
        ok[(lang, kind)] += good
        if not good:
            d = reply.trace[0].detail if reply.trace else {}
            fails.append(f"{c['id']:22s} {reply.action:9s} {c['question']}" + (f"  <{d.get('source')} {d.get('rules')}>"
                                                                              if args.v else ""))
    for line in fails:
        print(line)
    print(f"{'lang':5s} {'recall':>12s} {'false alarms':>14s}")
    for lang in sorted({k[0] for k in tot}):
        e, s = (lang, "emg"), (lang, "safe")
        print(f"{lang:5s} {ok[e]:4d}/{tot[e]:<4d} {ok[e] / max(tot[e], 1):.2f} "
              f"{tot[s] - ok[s]:4d}/{tot[s]:<4d} {(tot[s] - ok[s]) / max(tot[s], 1):.3f}")


if __name__ == "__main__":
    main()
