import yaml

from factories import create_doc, create_rule
from gonogo.core.assessment import parse_assessment
from gonogo.core.engine import evaluate
from gonogo.core.kb import load_knowledge_base

UK_EXEMPTION = {
    "requires": ["documented_work_need", "security_team_approval", "ministerial_clearance"],
    "eligible_bodies": ["any"],
    "text": "case by case",
}


def kb_with(*rules):
    text = yaml.safe_dump({"kind": "restrictions", "version": "test", "entries": list(rules)})
    return load_knowledge_base([("test-policies.yaml", text)])


def corporate_doc(**changes):
    return create_doc(
        organisation__jurisdiction="PT",
        organisation__kind="ministry",
        device={"kind": "corporate"},
        safeguards=["mfa"],
        **changes,
    )


def option(result, oid):
    return next(o for o in result.options if o.id == oid)


def test_conditions_meet_every_exemption_of_a_binding_ban():
    kb = kb_with(create_rule(jurisdictions=["PT"], exemption=UK_EXEMPTION))
    result = evaluate(parse_assessment(corporate_doc(), kb), kb)
    b = option(result, "stay_with_conditions")
    assert set(UK_EXEMPTION["requires"]) <= set(b.conditions)
    a = option(result, "stay_as_is")
    assert not a.admissible
    assert any(r.code == "exemption_unmet" for r in a.reasons)


def test_without_an_official_task_no_work_need_is_proposed_and_the_ban_holds():
    kb = kb_with(create_rule(jurisdictions=["PT"], exemption=UK_EXEMPTION))
    result = evaluate(parse_assessment(corporate_doc(account__official_task=False), kb), kb)
    for o in result.options:
        assert "documented_work_need" not in o.conditions
    assert not option(result, "stay_with_conditions").admissible
    assert result.recommended_option in ("personal_phones", "leave")


def test_a_ban_on_connected_devices_is_escaped_by_separating_the_device():
    kb = kb_with(create_rule(jurisdictions=["PT"], devices=["connected"]))
    result = evaluate(parse_assessment(corporate_doc(), kb), kb)
    b = option(result, "stay_with_conditions")
    assert "not_on_internal_network" in b.conditions
    assert b.device["connected_to_internal_systems"] is False
    status = result.restrictions[0].status["stay_with_conditions"]
    assert status.status == "not_applicable"


def test_a_ban_on_every_issued_device_without_exemption_leaves_only_personal_phones_or_leaving():
    kb = kb_with(create_rule(jurisdictions=["PT"], devices=["issued"]))
    result = evaluate(parse_assessment(corporate_doc(), kb), kb)
    assert not option(result, "stay_as_is").admissible
    assert not option(result, "stay_with_conditions").admissible
    assert result.restrictions[0].status["personal_phones"].status == "not_applicable"
    assert result.recommended_option in ("personal_phones", "leave")


def test_personal_phones_must_carry_no_work_data():
    kb = load_knowledge_base()
    result = evaluate(parse_assessment(corporate_doc(), kb), kb)
    assert "no_work_data_on_device" in option(result, "personal_phones").conditions


def test_conditions_bring_every_threat_within_appetite():
    kb = load_knowledge_base()
    result = evaluate(parse_assessment(corporate_doc(), kb), kb)
    b = option(result, "stay_with_conditions")
    if b.admissible:
        for risk in result.risks:
            assert risk.residual["stay_with_conditions"].level in ("low", "medium")


def test_when_nothing_needs_adding_stay_with_conditions_is_not_offered_separately():
    kb = load_knowledge_base()
    doc = create_doc(
        organisation__jurisdiction="PT",
        organisation__risk_appetite="high",
        account__target_audience={"age_min": 25, "age_max": 40},
    )
    result = evaluate(parse_assessment(doc, kb), kb)
    a, b = option(result, "stay_as_is"), option(result, "stay_with_conditions")
    assert a.admissible
    assert not b.admissible
    assert [r.code for r in b.reasons] == ["same_as_stay_as_is"]
    assert result.outcome == "go"


def test_leaving_comes_with_an_exit_plan():
    kb = load_knowledge_base()
    result = evaluate(parse_assessment(create_doc(), kb), kb)
    d = option(result, "leave")
    assert "records_archiving" in d.conditions
    assert d.admissible


def test_an_unexpired_risk_acceptance_lets_an_option_above_appetite_stand():
    kb = load_knowledge_base()
    doc = create_doc(organisation__risk_appetite="low")
    before = evaluate(parse_assessment(doc, kb), kb)
    over = [r.params["threat"] for r in option(before, "stay_as_is").reasons if r.code == "above_appetite"]
    assert over
    doc["risk_acceptance"] = [{"threat": t, "expires": "2024-01-31", "accepted_by": "Director"} for t in over]
    after = evaluate(parse_assessment(doc, kb), kb)
    assert not any(r.code == "above_appetite" for r in option(after, "stay_as_is").reasons)
    assert str(after.review_date) == "2024-01-31"
    doc["risk_acceptance"] = [{"threat": t, "expires": "2023-01-31", "accepted_by": "Director"} for t in over]
    expired = evaluate(parse_assessment(doc, kb), kb)
    assert any(r.code == "above_appetite" for r in option(expired, "stay_as_is").reasons)
