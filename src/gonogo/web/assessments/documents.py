"""Build, read and write assessment documents: the same format as the CLI's assessment file."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import yaml
from django.utils.translation import gettext as _

from gonogo.core.errors import DocumentError, FieldError
from gonogo.web.assessments.models import Account, normalise_handle

FORMAT_VERSION = 1
MAX_UPLOAD_BYTES = 1_000_000


def initial_document(
    account: Account, previous: dict[str, Any] | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """Return a new document for ``account``: the previous version's answers, refreshed from the records.

    The organisation and account sections, the operators, the device set-up and the safeguards in place
    come from what is stored now (each kept from the previous version when the account records none), so a
    new version starts from the current facts; the rest (evidence, weights, strategy) is carried over for
    the person to confirm.
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
    if account.operators or "operators" not in doc:
        doc["operators"] = copy.deepcopy(account.operators or [])
    if account.device.get("kind") or "device" not in doc:
        doc["device"] = dict(account.device or {})
    safeguards = [s for s in account.safeguards.all() if s.is_valid_on(today)]
    if safeguards or "safeguards" not in doc:
        doc["safeguards"] = [safeguard_entry(s.safeguard, s.evidence, s.expires) for s in safeguards]
    doc.setdefault("evidence", {})
    doc.setdefault("weights", {})
    doc.setdefault("strategy", {})
    doc.setdefault("seed", 1)
    return doc


def account_mismatches(document: dict[str, Any], account: Account) -> list[FieldError]:
    """Return what in ``document`` says it is another account's: its platform, handle or organisation.

    Handles compare without a leading "@" and whatever the case; the organisation by its name, whatever the
    case and spacing (its kind and jurisdiction are answers the organisation step may refine). A file without
    a handle is taken as this account's.
    """
    problems = []
    platform = str(document.get("platform") or "")
    if platform and platform.casefold() != account.platform.casefold():
        problems.append(
            FieldError(
                "platform",
                _(
                    "The file is for the platform “%(file)s”, but this account is on “%(account)s”. "
                    "Import the file into an account on %(file)s, or correct the platform in the file."
                )
                % {"file": platform, "account": account.platform},
            )
        )
    section = document.get("account")
    handle = normalise_handle(str(section.get("handle") or "")) if isinstance(section, dict) else ""
    if handle and handle.casefold() != account.handle.casefold():
        problems.append(
            FieldError(
                "account.handle",
                _(
                    "The file is for the account “@%(file)s”, but this account is “@%(account)s”. "
                    "Import the file into the account @%(file)s, or correct account.handle in the file."
                )
                % {"file": handle, "account": account.handle},
            )
        )
    organisation = document.get("organisation")
    name = str(organisation.get("name") or "") if isinstance(organisation, dict) else ""
    if name and _same_name(name) != _same_name(account.organisation.name):
        problems.append(
            FieldError(
                "organisation.name",
                _(
                    "The file is for the organisation “%(file)s”, but this account belongs to “%(account)s”. "
                    "Import the file into an account of %(file)s, or correct organisation.name in the file."
                )
                % {"file": name, "account": account.organisation.name},
            )
        )
    return problems


def _same_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def in_line_with(document: dict[str, Any], account: Account) -> dict[str, Any]:
    """Return ``document`` with the platform and handle as the account record has them (it is the source)."""
    doc = copy.deepcopy(document)
    doc["platform"] = account.platform
    doc["account"] = {**(doc.get("account") or {}), "handle": account.handle}
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
