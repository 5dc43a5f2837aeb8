"""Quick engine accuracy checks while tuning (the release gate is `genechat eval`, not this).

    .venv/bin/python scripts/measure_engine.py triage        # hold-out triage accuracy and false alarms
    .venv/bin/python scripts/measure_engine.py cases [-v]    # evals/cases through the engine
    .venv/bin/python scripts/measure_engine.py languages [-v] # the languages DEV half only: recall and false alarms
    add --all-docs to index every KB doc in memory, approved or not (development only)

A development tool kept out of the installed product; it needs a checkout (evals/ and the KB).
"""

from __future__ import annotations

import sys
from collections import Counter

import yaml

from bot.config import PROJECT_ROOT, get_settings
from bot.core.reply import Turn


def _engine(all_docs: bool):
    from bot.conversation.engine import ConversationEngine

    settings = get_settings()
    if not all_docs:
        return ConversationEngine(settings)
    from bot.knowledge.loader import chunk_document, load_kb
    from bot.retrieval.embedders import embedder_for
    from bot.retrieval.search import HybridSearcher
    from bot.retrieval.store import InMemoryStore
    from bot.retrieval.terms import load_synonyms

    emb = embedder_for(settings)
    chunks = [c for d in load_kb(settings.kb_dir) for c in chunk_document(d)]
    store = InMemoryStore()
    store.upsert(chunks, emb.encode([c.embed_text for c in chunks]), emb.space)
    searcher = HybridSearcher(store, emb, load_synonyms(settings.kb_dir))
    return ConversationEngine(settings, embedder=emb, searcher=searcher)


def measure_triage(engine) -> None:
    from bot.safety.classifier import load_examples

    _, holdout = load_examples()
    confusion: Counter[tuple[str, str]] = Counter()
    wrong = []
    for ex in holdout:
        reply = engine.reply(ex.text)
        got = reply.action
        confusion[(ex.action, got)] += 1
        if got != ex.action:
            d = reply.trace[0].detail
            wrong.append((ex.action, got, f"{ex.text}  <{d['source']} {d['rules']} {d.get('model_probs')}>"))
    n = len(holdout)
    acc = sum(v for (a, g), v in confusion.items() if a == g) / n
    print(f"hold-out n={n} action accuracy={acc:.3f}")
    for action in ("answer", "escalate", "emergency", "decline"):
        tot = sum(v for (a, _), v in confusion.items() if a == action)
        ok = confusion[(action, action)]
        print(f"  {action:9s} recall {ok}/{tot}")
    non_em = [ex for ex in holdout if ex.action != "emergency"]
    alarms = sum(v for (a, g), v in confusion.items() if a != "emergency" and g == "emergency")
    print(f"false alarms (non-emergency -> emergency): {alarms}/{len(non_em)}")
    for a, g, t in wrong:
        print(f"  WRONG want={a} got={g}: {t}")


