"""Choices and help text for the forms, read from the knowledge base's catalogues (package data).

Titles and descriptions are said in the person's language with the reports' catalogue (``gonogo.reports.i18n``).
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml
from django.utils.translation import get_language

from gonogo.reports.i18n import translate


def _say(text: str) -> str:
    return translate(text, get_language())


@functools.cache
def entries(kind: str) -> tuple[dict[str, Any], ...]:
    """Return the entries of ``gonogo/data/<kind>.yaml``; none when the catalogue is not installed."""
    path = resources.files("gonogo") / "data" / f"{kind}.yaml"
    if not path.is_file():
        return ()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(e for e in data.get("entries", []) if isinstance(e, dict) and "id" in e)


def choices(kind: str, *, where: dict[str, Any] | None = None) -> list[tuple[str, str]]:
    """Return ``(id, title)`` pairs of a catalogue, optionally only entries whose fields match ``where``."""
    rows = [e for e in entries(kind) if all(e.get(k) == v for k, v in (where or {}).items())]
    return [(str(e["id"]), _say(str(e.get("title") or e.get("name") or e["id"]))) for e in rows]


def title_of(kind: str, entry_id: str) -> str:
    for e in entries(kind):
        if e["id"] == entry_id:
            return _say(str(e.get("title") or e.get("name") or entry_id))
    return entry_id


def describe(kind: str, entry_id: str) -> str:
    for e in entries(kind):
        if e["id"] == entry_id:
            return _say(str(e.get("description") or "").strip())
    return ""
