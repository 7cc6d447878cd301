"""What one parsed file contributes before the files of an account are combined."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model import Territory


@dataclass
class Partial:
    """The contribution of one file. Mutable while a parser fills it, discarded once combined."""

    source: str | None  # None for files that fit any source (territory and gender splits)
    kind: str  # what was recognised, e.g. "TikTok Studio Overview"
    member: str  # file name for messages and provenance
    origin: str  # the file the person gave
    days: dict[date, dict[str, int | None]] = field(default_factory=dict)
    metrics: set[str] = field(default_factory=set)
    territories: list[Territory] = field(default_factory=list)
    post_dates: list[date] = field(default_factory=list)
    # Totals a file states outright (YouTube's ``Total`` row), used when there are no daily figures.
    totals: dict[str, int] = field(default_factory=dict)
    export_date: date | None = None
    # Set by files without dates of their own (YouTube Table data): another file must give the period.
    needs_dates: bool = False
    period_hint: tuple[date, date] | None = None

    def put(self, day: date, metric: str, value: int | None) -> None:
        self.metrics.add(metric)
        self.days.setdefault(day, {})[metric] = value

    def add(self, day: date, metric: str, value: int | None) -> None:
        """Sum into a day (post-level files); a missing value leaves the sum as it is."""
        self.metrics.add(metric)
        slot = self.days.setdefault(day, {})
        if value is None:
            slot.setdefault(metric, None)
            return
        current = slot.get(metric)
        slot[metric] = value if current is None else current + value
