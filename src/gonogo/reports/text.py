"""The result in a terminal: the recommendation first, then why, in plain lines."""

from __future__ import annotations

from typing import Any

from gonogo.reports import messages as m


def _pct(x: float | None) -> str:
    return "  -  " if x is None else f"{x:5.0%}"


def render_text(r: dict[str, Any]) -> str:
    out: list[str] = []
    add = out.append
    rec = r["recommended_option"]
    add(f"{r['organisation']} on {r['platform']} — assessment of {r['assessment_date']}")
    add("")
    add(f"RECOMMENDATION: {m.OUTCOMES[r['outcome']]} — {m.option_name(rec)}")
    add(f"Robustness: {m.ROBUSTNESS[r['robustness']]}")
    add(f"Next review: {r['review_date']} ({'; '.join(m.reason(x['code'], x['params']) for x in r['review_reasons'])})")
    add("")
    add("Options")
    for o in r["options"]:
        mark = "*" if o["id"] == rec else " "
        add(
            f" {mark} {m.option_name(o['id']):<24} acceptability {_pct(o['acceptability'])}   "
            f"cost EUR {o['cost_eur']:,.0f}"
        )
        for why in o["reasons"]:
            add(f"      - {m.reason(why['code'], why['params'])}")
        for w in o["warnings"]:
            add(f"      ! {m.reason(w['code'], w['params'])}")
    binding = list(r["restrictions"])
    add("")
    add(
        f"Rules that apply ({len(binding)})"
        if binding
        else "Rules that apply: none found for this body, platform and date"
    )
    for x in binding:
        kind = "binding" if x["binding"] else "advice"
        add(f"  {x['id']} ({kind}): {x['title']}")
        for oid in ("stay_as_is", "stay_with_conditions", "personal_phones"):
            st = x["status"].get(oid)
            if st is None:
                continue
            detail = ""
            if st["status"] in ("allowed_if", "advised_against") and (st["met"] or st["missing"]):
                detail = (
                    " — met: " + (", ".join(st["met"]) or "none") + "; missing: " + (", ".join(st["missing"]) or "none")
                )
            elif st["status"] == "prohibited":
                detail = f" — {m.why_prohibited(st['reason'])}"
            add(f"      {m.option_name(oid):<24} {m.STATUS[st['status']]}{detail}")
        if x["sources"]:
            add(f"      source: {x['sources'][0]['title']} <{x['sources'][0]['url']}>")
    add("")
    add("Risks (current -> residual under the recommendation)")
    for k in r["risks"]:
        cur, res = k["current"], k["residual"][rec]
        cur_s = m.LEVELS[cur["level"]] if cur["applicable"] else "n/a"
        res_s = m.LEVELS[res["level"]] if res["applicable"] else "n/a"
        add(f"  {k['title']:<52} {cur_s:>9} -> {res_s}")
    add("")
    add("Benefits (value 0-1, interval)")
    for b in r["benefits"]:
        raw = "" if b["raw"] is None else f"  [{b['raw']} {b['unit']}]"
        add(
            f"  {m.CRITERIA.get(b['criterion'], b['criterion']):<28} {b['low']:.2f}-{b['high']:.2f}  "
            f"({m.evidence_origin(b)}){raw}"
        )
    if r["action_plan"]:
        add("")
        add("Conditions (action plan)")
        for c in r["action_plan"]:
            add(f"  [ ] {c['title']} — owner: {m.OWNERS.get(c['owner'], c['owner'])}, due {c['due']}")
            add(f"      verify: {c['verify']}")
    flips = [f for f in r["flip_points"] if f["flips_at"] is not None]
    if flips:
        add("")
        add("What would change the recommendation")
        for f in flips:
            add(f"  {m.flip_point(f)}")
    add("")
    add(f"Knowledge base {r['kb_version']}; seed {r['seed']}; {r['draws']} draws.")
    return "\n".join(out)
