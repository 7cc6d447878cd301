"""The typed result of an import: frozen dataclasses, plain values, no file handles."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

from gonogo.core.errors import InputError

SOURCES = ("tiktok_studio", "meta", "youtube", "x", "generic")

# Per-day metrics an export can carry. A day holds None for a metric the file left out or marked missing.
DAY_METRICS = (
    "views",
    "profile_views",
    "likes",
    "comments",
    "shares",
    "engagements",
    "followers",
    "followers_change",
    "reach",
    "viewers",
    "new_viewers",
    "returning_viewers",
    "posts",
)


class EvidenceError(InputError):
    """The exports given cannot be imported together; the message says what to give instead."""


class ImportFormatError(EvidenceError):
    """A file is not what its format says: names the file, line, column and what was expected."""

    def __init__(
        self, file: str, line: int | None, column: str | None, expected: str, found: str | None = None
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.expected = expected
        self.found = found
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {column}"
        message = f"{where}: expected {expected}"
        if found is not None:
            shown = found if len(found) <= 60 else found[:57] + "..."
            message += f", found {shown!r}"
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Day:
    """One day of an account's metrics; None means the export did not say."""

    date: date
    views: int | None = None
    profile_views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    engagements: int | None = None
    followers: int | None = None
    followers_change: int | None = None
    reach: int | None = None
    viewers: int | None = None
    new_viewers: int | None = None
    returning_viewers: int | None = None
    posts: int | None = None

    def as_dict(self, metrics: tuple[str, ...]) -> dict[str, object]:
        out: dict[str, object] = {"date": self.date.isoformat()}
        for name in metrics:
            out[name] = getattr(self, name)
        return out


assert tuple(f.name for f in fields(Day))[1:] == DAY_METRICS


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def as_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True, slots=True)
class Followers:
    latest: int | None
    change: int | None


@dataclass(frozen=True, slots=True)
class Views:
    total: int | None
    per_month: float | None


@dataclass(frozen=True, slots=True)
class Territory:
    """A share of the audience; ``code`` is ISO 3166 alpha-2 where known, else the label the file used."""

    code: str
    share: float


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file given to the importer, its SHA-256, and what was recognised in it."""

    name: str
    sha256: str
    recognised: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EvidenceImport:
    """What one account's exports say, summarised over their period."""

    source: str
    period: Period
    followers: Followers
    views: Views
    engagement_rate: float | None
    daily: tuple[Day, ...]
    daily_metrics: tuple[str, ...]
    top_territories: tuple[Territory, ...]
    post_dates: tuple[date, ...]
    files: tuple[SourceFile, ...]
    export_date: date | None = None
    # Which file each headline number came from (``followers``, ``views``, ``engagement_rate``).
    metric_files: tuple[tuple[str, str], ...] = field(default=())

    def file_for(self, metric: str) -> str | None:
        return dict(self.metric_files).get(metric)

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "period": self.period.as_dict(),
            "export_date": self.export_date.isoformat() if self.export_date else None,
            "followers": {"latest": self.followers.latest, "change": self.followers.change},
            "views": {"total": self.views.total, "per_month": self.views.per_month},
            "engagement_rate": self.engagement_rate,
            "daily": [d.as_dict(self.daily_metrics) for d in self.daily],
            "top_territories": [{"code": t.code, "share": t.share} for t in self.top_territories],
            "posts": len(self.post_dates),
            "files": [{"name": f.name, "sha256": f.sha256, "recognised": list(f.recognised)} for f in self.files],
        }
