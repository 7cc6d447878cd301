"""Meta Business Suite exports (Facebook and Instagram).

- Content exports: one row per post with lifetime totals; the columns drift from month to month, so a
  required subset is matched case-insensitively and the rest is ignored. Posts count on their publish day.
- Daily series (Insights -> Export): UTF-16 with a BOM, a ``sep=,`` line, the metric name, then
  ``"Date","Primary"`` rows. One file per metric.
- ``Audience.csv``: stacked blocks (``Age & gender``, ``Top cities``, ``Top countries``, ``Top pages``,
  ``Follows``), each a title line followed by its rows.
"""

from __future__ import annotations

from .dates import parse_full_date
from .model import ImportFormatError, Territory
from .partial import Partial
from .text import header_index, norm, parse_float, parse_int, require_width

SOURCE = "meta"
LABELS = {
    "content_facebook": "Meta Facebook content export",
    "content_instagram": "Meta Instagram content export",
    "daily": "Meta daily series",
    "audience": "Meta Audience.csv",
}
CONTENT_REQUIRED = frozenset({"post id", "publish time", "permalink"})
CONTENT_COLUMNS = {
    "publish_time": ("publish time",),
    "views": ("views", "impressions"),
    "reach": ("reach",),
    "likes": ("reactions", "likes"),
    "comments": ("comments",),
    "shares": ("shares",),
}
# Daily series: the metric line (or the file name) says what the numbers are.
DAILY_METRICS = (
    ("follow", "followers_change"),
    ("interaction", "engagements"),
    ("link click", None),
    ("viewers", "viewers"),
    ("views", "views"),
    ("reach", "reach"),
    ("visit", "profile_views"),
)
AUDIENCE_BLOCKS = ("age & gender", "top cities", "top countries", "top pages", "follows")


def recognise(rows: list[list[str]], basename: str) -> str | None:
    first = rows[0]
    if len(rows) >= 2 and _single(first) and {norm(h) for h in rows[1]} >= {"date", "primary"}:
        return "daily"
    if _single(first) and norm(first[0]) in AUDIENCE_BLOCKS:
        return "audience"
    labels = {norm(h) for h in first}
    if labels >= CONTENT_REQUIRED:
        return "content_facebook" if "page id" in labels else "content_instagram"
    return None


def _single(row: list[str]) -> bool:
    return bool(row) and bool(row[0].strip()) and all(not c.strip() for c in row[1:])


def parse(kind: str, rows: list[tuple[int, list[str]]], partial: Partial) -> None:
    if kind == "daily":
        _daily(rows, partial)
    elif kind == "audience":
        _audience(rows, partial)
    else:
        _content(rows, partial)


def _content(rows: list[tuple[int, list[str]]], partial: Partial) -> None:
    name = partial.member
    header = rows[0][1]
    cols = header_index(header, CONTENT_COLUMNS)
    for line, row in rows[1:]:
        require_width(row, len(header), name, line)
        when = row[cols["publish_time"]]
        day = parse_full_date(when, name, line, header[cols["publish_time"]])
        partial.post_dates.append(day)
        partial.add(day, "posts", 1)
        for metric, index in cols.items():
            if metric != "publish_time":
                partial.add(day, metric, parse_int(row[index], name, line, header[index], thousands=True))


def _daily_metric(title: str) -> tuple[bool, str | None]:
    t = norm(title)
    for needle, metric in DAILY_METRICS:
        if needle in t:
            return True, metric
    return False, None


def _daily(rows: list[tuple[int, list[str]]], partial: Partial) -> None:
    name = partial.member
    title_line, title = rows[0]
    known, metric = _daily_metric(title[0])
    if not known:
        raise ImportFormatError(
            name, title_line, None, "a metric name: follows, interactions, link clicks, views, viewers, "
            "reach or visits", title[0]
        )  # fmt: skip
    header = rows[1][1]
    for line, row in rows[2:]:
        require_width(row, 2, name, line)
        day = parse_full_date(row[0], name, line, header[0])
        value = parse_int(row[1], name, line, header[1], thousands=True)
        if metric is not None:
            partial.put(day, metric, value)


def _audience(rows: list[tuple[int, list[str]]], partial: Partial) -> None:
    name = partial.member
    block: str | None = None
    pending_labels: tuple[int, list[str]] | None = None
    for line, row in rows:
        if _single(row) and norm(row[0]) in AUDIENCE_BLOCKS:
            if block == "top countries":
                _no_pending(pending_labels, name)
            block, pending_labels = norm(row[0]), None
            continue
        if block is None:
            raise ImportFormatError(name, line, None, f"a block title ({', '.join(AUDIENCE_BLOCKS)})", row[0])
        if block == "follows":
            if norm(row[0]) == "date":
                continue
            require_width(row, 2, name, line)
            day = parse_full_date(row[0], name, line, "Date")
            partial.put(day, "followers_change", parse_int(row[1], name, line, "Follows", thousands=True))
            continue
        if block == "top countries":
            pending_labels = _countries(row, line, pending_labels, partial)
            continue
        # Age & gender, cities and pages: checked for form only.
        for i, value in enumerate(row[1:], start=2):
            if pending_labels is None and not _is_number(value):
                pending_labels = (line, row)
                break
            if _is_number(value):
                parse_float(value, name, line, str(i))
    if block == "top countries":
        _no_pending(pending_labels, name)


def _no_pending(labels: tuple[int, list[str]] | None, name: str) -> None:
    if labels is not None:
        raise ImportFormatError(
            name, labels[0], None, "a country and its share, such as 'Norway,45.2%'", ",".join(labels[1])
        )


def _is_number(value: str) -> bool:
    v = value.strip().rstrip("%").strip().replace(",", ".")
    try:
        float(v)
    except ValueError:
        return False
    return bool(v) and v.replace(".", "", 1).lstrip("-").isdigit()


def _countries(
    row: list[str], line: int, labels: tuple[int, list[str]] | None, partial: Partial
) -> tuple[int, list[str]] | None:
    """Top countries, vertical (``Norway,45.2%`` per row) or horizontal (a row of names, a row of shares)."""
    name = partial.member
    numeric = [_is_number(c) for c in row if c.strip()]
    if len(row) >= 2 and not _is_number(row[0]) and _is_number(row[1]) and len(numeric) == 2:
        _no_pending(labels, name)
        share = parse_float(row[1], name, line, "2", percent=not row[1].strip().endswith("%"))
        if share is not None:
            partial.territories.append(Territory(_country_code(row[0]), _clamp(share, name, line)))
        return None
    if numeric and all(numeric):
        if labels is None:
            raise ImportFormatError(name, line, None, "a row of country names before their shares", row[0])
        names = labels[1]
        for i, (label, value) in enumerate(zip(names, row, strict=False), start=1):
            if label.strip() and value.strip():
                share = parse_float(value, name, line, str(i), percent=not value.strip().endswith("%"))
                if share is not None:
                    partial.territories.append(Territory(_country_code(label), _clamp(share, name, line)))
        return None
    if not any(numeric):
        _no_pending(labels, name)
        if [norm(c) for c in row[:2]] in (["country", "share"], ["country", "value"]):
            return None
        return line, row
    raise ImportFormatError(name, line, None, "a country and its share, such as 'Norway,45.2%'", ",".join(row))


def _clamp(share: float, name: str, line: int) -> float:
    if not 0 <= share <= 1:
        raise ImportFormatError(name, line, None, "a share between 0% and 100%", f"{share * 100:g}%")
    return share


def _country_code(label: str) -> str:
    text = label.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    from gonogo.evidence.population import country_code

    return country_code(text) or text
