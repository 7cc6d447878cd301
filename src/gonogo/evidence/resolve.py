"""Filling an assessment's evidence from the export files it names.

An assessment file may list ``evidence.files`` (paths relative to the assessment file). Their figures are
written into ``evidence`` as objects that say where they came from::

    followers: {value: 13640, source: tiktok_studio, file: exports/Followers.zip,
                period: {start: 2025-05-15, end: 2026-05-14}}

The engine treats such an object as imported (narrow uncertainty) and a plain number as self-reported
(wide). An imported figure replaces a typed one; ``evidence.imported.replaced`` records what it replaced.
A typed figure the exports do not have is kept.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from gonogo.core.errors import FieldError

from .importers import EvidenceImport, import_evidence

# assessment key -> (how to read it from an import, which file it came from)
FIELDS = ("followers", "monthly_views", "engagement_rate")


def _value(ev: EvidenceImport, key: str) -> float | int | None:
    if key == "followers":
        return ev.followers.latest
    if key == "monthly_views":
        return ev.views.per_month
    return ev.engagement_rate


def _provenance_key(key: str) -> str:
    return {"followers": "followers", "monthly_views": "views", "engagement_rate": "engagement_rate"}[key]


def resolve_evidence(document: dict[str, Any], base_dir: Path, export_date: date | None = None) -> dict[str, Any]:
    """A copy of ``document`` whose ``evidence`` numbers are filled from ``evidence.files``."""
    resolved = copy.deepcopy(document)
    evidence = resolved.get("evidence")
    if not isinstance(evidence, dict) or "files" not in evidence:
        return resolved
    files = evidence["files"]
    if not isinstance(files, list) or not files or not all(isinstance(f, str) and f.strip() for f in files):
        raise FieldError("evidence.files", "expected a list of paths to export files, relative to the assessment file")
    shown_to_given = {str(base_dir / f): f for f in files}
    imported = import_evidence([base_dir / f for f in files], export_date=export_date)
    fill_evidence(evidence, imported, lambda shown: shown_to_given.get(shown, _relative(shown, base_dir)))
    return resolved


def fill_evidence(evidence: dict[str, Any], imported: EvidenceImport, name_of: Callable[[str], str]) -> None:
    """Write ``imported``'s figures into an assessment's ``evidence`` section, in place.

    ``name_of`` turns the name a file had while it was imported into the name to record (the path the
    assessment file gave, or the name a person uploaded it under).
    """
    period = imported.period.as_dict()
    replaced: list[dict[str, Any]] = []
    filled: list[str] = []
    first = imported.files[0].name if imported.files else ""
    for key in FIELDS:
        value = _value(imported, key)
        if value is None:
            continue
        given = name_of(imported.file_for(_provenance_key(key)) or first)
        typed = evidence.get(key)
        if typed is not None and not isinstance(typed, dict):
            replaced.append({"field": key, "typed": typed, "imported": value})
        evidence[key] = {"value": value, "source": imported.source, "file": given, "period": dict(period)}
        filled.append(key)
    evidence["imported"] = {
        "source": imported.source,
        "period": dict(period),
        "fields": filled,
        "replaced": replaced,
        "files": [{"file": name_of(f.name), "sha256": f.sha256} for f in imported.files],
    }


def _relative(shown: str, base_dir: Path) -> str:
    try:
        return str(Path(shown).relative_to(base_dir))
    except ValueError:
        return shown
