"""A self-contained HTML report a director can read: recommendation first, charts as inline SVG."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from gonogo.reports import messages as m
from gonogo.reports.i18n import interval, money, percent, translator
from gonogo.reports.record import DecisionRecord, seal_note, status_note, when

LEVEL_COLOURS = {"low": "#cfe8cf", "medium": "#fde9a9", "high": "#f7b77f", "very_high": "#e8807a"}
# The default matrix, used for the heat map's background; cells come from the result's own levels.
_CELLS = (
    ("low", "low", "low", "medium", "medium"),
    ("low", "low", "medium", "medium", "high"),
    ("low", "medium", "medium", "high", "high"),
    ("medium", "medium", "high", "high", "very_high"),
    ("medium", "high", "high", "very_high", "very_high"),
)

CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;
padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #ddd}
.verdict{border:3px solid #1b1b1b;padding:1rem 1.25rem;border-radius:.5rem;margin:1rem 0}
.verdict.go{border-color:#1e6b34}.verdict.go_with_conditions{border-color:#8a5a00}.verdict.no_go{border-color:#9b1c1c}
.verdict strong{font-size:1.4rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.35rem .5rem;
text-align:left;vertical-align:top}caption{text-align:left;font-weight:600;padding:.3rem 0}
.muted{color:#555}.small{font-size:.875rem}.charts{display:flex;gap:2rem;flex-wrap:wrap}
ul.reasons{margin:.25rem 0 .25rem 1.25rem;padding:0}
.status-note{border-left:4px solid #2f5d8a;padding:.25rem .75rem}.status-note.undecided{border-color:#8a5a00}
.opinion{margin:.75rem 0}.opinion.superseded{color:#555;border-left:4px dashed #999;padding-left:.75rem}
.opinion.superseded h4{text-decoration:line-through}code{overflow-wrap:anywhere}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:avoid}}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def heat_map(title: str, levels: Sequence[Mapping[str, Any]], lang: str = "en") -> str:
    """Draw a 5x5 likelihood x impact grid with the number of threats in each cell."""
    _ = translator(lang)
    size, pad = 44, 36
    counts: dict[tuple[int, int], int] = {}
    for lv in levels:
        if lv["applicable"]:
            counts[(lv["likelihood"], lv["impact"])] = counts.get((lv["likelihood"], lv["impact"]), 0) + 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{pad + 5 * size + 10}" '
        f'height="{pad + 5 * size + 30}" viewBox="0 0 {pad + 5 * size + 10} {pad + 5 * size + 30}">',
        "<title>" + _e(_("{title}: number of threats by likelihood and impact").format(title=title)) + "</title>",
        f'<text x="{pad}" y="14" font-size="13" font-weight="600">{_e(title)}</text>',
    ]
    for li in range(5, 0, -1):
        y = 22 + (5 - li) * size
        parts.append(f'<text x="{pad - 14}" y="{y + size / 2 + 4}" font-size="11">{li}</text>')
        for im in range(1, 6):
            x = pad + (im - 1) * size
            colour = LEVEL_COLOURS[_CELLS[li - 1][im - 1]]
            parts.append(
                f'<rect x="{x}" y="{y}" width="{size - 2}" height="{size - 2}" fill="{colour}" stroke="#fff"/>'
            )
            n = counts.get((li, im))
            if n:
                parts.append(
                    f'<text x="{x + size / 2 - 1}" y="{y + size / 2 + 5}" font-size="15" font-weight="700" '
                    f'text-anchor="middle">{n}</text>'
                )
    base = 22 + 5 * size
    for im in range(1, 6):
        parts.append(f'<text x="{pad + (im - 1) * size + size / 2 - 4}" y="{base + 14}" font-size="11">{im}</text>')
    parts.append(f'<text x="{pad}" y="{base + 28}" font-size="11">{_e(_("impact →  (rows: likelihood)"))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def acceptability_bars(options: Sequence[Mapping[str, Any]], planned: bool, lang: str = "en") -> str:
    _ = translator(lang)
    width, row = 420, 28
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width + 230}" height="{row * len(options) + 10}">',
        "<title>" + _e(_("First-rank acceptability of each option")) + "</title>",
    ]
    for i, o in enumerate(options):
        y = 5 + i * row
        name = m.option_name(o["id"], planned, lang)
        parts.append(f'<text x="0" y="{y + 17}" font-size="13">{_e(name)}</text>')
        if o["acceptability"] is None:
            parts.append(f'<text x="180" y="{y + 17}" font-size="13" fill="#555">{_e(_("not admissible"))}</text>')
            continue
        w = max(1.0, o["acceptability"] * width)
        parts.append(f'<rect x="180" y="{y + 4}" width="{w:.1f}" height="{row - 10}" fill="#2f5d8a"/>')
        parts.append(f'<text x="{186 + w:.1f}" y="{y + 17}" font-size="13">{percent(o["acceptability"], lang)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _record_section(record: DecisionRecord, lang: str) -> str:
    """The decision record: strategy, opinions, signature, risk acceptance, seal and the basis of the result."""
    _ = translator(lang)
    out = [f'<h2 id="record">{_e(_("Decision record"))}</h2>']
    add = out.append
    add(f"<p>{_e(_('Status: {status}.').format(status=record.status_label))} {_e(status_note(record, lang))}</p>")

    add(f"<h3>{_e(_('Strategy'))}</h3><dl>")
    for item in record.strategy:
        answer = _e(item.answer) if item.answer.strip() else f"<em>{_e(_('not answered'))}</em>"
        add(f"<dt>{_e(item.question)}</dt><dd>{answer}</dd>")
    add("</dl>")

    add(f"<h3>{_e(_('Opinions'))}</h3>")
    if not record.opinions:
        add(f"<p>{_e(_('No opinions given.'))}</p>")
    for o in record.opinions:
        add(f"<article class='opinion{' superseded' if o.superseded else ''}'>")
        add(f"<h4>{_e(o.kind)}: {_e(o.verdict)}</h4>")
        if o.superseded:
            add(f"<p><strong>{_e(_('Given on an earlier result; not counted.'))}</strong></p>")
        add(f"<p>{_e(o.text)}</p>")
        add(f"<p class='muted small'>{_e(_('{by}, {at}').format(by=o.by, at=when(o.at)))}</p></article>")

    add(f"<h3>{_e(_('Signature'))}</h3>")
    s = record.signature
    if s is None:
        add(f"<p>{_e(_('Not signed.'))}</p>")
    else:
        decision = _("Approved") if s.approved else _("Rejected")
        add(f"<p><strong>{_e(decision)}</strong> — {_e(_('{by}, {at}').format(by=s.by, at=when(s.at)))}</p>")
        if s.attestations:
            add(f"<p>{_e(_('The signer attested:'))}</p><ul>")
            add("".join(f"<li>{_e(text)}</li>" for text in s.attestations))
            add("</ul>")
        if s.statement:
            statement = _("The signer's statement: {text}").format(text=s.statement)
            add(f"<p>{_e(statement)}</p>")
    if record.risk_acceptance is not None:
        ra = record.risk_acceptance
        add(f"<h3>{_e(_('Risk acceptance'))}</h3>")
        if ra.risks:
            accepted = _("The residual risks above appetite accepted until {date}:").format(date=when(ra.expires))
            add(f"<p>{_e(accepted)}</p><ul>")
            add("".join(f"<li>{_e(m.kb_text(r.title, lang))} ({_e(m.level(r.level, lang))})</li>" for r in ra.risks))
            add(f"</ul><p>{_e(_('Why it is accepted: {text}').format(text=ra.reason))}</p>")
        else:
            add(
                f"<p>{_e(_('A residual risk above appetite is accepted until {date}.').format(date=when(ra.expires)))}"
                f" {_e(_('Why it is accepted: {text}').format(text=ra.reason))}</p>"
            )

    add(f"<h3>{_e(_('Seal'))}</h3><p>{_e(seal_note(record, lang))}</p>")
    if record.sealed_hash:
        add(f"<p class='small'>{_e(_('Content hash:'))} <code>{_e(record.sealed_hash)}</code></p>")
    add(
        "<p class='small'>"
        + _e(_("Knowledge base {version}; result hash:").format(version=record.kb_version))
        + f" <code>{_e(record.result_hash)}</code></p>"
    )
    return "\n".join(out)


def _action_plan(r: Mapping[str, Any], record: DecisionRecord | None, lang: str) -> str:
    """The conditions: as recorded (owners, dates, evidence) when there is a record, else the engine's plan."""
    _ = translator(lang)
    if record is None:
        if not r["action_plan"]:
            return f"<p>{_e(_('No conditions.'))}</p>"
        rows = [
            f"<table><caption>{_e(_('Action plan'))}</caption><tr><th scope='col'>{_e(_('Condition'))}</th>"
            f"<th scope='col'>{_e(_('Owner'))}</th><th scope='col'>{_e(_('Due'))}</th>"
            f"<th scope='col'>{_e(_('How to verify'))}</th></tr>"
        ]
        for c in r["action_plan"]:
            rows.append(
                f"<tr><td>{_e(m.kb_text(c['title'], lang))}</td><td>{_e(m.owner(c['owner'], lang))}</td>"
                f"<td>{_e(c['due'])}</td><td>{_e(m.kb_text(c['verify'], lang))}</td></tr>"
            )
        return "".join([*rows, "</table>"])
    if not record.actions:
        return f"<p>{_e(_('No conditions.'))}</p>"
    none = _e(_("not set"))
    rows = [
        f"<table><caption>{_e(_('Action plan as recorded'))}</caption><tr><th scope='col'>{_e(_('Condition'))}</th>"
        f"<th scope='col'>{_e(_('Owner'))}</th><th scope='col'>{_e(_('Due'))}</th>"
        f"<th scope='col'>{_e(_('How to verify'))}</th><th scope='col'>{_e(_('Evidence'))}</th>"
        f"<th scope='col'>{_e(_('Done'))}</th></tr>"
    ]
    for a in record.actions:
        rows.append(
            f"<tr><td>{_e(m.kb_text(a.title, lang))}</td><td>{_e(a.owner) or none}</td>"
            f"<td>{_e(when(a.due)) or none}</td><td>{_e(m.kb_text(a.verify, lang))}</td>"
            f"<td>{_e(a.evidence)}</td><td>{_e(when(a.done_at))}</td></tr>"
        )
    return "".join([*rows, "</table>"])


