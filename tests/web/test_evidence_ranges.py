"""The API and the guided evidence step keep to the engine's ranges for evidence: one refuses what the other does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client
from web_records import create_account, name_as_in_file

from gonogo.core.assessment import assessment_schema
from gonogo.core.kb import load_knowledge_base
from gonogo.web.api.models import ApiToken
from gonogo.web.assessments.models import Assessment
from gonogo.web.assessments.steps import EvidenceForm

POLITIVEST = Path(__file__).resolve().parents[2] / "examples" / "politivest-2023-04.yaml"
EVIDENCE = assessment_schema(load_knowledge_base())["properties"]["evidence"]["properties"]


@pytest.mark.parametrize(
    ("evidence", "stored"),
    [
        ({"engagement_rate": 0.08}, True),
        ({"engagement_rate": 3}, False),
        ({"engagement_rate": {"value": 3, "source": "self_reported"}}, False),
        ({"other_channels_reach": 1.5}, False),
        ({"followers": -10}, False),
    ],
)
def test_the_api_stores_only_evidence_the_form_would_accept(
    evidence: dict[str, Any], stored: bool, org: Any, bob: Any, client: Client
) -> None:
    account = create_account(org, handle="politivest")
    name_as_in_file(org, POLITIVEST)
    document = yaml.safe_load(POLITIVEST.read_text(encoding="utf-8"))
    document = json.loads(json.dumps(document, default=str)) | {"evidence": evidence}
    _token, secret = ApiToken.issue(bob, "test")
    response = client.post(
        f"/api/accounts/{account.pk}/assessments/",
        json.dumps(document),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == (201 if stored else 400)
    assert Assessment.objects.filter(account=account).exists() == stored
    if not stored:
        (field,) = evidence
        assert [f["location"] for f in response.json()["fields"]] == [f"evidence.{field}"]


def _bounds(schema: dict[str, Any]) -> tuple[Any, Any]:
    plain = schema["oneOf"][0]
    return plain.get("minimum"), plain.get("maximum")


@pytest.mark.parametrize("field", ["followers", "monthly_views", "engagement_rate", "other_channels_reach"])
def test_the_evidence_step_asks_for_the_range_the_engine_accepts(field: str) -> None:
    form_field = EvidenceForm().fields[field]
    assert (form_field.min_value, form_field.max_value) == _bounds(EVIDENCE[field])


@pytest.mark.parametrize(("field", "schema_field"), [("positive", "positive"), ("negative", "negative")])
def test_the_comment_shares_in_the_step_keep_the_engines_range(field: str, schema_field: str) -> None:
    share = EVIDENCE["comment_sentiment"]["properties"][schema_field]
    form_field = EvidenceForm().fields[field]
    assert (form_field.min_value, form_field.max_value) == (share["minimum"], share["maximum"])
