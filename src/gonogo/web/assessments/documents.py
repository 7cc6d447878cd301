"""Build, read and write assessment documents: the same format as the CLI's assessment file."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import yaml

from gonogo.core.errors import DocumentError, FieldError
from gonogo.web.assessments.models import Account

FORMAT_VERSION = 1
MAX_UPLOAD_BYTES = 1_000_000


def initial_document(
    account: Account, previous: dict[str, Any] | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """Return a new document for ``account``: the previous version's answers, refreshed from the records.

    The organisation and account sections and the safeguards in place come from what is stored now, so a
    new version starts from the current facts; the rest (operators, device, evidence, weights, strategy)
    is carried over for the person to confirm.
    """
    doc = copy.deepcopy(previous) if previous else {}
    today = today or dt.date.today()
    doc["gonogo"] = FORMAT_VERSION
    doc["date"] = today.isoformat()
    doc["organisation"] = account.organisation.as_document()
    doc["platform"] = account.platform
    section = dict(doc.get("account") or {})
    section.update({"status": account.status, "handle": account.handle, "purpose": account.purpose})
    doc["account"] = section
    doc.setdefault("operators", [])
    doc.setdefault("device", {})
    safeguards = [s for s in account.safeguards.all() if s.is_valid_on(today)]
    if safeguards or "safeguards" not in doc:
        doc["safeguards"] = [safeguard_entry(s.safeguard, s.evidence, s.expires) for s in safeguards]
    doc.setdefault("evidence", {})
    doc.setdefault("weights", {})
    doc.setdefault("strategy", {})
    doc.setdefault("seed", 1)
    return doc


def safeguard_entry(safeguard_id: str, evidence: str = "", expires: dt.date | None = None) -> Any:
    if not evidence and expires is None:
        return safeguard_id
    entry: dict[str, Any] = {"id": safeguard_id}
    if evidence:
        entry["evidence"] = evidence
    if expires is not None:
        entry["expires"] = expires.isoformat()
    return entry


def safeguard_ids(doc: dict[str, Any]) -> list[str]:
    return [s if isinstance(s, str) else str(s.get("id", "")) for s in doc.get("safeguards") or []]


def read_document(raw: bytes, name: str) -> dict[str, Any]:
    """Parse an uploaded assessment file (YAML or JSON); raise ``DocumentError`` naming what is wrong."""
    if len(raw) > MAX_UPLOAD_BYTES:
        raise DocumentError(name, [FieldError("(file)", f"larger than {MAX_UPLOAD_BYTES // 1000} kB")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(name, [FieldError("(file)", f"not UTF-8 text (byte {exc.start})")]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
        problem = getattr(exc, "problem", None) or "not valid YAML or JSON"
        raise DocumentError(name, [FieldError(where, str(problem))]) from None
    if not isinstance(data, dict):
        raise DocumentError(name, [FieldError("(file)", "expected a mapping with gonogo, date, organisation, ...")])
    return json.loads(json.dumps(data, default=_iso))


def _iso(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__}")


def dump_yaml(doc: dict[str, Any]) -> str:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
