"""A self-contained HTML report a director can read: recommendation first, charts as inline SVG."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from gonogo.reports import messages as m

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
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:avoid}}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def heat_map(title: str, levels: Sequence[Mapping[str, Any]]) -> str:
    """Draw a 5x5 likelihood x impact grid with the number of threats in each cell."""
    size, pad = 44, 36
    counts: dict[tuple[int, int], int] = {}
    for lv in levels:
        if lv["applicable"]:
            counts[(lv["likelihood"], lv["impact"])] = counts.get((lv["likelihood"], lv["impact"]), 0) + 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{pad + 5 * size + 10}" '
        f'height="{pad + 5 * size + 30}" viewBox="0 0 {pad + 5 * size + 10} {pad + 5 * size + 30}">',
        f"<title>{_e(title)}: number of threats by likelihood and impact</title>",
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
    parts.append(f'<text x="{pad}" y="{base + 28}" font-size="11">impact →  (rows: likelihood)</text>')
    parts.append("</svg>")
    return "".join(parts)


def acceptability_bars(options: Sequence[Mapping[str, Any]], planned: bool) -> str:
    width, row = 420, 28
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width + 230}" height="{row * len(options) + 10}">',
        "<title>First-rank acceptability of each option</title>",
    ]
    for i, o in enumerate(options):
        y = 5 + i * row
        name = m.option_name(o["id"], planned)
        parts.append(f'<text x="0" y="{y + 17}" font-size="13">{_e(name)}</text>')
        if o["acceptability"] is None:
            parts.append(f'<text x="180" y="{y + 17}" font-size="13" fill="#555">not admissible</text>')
            continue
        w = max(1.0, o["acceptability"] * width)
        parts.append(f'<rect x="180" y="{y + 4}" width="{w:.1f}" height="{row - 10}" fill="#2f5d8a"/>')
        parts.append(f'<text x="{186 + w:.1f}" y="{y + 17}" font-size="13">{o["acceptability"]:.0%}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(r: Mapping[str, Any]) -> str:
    """Render the whole report as one HTML page with inline CSS and SVG; nothing is fetched."""
    rec = r["recommended_option"]
    planned = r.get("account_status") == "planned"
    out: list[str] = []
    add = out.append
    add('<!doctype html><html lang="en"><head><meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<title>{_e(r['organisation'])} on {_e(r['platform'])}: {_e(m.OUTCOMES[r['outcome']])}</title>")
    add(f"<style>{CSS}</style></head><body><main>")
    add(f"<h1>{_e(r['organisation'])} on {_e(r['platform'])}</h1>")
    add(f'<p class="muted">Assessment of {_e(r["assessment_date"])} · risk appetite {_e(r["risk_appetite"])}</p>')
    add(f'<section class="verdict {_e(r["outcome"])}" aria-labelledby="verdict">')
    add(
        f'<h2 id="verdict" style="border:0;margin:0">Recommendation</h2><p><strong>{_e(m.OUTCOMES[r["outcome"]])}'
        f"</strong> — {_e(m.option_name(rec, planned))}</p>"
    )
    add(f"<p>Robustness: {_e(m.ROBUSTNESS[r['robustness']])}.</p>")
    reasons = "; ".join(m.reason(x["code"], x["params"]) for x in r["review_reasons"])
    add(f"<p>Next review: <strong>{_e(r['review_date'])}</strong> ({_e(reasons)}).</p>")
    if r["action_plan"]:
        add(f"<p>{len(r['action_plan'])} condition(s) to meet; see the action plan below.</p>")
    add("</section>")

    add('<h2 id="rules">The rules that bind</h2>')
    if not r["restrictions"]:
        add("<p>No restriction in the register applies to this body, platform and date.</p>")
    for x in r["restrictions"]:
        kind = "binding" if x["binding"] else "advice"
        add(f"<h3>{_e(x['title'])} <span class='muted small'>({_e(x['id'])}, {kind})</span></h3>")
        if x["summary"]:
            add(f"<p>{_e(x['summary'])}</p>")
        if x["exemption_text"]:
            add(f"<p class='small'>Exemption: {_e(x['exemption_text'])}</p>")
        add(f"<table><caption>What {_e(x['id'])} means for each option</caption>")
        add(
            "<tr><th scope='col'>Option</th><th scope='col'>Status</th><th scope='col'>Conditions met</th>"
            "<th scope='col'>Missing</th></tr>"
        )
        for oid, st in x["status"].items():
            status = m.STATUS[st["status"]]
            if st["status"] == "prohibited":
                status += f" ({m.why_prohibited(st['reason'])})"
            add(
                f"<tr><td>{_e(m.option_name(oid, planned))}</td><td>{_e(status)}</td>"
                f"<td>{_e(', '.join(st['met']))}</td><td>{_e(', '.join(st['missing']))}</td></tr>"
            )
        add("</table>")
        add(
            "<p class='small'>Sources: "
            + "; ".join(f"<a href='{_e(s['url'])}'>{_e(s['title'])}</a>" for s in x["sources"])
            + f" · confidence {_e(x['confidence'])}"
            + (f", verified ({_e(x['verified'])})" if x["verified"] else "")
            + "</p>"
        )
    if r["context"]:
        add("<h3>Context</h3><ul>")
        for c in r["context"]:
            src = c["sources"][0] if c["sources"] else None
            link = f" — <a href='{_e(src['url'])}'>{_e(src['title'])}</a>" if src else ""
            add(f"<li>{_e(c['title'])} ({_e(c['id'])}){link}</li>")
        add("</ul>")

    add('<h2 id="risk">Risk before and after safeguards</h2><div class="charts">')
    add(heat_map("Before safeguards", [k["inherent"] for k in r["risks"]]))
    add(heat_map(f"After: {m.option_name(rec, planned)}", [k["residual"][rec] for k in r["risks"]]))
    add("</div>")
    add(
        "<table><caption>Threats: inherent, current and residual level</caption><tr><th scope='col'>Threat</th>"
        "<th scope='col'>Inherent</th><th scope='col'>Now</th>"
    )
    for o in r["options"]:
        add(f"<th scope='col'>{_e(m.option_name(o['id'], planned))}</th>")
    add("</tr>")

    def lvl(v: Mapping[str, Any]) -> str:
        if not v["applicable"]:
            return "<td class='muted'>n/a</td>"
        return (
            f"<td style='background:{LEVEL_COLOURS[v['level']]}'>{_e(m.LEVELS[v['level']])} "
            f"<span class='small'>({v['likelihood']}×{v['impact']})</span></td>"
        )

    for k in r["risks"]:
        cells = "".join(lvl(k["residual"][o["id"]]) for o in r["options"])
        add(f"<tr><th scope='row'>{_e(k['title'])}</th>{lvl(k['inherent'])}{lvl(k['current'])}{cells}</tr>")
    add("</table>")

    add(
        '<h2 id="benefits">What the account brings</h2><table><caption>Benefit criteria (0 to 1, with uncertainty)'
        "</caption><tr><th scope='col'>Criterion</th><th scope='col'>Value</th><th scope='col'>Evidence</th>"
        "<th scope='col'>Basis</th></tr>"
    )
    for b in r["benefits"]:
        raw = "" if b["raw"] is None else f"{b['raw']} ({b['unit'].replace('_', ' ')})"
        add(
            f"<tr><td>{_e(m.CRITERIA.get(b['criterion'], b['title']))}</td><td>{b['low']:.2f} – {b['high']:.2f}</td>"
            f"<td>{_e(raw)}</td><td>{_e(m.evidence_origin(b))}</td></tr>"
        )
    add("</table>")

    add('<h2 id="options">The options compared</h2>')
    add(acceptability_bars(r["options"], planned))
    add(
        "<table><caption>Options: acceptability, cost and why</caption><tr><th scope='col'>Option</th>"
        "<th scope='col'>Acceptability</th><th scope='col'>First-year cost</th><th scope='col'>Notes</th></tr>"
    )
    for o in r["options"]:
        acc = m.acceptability(o)
        notes = "".join(f"<li>{_e(m.reason(x['code'], x['params']))}</li>" for x in [*o["reasons"], *o["warnings"]])
        add(
            f"<tr><td>{_e(m.option_name(o['id'], planned))}</td><td>{acc}</td><td>EUR {o['cost_eur']:,.0f}</td>"
            f"<td><ul class='reasons'>{notes}</ul></td></tr>"
        )
    add("</table>")

    add('<h2 id="flip">What would change the decision</h2><ul>')
    for f in r["flip_points"]:
        add(f"<li>{_e(m.flip_point(f, planned))}</li>")
    add("</ul>")

    add('<h2 id="plan">Conditions and review</h2>')
    if r["action_plan"]:
        add(
            "<table><caption>Action plan</caption><tr><th scope='col'>Condition</th><th scope='col'>Owner</th>"
            "<th scope='col'>Due</th><th scope='col'>How to verify</th></tr>"
        )
        for c in r["action_plan"]:
            add(
                f"<tr><td>{_e(c['title'])}</td><td>{_e(m.OWNERS.get(c['owner'], c['owner']))}</td>"
                f"<td>{_e(c['due'])}</td><td>{_e(c['verify'])}</td></tr>"
            )
        add("</table>")
    else:
        add("<p>No conditions.</p>")
    add(f"<p>Review by <strong>{_e(r['review_date'])}</strong>.</p>")
    add(
        f"<footer class='muted small'><p>Knowledge base {_e(r['kb_version'])}; seed {_e(r['seed'])}; "
        f"{_e(r['draws'])} simulations. Produced by gonogo.</p></footer>"
    )
    add("</main></body></html>")
    return "\n".join(out)
