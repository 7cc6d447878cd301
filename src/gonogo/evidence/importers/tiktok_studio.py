"""TikTok Studio "Download data": the per-tab zips, or the CSVs inside them.

Quirks handled: UTF-8 with BOM and every field quoted; dates without a year in the interface language
(``"May 15"``, ``"15. mai"``, ``"15. Mai"``, ``"18 tháng Sáu"``) whose year comes from the export date;
``"undefined"`` meaning missing; negative comment counts (deleted comments) kept as they are;
FollowerHistory's difference column ignored and recomputed from the follower counts.
"""

from __future__ import annotations

from datetime import date

from .dates import infer_years, parse_month_day
from .model import ImportFormatError, Territory
from .partial import Partial
from .text import cell, header_index, norm, parse_float, parse_int, require_width

SOURCE = "tiktok_studio"
Columns = dict[str, tuple[str, ...]]

# Our metric -> the header labels (normalised) that carry it.
OVERVIEW: Columns = {
    "date": ("date",),
    "views": ("video views",),
    "profile_views": ("profile views",),
    "likes": ("likes",),
    "comments": ("comments",),
    "shares": ("shares",),
    "reach": ("reached audience",),
    "followers_change": ("net growth",),
}
FOLLOWER_HISTORY: Columns = {"date": ("date",), "followers": ("followers",)}
VIEWERS: Columns = {
    "date": ("date",),
    "viewers": ("total viewers",),
    "new_viewers": ("new viewers",),
    "returning_viewers": ("returning viewers",),
}
CONTENT: Columns = {
    "time": ("time",),
    "post_time": ("post time",),
    "likes": ("total likes",),
    "comments": ("total comments",),
    "shares": ("total shares",),
    "views": ("total views",),
}
ACTIVITY: Columns = {"date": ("date",), "hour": ("hour",), "active": ("active followers",)}


def _dated_rows(
    rows: list[tuple[int, list[str]]], date_col: int, export_date: date, name: str, label: str
) -> list[date]:
    raw = [parse_month_day(cell(r, date_col), name, line, label) for line, r in rows]
    return infer_years(raw, export_date, name, [line for line, _ in rows], label)


def parse_daily(
    kind: str,
    wanted: Columns,
    rows: list[tuple[int, list[str]]],
    export_date: date,
    partial: Partial,
) -> None:
    """Overview, FollowerHistory and Viewers: one row per day, counts per column."""
    name = partial.member
    _header_line, header = rows[0]
    cols = header_index(header, wanted)
    body = rows[1:]
    for line, row in body:
        require_width(row, len(header), name, line)
    days = _dated_rows(body, cols["date"], export_date, name, header[cols["date"]])
    metrics = [(m, i, header[i]) for m, i in cols.items() if m != "date"]
    for m, _, _ in metrics:
        partial.metrics.add(m)
    for (line, row), day in zip(body, days, strict=True):
        for metric, index, label in metrics:
            partial.put(day, metric, parse_int(row[index], name, line, label))
    if kind == "follower_history":
        _recompute_follower_change(partial)


def _recompute_follower_change(partial: Partial) -> None:
    """The export's own difference column is unreliable (it has been seen to compare with the next day)."""
    partial.metrics.add("followers_change")
    previous: int | None = None
    previous_day: date | None = None
    for day in sorted(partial.days):
        value = partial.days[day].get("followers")
        consecutive = previous_day is not None and (day - previous_day).days == 1
        change = value - previous if (value is not None and previous is not None and consecutive) else None
        partial.days[day]["followers_change"] = change
        previous, previous_day = value, day


def parse_territories(rows: list[tuple[int, list[str]]], partial: Partial) -> None:
    name = partial.member
    header = rows[0][1]
    for line, row in rows[1:]:
        require_width(row, 2, name, line)
        label = row[0].strip()
        if not label:
            raise ImportFormatError(name, line, header[0], "a territory code such as NO or 'Others'", row[0])
        share = parse_float(row[1], name, line, header[1])
        if share is None:
            continue
        if share < 0 or share > 100:
            raise ImportFormatError(name, line, header[1], "a share between 0 and 1 (or a percentage)", row[1])
        if share > 1:
            share = share / 100
        code = label.upper() if len(label) == 2 and label.isalpha() else label
        partial.territories.append(Territory(code, share))


