"""YouTube Studio (Analytics -> Advanced mode -> Export): Table data, Chart data and Totals CSVs.

Table data has one row per video after a first ``Total`` row and no dates: its totals are used with the
period of Chart data or Totals from the same export, or the dates in the export's name
(``... 2025-05-15_2026-05-14 ...``).
"""

from __future__ import annotations

import re
from datetime import date

from .dates import parse_full_date
from .model import ImportFormatError
from .partial import Partial
from .text import cell, header_index, norm, parse_int, require_width

SOURCE = "youtube"
LABELS = {
    "table": "YouTube Studio Table data",
    "chart": "YouTube Studio Chart data",
    "totals": "YouTube Studio Totals",
}
METRICS = {
    "views": ("views",),
    "likes": ("likes",),
    "comments": ("comments added", "comments"),
    "shares": ("shares",),
    "followers_change": ("subscribers",),
    "viewers": ("unique viewers",),
    "new_viewers": ("new viewers",),
    "returning_viewers": ("returning viewers",),
}
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})")


def recognise(header: list[str], basename: str) -> str | None:
    labels = [norm(h) for h in header]
    base = basename.lower()
    if not labels:
        return None
    if labels[0] == "content" and "views" in labels and "date" not in labels:
        return "table"
    if labels[:2] == ["date", "content"] and "video title" in labels:
        return "chart"
    if labels[0] == "date" and len(labels) >= 2 and base.startswith("totals"):
        return "totals"
    return None


def period_from_name(name: str) -> tuple[date, date] | None:
    matches = _RANGE.findall(name)
    if not matches:
        return None
    match = matches[-1]
    try:
        return date.fromisoformat(match[0]), date.fromisoformat(match[1])
    except ValueError:
        return None


def parse(kind: str, rows: list[tuple[int, list[str]]], partial: Partial, origin: str) -> None:
    name = partial.member
    header = rows[0][1]
    cols = header_index(header, METRICS)
    if kind == "table":
        _table(rows, cols, partial, origin)
        return
    date_col = 0
    for line, row in rows[1:]:
        require_width(row, len(header), name, line)
        day = parse_full_date(row[date_col], name, line, header[date_col])
        for metric, index in cols.items():
            value = parse_int(row[index], name, line, header[index], thousands=True)
            if kind == "chart":
                partial.add(day, metric, value)
            else:
                partial.put(day, metric, value)


def _table(rows: list[tuple[int, list[str]]], cols: dict[str, int], partial: Partial, origin: str) -> None:
    name = partial.member
    header = rows[0][1]
    publish = header_index(header, {"publish": ("video publish time",)}).get("publish")
    total_seen = False
    for line, row in rows[1:]:
        require_width(row, len(header), name, line)
        values = {m: parse_int(row[i], name, line, header[i], thousands=True) for m, i in cols.items()}
        if norm(row[0]) == "total":
            if total_seen:
                raise ImportFormatError(name, line, header[0], "one 'Total' row", row[0])
            total_seen = True
            partial.totals.update({m: v for m, v in values.items() if v is not None})
            continue
        if publish is not None and cell(row, publish).strip():
            partial.post_dates.append(parse_full_date(row[publish], name, line, header[publish]))
    if not total_seen:
        raise ImportFormatError(name, rows[0][0] + 1, header[0], "a first data row 'Total'", None)
    span = period_from_name(name) or period_from_name(origin)
    if span and span[0] <= span[1]:
        partial.period_hint = span
    else:
        partial.needs_dates = True
