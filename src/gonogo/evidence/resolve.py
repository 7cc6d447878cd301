"""Filling an assessment's evidence from the export files it names.

An assessment file may list ``evidence.files`` (paths relative to the assessment file). Their figures are
written into ``evidence`` as objects that say where they came from::

    followers: {value: 13640, source: tiktok_studio, file: exports/Followers.zip,
                period: {start: 2025-05-15, end: 2026-05-14}}

The engine treats such an object as imported (narrow uncertainty) and a plain number as self-reported
(wide). An imported figure replaces a typed one; ``evidence.imported.replaced`` records what it replaced.
A typed figure the exports do not have is kept.

``evidence.comment_files`` (paths, or ``{path, text_column}``) are read and scored by the comment model, all
files together, into ``comment_sentiment`` with the files, the model and the comments' date range::

    comment_sentiment: {positive: 0.71, neutral: 0.2, negative: 0.09, n: 6012, source: comments_model,
                        file: comments/march.csv, model: accurate, period: {start: 2026-03-01, end: 2026-03-31}}
"""

from __future__ import annotations

import copy
import hashlib
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


def resolve_evidence(
    document: dict[str, Any], base_dir: Path, export_date: date | None = None, comments_model: str = "auto"
) -> dict[str, Any]:
    """A copy of ``document`` whose ``evidence`` is filled from ``evidence.files`` and ``evidence.comment_files``."""
    resolved = copy.deepcopy(document)
    evidence = resolved.get("evidence")
    if not isinstance(evidence, dict):
        return resolved
    if "files" in evidence:
        _resolve_exports(evidence, base_dir, export_date)
    if "comment_files" in evidence:
        resolve_comment_files(evidence, base_dir, comments_model)
    return resolved


def _resolve_exports(evidence: dict[str, Any], base_dir: Path, export_date: date | None) -> None:
    files = evidence["files"]
    if not isinstance(files, list) or not files or not all(isinstance(f, str) and f.strip() for f in files):
        raise FieldError("evidence.files", "expected a list of paths to export files, relative to the assessment file")
    shown_to_given = {str(base_dir / f): f for f in files}
    imported = import_evidence([base_dir / f for f in files], export_date=export_date)
    fill_evidence(evidence, imported, lambda shown: shown_to_given.get(shown, _relative(shown, base_dir)))


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


def _comment_file_specs(raw: Any) -> list[tuple[str, str]]:
    where = "evidence.comment_files"
    if not isinstance(raw, list) or not raw:
        raise FieldError(
            where, "expected a list of comment files (paths, or {path, text_column}), relative to the file"
        )
    specs = []
    for i, item in enumerate(raw):
        if isinstance(item, str) and item.strip():
            specs.append((item, "text"))
        elif (
            isinstance(item, dict)
            and isinstance(item.get("path"), str)
            and item["path"].strip()
            and isinstance(item.get("text_column", "text"), str)
            and set(item) <= {"path", "text_column"}
        ):
            specs.append((item["path"], item.get("text_column", "text")))
        else:
            raise FieldError(f"{where}[{i}]", "expected a path, or {path: ..., text_column: ...}")
    return specs


def resolve_comment_files(evidence: dict[str, Any], base_dir: Path, model: str = "auto") -> None:
    """Score every comment of ``evidence.comment_files`` and write ``evidence.comment_sentiment``, in place.

    All or nothing: a file that cannot be read raises a :class:`FieldError` naming it and changes nothing.
    """
    from gonogo.evidence.comments.analysis import analyse_comments, summary
    from gonogo.evidence.comments.models import load_sentiment
    from gonogo.evidence.comments.readers import CommentFileError, comment_period, read_comments

    specs = _comment_file_specs(evidence["comment_files"])
    comments = []
    hashes = []
    for i, (given, column) in enumerate(specs):
        path = base_dir / given
        if not path.is_file():
            raise FieldError(f"evidence.comment_files[{i}]", f"no such file: {given} (paths are relative to the file)")
        try:
            comments.extend(read_comments(path, column))
        except CommentFileError as exc:
            raise FieldError(f"evidence.comment_files[{i}]", str(exc)) from None
        hashes.append({"file": given, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()})
    chosen = load_sentiment(model)
    result = summary(analyse_comments(comments, model), chosen.name)
    sentiment: dict[str, Any] = {
        **result["comment_sentiment"],
        "source": "comments_model",
        "file": ", ".join(given for given, _ in specs),
        "model": chosen.name,
    }
    period = comment_period(c.date for c in comments)
    if period is not None:
        sentiment["period"] = period
    typed = evidence.get("comment_sentiment")
    imported = evidence.setdefault("imported", {})
    imported["comments"] = {
        "files": hashes,
        "model": chosen.name,
        "n": result["n"],
        "flagged": result["flagged"],
        "replaced": typed if isinstance(typed, dict) and typed.get("source") != "comments_model" else None,
    }
    evidence["comment_sentiment"] = sentiment
