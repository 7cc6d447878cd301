"""Plain functions that build test data: a valid assessment document, and a restriction entry."""

from __future__ import annotations

import copy
from typing import Any

BASE_DOC: dict[str, Any] = {
    "gonogo": 1,
    "date": "2023-04-15",
    "organisation": {
        "name": "Test police district",
        "kind": "police",
        "jurisdiction": "NO-46",
        "population_served": 1_000_000,
        "risk_appetite": "medium",
    },
    "platform": "tiktok",
    "account": {
        "status": "existing",
        "purpose": "Preventive messages",
        "official_task": True,
        "target_audience": {"age_min": 13, "age_max": 34},
    },
    "operators": [{"role": "police_officer", "count": 2}],
    "device": {
        "kind": "dedicated",
        "connected_to_internal_systems": False,
        "work_email": False,
        "work_contacts": False,
        "work_calendar": False,
    },
    "safeguards": ["documented_work_need", "mfa"],
    "evidence": {"followers": 50_000, "engagement_rate": 0.05, "other_channels_reach": 0.4},
    "seed": 7,
    "draws": 2000,
}


def create_doc(**changes: Any) -> dict[str, Any]:
    """Return a valid assessment document; ``organisation__kind="ministry"`` sets a nested field."""
    doc = copy.deepcopy(BASE_DOC)
    for key, value in changes.items():
        parts = key.split("__")
        target = doc
        for p in parts[:-1]:
            target = target[p]
        if value is None:
            target.pop(parts[-1], None)
        else:
            target[parts[-1]] = value
    return doc


def create_rule(**fields: Any) -> dict[str, Any]:
    """Return a device-rule entry for a restrictions file, with sensible defaults."""
    rule: dict[str, Any] = {
        "id": "TEST-RULE",
        "title": "A test rule",
        "role": "device_rule",
        "jurisdictions": ["NO"],
        "bodies": ["any"],
        "roles": ["any"],
        "devices": ["issued"],
        "platforms": ["tiktok"],
        "types": ["ban"],
        "binding": True,
        "in_force_from": "2023-03-01",
        "in_force_until": None,
        "status": "in_force",
        "exemption": None,
        "sources": [{"title": "Test source", "url": "https://example.org/rule"}],
        "confidence": "high",
    }
    rule.update(fields)
    return rule
