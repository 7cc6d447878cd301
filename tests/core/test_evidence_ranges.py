"""Evidence shares are from 0 to 1 and counts never negative, whether given as a number or as a measure.

The schema holds these ranges, so a file checked by ``gonogo assess``, a document sent to the API and an answer
typed into the web form are refused alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from gonogo.core.assessment import _dates_to_text, assessment_schema, parse_assessment, schema_errors
from gonogo.core.errors import DocumentError
from gonogo.core.kb import load_knowledge_base

KB = load_knowledge_base()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
POLITIVEST = _dates_to_text(yaml.safe_load((EXAMPLES / "politivest-2023-04.yaml").read_text(encoding="utf-8")))


def _with_evidence(**evidence: Any) -> dict[str, Any]:
    return {**POLITIVEST, "evidence": evidence}


@pytest.mark.parametrize(
    ("field", "value", "refused"),
    [
        ("engagement_rate", 0.08, False),
        ("engagement_rate", 1, False),
        ("engagement_rate", 0, False),
        ("engagement_rate", 3, True),
        ("engagement_rate", 1.01, True),
        ("engagement_rate", -0.1, True),
        ("engagement_rate", {"value": 0.08, "source": "self_reported"}, False),
        ("engagement_rate", {"value": 3, "source": "self_reported"}, True),
        ("other_channels_reach", 0.5, False),
        ("other_channels_reach", 2, True),
        ("other_channels_reach", {"value": 2}, True),
        ("target_age_share", {"value": 0.4}, False),
        ("target_age_share", 1.5, True),
        ("target_age_share", {"value": 1.5}, True),
        ("followers", 823000, False),
        ("followers", {"value": 823000}, False),
        ("followers", -1, True),
        ("monthly_views", {"value": -5}, True),
    ],
)
def test_evidence_outside_its_range_is_refused_naming_the_field(field: str, value: Any, refused: bool) -> None:
    doc = _with_evidence(**{field: value})
    errors = schema_errors(doc, KB)
    assert bool(errors) == refused
    if refused:
        assert [e.location for e in errors] == [f"evidence.{field}"]
        with pytest.raises(DocumentError, match=f"evidence.{field}"):
            parse_assessment(doc, KB)
    else:
        parse_assessment(doc, KB)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (3, "expected a number from 0 to 1 or an object with a value from 0 to 1; got 3"),
        ({"value": 3}, "expected a number from 0 to 1 or an object with a value from 0 to 1; got {'value': 3}"),
    ],
)
def test_a_share_out_of_range_says_what_is_expected(value: Any, message: str) -> None:
    assert [e.message for e in schema_errors(_with_evidence(engagement_rate=value), KB)] == [message]


@pytest.mark.parametrize("field", ["engagement_rate", "other_channels_reach", "target_age_share"])
def test_the_schema_states_each_share_as_a_number_from_0_to_1_in_both_forms(field: str) -> None:
    forms = assessment_schema(KB)["properties"]["evidence"]["properties"][field]["oneOf"]
    plain, measure = forms
    assert (plain["minimum"], plain["maximum"]) == (0, 1)
    assert (measure["properties"]["value"]["minimum"], measure["properties"]["value"]["maximum"]) == (0, 1)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_the_shipped_examples_keep_to_the_ranges(path: Path) -> None:
    assert schema_errors(_dates_to_text(yaml.safe_load(path.read_text(encoding="utf-8"))), KB) == []
