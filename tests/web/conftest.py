"""Test set-up for the web app: settings, and people and organisations made by plain functions.

Alice administers and edits for Oslo kommune, Bob is on her team, Charlie belongs to another
organisation and must see nothing of Alice's.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonogo.web.settings")
os.environ.setdefault("GONOGO_SECRET_KEY", "tests-only-" + "x" * 40)
os.environ.setdefault("GONOGO_VAR_DIR", tempfile.mkdtemp(prefix="gonogo-tests-"))
os.makedirs(os.path.join(os.environ["GONOGO_VAR_DIR"], "static"), exist_ok=True)
os.environ.setdefault("GONOGO_HTTPS", "0")
os.environ.setdefault("GONOGO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402
import pytest  # noqa: E402

django.setup()  # this conftest is not the root one, so pytest-django has not set Django up yet

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def create_user(username: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.org"
    )


def create_organisation(name: str = "Oslo kommune", **fields: Any) -> Any:
    from gonogo.web.orgs.models import Organisation

    defaults = {
        "kind": "municipality",
        "jurisdiction": "NO-03",
        "population_served": 717710,
        "risk_appetite": "medium",
    }
    return Organisation.objects.create(name=name, **{**defaults, **fields})


def add_member(user: Any, organisation: Any, role: str) -> Any:
    from gonogo.web.orgs.models import Membership

    return Membership.objects.create(user=user, organisation=organisation, role=role)


def create_account(organisation: Any, handle: str = "oslokommune", platform: str = "tiktok") -> Any:
    from gonogo.web.assessments.models import Account

    return Account.objects.create(
        organisation=organisation, platform=platform, handle=handle, purpose="Youth info"
    )


def sample_result(outcome: str = "go_with_conditions", due: str = "2026-12-31") -> dict[str, Any]:
    """Return a result dict in the shape of ``gonogo assess --format json``, for pages that only show it."""
    level = {"likelihood": 4, "impact": 4, "level": "high", "applicable": True, "why": []}
    low = {"likelihood": 2, "impact": 3, "level": "medium", "applicable": True, "why": []}
    return {
        "format": 1,
        "outcome": outcome,
        "recommended_option": "stay_with_conditions",
        "robustness": "leaning",
        "reasons": [{"code": "binding_rule_exemption_met", "params": {"rule": "NO-NSM-2023"}}],
        "options": [
            {
                "id": "stay_as_is",
                "admissible": False,
                "acceptability": None,
                "reasons": [{"code": "prohibited", "params": {"rule": "NO-NSM-2023"}}],
                "warnings": [],
            },
            {
                "id": "stay_with_conditions",
                "admissible": True,
                "acceptability": 0.62,
                "reasons": [],
                "warnings": [],
            },
            {"id": "leave", "admissible": True, "acceptability": 0.38, "reasons": [], "warnings": []},
        ],
        "restrictions": [
            {
                "id": "NO-NSM-2023",
                "title": "Norway advises against TikTok on work devices",
                "binding": True,
                "summary": "Ministries must not use it on work devices.",
                "exemption_text": "with a work need",
                "exemption_requires": ["documented_work_need"],
                "sources": [{"title": "NSM advice", "url": "https://nsm.no/", "date": "2023-03-21"}],
                "status": {
                    "stay_as_is": {
                        "status": "prohibited",
                        "met": [],
                        "missing": ["dedicated_device"],
                        "reason": "",
                    },
                    "stay_with_conditions": {
                        "status": "allowed_if",
                        "met": ["documented_work_need"],
                        "missing": [],
                        "reason": "",
                    },
                },
            },
        ],
        "risks": [
            {
                "threat": "state_access",
                "title": "State access to app data",
                "inherent": level,
                "current": level,
                "residual": {"stay_with_conditions": low, "leave": low},
                "accepted_until": None,
            }
        ],
        "benefits": [
            {
                "criterion": "reach",
                "title": "Reach",
                "low": 0.4,
                "high": 0.7,
                "basis": "self_reported",
                "raw": 15.2,
                "unit": "per 100",
            }
        ],
        "conditions": [],
        "action_plan": [
            {
                "safeguard": "dedicated_device",
                "title": "Use a dedicated phone",
                "verify": "Inventory",
                "owner": "",
                "due": due,
                "cost_eur": 400.0,
                "basis": ["rule:NO-NSM-2023"],
            }
        ],
        "flip_points": [
            {
                "criterion": "reach",
                "current": 0.55,
                "flips_at": 0.2,
                "direction": "down",
                "to_option": "leave",
                "raw_current": 15.2,
                "raw_flips_at": 3.1,
                "unit": "per 100",
            }
        ],
        "review_date": "2027-04-15",
        "review_reasons": [{"code": "twelve_months", "params": {}}],
        "kb_version": "2026.11.1",
        "strategy": {"audience": "Young people in Oslo"},
    }


@pytest.fixture
def alice(db: Any) -> Any:
    return create_user("alice")


@pytest.fixture
def bob(db: Any) -> Any:
    return create_user("bob")


@pytest.fixture
def charlie(db: Any) -> Any:
    return create_user("charlie")


@pytest.fixture
def org(alice: Any, bob: Any) -> Any:
    organisation = create_organisation()
    add_member(alice, organisation, "admin")
    add_member(bob, organisation, "editor")
    return organisation


@pytest.fixture
def other_org(charlie: Any) -> Any:
    organisation = create_organisation("Bergen kommune", jurisdiction="NO-46")
    add_member(charlie, organisation, "admin")
    return organisation