def parse_gender(rows: list[tuple[int, list[str]]], partial: Partial) -> None:
    """Checked for form only: the decision does not use the gender split."""
    name = partial.member
    header = rows[0][1]
    for line, row in rows[1:]:
        require_width(row, 2, name, line)
        parse_float(row[1], name, line, header[1])


def parse_activity(rows: list[tuple[int, list[str]]], export_date: date, partial: Partial) -> None:
    """FollowerActivity: 24 rows a day for the last week. Checked for form; not used in the summary."""
    name = partial.member
    header = rows[0][1]
    cols = header_index(header, ACTIVITY)
    body = rows[1:]
    for line, row in body:
        require_width(row, len(header), name, line)
        hour = parse_int(row[cols["hour"]], name, line, header[cols["hour"]])
        if hour is not None and not 0 <= hour <= 23:
            raise ImportFormatError(name, line, header[cols["hour"]], "an hour from 0 to 23", row[cols["hour"]])
        parse_int(row[cols["active"]], name, line, header[cols["active"]])
    _dated_rows(body, cols["date"], export_date, name, header[cols["date"]])


def parse_content(rows: list[tuple[int, list[str]]], export_date: date, partial: Partial) -> None:
    """Content: a snapshot of the ~15 most recent videos. Only their post dates are used (for consistency)."""
    name = partial.member
    header = rows[0][1]
    cols = header_index(header, CONTENT)
    body = rows[1:]
    for line, row in body:
        require_width(row, len(header), name, line)
        for key in ("likes", "comments", "shares", "views"):
            parse_int(row[cols[key]], name, line, header[cols[key]])
    post_times = [
        parse_month_day(_date_part(row[cols["post_time"]]), name, line, header[cols["post_time"]]) for line, row in body
    ]
    # Videos are listed newest first or by performance; place each before the export date on its own.
    for (line, _), value in zip(body, post_times, strict=True):
        day = infer_years([value], export_date, name, [line], header[cols["post_time"]])[0]
        partial.post_dates.append(day)


def _date_part(value: str) -> str:
    """Post times may carry a clock time ("May 15 14:02" or "2025-05-15 14:02"); keep the date."""
    v = value.strip()
    if len(v) >= 16 and v[4:5] == "-" and v[10:11] in (" ", "T"):
        return v[:10]
    parts = v.split()
    if len(parts) >= 3 and ":" in parts[-1]:
        return " ".join(parts[:-1])
    return v


KINDS: dict[str, tuple[str, frozenset[str]]] = {
    # kind: (what is shown, required normalised header labels)
    "overview": (
        "TikTok Studio Overview",
        frozenset({"date", "video views", "profile views", "likes", "comments", "shares"}),
    ),
    "follower_history": ("TikTok Studio FollowerHistory", frozenset({"date", "followers"})),
    "follower_activity": ("TikTok Studio FollowerActivity", frozenset({"date", "hour", "active followers"})),
    "viewers": (
        "TikTok Studio Viewers",
        frozenset({"date", "total viewers", "new viewers", "returning viewers"}),
    ),
    "content": ("TikTok Studio Content", frozenset(norm(h) for k in CONTENT.values() for h in k)),
    "follower_gender": ("follower gender split", frozenset({"gender", "distribution"})),
    "top_territories": ("follower top territories", frozenset({"top territories", "distribution"})),
}


def recognise(header: list[str]) -> str | None:
    labels = {norm(h) for h in header}
    if labels == {"date", "followers", "difference in followers from previous day"} or labels == {
        "date",
        "followers",
    }:
        return "follower_history"
    for kind, (_, required) in KINDS.items():
        if kind != "follower_history" and required <= labels:
            return kind
    return None


def parse(kind: str, rows: list[tuple[int, list[str]]], export_date: date, partial: Partial) -> None:
    if kind == "overview":
        parse_daily(kind, OVERVIEW, rows, export_date, partial)
    elif kind == "follower_history":
        parse_daily(kind, FOLLOWER_HISTORY, rows, export_date, partial)
    elif kind == "viewers":
        parse_daily(kind, VIEWERS, rows, export_date, partial)
    elif kind == "follower_activity":
        parse_activity(rows, export_date, partial)
    elif kind == "content":
        parse_content(rows, export_date, partial)
    elif kind == "top_territories":
        parse_territories(rows, partial)
    elif kind == "follower_gender":
        parse_gender(rows, partial)
    else:  # pragma: no cover - recognise() only returns the kinds above
        raise ValueError(kind)
