"""Recognising which export a CSV is, from its first rows (and, for a few files, its name)."""

from __future__ import annotations

from dataclasses import dataclass

from . import meta, tiktok_studio, x, youtube
from .text import norm

KNOWN = (
    "TikTok Studio (Overview, FollowerHistory, FollowerActivity, FollowerGender, FollowerTopTerritories, "
    "Viewers, Content), Meta Business Suite (content exports, daily series, Audience.csv), YouTube Studio "
    "(Table data, Chart data, Totals), X analytics (tweet activity, account overview, content); "
    "anything else needs --map"
)


@dataclass(frozen=True)
class Recognised:
    source: str | None
    kind: str
    label: str


def recognise(rows: list[list[str]], basename: str) -> Recognised | None:
    """What the file is, from up to its first few CSV rows (preamble lines included)."""
    if not rows:
        return None
    kind = meta.recognise(rows, basename)
    if kind:
        return Recognised(meta.SOURCE, kind, meta.LABELS[kind])
    header = rows[0]
    labels = {norm(h) for h in header}
    kind = tiktok_studio.recognise(header)
    if kind:
        label = tiktok_studio.KINDS[kind][0]
        neutral = kind in ("top_territories", "follower_gender")
        return Recognised(None if neutral else tiktok_studio.SOURCE, kind, label)
    kind = x.recognise(labels)
    if kind:
        return Recognised(x.SOURCE, kind, x.LABELS[kind])
    kind = youtube.recognise(header, basename)
    if kind:
        return Recognised(youtube.SOURCE, kind, youtube.LABELS[kind])
    return None
