"""Build, read and write assessment documents: the same format as the CLI's assessment file."""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import yaml
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from gonogo.core.errors import DocumentError, FieldError
from gonogo.web.assessments import catalogue
from gonogo.web.assessments.models import Account, normalise_handle
from gonogo.web.orgs.models import Organisation, RiskAppetite

FORMAT_VERSION = 1
MAX_UPLOAD_BYTES = 1_000_000

# The organisation's facts: the organisation record is their source (changed in its settings); a document
# always carries them as the record has them. The rest of the section (level, security_sensitive) is the
# document's own.
ORGANISATION_FACTS = ("name", "kind", "jurisdiction", "population_served", "risk_appetite")


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
    doc["organisation"] = with_organisation_facts(doc.get("organisation"), account.organisation)
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
    case and spacing (its other facts are taken from the organisation record, see ``organisation_differences``).
    A file without a handle is taken as this account's.
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
    """Return ``document`` with the platform and handle as the account record has them, and the organisation's
    facts as the organisation record has them (the records are the source)."""
    doc = copy.deepcopy(document)
    doc["platform"] = account.platform
    doc["account"] = {**(doc.get("account") or {}), "handle": account.handle}
    doc["organisation"] = with_organisation_facts(doc.get("organisation"), account.organisation)
    return doc


def with_organisation_facts(section: Any, organisation: Organisation) -> dict[str, Any]:
    """Return a document's ``organisation`` section with the record's facts; its other answers are kept."""
    kept = {k: v for k, v in section.items() if k not in ORGANISATION_FACTS} if isinstance(section, dict) else {}
    return {**organisation.as_document(), **kept}


@dataclass(frozen=True)
class Difference:
    """One organisation fact as a document has it (``said``) and as the organisation record has it."""

    field: str
    said: Any
    record: Any

    @property
    def location(self) -> str:
        return f"organisation.{self.field}"

    def shown(self, template: str) -> str:
        """The difference in the person's language, from a template with %(field)s, %(said)s and %(record)s."""
        text = template % {
            "field": str(Organisation._meta.get_field(self.field).verbose_name),
            "said": _shown(self.field, self.said),
            "record": _shown(self.field, self.record),
        }
        return text[:1].upper() + text[1:]


def organisation_differences(document: dict[str, Any], organisation: Organisation) -> list[Difference]:
    """Return each organisation fact in ``document`` that differs from the organisation record."""
    section = document.get("organisation")
    section = section if isinstance(section, dict) else {}
    record = organisation.as_document()
    return [
        Difference(key, section.get(key), record.get(key))
        for key in ORGANISATION_FACTS
        if section.get(key) != record.get(key)
    ]


def _shown(field: str, value: Any) -> str:
    if value is None or value == "":
        return _("none")
    if field == "population_served" and isinstance(value, int | float) and not isinstance(value, bool):
        return number_format(value, force_grouping=True)
    if field == "risk_appetite" and value in RiskAppetite.values:
        return str(RiskAppetite(value).label)
    if field == "kind":
        return catalogue.title_of("kinds", str(value))
    return str(value)


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
