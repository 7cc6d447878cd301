"""The report as Markdown, for wikis and tickets: the same order as the HTML report, tables instead of charts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gonogo.reports import messages as m


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def render_markdown(r: Mapping[str, Any]) -> str:
    rec = r["recommended_option"]
    planned = r.get("account_status") == "planned"
    out: list[str] = []
    add = out.append
    add(f"# {r['organisation']} on {r['platform']}")
    add("")
    add(f"Assessment of {r['assessment_date']} · risk appetite {r['risk_appetite']}")
    add("")
    add(f"## Recommendation: {m.OUTCOMES[r['outcome']]} — {m.option_name(rec, planned)}")
    add("")
    add(f"- Robustness: {m.ROBUSTNESS[r['robustness']]}")
    reasons = "; ".join(m.reason(x["code"], x["params"]) for x in r["review_reasons"])
    add(f"- Next review: **{r['review_date']}** ({reasons})")
    add("")
    add("## The rules that bind")
    add("")
    if not r["restrictions"]:
        add("No restriction in the register applies to this body, platform and date.")
    for x in r["restrictions"]:
        add(f"### {x['title']} ({x['id']}, {'binding' if x['binding'] else 'advice'})")
        add("")
        if x["exemption_text"]:
            add(f"Exemption: {x['exemption_text']}")
            add("")
        add("| Option | Status | Met | Missing |")
        add("|---|---|---|---|")
        for oid, st in x["status"].items():
            add(
                f"| {m.option_name(oid, planned)} | {m.STATUS[st['status']]} | {_cell(', '.join(st['met']))} | "
                f"{_cell(', '.join(st['missing']))} |"
            )
        add("")
        add("Sources: " + "; ".join(f"[{_cell(s['title'])}]({s['url']})" for s in x["sources"]))
        add("")
    add("## Risk before and after safeguards")
    add("")
    header = " | ".join(m.option_name(o["id"], planned) for o in r["options"])
    add(f"| Threat | Inherent | Now | {header} |")
    add("|---|---|---|" + "---|" * len(r["options"]))

    def lvl(v: Mapping[str, Any]) -> str:
        return f"{m.LEVELS[v['level']]} ({v['likelihood']}×{v['impact']})" if v["applicable"] else "n/a"

    for k in r["risks"]:
        cells = " | ".join(lvl(k["residual"][o["id"]]) for o in r["options"])
        add(f"| {k['title']} | {lvl(k['inherent'])} | {lvl(k['current'])} | {cells} |")
    add("")
    add("## What the account brings")
    add("")
    add("| Criterion | Value | Evidence | Basis |")
    add("|---|---|---|---|")
    for b in r["benefits"]:
        raw = "" if b["raw"] is None else f"{b['raw']} ({b['unit'].replace('_', ' ')})"
        add(
            f"| {m.CRITERIA.get(b['criterion'], b['title'])} | {b['low']:.2f}–{b['high']:.2f} | {raw} | "
            f"{m.evidence_origin(b)} |"
        )
    add("")
    add("## The options compared")
    add("")
    add("| Option | Acceptability | First-year cost | Notes |")
    add("|---|---|---|---|")
    for o in r["options"]:
        acc = m.acceptability(o)
        notes = "<br>".join(m.reason(x["code"], x["params"]) for x in [*o["reasons"], *o["warnings"]])
        add(f"| {m.option_name(o['id'], planned)} | {acc} | EUR {o['cost_eur']:,.0f} | {_cell(notes)} |")
    add("")
    add("## What would change the decision")
    add("")
    for f in r["flip_points"]:
        add(f"- {m.flip_point(f, planned)}")
    add("")
    add("## Conditions")
    add("")
    if r["action_plan"]:
        add("| Condition | Owner | Due | How to verify |")
        add("|---|---|---|---|")
        for c in r["action_plan"]:
            add(f"| {_cell(c['title'])} | {m.OWNERS.get(c['owner'], c['owner'])} | {c['due']} | {_cell(c['verify'])} |")
    else:
        add("No conditions.")
    add("")
    add(f"Knowledge base {r['kb_version']}; seed {r['seed']}; {r['draws']} simulations.")
    return "\n".join(out) + "\n"
