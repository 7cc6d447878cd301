"""The knowledge base: typed, validated catalogues read from versioned YAML.

``load_knowledge_base()`` reads the bundled package data (cached); organisations add their own policies by
passing extra documents (already read by an adapter) as ``(name, text)`` pairs. Every problem found is
reported at once, naming the file and the entry.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from gonogo.core.errors import DocumentError, FieldError

KINDS_OF_FILE = ("restrictions", "platforms", "threats", "safeguards", "roles", "kinds", "matrix", "criteria")
OPTIONS = ("stay_as_is", "stay_with_conditions", "personal_phones", "leave")
LEVELS_OF_GOVERNMENT = ("national", "regional", "local", "supranational")
DEVICE_SCOPES = ("issued", "connected", "work_data", "personal", "network", "any")
RESTRICTION_TYPES = (
    "ban",
    "removal_required",
    "advice_against",
    "network_block",
    "allowlist_policy",
    "national_ban",
    "divest_or_ban",
    "enforcement_delay",
    "no_ban",
    "data_protection_order",
    "fine",
    "court_ruling",
    "related_development",
)
STATUSES = ("in_force", "superseded", "expired", "repealed", "suspended", "annulled", "pending", "unknown")
CONFIDENCE = ("high", "medium", "low")
# Circumstances a threat's modifiers can name; gonogo.core.risk decides which hold for an option.
RISK_CONDITIONS = (
    "target_group_operators",
    "security_sensitive_body",
    "device_connected",
    "work_data_on_device",
    "personal_device",
    "corporate_device",
    "minors_in_audience",
    "eea_body",
    "high_reach",
    "many_operators",
    "external_agency_operator",
    "negative_reception",
    "leaving",
)
_ID = re.compile(r"^[A-Za-z0-9_.\-]+$")
_PARTIAL_DATE = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    date: str | None = None


@dataclass(frozen=True)
class Exemption:
    requires: tuple[str, ...]
    eligible_bodies: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Restriction:
    id: str
    title: str
    role: str  # device_rule | context
    jurisdictions: tuple[str, ...]
    levels: tuple[str, ...]  # empty: every level
    bodies: tuple[str, ...]  # ("any",) for every body
    roles: tuple[str, ...]
    devices: tuple[str, ...]
    platforms: tuple[str, ...]
    types: tuple[str, ...]
    binding: bool
    issuing_body: str
    instrument: str
    in_force_from: date | None
    in_force_until: date | None
    review_every_months: int | None
    status: str
    exemption: Exemption | None
    summary: str
    sources: tuple[Source, ...]
    confidence: str
    verified: str | None
    threat_effects: Mapping[str, int]
    origin: str  # the file it came from ("bundled" or the extra file's name)


@dataclass(frozen=True)
class AudienceShare:
    country: str
    age_min: int
    age_max: int
    share: float
    measure: str
    year: int | None


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    owner: str
    owner_jurisdiction: str
    data_collected: tuple[str, ...]
    threat_likelihood: Mapping[str, int]
    audience: tuple[AudienceShare, ...]
    regulatory_actions: tuple[Mapping[str, Any], ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Modifier:
    when: str
    likelihood: int
    impact: int
    why: str


@dataclass(frozen=True)
class Threat:
    id: str
    title: str
    description: str
    likelihood: int
    impact: int
    applies_to: tuple[str, ...]
    modifiers: tuple[Modifier, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Mitigation:
    likelihood: int
    impact: int


@dataclass(frozen=True)
class Safeguard:
    id: str
    title: str
    description: str
    verify: str
    owner: str  # who usually puts it in place: it, security_officer, data_protection_officer, ...
    mitigates: Mapping[str, Mitigation]
    one_off_eur: float
    yearly_eur: float
    lead_time_days: int
    validity_months: int | None
    device_effect: Mapping[str, Any]
    requires_official_task: bool
    not_for: tuple[str, ...]
    sources: tuple[Source, ...]

    @property
    def first_year_cost(self) -> float:
        return self.one_off_eur + self.yearly_eur


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    target_group: bool


@dataclass(frozen=True)
class BodyKind:
    id: str
    title: str
    level: str
    security_sensitive: bool
    profile: str


@dataclass(frozen=True)
class RiskMatrix:
    id: str
    levels: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]
    appetite: Mapping[str, str]

    def level(self, likelihood: int, impact: int) -> str:
        return self.cells[likelihood - 1][impact - 1]

    def rank(self, level: str) -> int:
        return self.levels.index(level)


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    description: str
    kind: str  # benefit | risk | cost
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Criteria:
    items: tuple[Criterion, ...]
    uncertainty: Mapping[str, float]
    profiles: Mapping[str, Mapping[str, float]]
    profile_spread: float

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.items)

    def get(self, cid: str) -> Criterion:
        for c in self.items:
            if c.id == cid:
                return c
        raise KeyError(cid)


@dataclass(frozen=True)
class KnowledgeBase:
    version: str
    files: Mapping[str, str]  # kind -> version
    restrictions: tuple[Restriction, ...]
    platforms: Mapping[str, Platform]
    threats: Mapping[str, Threat]
    safeguards: Mapping[str, Safeguard]
    roles: Mapping[str, Role]
    kinds: Mapping[str, BodyKind]
    matrix: RiskMatrix
    criteria: Criteria
    fingerprint: str = field(default="")

    def restriction(self, rid: str) -> Restriction:
        for r in self.restrictions:
            if r.id == rid:
                return r
        raise KeyError(rid)


# ---------------------------------------------------------------------------------------------- parsing
def parse_kb_date(value: object, *, end: bool = False) -> date:
    """Read an ISO date, a ``YYYY-MM`` month (its first day, or last when ``end``) or a ``YYYY`` year."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if m := _PARTIAL_DATE.match(text):
        year, month = int(m.group(1)), int(m.group(2))
        if not end:
            return date(year, month, 1)
        nxt = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    if m := _YEAR.match(text):
        return date(int(m.group(1)), 12, 31) if end else date(int(m.group(1)), 1, 1)
    return date.fromisoformat(text)


