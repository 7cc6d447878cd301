"""What the evidence page shows of an upload: the decision's metrics, peer comparison and charts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gonogo.core.errors import InputError
from gonogo.evidence.importers import EvidenceImport
from gonogo.evidence.metrics import Estimate, account_metrics
from gonogo.evidence.peers import compare_with_peers
from gonogo.evidence.population import country_population
from gonogo.reports.i18n import percent as percent_in
from gonogo.web.evidence.charts import Chart, chart
from gonogo.web.evidence.models import Upload
from gonogo.web.evidence.services import restore
from gonogo.web.evidence.territories import territory_name
from gonogo.web.orgs.models import Organisation


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    interval: str
    note: str


def whole(value: float) -> str:
    return number_format(round(value), 0, use_l10n=True, force_grouping=True)


def decimal(value: float, places: int = 1) -> str:
    return number_format(value, places, use_l10n=True, force_grouping=True)


def percent(value: float) -> str:
    """A share as a percentage with one decimal, in the page's language (``12.5%``, ``12,5 %``)."""
    return percent_in(value, get_language(), 1)


def population_of(org: Organisation) -> tuple[int | None, str]:
    """The population to measure reach against, and where it came from."""
    if org.population_served:
        return int(org.population_served), _("the population served, as recorded for the organisation")
    code = org.jurisdiction.upper()
    if len(code) == 2 and code != "EU":
        try:
            return country_population(code), _("the GeoNames population of %(code)s") % {"code": code}
        except InputError:
            return None, ""
    return None, ""


def country_of(org: Organisation) -> str | None:
    code = org.jurisdiction.upper()[:2]
    return None if code == "EU" else code


def _interval(e: Estimate | None, fmt: Any) -> str:
    return "" if e is None else f"{fmt(e.low)} – {fmt(e.high)}"


def metrics(ev: EvidenceImport, org: Organisation) -> tuple[list[Metric], dict[str, Estimate | None]]:
    population, population_basis = population_of(org)
    country = country_of(org)
    est = account_metrics(ev, population, country)
    none = _("not in the export")
    no_population = _("record the population the organisation serves")
    rows: list[Metric] = []
    latest, change = ev.followers.latest, ev.followers.change
    rows.append(Metric(_("Followers, latest"), whole(latest) if latest is not None else none, "", ""))
    rows.append(
        Metric(
            _("Change in followers over the period"),
            (("+" if change > 0 else "") + whole(change)) if change is not None else none,
            "",
            "",
        )
    )
    rows.append(
        Metric(_("Views per month"), whole(ev.views.per_month) if ev.views.per_month is not None else none, "", "")
    )
    e = est["engagement_rate"]
    rows.append(
        Metric(
            _("Engagement rate"),
            percent(e.value) if e else none,
            _interval(e, percent),
            _("likes, comments and shares per view"),
        )
    )
    for key, label in (
        ("followers_per_100", _("Followers per 100 inhabitants")),
        ("monthly_views_per_100", _("Monthly views per 100 inhabitants")),
    ):
        e = est[key]
        rows.append(
            Metric(
                label,
                decimal(e.value, 2) if e else (no_population if population is None else none),
                _interval(e, lambda v: decimal(v, 2)),
                _("against %(basis)s: %(n)s") % {"basis": population_basis, "n": whole(population)}
                if population
                else "",
            )
        )
    e = est["home_share"]
    rows.append(
        Metric(
            _("Share of the audience in %(country)s") % {"country": territory_name(country) if country else "?"},
            percent(e.value) if e else none,
            _interval(e, percent),
            _("from the top territories"),
        )
    )
    e = est["growth_per_month"]
    rows.append(Metric(_("Follower growth per month"), percent(e.value) if e else none, _interval(e, percent), ""))
    e = est["posting_consistency"]
    rows.append(
        Metric(
            _("Posting consistency"),
            percent(e.value) if e else none,
            _interval(e, percent),
            _("share of weeks with at least one post"),
        )
    )
    return rows, est