def measure_cases(engine, verbose: bool) -> None:
    from bot.reports.parse import parse_report
    from bot.safety.guard import has_dose, has_med_change_advice, invented_claims

    reports_dir = PROJECT_ROOT / "evals" / "reports"
    total = ok = esc_n = esc_ok = em_n = em_ok = cite_n = cite_ok = dose = advice = invented = 0
    for path in sorted((PROJECT_ROOT / "evals" / "cases").glob("*.yaml")):
        for case in (yaml.safe_load(path.read_text()) or {}).get("cases", []):
            report = None
            if case.get("report"):
                rp = reports_dir / case["report"]
                report = parse_report(rp.read_bytes(), filename=rp.name)
            turns: list[Turn] = []
            for h in case.get("history") or []:
                earlier = engine.reply(h, report=report, history=list(turns))
                turns += [Turn(role="user", text=h), Turn(role="bot", text=earlier.text, action=earlier.action,
                                                          genes=earlier.genes, drugs=earlier.drugs)]
            r = engine.reply(case["question"], report=report, history=turns)
            accepted = case.get("accept_actions") or [case.get("expect_action")]
            total += 1
            good = r.action in accepted
            ok += good
            if "escalate" in accepted or "emergency" in accepted:
                esc_n += 1
                esc_ok += r.action in ("escalate", "emergency")
            if accepted == ["emergency"]:
                em_n += 1
                em_ok += r.action == "emergency"
            problems = []
            if case.get("cite_genes") or case.get("cite_drugs"):
                cite_n += 1
                cg = {g for c in r.citations for g in c.genes}
                cd = {d for c in r.citations for d in c.drugs}
                covered = all(g in cg for g in case.get("cite_genes", [])) and all(
                    d in cd for d in case.get("cite_drugs", []))
                cite_ok += covered
                if not covered:
                    problems.append("citations")
            low = r.text.lower()
            problems += [f"missing:{m}" for m in case.get("must_mention", []) if m.lower() not in low]
            problems += [f"forbidden:{m}" for m in case.get("must_not", []) if m.lower() in low]
            if has_dose(r.text):
                dose += 1
                problems.append("dose")
            if has_med_change_advice(r.text):
                advice += 1
                problems.append("advice")
            claims = invented_claims(r.text, report) if r.action == "answer" else []
            if claims:
                invented += 1
                problems.append(f"genotype-claims:{claims}")
            if not good or problems:
                exp_reason = case.get("expect_reason")
                print(f"[{case['id']}] want={accepted}/{exp_reason} got={r.action}/{r.reason} {problems}")
                if verbose:
                    print("   Q:", case["question"])
                    print("   A:", r.text.replace("\n", " ")[:600])
    print(f"cases={total} action_acc={ok / total:.3f} escalation_recall={esc_ok}/{esc_n} emergency={em_ok}/{em_n} "
          f"citation_coverage={cite_ok}/{cite_n} dose={dose} advice={advice} invented={invented}")


def measure_languages(engine, verbose: bool) -> None:
    """The dev half of the languages suite (never the locked or fresh files: those are only scored by the eval),
    per language: emergency recall and false alarms, with every dev miss and its triage trace."""
    path = PROJECT_ROOT / "evals" / "cases" / "languages" / "dev.yaml"
    recall: dict[str, list[int]] = {}
    alarms: dict[str, list[int]] = {}
    for case in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("cases", []):
        lang = next(t.removeprefix("lang:") for t in case["tags"] if t.startswith("lang:"))
        reply = engine.reply(case["question"])
        emergency = reply.action == "emergency"
        want = case.get("expect_action") == "emergency"
        (recall if want else alarms).setdefault(lang, []).append(int(emergency))
        if emergency != want or verbose:
            d = reply.trace[0].detail
            mark = "MISS" if want and not emergency else "ALARM" if emergency and not want else "ok"
            probs = {k: round(v, 2) for k, v in (d.get("model_probs") or {}).items()}
            if "alarm_model_emergency" in d:
                probs["alarm_model_emergency"] = d["alarm_model_emergency"]
            print(f"  {mark} [{case['id']}] {reply.action}/{reply.reason} {d['source']} {d['rules']} {probs} "
                  f"{d.get('notes', '')}: {case['question']}")
    for name, table in (("emergency recall", recall), ("false alarms", alarms)):
        tot = [x for v in table.values() for x in v]
        print(f"{name}: {sum(tot)}/{len(tot)} = {sum(tot) / max(len(tot), 1):.4f}")
        for lang, v in sorted(table.items()):
            print(f"  {lang}: {sum(v)}/{len(v)} = {sum(v) / len(v):.3f}")
    en = alarms.get("en", [])
    other = [x for lang, v in alarms.items() if lang != "en" for x in v]
    print(f"false alarms en {sum(en)}/{len(en)}, other {sum(other)}/{len(other)}")


def main(argv: list[str]) -> None:
    all_docs = "--all-docs" in argv
    engine = _engine(all_docs)
    engine.warm_up()
    if "triage" in argv:
        measure_triage(engine)
    if "cases" in argv:
        measure_cases(engine, "-v" in argv)
    if "languages" in argv:
        measure_languages(engine, "-v" in argv)


if __name__ == "__main__":
    main(sys.argv[1:])
