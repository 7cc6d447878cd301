"""The worked examples in examples/: their outcomes are part of the product's contract (see README)."""

from pathlib import Path

import pytest
import yaml

from gonogo.core.assessment import parse_assessment
from gonogo.core.engine import evaluate
from gonogo.core.kb import load_knowledge_base

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KB = load_knowledge_base()


def run(name):
    doc = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    return evaluate(parse_assessment(doc, KB), KB)


def option(result, oid):
    return next(o for o in result.options if o.id == oid)


def test_politivest_stays_with_conditions_on_its_separate_phone():
    r = run("politivest-2023-04.yaml")
    assert r.outcome == "go_with_conditions"
    assert r.recommended_option == "stay_with_conditions"
    assert r.robustness == "clear"
    ids = {x.id for x in r.restrictions}
    assert {"NO-JD-2023", "NO-POD-2023"} <= ids
    # The separate phone already meets the Norwegian exemption conditions.
    assert r.restrictions[[x.id for x in r.restrictions].index("NO-JD-2023")].status["stay_as_is"].missing == ()
    assert "safeguarding_procedure" in {c.safeguard for c in r.action_plan}
    assert str(r.review_date) == "2024-04-15"


def test_the_uk_team_on_corporate_phones_needs_the_cabinet_office_exemption():
    r = run("uk-central-government-2023-06.yaml")
    assert r.outcome == "go_with_conditions"
    a = option(r, "stay_as_is")
    assert not a.admissible
    assert any(x.code == "exemption_unmet" and x.params["restriction"] == "GB-GOV-2023" for x in a.reasons)
    needed = {c.safeguard for c in r.conditions}
    assert {
        "documented_work_need",
        "security_team_approval",
        "ministerial_clearance",
        "dedicated_device",
    } <= needed


def test_a_municipality_in_india_cannot_use_a_banned_app():
    r = run("india-municipality-2024.yaml")
    assert r.outcome == "no_go"
    for oid in ("stay_as_is", "stay_with_conditions", "personal_phones"):
        assert any(
            x.code == "prohibited_by" and x.params["restriction"] == "IN-MEITY-2020" for x in option(r, oid).reasons
        )
    assert option(r, "leave").acceptability == pytest.approx(1.0)
