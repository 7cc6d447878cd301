"""Combining the files of one account into one summary over their period."""

from __future__ import annotations

from datetime import date

from .model import (
    DAY_METRICS,
    Day,
    EvidenceError,
    EvidenceImport,
    Followers,
    Period,
    SourceFile,
    Territory,
    Views,
)
from .partial import Partial

DAYS_PER_MONTH = 365.25 / 12
_LABELS = {
    "tiktok_studio": "TikTok Studio",
    "meta": "Meta Business Suite",
    "youtube": "YouTube Studio",
    "x": "X analytics",
    "generic": "generic CSV",
}


def combine(partials: list[Partial], hashes: dict[str, str], export_date: date | None) -> EvidenceImport:
    """One summary from the files of one account; files from different platforms are refused."""
    sources = sorted({p.source for p in partials if p.source})
    if len(sources) > 1:
        by_source = "; ".join(
            f"{_LABELS[s]}: {', '.join(sorted({p.member for p in partials if p.source == s}))}" for s in sources
        )
        raise EvidenceError(f"the files come from more than one platform ({by_source}); import one account at a time")
    source = sources[0] if sources else "tiktok_studio"

    days: dict[date, dict[str, int | None]] = {}
    metrics: set[str] = set()
    metric_origin: dict[str, str] = {}
    for p in partials:
        metrics |= p.metrics
        for m in p.metrics:
            metric_origin.setdefault(m, p.origin)
        for day, values in p.days.items():
            slot = days.setdefault(day, {})
            for m, v in values.items():
                if v is not None or m not in slot:
                    slot[m] = v
    post_dates = sorted(d for p in partials for d in p.post_dates)
    totals: dict[str, int] = {}
    for p in partials:
        totals.update(p.totals)
        for m in p.totals:
            metric_origin.setdefault(m, p.origin)

    undated = [p.member for p in partials if p.needs_dates]
    if undated and not days:
        raise EvidenceError(
            f"{undated[0]} has no dates: add Totals.csv or Chart data.csv from the same YouTube Studio export"
        )
    hints = [d for p in partials if p.period_hint for d in p.period_hint]
    dated = sorted(days) or sorted(hints) or post_dates
    if not dated:
        names = ", ".join(p.member for p in partials)
        raise EvidenceError(
            f"no dated figures in {names}: add the daily exports (for TikTok Studio the Overview or "
            "FollowerHistory file)"
        )
    period = Period(dated[0], dated[-1])
    daily_metrics = tuple(m for m in DAY_METRICS if m in metrics)
    daily = tuple(Day(d, **{m: days[d].get(m) for m in daily_metrics}) for d in sorted(days))

    followers = _followers(daily, "followers" in metrics, "followers_change" in metrics)
    if followers.change is None and "followers_change" in totals:
        followers = Followers(latest=followers.latest, change=totals["followers_change"])
    views = _views(daily, totals, period)
    rate = _engagement_rate(daily, metrics, totals)

    territories: tuple[Territory, ...] = ()
    for p in partials:
        if p.territories:
            territories = tuple(sorted(p.territories, key=lambda t: (-t.share, t.code)))
            metric_origin.setdefault("top_territories", p.origin)

    recognised: dict[str, list[str]] = {}
    for p in partials:
        recognised.setdefault(p.origin, []).append(p.kind)
    files = tuple(SourceFile(name, digest, tuple(recognised.get(name, ()))) for name, digest in hashes.items())
    explicit = export_date or next((p.export_date for p in partials if p.export_date), None)
    provenance = {
        "followers": metric_origin.get("followers") or metric_origin.get("followers_change"),
        "views": metric_origin.get("views"),
        "engagement_rate": metric_origin.get("views") if rate is not None else None,
        "top_territories": metric_origin.get("top_territories"),
    }
    return EvidenceImport(
        source=source,
        period=period,
        followers=followers,
        views=views,
        engagement_rate=rate,
        daily=daily,
        daily_metrics=daily_metrics,
        top_territories=territories,
        post_dates=tuple(post_dates),
        files=files,
        export_date=explicit,
        metric_files=tuple((k, v) for k, v in provenance.items() if v),
    )


def _followers(daily: tuple[Day, ...], has_level: bool, has_change: bool) -> Followers:
    if has_level:
        known = [d.followers for d in daily if d.followers is not None]
        if known:
            return Followers(latest=known[-1], change=known[-1] - known[0])
    if has_change:
        changes = [d.followers_change for d in daily if d.followers_change is not None]
        if changes:
            return Followers(latest=None, change=sum(changes))
    return Followers(latest=None, change=None)


def _views(daily: tuple[Day, ...], totals: dict[str, int], period: Period) -> Views:
    known = [d.views for d in daily if d.views is not None]
    if known:
        total = sum(known)
        return Views(total=total, per_month=round(total / len(known) * DAYS_PER_MONTH, 1))
    if "views" in totals:
        total = totals["views"]
        return Views(total=total, per_month=round(total / period.days * DAYS_PER_MONTH, 1))
    return Views(total=None, per_month=None)


def _engagement_rate(daily: tuple[Day, ...], metrics: set[str], totals: dict[str, int]) -> float | None:
    """(likes + comments + shares) / views over the days that have views; interactions stand in if that is
    all the export has (Meta's daily "Content interactions")."""
    parts: list[str] = [m for m in ("likes", "comments", "shares") if m in metrics] or (
        ["engagements"] if "engagements" in metrics else []
    )
    if parts:
        views = 0
        engaged = 0
        for d in daily:
            if d.views is None:
                continue
            values = [getattr(d, m) for m in parts]
            if all(v is None for v in values):
                continue
            views += d.views
            engaged += sum(v for v in values if v is not None)
        if views > 0:
            return round(engaged / views, 6)
        return None
    if totals.get("views") and any(k in totals for k in ("likes", "comments", "shares")):
        engaged = sum(totals.get(k, 0) for k in ("likes", "comments", "shares"))
        return round(engaged / totals["views"], 6)
    return None
