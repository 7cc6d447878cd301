"""Choices and help text for the forms, read from the knowledge base's catalogues (package data)."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


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
    return [(str(e["id"]), str(e.get("title") or e.get("name") or e["id"])) for e in rows]


def title_of(kind: str, entry_id: str) -> str:
    for e in entries(kind):
        if e["id"] == entry_id:
            return str(e.get("title") or e.get("name") or entry_id)
    return entry_id


def describe(kind: str, entry_id: str) -> str:
    for e in entries(kind):
        if e["id"] == entry_id:
            return str(e.get("description") or "").strip()
    return ""