@dataclass(frozen=True)
class PeerRow:
    name: str
    followers: str
    per_100: str
    snapshot: str
    source: str
    own: bool


def peers(ev: EvidenceImport, org: Organisation, name: str) -> list[PeerRow]:
    population, _basis = population_of(org)
    if ev.followers.latest is None or not population:
        return []
    country = country_of(org)
    rows = compare_with_peers(name, ev.followers.latest, population, country=country)
    if len(rows) == 1:  # no peer from the body's country: compare with all of them
        rows = compare_with_peers(name, ev.followers.latest, population)
    return [
        PeerRow(
            r.name,
            whole(r.followers),
            decimal(r.per_100, 2) if r.per_100 is not None else "–",
            r.date or "",
            r.source or "",
            r.own,
        )
        for r in rows
    ]


def charts(ev: EvidenceImport) -> list[Chart]:
    days = ev.daily
    out: list[Chart | None] = []
    if "followers" in ev.daily_metrics:
        series = [(d.date, float(d.followers) if d.followers is not None else None) for d in days]
        out.append(
            chart(
                "followers",
                _("Followers over time"),
                _("Follower count per day from %(start)s to %(end)s; it ends at %(latest)s.")
                % {
                    "start": ev.period.start.isoformat(),
                    "end": ev.period.end.isoformat(),
                    "latest": whole(ev.followers.latest or 0),
                },
                series,
                whole,
                from_zero=False,
            )
        )
    if "views" in ev.daily_metrics:
        series = [(d.date, float(d.views) if d.views is not None else None) for d in days]
        out.append(
            chart(
                "views",
                _("Views per day"),
                _("Views per day from %(start)s to %(end)s, %(total)s in all.")
                % {
                    "start": ev.period.start.isoformat(),
                    "end": ev.period.end.isoformat(),
                    "total": whole(ev.views.total or 0),
                },
                series,
                whole,
                kind="bars",
            )
        )
    rates = _daily_engagement(ev)
    if any(v is not None for _d, v in rates):
        out.append(
            chart(
                "engagement",
                _("Engagement rate over time"),
                _("Likes, comments and shares per view, day by day; %(rate)s over the whole period.")
                % {"rate": percent(ev.engagement_rate) if ev.engagement_rate is not None else "–"},
                rates,
                percent,
            )
        )
    return [c for c in out if c is not None]


def _daily_engagement(ev: EvidenceImport) -> list[tuple[Any, float | None]]:
    parts = [m for m in ("likes", "comments", "shares") if m in ev.daily_metrics] or (
        ["engagements"] if "engagements" in ev.daily_metrics else []
    )
    out: list[tuple[Any, float | None]] = []
    for d in ev.daily:
        values = [getattr(d, m) for m in parts]
        if not parts or not d.views or all(v is None for v in values):
            out.append((d.date, None))
        else:
            out.append((d.date, sum(v for v in values if v is not None) / d.views))
    return out


def present(upload: Upload, org: Organisation, name: str) -> dict[str, Any]:
    ev = restore(upload.summary)
    rows, _estimates = metrics(ev, org)
    return {
        "upload": upload,
        "metrics": rows,
        "peers": peers(ev, org, name),
        "charts": charts(ev),
        "territories": [(territory_name(t.code), percent(t.share)) for t in ev.top_territories],
    }


def metrics_json(upload: Upload, org: Organisation) -> dict[str, Any]:
    """The API's view of an upload's metrics: the estimates as numbers, as ``gonogo evidence --format json``."""
    ev = restore(upload.summary)
    population, basis = population_of(org)
    est = account_metrics(ev, population, country_of(org))
    return {
        "followers": {"latest": ev.followers.latest, "change": ev.followers.change},
        "views": {"total": ev.views.total, "per_month": ev.views.per_month},
        "engagement_rate": ev.engagement_rate,
        "population": {"value": population, "basis": basis} if population else None,
        "metrics": {k: (v.as_dict() if v else None) for k, v in est.items()},
    }
