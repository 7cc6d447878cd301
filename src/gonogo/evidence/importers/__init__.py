"""Importers for the analytics exports people download from the platforms.

``import_evidence(paths)`` recognises each file, parses all of them, and returns one frozen
``EvidenceImport``; a malformed file raises ``ImportFormatError`` (an ``InputError``) naming the file, line
and column, and nothing partial is returned.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from . import generic, meta, tiktok_studio, x, youtube
from .detect import KNOWN, recognise
from .inputs import Member, collect
from .model import (
    DAY_METRICS,
    SOURCES,
    Day,
    EvidenceError,
    EvidenceImport,
    Followers,
    ImportFormatError,
    Period,
    SourceFile,
    Territory,
    Views,
)
from .partial import Partial
from .summary import combine
from .text import decode, text_rows

__all__ = [
    "DAY_METRICS",
    "SOURCES",
    "Day",
    "EvidenceError",
    "EvidenceImport",
    "Followers",
    "ImportFormatError",
    "Period",
    "SourceFile",
    "Territory",
    "Views",
    "import_evidence",
    "parse_member",
]


def import_evidence(
    paths: list[Path] | list[str],
    *,
    export_date: date | None = None,
    mapping: generic.Mapping | None = None,
) -> EvidenceImport:
    """Import the exports under ``paths`` (files, zips or folders) as one account's evidence."""
    if not paths:
        raise EvidenceError("give at least one export file, zip or folder")
    members, hashes = collect([Path(p) for p in paths])
    if mapping is not None:
        partials = [generic.parse(m, mapping) for m in members]
    else:
        partials = [parse_member(m, export_date) for m in members]
    return combine(partials, hashes, export_date)


def parse_member(member: Member, export_date: date | None = None) -> Partial:
    """Recognise and parse one CSV; raise ``ImportFormatError`` if it is not a known export."""
    text = decode(member.read(), member.name)
    rows = text_rows(text, member.name)
    found = recognise([r for _, r in rows[:4]], member.basename)
    if found is None:
        header = ", ".join(rows[0][1]) if rows else "an empty file"
        raise ImportFormatError(member.name, rows[0][0] if rows else 1, None, f"a known export ({KNOWN})", header)
    used_date = export_date or member.export_date_hint or member.modified
    partial = Partial(found.source, found.label, member.name, member.origin, export_date=used_date)
    if found.source == meta.SOURCE:
        meta.parse(found.kind, rows, partial)
    elif found.source == x.SOURCE:
        x.parse(found.kind, rows, partial)
    elif found.source == youtube.SOURCE:
        youtube.parse(found.kind, rows, partial, member.origin)
    else:
        tiktok_studio.parse(found.kind, rows, used_date, partial)
    if found.source != tiktok_studio.SOURCE and found.source is not None:
        partial.export_date = None
    return partial
