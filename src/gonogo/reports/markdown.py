"""The report as Markdown, for wikis and tickets: the same order as the HTML report, tables instead of charts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gonogo.reports import messages as m
from gonogo.reports.i18n import interval, money, translator


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def render_markdown(r: Mapping[str, Any], lang: str = "en") -> str:
    _ = translator(lang)
    rec = r["recommended_option"]
    planned = r.get("account_status") == "planned"
    out: list[str] = []
    add = out.append
    add(
        "# "
        + _("{organisation} on {platform}").format(organisation=r["organisation"], platform=m.platform(r["platform"]))
    )
    add("")
    add(
        _("Assessment of {date} · risk appetite {appetite}").format(
            date=r["assessment_date"], appetite=m.level(r["risk_appetite"], lang)
        )
    )
    add("")
    add(
        "## "
        + _("Recommendation: {outcome} — {option}").format(
            outcome=m.outcome(r["outcome"], lang), option=m.option_name(rec, planned, lang)
        )
    )
    add("")
    add("- " + _("Robustness: {robustness}").format(robustness=m.label(m.ROBUSTNESS, r["robustness"], lang)))
    reasons = "; ".join(m.reason(x["code"], x["params"], lang) for x in r["review_reasons"])
    add("- " + _("Next review: {date} ({reasons})").format(date=f"**{r['review_date']}**", reasons=reasons))
    add("")
    add("## " + m.rules_heading(r["restrictions"], lang))
    add("")
    if not r["restrictions"]:
        add(_("No restriction in the register applies to this body, platform and date."))
    for x in r["restrictions"]:
        add(f"### {m.kb_text(x['title'], lang)} ({x['id']}, {_('binding') if x['binding'] else _('advice')})")
        add("")
        if x["exemption_text"]:
            add(_("Exemption: {text}").format(text=m.kb_text(x["exemption_text"], lang)))
            add("")
        add(f"| {_('Option')} | {_('Status')} | {_('Met')} | {_('Missing')} |")
        add("|---|---|---|---|")
        for oid, st in x["status"].items():
            add(
                f"| {m.option_name(oid, planned, lang)} | {m.label(m.STATUS, st['status'], lang)} | "
                f"{_cell(m.safeguards(st['met'], lang))} | {_cell(m.safeguards(st['missing'], lang))} |"
            )
        add("")
        add(_("Sources:") + " " + "; ".join(f"[{_cell(s['title'])}]({s['url']})" for s in x["sources"]))
        add("")
    add("## " + _("Risk before and after safeguards"))
    add("")
    header = " | ".join(m.option_name(o["id"], planned, lang) for o in r["options"])
    add(f"| {_('Threat')} | {_('Inherent')} | {_('Now')} | {header} |")
    add("|---|---|---|" + "---|" * len(r["options"]))

    def lvl(v: Mapping[str, Any]) -> str:
        return f"{m.level(v['level'], lang)} ({v['likelihood']}×{v['impact']})" if v["applicable"] else _("n/a")

    for k in r["risks"]:
        cells = " | ".join(lvl(k["residual"][o["id"]]) for o in r["options"])
        add(f"| {m.kb_text(k['title'], lang)} | {lvl(k['inherent'])} | {lvl(k['current'])} | {cells} |")
    add("")
    add("## " + _("What the account brings"))
    add("")
    add(f"| {_('Criterion')} | {_('Value')} | {_('Evidence')} | {_('Basis')} |")
    add("|---|---|---|---|")
    for b in r["benefits"]:
        raw = m.evidence_value(b, lang)
        name = m.criterion(b["criterion"], lang) if b["criterion"] in m.CRITERIA else m.kb_text(b["title"], lang)
        add(f"| {name} | {interval(b['low'], b['high'], lang)} | {_cell(raw)} | {_cell(m.evidence_origin(b, lang))} |")
    add("")
    add("## " + _("The options compared"))
    add("")
    add(f"| {_('Option')} | {_('Acceptability')} | {_('First-year cost')} | {_('Notes')} |")
    add("|---|---|---|---|")
    for o in r["options"]:
        acc = m.acceptability(o, lang)
        notes = "<br>".join(m.reason(x["code"], x["params"], lang) for x in [*o["reasons"], *o["warnings"]])
        add(f"| {m.option_name(o['id'], planned, lang)} | {acc} | {money(o['cost_eur'], lang)} | {_cell(notes)} |")
    add("")
    add("## " + _("What would change the decision"))
    add("")
    for line in m.flip_lines(r["flip_points"], planned, lang):
        add(f"- {line}")
    add("")
    add("## " + _("Conditions"))
    add("")
    if r["action_plan"]:
        add(f"| {_('Condition')} | {_('Owner')} | {_('Due')} | {_('How to verify')} |")
        add("|---|---|---|---|")
        for c in r["action_plan"]:
            add(
                f"| {_cell(m.kb_text(c['title'], lang))} | {m.owner(c['owner'], lang)} | {c['due']} | "
                f"{_cell(m.kb_text(c['verify'], lang))} |"
            )
    else:
        add(_("No conditions."))
    add("")
    add(
        _("Knowledge base {version}; seed {seed}; {draws} simulations.").format(
            version=r["kb_version"], seed=r["seed"], draws=r["draws"]
        )
    )
    return "\n".join(out) + "\n"
