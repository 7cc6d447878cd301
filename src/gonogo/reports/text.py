"""The result in a terminal: the recommendation first, then why, in plain lines."""

from __future__ import annotations

from typing import Any

from gonogo.reports import messages as m
from gonogo.reports.i18n import interval, money, percent, translator


def _pct(x: float | None, lang: str) -> str:
    return "  -  " if x is None else percent(x, lang).rjust(5)


def render_text(r: dict[str, Any], lang: str = "en") -> str:
    _ = translator(lang)
    out: list[str] = []
    add = out.append
    rec = r["recommended_option"]
    planned = r.get("account_status") == "planned"
    add(
        _("{organisation} on {platform} — assessment of {date}").format(
            organisation=r["organisation"], platform=m.platform(r["platform"]), date=r["assessment_date"]
        )
    )
    add("")
    add(
        _("RECOMMENDATION: {outcome} — {option}").format(
            outcome=m.outcome(r["outcome"], lang), option=m.option_name(rec, planned, lang)
        )
    )
    add(_("Robustness: {robustness}").format(robustness=m.label(m.ROBUSTNESS, r["robustness"], lang)))
    reasons = "; ".join(m.reason(x["code"], x["params"], lang) for x in r["review_reasons"])
    add(_("Next review: {date} ({reasons})").format(date=r["review_date"], reasons=reasons))
    add("")
    add(_("Options"))
    for o in r["options"]:
        mark = "*" if o["id"] == rec else " "
        add(
            f" {mark} {m.option_name(o['id'], planned, lang):<24} "
            + _("acceptability {share}   cost {cost}").format(
                share=_pct(o["acceptability"], lang), cost=money(o["cost_eur"], lang)
            )
        )
        for why in o["reasons"]:
            add(f"      - {m.reason(why['code'], why['params'], lang)}")
        for w in o["warnings"]:
            add(f"      ! {m.reason(w['code'], w['params'], lang)}")
    rules = list(r["restrictions"])
    add("")
    add(m.rules_heading(rules, lang) if rules else _("Rules that apply: none found for this body, platform and date"))
    for x in rules:
        kind = _("binding") if x["binding"] else _("advice")
        add(f"  {x['id']} ({kind}): {m.kb_text(x['title'], lang)}")
        for oid in ("stay_as_is", "stay_with_conditions", "personal_phones"):
            st = x["status"].get(oid)
            if st is None:
                continue
            detail = ""
            if st["status"] in ("allowed_if", "advised_against") and (st["met"] or st["missing"]):
                detail = " — " + _("met: {met}; missing: {missing}").format(
                    met=m.safeguards(st["met"], lang) or _("none"),
                    missing=m.safeguards(st["missing"], lang) or _("none"),
                )
            elif st["status"] == "prohibited":
                detail = f" — {m.why_prohibited(st['reason'], lang)}"
            add(f"      {m.option_name(oid, planned, lang):<24} {m.label(m.STATUS, st['status'], lang)}{detail}")
        if x["sources"]:
            add("      " + _("source:") + f" {x['sources'][0]['title']} <{x['sources'][0]['url']}>")
    add("")
    add(_("Risks (current -> residual under the recommendation)"))
    for k in r["risks"]:
        cur, res = k["current"], k["residual"][rec]
        cur_s = m.level(cur["level"], lang) if cur["applicable"] else _("n/a")
        res_s = m.level(res["level"], lang) if res["applicable"] else _("n/a")
        add(f"  {m.kb_text(k['title'], lang):<52} {cur_s:>9} -> {res_s}")
    add("")
    add(_("Benefits (value 0-1, interval)"))
    for b in r["benefits"]:
        raw = m.evidence_value(b, lang)
        raw = f"  [{raw}]" if raw else ""
        add(
            f"  {m.criterion(b['criterion'], lang):<28} {interval(b['low'], b['high'], lang)}  "
            f"({m.evidence_origin(b, lang)}){raw}"
        )
    if r["action_plan"]:
        add("")
        add(_("Conditions (action plan)"))
        for c in r["action_plan"]:
            add(
                "  [ ] "
                + _("{condition} — owner: {owner}, due {due}").format(
                    condition=m.kb_text(c["title"], lang), owner=m.owner(c["owner"], lang), due=c["due"]
                )
            )
            add("      " + _("verify: {how}").format(how=m.kb_text(c["verify"], lang)))
    add("")
    add(_("What would change the recommendation"))
    for line in m.flip_lines(r["flip_points"], planned, lang):
        add(f"  {line}")
    add("")
    add(
        _("Knowledge base {version}; seed {seed}; {draws} draws.").format(
            version=r["kb_version"], seed=r["seed"], draws=r["draws"]
        )
    )
    return "\n".join(out)
