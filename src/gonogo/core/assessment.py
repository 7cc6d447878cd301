"""The assessment document (format version 1): its JSON Schema and its parsing into frozen values.

``parse_assessment(doc, kb)`` validates a mapping read from YAML or JSON and returns an ``Assessment``;
every problem is reported at once as a ``DocumentError`` whose errors name the field
(``organisation.kind``) and say what was expected.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import fastjsonschema
import jsonschema

from gonogo.core.errors import DocumentError, FieldError
from gonogo.core.kb import KnowledgeBase

FORMAT_VERSION = 1
KINDS_OF_DEVICE = ("corporate", "dedicated", "personal", "web_only")
APPETITES = ("low", "medium", "high")
ACCOUNT_STATUS = ("existing", "planned")
EVIDENCE_SOURCES = ("self_reported", "tiktok_studio", "meta", "youtube", "x", "generic", "comments_model")
DEFAULT_DRAWS = 10_000


# Evidence sets which safeguards a device description already implies, and which it contradicts.
def _device_implies(device: Device) -> dict[str, bool]:
    """Say, per device safeguard, whether the device description makes it hold."""
    return {
        "dedicated_device": device.kind == "dedicated",
        "not_on_internal_network": not device.connected_to_internal_systems,
        "no_work_data_on_device": not device.has_work_data,
    }


@dataclass(frozen=True)
class Organisation:
    name: str
    kind: str
    jurisdiction: str
    population_served: int | None
    risk_appetite: str
    level: str
    security_sensitive: bool


@dataclass(frozen=True)
class Account:
    status: str
    handle: str
    purpose: str
    official_task: bool
    age_min: int | None
    age_max: int | None


@dataclass(frozen=True)
class Operator:
    role: str
    count: int


@dataclass(frozen=True)
class Device:
    kind: str
    connected_to_internal_systems: bool
    work_email: bool
    work_contacts: bool
    work_calendar: bool

    @property
    def has_work_data(self) -> bool:
        return self.work_email or self.work_contacts or self.work_calendar


@dataclass(frozen=True)
class SafeguardInPlace:
    id: str
    owner: str = ""
    evidence: str = ""
    expires: date | None = None
    implied_by_device: bool = False


@dataclass(frozen=True)
class Measure:
    """A number of evidence and where it came from: self-reported numbers are uncertain, imports less so."""

    value: float
    source: str = "self_reported"
    file: str = ""
    period_start: date | None = None
    period_end: date | None = None

    @property
    def imported(self) -> bool:
        return self.source != "self_reported"


@dataclass(frozen=True)
class Evidence:
    followers: Measure | None = None
    monthly_views: Measure | None = None
    engagement_rate: Measure | None = None
    sentiment_positive: float | None = None
    sentiment_negative: float | None = None
    comments_counted: int | None = None
    sentiment_source: str = "self_reported"
    sentiment_file: str = ""  # the comment file(s) the shares were computed from
    sentiment_period: tuple[date, date] | None = None  # first and last comment date, when the file has dates
    other_channels_reach: Measure | None = None
    target_age_share: Measure | None = None


@dataclass(frozen=True)
class Weights:
    """How the body weighs the criteria: a kind-of-body profile, points, ranges, a ranking, or unknown."""

    mode: str  # profile | points | ranges | ranking | unknown
    profile: str = ""
    ranges: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    ranking: tuple[str, ...] = ()


@dataclass(frozen=True)
class RiskAcceptance:
    threat: str
    expires: date
    accepted_by: str
    reason: str


@dataclass(frozen=True)
class Assessment:
    date: date
    organisation: Organisation
    platform: str
    account: Account
    operators: tuple[Operator, ...]
    device: Device
    safeguards: tuple[SafeguardInPlace, ...]
    evidence: Evidence
    weights: Weights
    seed: int
    draws: int
    risk_acceptances: tuple[RiskAcceptance, ...]
    strategy: Mapping[str, str]

    @property
    def safeguard_ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.safeguards)

    @property
    def operator_count(self) -> int:
        return sum(o.count for o in self.operators)


# ---------------------------------------------------------------------------------------------- schema
def assessment_schema(kb: KnowledgeBase) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the assessment document, with the knowledge base's ids."""
    criteria = list(kb.criteria.ids)
    number_or_measure: dict[str, list[dict[str, Any]]] = {
        "oneOf": [
            {"type": "number", "minimum": 0},
            {
                "type": "object",
                "required": ["value"],
                "properties": {
                    "value": {"type": "number", "minimum": 0},
                    "source": {"enum": list(EVIDENCE_SOURCES)},
                    "file": {"type": "string"},
                    "period": {
                        "type": "object",
                        "properties": {
                            "start": {"type": "string", "format": "date"},
                            "end": {"type": "string"},
                        },
                    },
                },
            },
        ]
    }
    share = {"type": "number", "minimum": 0, "maximum": 1}
    measure_object = number_or_measure["oneOf"][1]
    # A share (0.08 for 8 %) as a plain number or a measure: the one range the CLI, the API and the web form keep.
    share_measure = {**measure_object, "properties": {**measure_object["properties"], "value": share}}
    share_or_measure = {"oneOf": [share, share_measure]}
    bool_ = {"type": "boolean"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://gonogo.invalid/schema/assessment-1.json",
        "title": "gonogo assessment, format version 1",
        "type": "object",
        "required": ["gonogo", "date", "organisation", "platform", "account", "operators", "device"],
        "additionalProperties": False,
        "properties": {
            "gonogo": {"const": FORMAT_VERSION, "description": "format version of this file"},
            "date": {"type": "string", "format": "date", "description": "restrictions in force on this date"},
            "organisation": {
                "type": "object",
                "required": ["name", "kind", "jurisdiction"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "kind": {"enum": sorted(kb.kinds)},
                    "jurisdiction": {
                        "type": "string",
                        "pattern": r"^([A-Z]{2}(-[A-Z0-9]{1,3})?|EU)$",
                        "description": "ISO 3166-1 alpha-2 or ISO 3166-2 code (NO, NO-46, US-TX), or EU",
                    },
                    "population_served": {"type": "integer", "minimum": 1},
                    "risk_appetite": {"enum": list(APPETITES)},
                    "level": {"enum": ["national", "regional", "local", "supranational"]},
                    "security_sensitive": bool_,
                },
            },
            "platform": {"enum": sorted(kb.platforms)},
            "account": {
                "type": "object",
                "required": ["status"],
                "additionalProperties": False,
                "properties": {
                    "status": {"enum": list(ACCOUNT_STATUS)},
                    "handle": {"type": "string"},
                    "purpose": {"type": "string"},
                    "official_task": bool_,
                    "target_audience": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "age_min": {"type": "integer", "minimum": 0, "maximum": 120},
                            "age_max": {"type": "integer", "minimum": 0, "maximum": 120},
                        },
                    },
                },
            },
            "operators": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["role"],
                    "additionalProperties": False,
                    "properties": {
                        "role": {"enum": sorted(kb.roles)},
                        "count": {"type": "integer", "minimum": 1},
                    },
                },
            },
            "device": {
                "type": "object",
                "required": ["kind"],
                "additionalProperties": False,
                "properties": {
                    "kind": {"enum": list(KINDS_OF_DEVICE)},
                    "connected_to_internal_systems": bool_,
                    "work_email": bool_,
                    "work_contacts": bool_,
                    "work_calendar": bool_,
                },
            },
            "safeguards": {
                "type": "array",
                "items": {
                    "oneOf": [
                        {"enum": sorted(kb.safeguards)},
                        {
                            "type": "object",
                            "required": ["id"],
                            "additionalProperties": False,
                            "properties": {
                                "id": {"enum": sorted(kb.safeguards)},
                                "owner": {"type": "string"},
                                "evidence": {"type": "string"},
                                "expires": {"type": "string", "format": "date"},
                            },
                        },
                    ]
                },
            },
            "evidence": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "followers": number_or_measure,
                    "monthly_views": number_or_measure,
                    "engagement_rate": share_or_measure,
                    "comment_sentiment": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "positive": share,
                            "negative": share,
                            "neutral": share,
                            "n": {"type": "integer", "minimum": 0},
                            "source": {"enum": list(EVIDENCE_SOURCES)},
                            "file": {"type": "string", "description": "the comment file(s) analysed"},
                            "model": {"type": "string", "description": "the comment model that scored them"},
                            "period": measure_object["properties"]["period"],
                        },
                    },
                    "other_channels_reach": share_or_measure,
                    "target_age_share": share_or_measure,
                    "files": {"type": "array", "items": {"type": "string"}},
                    "comment_files": {
                        "type": "array",
                        "description": "comment files to analyse into comment_sentiment: paths, or {path, text_column}",
                        "items": {
                            "oneOf": [
                                {"type": "string", "minLength": 1},
                                {
                                    "type": "object",
                                    "required": ["path"],
                                    "additionalProperties": False,
                                    "properties": {
                                        "path": {"type": "string", "minLength": 1},
                                        "text_column": {"type": "string", "minLength": 1},
                                    },
                                },
                            ]
                        },
                    },
                    "imported": {"type": "object", "description": "written by the importers: what came from where"},
                },
            },
            "weights": {
                "type": "object",
                "description": (
                    "empty: the kind of body's default profile; {profile: name}; {unknown: true}; "
                    "{ranking: [criteria, most important first]}; "
                    "or per criterion a point weight or [low, high]"
                ),
                "additionalProperties": False,
                "properties": {
                    "profile": {"enum": sorted(kb.criteria.profiles)},
                    "unknown": {"const": True},
                    "ranking": {"type": "array", "items": {"enum": criteria}, "uniqueItems": True},
                    **{
                        c: {
                            "oneOf": [
                                {"type": "number", "minimum": 0},
                                {
                                    "type": "array",
                                    "items": {"type": "number", "minimum": 0},
                                    "minItems": 2,
                                    "maxItems": 2,
                                },
                            ]
                        }
                        for c in criteria
                    },
                },
            },
            "risk_acceptance": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["threat", "expires", "accepted_by"],
                    "additionalProperties": False,
                    "properties": {
                        "threat": {"enum": sorted(kb.threats)},
                        "expires": {"type": "string", "format": "date"},
                        "accepted_by": {"type": "string", "minLength": 1},
                        "reason": {"type": "string"},
                    },
                },
            },
            "strategy": {
                "type": "object",
                "description": "the communication strategy, recorded in the decision record",
                "additionalProperties": {"type": "string"},
            },
            "seed": {"type": "integer", "minimum": 0},
            "draws": {"type": "integer", "minimum": 100, "maximum": 1_000_000},
        },
    }


