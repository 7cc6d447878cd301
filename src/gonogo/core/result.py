"""The engine's result: structured values (codes and parameters), never sentences.

``result_to_dict`` gives the JSON form printed by ``gonogo assess --format json``; the same result and
seed always give the same dict, so the JSON is byte-identical across runs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

RESULT_FORMAT = 1


@dataclass(frozen=True)
class Reason:
    code: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class LevelView:
    likelihood: int
    impact: int
    level: str
    applicable: bool
    why: tuple[str, ...]


@dataclass(frozen=True)
class RuleView:
    status: str
    met: tuple[str, ...]
    missing: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class SourceView:
    title: str
    url: str
    date: str | None


@dataclass(frozen=True)
class RestrictionResult:
    id: str
    title: str
    binding: bool
    types: tuple[str, ...]
    jurisdictions: tuple[str, ...]
    issuing_body: str
    instrument: str
    in_force_from: date | None
    summary: str
    exemption_text: str
    exemption_requires: tuple[str, ...]
    sources: tuple[SourceView, ...]
    confidence: str
    verified: str | None
    origin: str
    status: Mapping[str, RuleView]  # option id -> what the rule means for it


@dataclass(frozen=True)
class ContextResult:
    id: str
    title: str
    types: tuple[str, ...]
    summary: str
    sources: tuple[SourceView, ...]
    threat_effects: Mapping[str, int]


@dataclass(frozen=True)
class RiskResult:
    threat: str
    title: str
    inherent: LevelView
    current: LevelView
    residual: Mapping[str, LevelView]  # option id -> level
    accepted_until: date | None


@dataclass(frozen=True)
class BenefitResult:
    criterion: str
    title: str
    low: float
    high: float
    basis: str
    raw: float | None
    unit: str
    source: str  # imported evidence: which importer, file and period
    file: str
    period: tuple[str, str] | None


@dataclass(frozen=True)
class Condition:
    safeguard: str
    title: str
    verify: str
    owner: str
    due: date
    cost_eur: float
    basis: tuple[str, ...]  # "rule:<id>", "advice:<id>", "threat:<id>", "exit_plan", "personal_phones"


@dataclass(frozen=True)
class OptionResult:
    id: str
    admissible: bool
    acceptability: float | None
    rank_acceptability: tuple[float, ...] | None
    confidence: float | None
    central_weights: Mapping[str, float] | None
    reasons: tuple[Reason, ...]
    warnings: tuple[Reason, ...]
    conditions: tuple[str, ...]
    cost_eur: float
    device: Mapping[str, Any] | None
    values: Mapping[str, tuple[float, float]]  # criterion -> (low, high)


@dataclass(frozen=True)
class FlipPoint:
    criterion: str
    current: float
    flips_at: float | None
    direction: str  # up | down | none
    to_option: str | None
    raw_current: float | None
    raw_flips_at: float | None
    unit: str


@dataclass(frozen=True)
class Result:
    format: int
    assessment_date: date
    organisation: str
    kind: str
    jurisdiction: str
    platform: str
    account_status: str  # existing | planned
    risk_appetite: str
    kb_version: str
    seed: int
    draws: int
    outcome: str  # go | go_with_conditions | no_go
    recommended_option: str
    robustness: str  # clear | leaning | contested
    reasons: tuple[Reason, ...]
    options: tuple[OptionResult, ...]
    restrictions: tuple[RestrictionResult, ...]
    context: tuple[ContextResult, ...]
    risks: tuple[RiskResult, ...]
    benefits: tuple[BenefitResult, ...]
    weights: Mapping[str, Any]
    conditions: tuple[Condition, ...]  # what stay_with_conditions requires
    action_plan: tuple[Condition, ...]  # what the recommended option requires
    flip_points: tuple[FlipPoint, ...]
    review_date: date
    review_reasons: tuple[Reason, ...]
    strategy: Mapping[str, str]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 4) + 0.0
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def result_to_dict(result: Result) -> dict[str, Any]:
    """Return the result as plain JSON-ready data (dates as ISO text, numbers rounded to 4 places)."""
    data: dict[str, Any] = _plain(result)
    return data