def render_html(r: Mapping[str, Any], lang: str = "en", record: DecisionRecord | None = None) -> str:
    """Render the whole report as one HTML page with inline CSS and SVG; nothing is fetched.

    With a ``record`` (the web app's), the report is a decision record: where the version stands comes first,
    the conditions are the recorded action items, and a section gives the strategy, opinions, signature and seal.
    """
    _ = translator(lang)
    rec = r["recommended_option"]
    planned = r.get("account_status") == "planned"
    out: list[str] = []
    add = out.append
    heading = _("{organisation} on {platform}").format(
        organisation=r["organisation"], platform=m.platform(r["platform"])
    )
    outcome = m.outcome(r["outcome"], lang)
    add(f'<!doctype html><html lang="{_e(lang)}"><head><meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<title>{_e(heading)}: {_e(outcome)}</title>")
    add(f"<style>{CSS}</style></head><body><main>")
    add(f"<h1>{_e(heading)}</h1>")
    add(
        '<p class="muted">'
        + _e(
            _("Assessment of {date} · risk appetite {appetite}").format(
                date=r["assessment_date"], appetite=m.level(r["risk_appetite"], lang)
            )
        )
        + "</p>"
    )
    if record is not None:
        undecided = " undecided" if record.signature is None or not record.signature.approved else ""
        add(
            f"<p class='status-note{undecided}'><strong>{_e(_('Status: {status}.').format(status=record.status_label))}"
            f"</strong> {_e(status_note(record, lang))} <a href='#record'>{_e(_('See the decision record.'))}</a></p>"
        )
    add(f'<section class="verdict {_e(r["outcome"])}" aria-labelledby="verdict">')
    add(
        f'<h2 id="verdict" style="border:0;margin:0">{_e(_("Recommendation"))}</h2><p><strong>{_e(outcome)}'
        f"</strong> — {_e(m.option_name(rec, planned, lang))}</p>"
    )
    add(
        "<p>"
        + _e(_("Robustness: {robustness}").format(robustness=m.label(m.ROBUSTNESS, r["robustness"], lang)))
        + ".</p>"
    )
    reasons = "; ".join(m.reason(x["code"], x["params"], lang) for x in r["review_reasons"])
    add(
        "<p>"
        + _e(_("Next review: {date} ({reasons})")).format(
            date=f"<strong>{_e(r['review_date'])}</strong>", reasons=_e(reasons)
        )
        + ".</p>"
    )
    conditions = len(r["action_plan"]) if record is None else len(record.actions)
    if conditions:
        add("<p>" + _e(_("{count} condition(s) to meet; see the action plan below.").format(count=conditions)) + "</p>")
    add("</section>")

    add(f'<h2 id="rules">{_e(m.rules_heading(r["restrictions"], lang))}</h2>')
    if not r["restrictions"]:
        add(f"<p>{_e(_('No restriction in the register applies to this body, platform and date.'))}</p>")
    for x in r["restrictions"]:
        kind = _("binding") if x["binding"] else _("advice")
        add(f"<h3>{_e(m.kb_text(x['title'], lang))} <span class='muted small'>({_e(x['id'])}, {_e(kind)})</span></h3>")
        if x["summary"]:
            add(f"<p>{_e(m.kb_text(x['summary'], lang))}</p>")
        if x["exemption_text"]:
            add(f"<p class='small'>{_e(_('Exemption: {text}').format(text=m.kb_text(x['exemption_text'], lang)))}</p>")
        add(f"<table><caption>{_e(_('What {rule} means for each option').format(rule=x['id']))}</caption>")
        add(
            f"<tr><th scope='col'>{_e(_('Option'))}</th><th scope='col'>{_e(_('Status'))}</th>"
            f"<th scope='col'>{_e(_('Conditions met'))}</th><th scope='col'>{_e(_('Missing'))}</th></tr>"
        )
        for oid, st in x["status"].items():
            status = m.label(m.STATUS, st["status"], lang)
            if st["status"] == "prohibited":
                status += f" ({m.why_prohibited(st['reason'], lang)})"
            add(
                f"<tr><td>{_e(m.option_name(oid, planned, lang))}</td><td>{_e(status)}</td>"
                f"<td>{_e(m.safeguards(st['met'], lang))}</td><td>{_e(m.safeguards(st['missing'], lang))}</td></tr>"
            )
        add("</table>")
        confidence = _e(_("confidence {level}").format(level=m.level(x["confidence"], lang)))
        verified = _e(m.verified(x["verified"], lang))
        add(
            "<p class='small'>"
            + _e(_("Sources:"))
            + " "
            + "; ".join(f"<a href='{_e(s['url'])}'>{_e(s['title'])}</a>" for s in x["sources"])
            + f" · {confidence}"
            + (f", {verified}" if verified else "")
            + "</p>"
        )
    if r["context"]:
        add(f"<h3>{_e(_('Context'))}</h3><ul>")
        for c in r["context"]:
            src = c["sources"][0] if c["sources"] else None
            link = f" — <a href='{_e(src['url'])}'>{_e(src['title'])}</a>" if src else ""
            add(f"<li>{_e(m.kb_text(c['title'], lang))} ({_e(c['id'])}){link}</li>")
        add("</ul>")

    add(f'<h2 id="risk">{_e(_("Risk before and after safeguards"))}</h2><div class="charts">')
    add(heat_map(_("Before safeguards"), [k["inherent"] for k in r["risks"]], lang))
    after = _("After: {option}").format(option=m.option_name(rec, planned, lang))
    add(heat_map(after, [k["residual"][rec] for k in r["risks"]], lang))
    add("</div>")
    add(
        f"<table><caption>{_e(_('Threats: inherent, current and residual level'))}</caption>"
        f"<tr><th scope='col'>{_e(_('Threat'))}</th>"
        f"<th scope='col'>{_e(_('Inherent'))}</th><th scope='col'>{_e(_('Now'))}</th>"
    )
    for o in r["options"]:
        add(f"<th scope='col'>{_e(m.option_name(o['id'], planned, lang))}</th>")
    add("</tr>")
    not_applicable = _e(_("n/a"))

    def lvl(v: Mapping[str, Any]) -> str:
        if not v["applicable"]:
            return f"<td class='muted'>{not_applicable}</td>"
        return (
            f"<td style='background:{LEVEL_COLOURS[v['level']]}'>{_e(m.level(v['level'], lang))} "
            f"<span class='small'>({v['likelihood']}×{v['impact']})</span></td>"
        )

    for k in r["risks"]:
        cells = "".join(lvl(k["residual"][o["id"]]) for o in r["options"])
        title = m.kb_text(k["title"], lang)
        add(f"<tr><th scope='row'>{_e(title)}</th>{lvl(k['inherent'])}{lvl(k['current'])}{cells}</tr>")
    add("</table>")

    add(
        f'<h2 id="benefits">{_e(_("What the account brings"))}</h2>'
        f"<table><caption>{_e(_('Benefit criteria (0 to 1, with uncertainty)'))}</caption>"
        f"<tr><th scope='col'>{_e(_('Criterion'))}</th><th scope='col'>{_e(_('Value'))}</th>"
        f"<th scope='col'>{_e(_('Evidence'))}</th><th scope='col'>{_e(_('Basis'))}</th></tr>"
    )
    for b in r["benefits"]:
        raw = m.evidence_value(b, lang)
        name = m.criterion(b["criterion"], lang) if b["criterion"] in m.CRITERIA else m.kb_text(b["title"], lang)
        add(
            f"<tr><td>{_e(name)}</td><td>{interval(b['low'], b['high'], lang)}</td>"
            f"<td>{_e(raw)}</td><td>{_e(m.evidence_origin(b, lang))}</td></tr>"
        )
    add("</table>")

    add(f'<h2 id="options">{_e(_("The options compared"))}</h2>')
    add(acceptability_bars(r["options"], planned, lang))
    add(
        f"<table><caption>{_e(_('Options: acceptability, cost and why'))}</caption>"
        f"<tr><th scope='col'>{_e(_('Option'))}</th><th scope='col'>{_e(_('Acceptability'))}</th>"
        f"<th scope='col'>{_e(_('First-year cost'))}</th><th scope='col'>{_e(_('Notes'))}</th></tr>"
    )
    for o in r["options"]:
        acc = m.acceptability(o, lang)
        notes = "".join(
            f"<li>{_e(m.reason(x['code'], x['params'], lang))}</li>" for x in [*o["reasons"], *o["warnings"]]
        )
        add(
            f"<tr><td>{_e(m.option_name(o['id'], planned, lang))}</td><td>{_e(acc)}</td>"
            f"<td>{money(o['cost_eur'], lang)}</td><td><ul class='reasons'>{notes}</ul></td></tr>"
        )
    add("</table>")

    add(f'<h2 id="flip">{_e(_("What would change the decision"))}</h2><ul>')
    for line in m.flip_lines(r["flip_points"], planned, lang):
        add(f"<li>{_e(line)}</li>")
    add("</ul>")

    add(f'<h2 id="plan">{_e(_("Conditions and review"))}</h2>')
    add(_action_plan(r, record, lang))
    add("<p>" + _e(_("Review by {date}.")).format(date=f"<strong>{_e(r['review_date'])}</strong>") + "</p>")
    if record is not None:
        add(_record_section(record, lang))
    footer = _("Knowledge base {version}; seed {seed}; {draws} simulations. Produced by gonogo.").format(
        version=r["kb_version"], seed=r["seed"], draws=r["draws"]
    )
    add(f"<footer class='muted small'><p>{_e(footer)}</p></footer>")
    add("</main></body></html>")
    return "\n".join(out)
