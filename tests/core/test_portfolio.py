"""Re-checking assessments after a knowledge-base change: the ones left out really keep their result."""

import dataclasses

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gonogo.core.assessment import parse_assessment
from gonogo.core.engine import evaluate
from gonogo.core.kb import load_knowledge_base
from gonogo.core.portfolio import kb_change, may_change, recheck
from gonogo.core.result import result_to_dict

from .test_engine_properties import assessments

KB = load_knowledge_base()


def policy(jurisdiction: str, platform: str, types: list[str], kinds: list[str]) -> dict:
    return {
        "id": "LOCAL-POLICY-1",
        "title": "A local policy",
        "role": "device_rule",
        "jurisdictions": [jurisdiction],
        "bodies": kinds,
        "roles": ["any"],
        "devices": ["issued"],
        "platforms": [platform],
        "types": types,
        "binding": True,
        "in_force_from": "2023-01-01",
        "status": "in_force",
        "exemption": {"requires": ["documented_work_need", "dedicated_device"], "text": "work need"},
        "sources": [{"title": "local policy", "url": "https://example.org/policy"}],
        "confidence": "high",
    }


def with_policy(entry: dict):
    return load_knowledge_base(
        [("policy.yaml", yaml.safe_dump({"kind": "restrictions", "version": "t", "entries": [entry]}))]
    )


policies = st.builds(
    policy,
    st.sampled_from(["NO", "NO-46", "GB", "SE", "US", "IN", "EU", "DK"]),
    st.sampled_from(["tiktok", "instagram", "x"]),
    st.sampled_from([["ban"], ["advice_against"], ["removal_required"]]),
    st.sampled_from([["any"], ["police"], ["municipality", "ministry"]]),
)


def without_version(result) -> dict:
    d = result_to_dict(result)
    d.pop("kb_version")
    return d


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments(), policies, st.booleans())
def test_an_assessment_the_new_policy_cannot_reach_keeps_its_result_exactly(doc, entry, aimed):
    if aimed:  # half of the policies are written for the assessment's own place and platform
        entry = {**entry, "jurisdictions": [doc["organisation"]["jurisdiction"]], "platforms": [doc["platform"]]}
    after = with_policy(entry)
    a = parse_assessment(doc, KB)
    before_result = without_version(evaluate(a, KB))
    after_result = without_version(evaluate(parse_assessment(doc, after), after))
    if not may_change(a, kb_change(KB, after)):
        assert before_result == after_result


def test_only_the_new_policy_is_reported_as_changed():
    change = kb_change(KB, with_policy(policy("SE", "tiktok", ["ban"], ["any"])))
    assert not change.everything
    assert change.changed_ids == ("LOCAL-POLICY-1",)
    assert kb_change(KB, KB).restrictions == ()


def test_a_swedish_ban_reaches_swedish_bodies_on_tiktok_and_no_one_else():
    after = with_policy(policy("SE", "tiktok", ["ban"], ["any"]))
    docs = {
        "swedish police on tiktok": ("SE", "police", "tiktok", True),
        "swedish municipality on instagram": ("SE", "municipality", "instagram", False),
        "danish ministry on tiktok": ("DK", "ministry", "tiktok", False),
    }
    for name, (jurisdiction, kind, platform, expected) in docs.items():
        doc = {
            "gonogo": 1,
            "date": "2024-03-01",
            "organisation": {"name": name, "kind": kind, "jurisdiction": jurisdiction},
            "platform": platform,
            "account": {"status": "existing", "official_task": True},
            "operators": [{"role": "communications_officer", "count": 2}],
            "device": {"kind": "corporate", "connected_to_internal_systems": True, "work_email": True},
            "draws": 500,
        }
        rechecked = next(recheck([parse_assessment(doc, after)], KB, after))
        assert rechecked.affected is expected, name
        assert (rechecked.result is not None) is expected


def test_a_change_to_a_threat_makes_every_assessment_due_for_re_evaluation():
    threat_id, threat = next(iter(KB.threats.items()))
    changed = dataclasses.replace(
        KB,
        threats={**KB.threats, threat_id: dataclasses.replace(threat, likelihood=max(1, threat.likelihood - 1))},
        fingerprint=KB.fingerprint + "-edited",
    )
    assert kb_change(KB, changed).everything
