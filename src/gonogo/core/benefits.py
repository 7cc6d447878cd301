"""What an account brings: each benefit criterion as a value in [0, 1] with an uncertainty interval.

Imported evidence gives a narrow interval, self-reported numbers a wide one, and missing evidence the
full range [0, 1]: missing is never read as zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from gonogo.core.assessment import Assessment, Measure
from gonogo.core.kb import KnowledgeBase

BENEFITS = ("reach", "audience_fit", "engagement", "reception", "mission_fit")


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    basis: str  # imported | self_reported | survey | comments | declared | missing
    raw: float | None = None  # the evidence figure the value came from, in its own unit
    unit: str = ""
    source: str = ""  # for imported evidence: the importer, the file and the period it covers
    file: str = ""
    period: tuple[str, str] | None = None

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    def scaled(self, factor: Interval) -> Interval:
        return replace(self, low=self.low * factor.low, high=self.high * factor.high)


def _with_origin(iv: Interval, m: Measure) -> Interval:
    """Attach where an imported measure came from."""
    if not m.imported:
        return iv
    period = None
    if m.period_start is not None and m.period_end is not None:
        period = (m.period_start.isoformat(), m.period_end.isoformat())
    return replace(iv, source=m.source, file=m.file, period=period)


FULL = Interval(0.0, 1.0, "missing")


def _clip(x: float) -> float:
    return min(1.0, max(0.0, x))


def _saturate(x: float, scale: float) -> float:
    return 1.0 - math.exp(-x / scale)


def _spread(kb: KnowledgeBase, m: Measure) -> float:
    return kb.criteria.uncertainty.get("imported" if m.imported else "self_reported", 0.25)


def _basis(m: Measure) -> str:
    return "imported" if m.imported else "self_reported"


def reach(a: Assessment, kb: KnowledgeBase) -> Interval:
    """Followers or monthly views per 100 inhabitants served, saturating (value = 1 - exp(-x / scale))."""
    pop = a.organisation.population_served
    scale = kb.criteria.get("reach").params.get("scale", {})
    parts: list[tuple[float, float, Measure, float]] = []
    if pop:
        for m, key in (
            (a.evidence.followers, "followers_per_100"),
            (a.evidence.monthly_views, "monthly_views_per_100"),
        ):
            if m is not None:
                per100 = m.value / pop * 100
                u = _spread(kb, m)
                s = float(scale.get(key, 10))
                parts.append((_saturate(per100 * (1 - u), s), _saturate(per100 * (1 + u), s), m, per100))
    if not parts:
        return FULL
    lo = sum(p[0] for p in parts) / len(parts)
    hi = sum(p[1] for p in parts) / len(parts)
    first = parts[0]
    unit = "followers_per_100" if first[2] is a.evidence.followers else "monthly_views_per_100"
    return _with_origin(Interval(lo, hi, _basis(first[2]), round(first[3], 2), unit), first[2])


def _survey_share(a: Assessment, kb: KnowledgeBase) -> float | None:
    """Share of the target age group using the platform, from published surveys (own country first)."""
    platform = kb.platforms[a.platform]
    if not platform.audience:
        return None
    country = a.organisation.jurisdiction.split("-")[0]
    lo_age = a.account.age_min if a.account.age_min is not None else 13
    hi_age = a.account.age_max if a.account.age_max is not None else 120
    for wanted in (country, None):
        rows = [s for s in platform.audience if wanted is None or s.country == wanted]
        # Aggregate rows ("18+") are used only where no narrower age band of the same survey exists.
        rows = [
            s
            for s in rows
            if not any(
                o is not s
                and o.country == s.country
                and o.year == s.year
                and s.age_min <= o.age_min
                and o.age_max <= s.age_max
                and (o.age_min, o.age_max) != (s.age_min, s.age_max)
                for o in rows
            )
        ]
        total, weight = 0.0, 0.0
        for s in rows:
            overlap = min(hi_age, s.age_max) - max(lo_age, s.age_min) + 1
            if overlap > 0:
                total += s.share * overlap
                weight += overlap
        if weight:
            return total / weight
    return None


def audience_fit(a: Assessment, kb: KnowledgeBase) -> Interval:
    m = a.evidence.target_age_share
    if m is not None:
        u = _spread(kb, m) * m.value
        return _with_origin(Interval(_clip(m.value - u), _clip(m.value + u), _basis(m), m.value, "share"), m)
    survey = _survey_share(a, kb)
    if survey is None:
        return FULL
    share = survey
    u = kb.criteria.uncertainty.get("survey", 0.1)
    return Interval(_clip(share - u), _clip(share + u), "survey", round(share, 3), "share")


def engagement(a: Assessment, kb: KnowledgeBase) -> Interval:
    m = a.evidence.engagement_rate
    if m is None:
        return FULL
    s = float(kb.criteria.get("engagement").params.get("scale", {}).get("engagement_rate", 0.05))
    u = _spread(kb, m)
    iv = Interval(_saturate(m.value * (1 - u), s), _saturate(m.value * (1 + u), s), _basis(m), m.value, "rate")
    return _with_origin(iv, m)


def reception(a: Assessment, kb: KnowledgeBase) -> Interval:
    """Sentiment balance (positive minus negative share) mapped to [0, 1]; 0.5 is balanced."""
    ev = a.evidence
    if ev.sentiment_positive is None and ev.sentiment_negative is None:
        return FULL
    balance = (ev.sentiment_positive or 0.0) - (ev.sentiment_negative or 0.0)
    value = (balance + 1) / 2
    if ev.comments_counted:
        half = 1.96 * math.sqrt(0.25 / ev.comments_counted) / 2 + 0.02
        basis = "comments"
    else:
        half = 0.1
        basis = "self_reported"
    iv = Interval(_clip(value - half), _clip(value + half), basis, round(balance, 4), "balance")
    if ev.sentiment_file:
        period = None
        if ev.sentiment_period is not None:
            period = (ev.sentiment_period[0].isoformat(), ev.sentiment_period[1].isoformat())
        iv = replace(iv, source=ev.sentiment_source, file=ev.sentiment_file, period=period)
    return iv


def mission_fit(a: Assessment, kb: KnowledgeBase) -> Interval:
    values = kb.criteria.get("mission_fit").params.get("values", {})
    key = "official_task" if a.account.official_task else "no_official_task"
    lo, hi = values.get(key, [0.0, 1.0])
    return Interval(float(lo), float(hi), "declared", 1.0 if a.account.official_task else 0.0, "official_task")


def other_channels(a: Assessment, kb: KnowledgeBase) -> Interval:
    """Share of what the account brings that other channels would replace (option ``leave``)."""
    m = a.evidence.other_channels_reach
    if m is None:
        return FULL
    u = _spread(kb, m) * m.value
    return Interval(_clip(m.value - u), _clip(m.value + u), _basis(m), m.value, "share")


def platform_benefits(a: Assessment, kb: KnowledgeBase) -> dict[str, Interval]:
    return {
        "reach": reach(a, kb),
        "audience_fit": audience_fit(a, kb),
        "engagement": engagement(a, kb),
        "reception": reception(a, kb),
        "mission_fit": mission_fit(a, kb),
    }