# ---------------------------------------------------------------------------------------------- parsing
_VALIDATORS: dict[str, tuple[Callable[[Any], Any], jsonschema.Draft202012Validator]] = {}


def _validators(kb: KnowledgeBase) -> tuple[Callable[[Any], Any], jsonschema.Draft202012Validator]:
    """Build the schema validators once per knowledge base: a compiled one that answers "valid?" fast,
    and jsonschema's, which explains every error. Formats are not checked by either: dates are parsed
    afterwards with a message of their own."""
    v = _VALIDATORS.get(kb.fingerprint)
    if v is None:
        if len(_VALIDATORS) > 16:
            _VALIDATORS.clear()
        schema = assessment_schema(kb)
        v = _VALIDATORS[kb.fingerprint] = (
            fastjsonschema.compile(schema, use_formats=False, use_default=False),
            jsonschema.Draft202012Validator(schema),
        )
    return v


def schema_errors(data: Any, kb: KnowledgeBase) -> list[FieldError]:
    """Every way ``data`` breaks the assessment schema, by location; empty when it is valid."""
    fast, explaining = _validators(kb)
    try:
        fast(data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    found = sorted(explaining.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return [FieldError(_location(e.absolute_path), _describe(e)) for e in found]


def _location(path: Sequence[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


def _describe(error: jsonschema.ValidationError) -> str:
    """Turn a schema error into what to fix, naming the allowed values."""
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    v = error.validator
    if v == "enum":
        return f"expected one of {', '.join(map(str, schema['enum']))}; got {error.instance!r}"
    if v == "const":
        return f"expected {schema['const']!r}; got {error.instance!r}"
    if v == "required":
        return str(error.message).replace("is a required property", "is required")
    if v == "additionalProperties":
        allowed = ", ".join(sorted(schema.get("properties", {})))
        return f"{error.message}; allowed fields: {allowed}"
    if v == "oneOf":
        options = schema.get("oneOf", [])
        enums = [o["enum"] for o in options if "enum" in o]
        if enums and isinstance(error.instance, str):
            return f"expected one of {', '.join(map(str, enums[0]))}; got {error.instance!r}"
        kinds = []
        for o in options:
            if "enum" in o:
                kinds.append("a known id")
            elif o.get("type") == "array":
                kinds.append("a [low, high] pair")
            elif o.get("type") == "object":
                value = o.get("properties", {}).get("value", {})
                kinds.append("an object with a value" + (" from 0 to 1" if value.get("maximum") == 1 else ""))
            else:
                kinds.append(f"a {o.get('type', 'value')}" + (" from 0 to 1" if o.get("maximum") == 1 else ""))
        return f"expected {' or '.join(kinds)}; got {error.instance!r}"
    if v == "type":
        return f"expected {schema['type']}; got {error.instance!r}"
    if v == "pattern":
        return f"{schema.get('description', 'does not match ' + schema['pattern'])}; got {error.instance!r}"
    if v in ("minimum", "maximum", "minItems", "maxItems", "minLength"):
        return f"{error.message}"
    return str(error.message)


def _date(value: object, where: str, errors: list[FieldError]) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        errors.append(FieldError(where, f"expected a date as YYYY-MM-DD; got {value!r}"))
        return None


def _dates_to_text(doc: Any) -> Any:
    """YAML reads bare dates as dates; the schema speaks of strings."""
    if isinstance(doc, Mapping):
        return {str(k): _dates_to_text(v) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_dates_to_text(v) for v in doc]
    if isinstance(doc, date):
        return doc.isoformat()
    return doc


def _measure(raw: Any, where: str, errors: list[FieldError]) -> Measure | None:
    if raw is None:
        return None
    if isinstance(raw, Mapping):
        period = raw.get("period") or {}
        start = _date(period["start"], f"{where}.period.start", errors) if period.get("start") else None
        end = _date(period["end"], f"{where}.period.end", errors) if period.get("end") else None
        return Measure(
            float(raw["value"]), str(raw.get("source", "self_reported")), str(raw.get("file", "")), start, end
        )
    return Measure(float(raw))


def _period(raw: Any, where: str, errors: list[FieldError]) -> tuple[date, date] | None:
    if not isinstance(raw, Mapping) or not raw.get("start") or not raw.get("end"):
        return None
    start = _date(raw["start"], f"{where}.start", errors)
    end = _date(raw["end"], f"{where}.end", errors)
    if start is None or end is None:
        return None
    return (start, end)


def _weights(raw: Mapping[str, Any], kb: KnowledgeBase, kind_profile: str, errors: list[FieldError]) -> Weights:
    criteria = kb.criteria.ids
    if not raw:
        return Weights(mode="profile", profile=kind_profile)
    modes = [k for k in ("profile", "unknown", "ranking") if k in raw]
    per_criterion = {k: v for k, v in raw.items() if k in criteria}
    if len(modes) + (1 if per_criterion else 0) > 1:
        errors.append(FieldError("weights", "give one of: profile, unknown, ranking, or weights per criterion"))
        return Weights(mode="profile", profile=kind_profile)
    if "profile" in raw:
        return Weights(mode="profile", profile=str(raw["profile"]))
    if "unknown" in raw:
        return Weights(mode="unknown")
    if "ranking" in raw:
        ranking = tuple(raw["ranking"])
        missing = [c for c in criteria if c not in ranking]
        if missing:
            errors.append(FieldError("weights.ranking", f"rank every criterion; missing: {', '.join(missing)}"))
        return Weights(mode="ranking", ranking=ranking)
    ranges: dict[str, tuple[float, float]] = {}
    points = True
    for c in criteria:
        v = per_criterion.get(c)
        if v is None:
            ranges[c] = (0.0, 0.0)
        elif isinstance(v, list):
            lo, hi = float(v[0]), float(v[1])
            if lo > hi:
                errors.append(FieldError(f"weights.{c}", f"the low end {lo} is above the high end {hi}"))
            ranges[c] = (lo, hi)
            points = points and lo == hi
        else:
            ranges[c] = (float(v), float(v))
    if sum(hi for _, hi in ranges.values()) <= 0:
        errors.append(FieldError("weights", "at least one criterion needs a weight above 0"))
    return Weights(mode="points" if points else "ranges", ranges=ranges)


def parse_assessment(doc: Any, kb: KnowledgeBase, source: str = "assessment") -> Assessment:
    """Validate an assessment document and return it as an ``Assessment``; raise ``DocumentError``."""
    if not isinstance(doc, Mapping):
        raise DocumentError(source, [FieldError("(document)", "expected a mapping of fields (YAML or JSON object)")])
    data = _dates_to_text(doc)
    errors = schema_errors(data, kb)
    if errors:
        raise DocumentError(source, errors)

    when = _date(data["date"], "date", errors)
    o = data["organisation"]
    kind = kb.kinds[o["kind"]]
    organisation = Organisation(
        name=o["name"],
        kind=o["kind"],
        jurisdiction=o["jurisdiction"],
        population_served=o.get("population_served"),
        risk_appetite=o.get("risk_appetite", "medium"),
        level=o.get("level", kind.level),
        security_sensitive=o.get("security_sensitive", kind.security_sensitive),
    )
    a = data["account"]
    ta = a.get("target_audience") or {}
    if "age_min" in ta and "age_max" in ta and ta["age_min"] > ta["age_max"]:
        errors.append(FieldError("account.target_audience", "age_min is above age_max"))
    account = Account(
        status=a["status"],
        handle=a.get("handle", ""),
        purpose=a.get("purpose", ""),
        official_task=a.get("official_task", False),
        age_min=ta.get("age_min"),
        age_max=ta.get("age_max"),
    )
    operators = tuple(Operator(op["role"], op.get("count", 1)) for op in data["operators"])
    d = data["device"]
    device = Device(
        kind=d["kind"],
        connected_to_internal_systems=d.get("connected_to_internal_systems", d["kind"] == "corporate"),
        work_email=d.get("work_email", d["kind"] == "corporate"),
        work_contacts=d.get("work_contacts", d["kind"] == "corporate"),
        work_calendar=d.get("work_calendar", d["kind"] == "corporate"),
    )

    listed: dict[str, SafeguardInPlace] = {}
    for i, s in enumerate(data.get("safeguards") or []):
        item = {"id": s} if isinstance(s, str) else s
        sid = item["id"]
        if sid in listed:
            errors.append(FieldError(f"safeguards[{i}]", f"{sid} is listed twice"))
        expires = _date(item["expires"], f"safeguards[{i}].expires", errors) if item.get("expires") else None
        listed[sid] = SafeguardInPlace(sid, item.get("owner", ""), item.get("evidence", ""), expires)
        sg = kb.safeguards[sid]
        if sg.requires_official_task and not account.official_task:
            errors.append(
                FieldError(
                    f"safeguards[{i}]",
                    f"{sid} needs an official task: set account.official_task to true or remove it",
                )
            )
    for sid, holds in _device_implies(device).items():
        if sid in listed and not holds:
            errors.append(
                FieldError("safeguards", f"{sid} is listed but the device description contradicts it; fix device")
            )
        elif sid not in listed and holds and device.kind != "web_only":
            listed[sid] = SafeguardInPlace(sid, evidence="from the device description", implied_by_device=True)

    ev = data.get("evidence") or {}
    cs = ev.get("comment_sentiment") or {}
    if cs and cs.get("positive", 0) + cs.get("negative", 0) + cs.get("neutral", 0) > 1.0001:
        errors.append(FieldError("evidence.comment_sentiment", "shares add up to more than 1"))
    evidence = Evidence(
        followers=_measure(ev.get("followers"), "evidence.followers", errors),
        monthly_views=_measure(ev.get("monthly_views"), "evidence.monthly_views", errors),
        engagement_rate=_measure(ev.get("engagement_rate"), "evidence.engagement_rate", errors),
        sentiment_positive=cs.get("positive"),
        sentiment_negative=cs.get("negative"),
        comments_counted=cs.get("n"),
        sentiment_source=cs.get("source", "self_reported"),
        sentiment_file=str(cs.get("file", "")),
        sentiment_period=_period(cs.get("period"), "evidence.comment_sentiment.period", errors),
        other_channels_reach=_measure(ev.get("other_channels_reach"), "evidence.other_channels_reach", errors),
        target_age_share=_measure(ev.get("target_age_share"), "evidence.target_age_share", errors),
    )
    weights = _weights(data.get("weights") or {}, kb, kind.profile, errors)
    acceptances = []
    for i, r in enumerate(data.get("risk_acceptance") or []):
        exp = _date(r["expires"], f"risk_acceptance[{i}].expires", errors)
        if exp is not None:
            acceptances.append(RiskAcceptance(r["threat"], exp, r["accepted_by"], r.get("reason", "")))
    if errors or when is None:
        raise DocumentError(source, errors)
    return Assessment(
        date=when,
        organisation=organisation,
        platform=data["platform"],
        account=account,
        operators=operators,
        device=device,
        safeguards=tuple(sorted(listed.values(), key=lambda s: s.id)),
        evidence=evidence,
        weights=weights,
        seed=data.get("seed", 1),
        draws=data.get("draws", DEFAULT_DRAWS),
        risk_acceptances=tuple(acceptances),
        strategy=dict(data.get("strategy") or {}),
    )
