"""X (Twitter) analytics: the legacy tweet-activity export and the current account exports.

Numbers may carry thousands separators ("1,200"). Shares count reposts (retweets) and X's own "Shares".
"""

from __future__ import annotations

from .dates import parse_full_date
from .partial import Partial
from .text import cell, header_index, parse_int, require_width

SOURCE = "x"
LABELS = {
    "legacy": "X legacy tweet activity",
    "content": "X account analytics content",
    "overview": "X account overview",
}
COLUMNS = {
    "date": ("date", "time"),
    "views": ("impressions",),
    "likes": ("likes", "favorites"),
    "comments": ("replies",),
    "reposts": ("reposts", "retweets"),
    "shares": ("shares",),
    "engagements": ("engagements",),
    "follows": ("new follows", "follows"),
    "unfollows": ("unfollows",),
    "posts": ("create post",),
}


def recognise(labels: set[str]) -> str | None:
    if {"tweet id", "tweet permalink", "time", "impressions"} <= labels:
        return "legacy"
    if {"post id", "date", "impressions"} <= labels:
        return "content"
    if {"date", "impressions", "likes", "engagements"} <= labels:
        return "overview"
    return None


def parse(kind: str, rows: list[tuple[int, list[str]]], partial: Partial) -> None:
    name = partial.member
    header = rows[0][1]
    cols = header_index(header, COLUMNS)
    per_post = kind in ("legacy", "content")
    for line, row in rows[1:]:
        require_width(row, len(header), name, line)
        day = parse_full_date(row[cols["date"]], name, line, header[cols["date"]])
        values = {
            key: parse_int(cell(row, i), name, line, header[i], thousands=True)
            for key, i in cols.items()
            if key != "date"
        }
        shares = _sum(values.get("reposts"), values.get("shares"))
        follows = values.get("follows")
        change = follows - (values.get("unfollows") or 0) if follows is not None else None
        out = {
            "views": values.get("views"),
            "likes": values.get("likes"),
            "comments": values.get("comments"),
            "shares": shares,
            "engagements": values.get("engagements"),
        }
        if "follows" in cols:
            out["followers_change"] = change
        if per_post:
            partial.post_dates.append(day)
            partial.add(day, "posts", 1)
            for metric, value in out.items():
                if _has(cols, metric):
                    partial.add(day, metric, value)
        else:
            if "posts" in cols:
                out["posts"] = values.get("posts")
            for metric, value in out.items():
                if _has(cols, metric):
                    partial.put(day, metric, value)


def _has(cols: dict[str, int], metric: str) -> bool:
    if metric == "shares":
        return "reposts" in cols or "shares" in cols
    if metric == "followers_change":
        return "follows" in cols
    return metric in cols


def _sum(a: int | None, b: int | None) -> int | None:
    if a is None and b is None:
        return None
    return (a or 0) + (b or 0)
