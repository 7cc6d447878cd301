"""What an account brings, as numbers with an uncertainty interval.

Imported evidence (read from a platform's export) is narrow: the export is the platform's own count, and the
interval only covers its known looseness (late corrections, bots removed later). Self-reported numbers (typed
into an assessment) are wide. Each metric is an ``Estimate(value, low, high, basis)``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from .importers.model import EvidenceImport, Territory

IMPORTED = "imported"
SELF_REPORTED = "self-reported"
# Relative half-width of the interval for each basis.
HALF_WIDTH = {IMPORTED: 0.05, SELF_REPORTED: 0.4}
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True, slots=True)
class Estimate:
    value: float
    low: float
    high: float
    basis: str
    unit: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def estimate(value: float, basis: str, unit: str, *, bounds: tuple[float, float] | None = None) -> Estimate:
    """An interval around ``value`` whose width depends on where the number came from."""
    if basis not in HALF_WIDTH:
        raise ValueError(f"basis must be one of {sorted(HALF_WIDTH)}")
    spread = abs(value) * HALF_WIDTH[basis]
    low, high = value - spread, value + spread
    if bounds:
        low, high = max(bounds[0], low), min(bounds[1], high)
    return Estimate(round(value, 6), round(low, 6), round(high, 6), basis, unit)


def per_100_inhabitants(count: float, population: int, basis: str) -> Estimate:
    """``count`` per 100 inhabitants served (followers or monthly views)."""
    if population <= 0:
        raise ValueError("population must be positive")
    return estimate(count / population * 100, basis, "per 100 inhabitants", bounds=(0.0, float("inf")))


def home_share(territories: tuple[Territory, ...], country: str, basis: str = IMPORTED) -> Estimate | None:
    """Share of the audience in the body's own country, from the top-territories split."""
    code = country.strip().upper()
    for t in territories:
        if t.code == code:
            return estimate(t.share, basis, "share of audience", bounds=(0.0, 1.0))
    if territories:
        listed = [t.share for t in territories if t.code.lower() != "others"]
        # Not among the top territories: the share is below the smallest one listed.
        return Estimate(0.0, 0.0, round(min(listed), 6) if listed else 1.0, basis, "share of audience")
    return None


def growth_per_month(latest: int, change: int, days: int, basis: str) -> Estimate | None:
    """Relative follower growth per month over the period (0.02 = +2 % a month)."""
    start = latest - change
    if start <= 0 or days <= 0:
        return None
    return estimate(change / start / days * DAYS_PER_MONTH, basis, "relative change per month")


def posting_consistency(post_days: list[date], start: date, end: date, basis: str) -> Estimate | None:
    """Share of weeks in the period with at least one post (1.0 = posted every week)."""
    if not post_days or end < start:
        return None
    weeks = ((end - start).days // 7) + 1
    active = {(d - start).days // 7 for d in post_days if start <= d <= end}
    return estimate(len(active) / weeks, basis, "share of weeks with a post", bounds=(0.0, 1.0))


def _post_days(ev: EvidenceImport) -> tuple[list[date], date]:
    """Days with a post, and the first day the post record covers."""
    if "posts" in ev.daily_metrics:
        return [d.date for d in ev.daily if d.posts], ev.period.start
    if ev.post_dates and ev.source == "tiktok_studio":
        # Content.csv lists only the most recent videos: judge consistency from the first one listed.
        first = max(ev.post_dates[0], ev.period.start)
        return list(ev.post_dates), first - timedelta(days=(first - ev.period.start).days % 7)
    return list(ev.post_dates), ev.period.start


def account_metrics(
    ev: EvidenceImport, population: int | None = None, country: str | None = None
) -> dict[str, Estimate | None]:
    """The metrics the decision uses, from an import."""
    basis = IMPORTED
    out: dict[str, Estimate | None] = {
        "followers_per_100": None,
        "monthly_views_per_100": None,
        "home_share": None,
        "engagement_rate": None,
        "growth_per_month": None,
        "posting_consistency": None,
    }
    if population:
        if ev.followers.latest is not None:
            out["followers_per_100"] = per_100_inhabitants(ev.followers.latest, population, basis)
        if ev.views.per_month is not None:
            out["monthly_views_per_100"] = per_100_inhabitants(ev.views.per_month, population, basis)
    if country:
        out["home_share"] = home_share(ev.top_territories, country, basis)
    if ev.engagement_rate is not None:
        out["engagement_rate"] = estimate(ev.engagement_rate, basis, "interactions per view", bounds=(-1.0, 1e9))
    if ev.followers.latest is not None and ev.followers.change is not None:
        out["growth_per_month"] = growth_per_month(ev.followers.latest, ev.followers.change, ev.period.days, basis)
    days, first = _post_days(ev)
    out["posting_consistency"] = posting_consistency(days, first, ev.period.end, basis)
    return out