class _Reader:
    """Collect field errors for one file instead of stopping at the first."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.errors: list[FieldError] = []

    def fail(self, where: str, message: str) -> None:
        self.errors.append(FieldError(where, message))

    def text(self, entry: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = entry.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(f"{where}.{key}", "is required (text)")
            return ""
        return str(value)

    def integer(self, entry: Mapping[str, Any], key: str, where: str, lo: int, hi: int) -> int:
        value = entry.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            self.fail(f"{where}.{key}", f"expected a whole number from {lo} to {hi}, got {value!r}")
            return lo
        return value

    def ids(
        self, entry: Mapping[str, Any], key: str, where: str, allowed: Iterable[str] | None = None
    ) -> tuple[str, ...]:
        value = entry.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"{where}.{key}", "expected a list of ids")
            return ()
        if allowed is not None:
            known = set(allowed)
            for v in value:
                if v not in known:
                    self.fail(f"{where}.{key}", f"unknown value {v!r}; expected one of {', '.join(sorted(known))}")
        return tuple(value)

    def sources(self, entry: Mapping[str, Any], where: str, *, required: bool = True) -> tuple[Source, ...]:
        raw = entry.get("sources")
        if not raw:
            if required:
                self.fail(f"{where}.sources", "at least one source (title, url) is required")
            return ()
        if not isinstance(raw, list):
            self.fail(f"{where}.sources", "expected a list of {title, url, date}")
            return ()
        out = []
        for i, s in enumerate(raw):
            if not isinstance(s, Mapping) or not s.get("title") or not s.get("url"):
                self.fail(f"{where}.sources[{i}]", "each source needs a title and a url")
                continue
            d = s.get("date")
            if d is not None:
                try:
                    parse_kb_date(d)
                except ValueError:
                    self.fail(f"{where}.sources[{i}].date", f"expected YYYY-MM-DD, YYYY-MM or YYYY, got {d!r}")
            out.append(Source(str(s["title"]), str(s["url"]), None if d is None else str(d)))
        return tuple(out)

    def optional_date(self, entry: Mapping[str, Any], key: str, where: str, *, end: bool = False) -> date | None:
        value = entry.get(key)
        if value is None:
            return None
        try:
            return parse_kb_date(value, end=end)
        except ValueError:
            self.fail(f"{where}.{key}", f"expected YYYY-MM-DD or YYYY-MM, got {value!r}")
            return None


def _entries(reader: _Reader, doc: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    raw = doc.get("entries")
    if not isinstance(raw, list):
        reader.fail("entries", "expected a list of entries")
        return []
    out: list[Mapping[str, Any]] = []
    seen: set[str] = set()
    for i, e in enumerate(raw):
        if not isinstance(e, Mapping):
            reader.fail(f"entries[{i}]", "expected a mapping")
            continue
        eid = e.get("id")
        if not isinstance(eid, str) or not _ID.match(eid):
            reader.fail(f"entries[{i}].id", f"expected an id of letters, digits, '_', '.', '-', got {eid!r}")
            continue
        if eid in seen:
            reader.fail(f"entries[{i}].id", f"duplicate id {eid!r}")
            continue
        seen.add(eid)
        out.append(e)
    return out


def _where(e: Mapping[str, Any]) -> str:
    return f"entry {e['id']}"


def _parse_restriction(r: _Reader, e: Mapping[str, Any], origin: str) -> Restriction:
    w = _where(e)
    role = r.text(e, "role", w)
    if role and role not in ("device_rule", "context"):
        r.fail(f"{w}.role", f"expected device_rule or context, got {role!r}")
    jurisdictions = r.ids(e, "jurisdictions", w)
    if not jurisdictions:
        r.fail(f"{w}.jurisdictions", "at least one jurisdiction (ISO 3166 code, EU or EEA) is required")
    for j in jurisdictions:
        if not re.match(r"^([A-Z]{2}(-[A-Z0-9]{1,3})?|EU|EEA)$", j):
            r.fail(f"{w}.jurisdictions", f"{j!r} is not an ISO 3166-1/-2 code, EU or EEA")
    types = r.ids(e, "types", w, RESTRICTION_TYPES)
    if not types:
        r.fail(f"{w}.types", "at least one type is required")
    exemption = None
    ex = e.get("exemption")
    if ex is not None:
        if not isinstance(ex, Mapping):
            r.fail(f"{w}.exemption", "expected a mapping with requires, eligible_bodies, text, or null")
        else:
            exemption = Exemption(
                requires=r.ids(ex, "requires", f"{w}.exemption"),
                eligible_bodies=r.ids(ex, "eligible_bodies", f"{w}.exemption") or ("any",),
                text=r.text(ex, "text", f"{w}.exemption", required=False),
            )
    effects_raw = e.get("threat_effects") or {}
    effects: dict[str, int] = {}
    if not isinstance(effects_raw, Mapping):
        r.fail(f"{w}.threat_effects", "expected a mapping of threat id to a number of likelihood steps")
    else:
        for k, v in effects_raw.items():
            if isinstance(v, bool) or not isinstance(v, int):
                r.fail(f"{w}.threat_effects.{k}", "expected a whole number of likelihood steps")
            else:
                effects[str(k)] = v
    status = r.text(e, "status", w, required=False) or "unknown"
    if status not in STATUSES:
        r.fail(f"{w}.status", f"expected one of {', '.join(STATUSES)}, got {status!r}")
    confidence = r.text(e, "confidence", w)
    if confidence and confidence not in CONFIDENCE:
        r.fail(f"{w}.confidence", f"expected high, medium or low, got {confidence!r}")
    review = e.get("review_every_months")
    if review is not None and (isinstance(review, bool) or not isinstance(review, int) or review <= 0):
        r.fail(f"{w}.review_every_months", "expected a positive whole number of months")
        review = None
    binding = e.get("binding", False)
    if not isinstance(binding, bool):
        r.fail(f"{w}.binding", "expected true or false")
        binding = False
    return Restriction(
        id=str(e["id"]),
        title=r.text(e, "title", w),
        role=role,
        jurisdictions=jurisdictions,
        levels=r.ids(e, "levels", w, LEVELS_OF_GOVERNMENT),
        bodies=r.ids(e, "bodies", w) or ("any",),
        roles=r.ids(e, "roles", w) or ("any",),
        devices=r.ids(e, "devices", w, DEVICE_SCOPES),
        platforms=r.ids(e, "platforms", w),
        types=types,
        binding=binding,
        issuing_body=r.text(e, "issuing_body", w, required=False),
        instrument=r.text(e, "instrument", w, required=False),
        # Where the effective date was not found, the announcement is the best date known.
        in_force_from=r.optional_date(e, "in_force_from", w) or r.optional_date(e, "announced", w),
        in_force_until=r.optional_date(e, "in_force_until", w, end=True),
        review_every_months=review,
        status=status,
        exemption=exemption,
        summary=r.text(e, "summary", w, required=False),
        sources=r.sources(e, w),
        confidence=confidence,
        verified=e.get("verified") if e.get("verified") in ("primary", "secondary") else None,
        threat_effects=effects,
        origin=origin,
    )


def _likelihood_value(raw: object) -> object:
    if isinstance(raw, Mapping):
        return raw.get("value", raw.get("likelihood"))
    return raw


def _parse_platform(r: _Reader, e: Mapping[str, Any]) -> Platform:
    w = _where(e)
    tl: dict[str, int] = {}
    raw = e.get("threat_likelihood") or {}
    if isinstance(raw, Mapping):
        for k, v in raw.items():
            val = _likelihood_value(v)
            if isinstance(val, bool) or not isinstance(val, int) or not 1 <= val <= 5:
                r.fail(f"{w}.threat_likelihood.{k}", f"expected a likelihood from 1 to 5, got {val!r}")
            else:
                tl[str(k)] = val
    else:
        r.fail(f"{w}.threat_likelihood", "expected a mapping of threat id to likelihood")
    audience = []
    for i, a in enumerate(e.get("audience") or []):
        aw = f"{w}.audience[{i}]"
        if not isinstance(a, Mapping):
            r.fail(aw, "expected a mapping")
            continue
        share = a.get("share")
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
            r.fail(f"{aw}.share", f"expected a share between 0 and 1, got {share!r}")
            continue
        try:
            audience.append(
                AudienceShare(
                    country=str(a.get("country", "")),
                    age_min=int(a.get("age_min") or 0),
                    age_max=int(a.get("age_max") or 120),
                    share=float(share),
                    measure=str(a.get("measure", "")),
                    year=int(a["year"]) if a.get("year") is not None else None,
                )
            )
        except (TypeError, ValueError):
            r.fail(aw, "age_min, age_max and year must be whole numbers")
    actions = tuple(a for a in (e.get("regulatory_actions") or []) if isinstance(a, Mapping))
    return Platform(
        id=str(e["id"]),
        name=r.text(e, "name", w),
        owner=r.text(e, "owner", w),
        owner_jurisdiction=r.text(e, "owner_jurisdiction", w),
        data_collected=tuple(str(x) for x in (e.get("data_collected") or [])),
        threat_likelihood=tl,
        audience=tuple(audience),
        regulatory_actions=actions,
        sources=r.sources(e, w),
    )


def _parse_threat(r: _Reader, e: Mapping[str, Any]) -> Threat:
    w = _where(e)
    mods = []
    for i, m in enumerate(e.get("modifiers") or []):
        mw = f"{w}.modifiers[{i}]"
        if not isinstance(m, Mapping) or not isinstance(m.get("when"), str):
            r.fail(mw, "expected {when: condition, likelihood: n, impact: n, why: text}")
            continue
        mods.append(
            Modifier(
                when=m["when"],
                likelihood=int(m.get("likelihood", 0)),
                impact=int(m.get("impact", 0)),
                why=str(m.get("why", "")),
            )
        )
    return Threat(
        id=str(e["id"]),
        title=r.text(e, "title", w),
        description=r.text(e, "description", w),
        likelihood=r.integer(e, "likelihood", w, 1, 5),
        impact=r.integer(e, "impact", w, 1, 5),
        applies_to=r.ids(e, "applies_to", w, OPTIONS) or OPTIONS[:3],
        modifiers=tuple(mods),
        sources=r.sources(e, w),
    )


def _parse_safeguard(r: _Reader, e: Mapping[str, Any]) -> Safeguard:
    w = _where(e)
    mit: dict[str, Mitigation] = {}
    raw = e.get("mitigates") or {}
    if not isinstance(raw, Mapping):
        r.fail(f"{w}.mitigates", "expected a mapping of threat id to {likelihood, impact}")
        raw = {}
    for tid, m in raw.items():
        if not isinstance(m, Mapping):
            r.fail(f"{w}.mitigates.{tid}", "expected {likelihood: -n, impact: -n}")
            continue
        lk, im = m.get("likelihood", 0), m.get("impact", 0)
        if not isinstance(lk, int) or not isinstance(im, int) or lk > 0 or im > 0:
            r.fail(f"{w}.mitigates.{tid}", "a safeguard lowers risk: likelihood and impact must be 0 or negative")
            continue
        mit[str(tid)] = Mitigation(lk, im)
    cost = e.get("cost") or {}
    if not isinstance(cost, Mapping):
        r.fail(f"{w}.cost", "expected {one_off_eur, yearly_eur}")
        cost = {}
    one_off, yearly = cost.get("one_off_eur", 0), cost.get("yearly_eur", 0)
    for key, val in (("one_off_eur", one_off), ("yearly_eur", yearly)):
        if isinstance(val, bool) or not isinstance(val, int | float) or val < 0:
            r.fail(f"{w}.cost.{key}", f"expected a non-negative amount, got {val!r}")
    validity = e.get("validity_months")
    effect = e.get("device_effect") or {}
    if not isinstance(effect, Mapping):
        r.fail(f"{w}.device_effect", "expected a mapping of device field to value")
        effect = {}
    return Safeguard(
        id=str(e["id"]),
        title=r.text(e, "title", w),
        description=r.text(e, "description", w),
        verify=r.text(e, "verify", w),
        owner=r.text(e, "owner", w, required=False) or "communications_lead",
        mitigates=mit,
        one_off_eur=float(one_off) if isinstance(one_off, int | float) else 0.0,
        yearly_eur=float(yearly) if isinstance(yearly, int | float) else 0.0,
        lead_time_days=r.integer(e, "lead_time_days", w, 0, 365),
        validity_months=int(validity) if isinstance(validity, int) else None,
        device_effect=dict(effect),
        requires_official_task=bool(e.get("requires_official_task", False)),
        not_for=r.ids(e, "not_for", w, OPTIONS),
        sources=r.sources(e, w),
    )


def _parse_matrix(r: _Reader, e: Mapping[str, Any]) -> RiskMatrix:
    w = _where(e)
    levels = r.ids(e, "levels", w)
    cells_raw = e.get("cells")
    cells: list[tuple[str, ...]] = []
    if not isinstance(cells_raw, list) or len(cells_raw) != 5:
        r.fail(f"{w}.cells", "expected 5 rows (likelihood 1-5) of 5 levels (impact 1-5)")
    else:
        for i, row in enumerate(cells_raw):
            if not isinstance(row, list) or len(row) != 5:
                r.fail(f"{w}.cells[{i}]", "expected 5 levels (impact 1-5)")
                row = ["" for _ in range(5)]
            for c in row:
                if c not in levels:
                    r.fail(f"{w}.cells[{i}]", f"unknown level {c!r}; expected one of {', '.join(levels)}")
            cells.append(tuple(str(c) for c in row))
    appetite = e.get("appetite") or {}
    if not isinstance(appetite, Mapping) or set(appetite) != {"low", "medium", "high"}:
        r.fail(f"{w}.appetite", "expected the accepted level for each appetite: low, medium, high")
        appetite = {}
    for k, v in appetite.items():
        if v not in levels:
            r.fail(f"{w}.appetite.{k}", f"unknown level {v!r}")
    return RiskMatrix(id=str(e["id"]), levels=levels, cells=tuple(cells), appetite=dict(appetite))


def _parse_criteria(r: _Reader, doc: Mapping[str, Any], entries: list[Mapping[str, Any]]) -> Criteria:
    items = []
    for e in entries:
        w = _where(e)
        kind = r.text(e, "kind", w)
        if kind and kind not in ("benefit", "risk", "cost"):
            r.fail(f"{w}.kind", f"expected benefit, risk or cost, got {kind!r}")
        params = {k: v for k, v in e.items() if k not in ("id", "title", "description", "kind")}
        items.append(Criterion(str(e["id"]), r.text(e, "title", w), r.text(e, "description", w), kind, params))
    ids = {c.id for c in items}
    profiles: dict[str, dict[str, float]] = {}
    raw_profiles = doc.get("profiles") or {}
    if not isinstance(raw_profiles, Mapping) or not raw_profiles:
        r.fail("profiles", "expected at least one weight profile")
        raw_profiles = {}
    for name, weights in raw_profiles.items():
        if not isinstance(weights, Mapping) or set(weights) != ids:
            r.fail(f"profiles.{name}", f"expected a weight for each criterion: {', '.join(sorted(ids))}")
            continue
        total = sum(float(v) for v in weights.values())
        if abs(total - 1.0) > 1e-6:
            r.fail(f"profiles.{name}", f"weights must sum to 1, they sum to {total:.4f}")
        profiles[str(name)] = {str(k): float(v) for k, v in weights.items()}
    unc = doc.get("uncertainty") or {}
    spread = doc.get("profile_spread", 0.5)
    return Criteria(
        items=tuple(items),
        uncertainty={str(k): float(v) for k, v in unc.items()} if isinstance(unc, Mapping) else {},
        profiles=profiles,
        profile_spread=float(spread) if isinstance(spread, int | float) else 0.5,
    )


# ---------------------------------------------------------------------------------------------- loading
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def _bundled_documents() -> tuple[tuple[str, str], ...]:
    base = resources.files("gonogo") / "data"
    return tuple((f"{kind}.yaml", (base / f"{kind}.yaml").read_text(encoding="utf-8")) for kind in KINDS_OF_FILE)


@lru_cache(maxsize=64)
def _parse_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)


def _read(name: str, text: str) -> Mapping[str, Any]:
    try:
        doc = _parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        raise DocumentError(name, [FieldError(where, f"not valid YAML: {getattr(exc, 'problem', exc)}")]) from None
    if not isinstance(doc, Mapping):
        raise DocumentError(name, [FieldError("file", "expected a mapping with kind, version and entries")])
    return doc


def build_knowledge_base(documents: Sequence[tuple[str, str]], extra: Sequence[tuple[str, str]] = ()) -> KnowledgeBase:
    """Parse and cross-check bundled and extra documents; raise DocumentError naming file and entry."""
    by_kind: dict[str, list[tuple[str, Mapping[str, Any], str]]] = {k: [] for k in KINDS_OF_FILE}
    versions: dict[str, str] = {}
    for origin, docs in (("bundled", documents), ("extra", extra)):
        for name, text in docs:
            doc = _read(name, text)
            kind, version = doc.get("kind"), doc.get("version")
            problems = []
            if kind not in KINDS_OF_FILE:
                problems.append(FieldError("kind", f"expected one of {', '.join(KINDS_OF_FILE)}, got {kind!r}"))
            if not version:
                problems.append(FieldError("version", "every knowledge-base file needs a version"))
            if origin == "extra" and kind not in ("restrictions", "safeguards", "threats", "platforms"):
                problems.append(
                    FieldError("kind", f"extra files may add restrictions or catalogue entries, not {kind}")
                )
            if problems:
                raise DocumentError(name, problems)
            by_kind[str(kind)].append((name, doc, origin))
            key = str(kind) if origin == "bundled" else f"{kind}:{name}"
            versions[key] = str(version)

    errors: list[DocumentError] = []

    def each(kind: str) -> Iterable[tuple[_Reader, Mapping[str, Any], Mapping[str, Any], str]]:
        for name, doc, origin in by_kind[kind]:
            reader = _Reader(name)
            for e in _entries(reader, doc):
                yield reader, e, doc, origin if origin == "bundled" else name
            if reader.errors:
                errors.append(DocumentError(name, reader.errors))

    def unique(kind: str, items: list[Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for item in items:
            if item.id in out:
                errors.append(DocumentError(f"{kind} files", [FieldError(f"entry {item.id}", "id used twice")]))
            out[item.id] = item
        return out

    restrictions = [_parse_restriction(rd, e, o) for rd, e, _, o in each("restrictions")]
    platforms = unique("platforms", [_parse_platform(rd, e) for rd, e, _, _ in each("platforms")])
    threats = unique("threats", [_parse_threat(rd, e) for rd, e, _, _ in each("threats")])
    safeguards = unique("safeguards", [_parse_safeguard(rd, e) for rd, e, _, _ in each("safeguards")])
    roles = unique(
        "roles",
        [
            Role(str(e["id"]), rd.text(e, "title", _where(e)), bool(e.get("target_group", False)))
            for rd, e, _, _ in each("roles")
        ],
    )
    kinds = unique(
        "kinds",
        [
            BodyKind(
                str(e["id"]),
                rd.text(e, "title", _where(e)),
                rd.text(e, "level", _where(e)),
                bool(e.get("security_sensitive", False)),
                rd.text(e, "profile", _where(e)),
            )
            for rd, e, _, _ in each("kinds")
        ],
    )
    matrices = [_parse_matrix(rd, e) for rd, e, _, _ in each("matrix")]
    criteria_docs = by_kind["criteria"]
    crit_reader = _Reader(criteria_docs[0][0] if criteria_docs else "criteria.yaml")
    criteria = (
        _parse_criteria(crit_reader, criteria_docs[0][1], _entries(crit_reader, criteria_docs[0][1]))
        if criteria_docs
        else Criteria((), {}, {}, 0.5)
    )
    if crit_reader.errors:
        errors.append(DocumentError(crit_reader.name, crit_reader.errors))
    if errors:
        raise _merge(errors)

    # Cross-references: every id named anywhere must resolve.
    xref = _Reader("cross-references")
    seen_restrictions: set[str] = set()
    for rs in restrictions:
        w = f"restrictions ({rs.origin}) entry {rs.id}"
        if rs.id in seen_restrictions:
            xref.fail(w, "id used twice (extra policies may not reuse a bundled id)")
        seen_restrictions.add(rs.id)
        for p in rs.platforms:
            if p not in platforms:
                xref.fail(f"{w}.platforms", f"unknown platform {p!r}")
        for b in rs.bodies:
            if b != "any" and b not in kinds:
                xref.fail(f"{w}.bodies", f"unknown kind of body {b!r}")
        for ro in rs.roles:
            if ro != "any" and ro not in roles:
                xref.fail(f"{w}.roles", f"unknown role {ro!r}")
        if rs.role == "device_rule" and not rs.devices:
            xref.fail(f"{w}.devices", "a device rule needs a device scope")
        if rs.exemption:
            for s in rs.exemption.requires:
                if s not in safeguards:
                    xref.fail(f"{w}.exemption.requires", f"unknown safeguard {s!r}")
            for b in rs.exemption.eligible_bodies:
                if b != "any" and b not in kinds:
                    xref.fail(f"{w}.exemption.eligible_bodies", f"unknown kind of body {b!r}")
        for t in rs.threat_effects:
            if t not in threats:
                xref.fail(f"{w}.threat_effects", f"unknown threat {t!r}")
        if rs.in_force_from and rs.in_force_until and rs.in_force_until < rs.in_force_from:
            xref.fail(f"{w}.in_force_until", "ends before it starts")
    for pl in platforms.values():
        for t in pl.threat_likelihood:
            if t not in threats:
                xref.fail(f"platforms entry {pl.id}.threat_likelihood", f"unknown threat {t!r}")
    for sg in safeguards.values():
        for t in sg.mitigates:
            if t not in threats:
                xref.fail(f"safeguards entry {sg.id}.mitigates", f"unknown threat {t!r}")
    for k in kinds.values():
        if k.profile not in criteria.profiles:
            xref.fail(f"kinds entry {k.id}.profile", f"unknown weight profile {k.profile!r}")
        if k.level not in LEVELS_OF_GOVERNMENT:
            xref.fail(f"kinds entry {k.id}.level", f"expected one of {', '.join(LEVELS_OF_GOVERNMENT)}")
    for th in threats.values():
        for m in th.modifiers:
            if m.when not in RISK_CONDITIONS:
                xref.fail(f"threats entry {th.id}.modifiers", f"unknown condition {m.when!r}")
    if len(matrices) != 1:
        xref.fail("matrix.yaml", "expected exactly one risk matrix")
    elif set(matrices[0].appetite) != {"low", "medium", "high"}:
        xref.fail("matrix.yaml", "the matrix must say what each risk appetite accepts")
    if not criteria.items:
        xref.fail("criteria.yaml", "no criteria defined")
    if xref.errors:
        raise DocumentError("knowledge base", xref.errors)

    digest = hashlib.sha256()
    for name, text in [*documents, *extra]:
        digest.update(name.encode())
        digest.update(text.encode())
    fingerprint = digest.hexdigest()
    version = f"{max(versions.values())}-{fingerprint[:8]}"
    return KnowledgeBase(
        version=version,
        files=versions,
        restrictions=tuple(restrictions),
        platforms=platforms,
        threats=threats,
        safeguards=safeguards,
        roles=roles,
        kinds=kinds,
        matrix=matrices[0],
        criteria=criteria,
        fingerprint=fingerprint,
    )


def _merge(errors: list[DocumentError]) -> DocumentError:
    if len(errors) == 1:
        return errors[0]
    flat = [FieldError(f"{e.source}: {fe.location}", fe.message) for e in errors for fe in e.errors]
    return DocumentError("knowledge base", flat)


@lru_cache(maxsize=1)
def _bundled() -> KnowledgeBase:
    return build_knowledge_base(_bundled_documents())


def load_knowledge_base(extra: Sequence[tuple[str, str]] = ()) -> KnowledgeBase:
    """Return the bundled knowledge base, plus extra documents given as ``(name, yaml_text)`` pairs."""
    if not extra:
        return _bundled()
    return build_knowledge_base(_bundled_documents(), extra)
