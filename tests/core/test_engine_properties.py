"""Invariants of the engine, checked on generated assessments."""

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gonogo.core.assessment import parse_assessment
from gonogo.core.engine import evaluate
from gonogo.core.kb import load_knowledge_base
from gonogo.core.options import Planner, with_effects
from gonogo.core.restrictions import applicable_rules
from gonogo.core.result import result_to_dict

KB = load_knowledge_base()
DEVICE_SAFEGUARDS = {"dedicated_device", "not_on_internal_network", "no_work_data_on_device"}
PLAIN_SAFEGUARDS = sorted(set(KB.safeguards) - DEVICE_SAFEGUARDS)


@st.composite
def assessments(draw):
    official = draw(st.booleans())
    kind = draw(st.sampled_from(["corporate", "dedicated", "personal", "web_only"]))
    connected = draw(st.booleans()) if kind != "dedicated" else False
    safeguards = draw(st.lists(st.sampled_from(PLAIN_SAFEGUARDS), unique=True, max_size=6))
    if not official and "documented_work_need" in safeguards:
        safeguards.remove("documented_work_need")
    evidence = {}
    if draw(st.booleans()):
        evidence["followers"] = draw(st.integers(0, 2_000_000))
    if draw(st.booleans()):
        evidence["engagement_rate"] = draw(st.floats(0, 0.3))
    if draw(st.booleans()):
        pos = draw(st.floats(0, 1))
        evidence["comment_sentiment"] = {"positive": pos, "negative": draw(st.floats(0, 1 - pos))}
    if draw(st.booleans()):
        evidence["other_channels_reach"] = draw(st.floats(0, 1))
    weights = draw(
        st.sampled_from([{}, {"unknown": True}, {"profile": "security_first"}, {"ranking": list(KB.criteria.ids)}])
    )
    return {
        "gonogo": 1,
        "date": draw(st.sampled_from(["2022-06-01", "2023-04-15", "2024-09-01", "2026-01-01"])),
        "organisation": {
            "name": "Generated body",
            "kind": draw(st.sampled_from(sorted(KB.kinds))),
            "jurisdiction": draw(st.sampled_from(["NO", "NO-46", "GB", "SE", "US", "US-TX", "IN", "DK", "EU", "AU"])),
            "population_served": draw(st.integers(1_000, 80_000_000)),
            "risk_appetite": draw(st.sampled_from(["low", "medium", "high"])),
        },
        "platform": draw(st.sampled_from(sorted(KB.platforms))),
        "account": {
            "status": draw(st.sampled_from(["existing", "planned"])),
            "official_task": official,
            "target_audience": {"age_min": draw(st.integers(10, 30)), "age_max": 40},
        },
        "operators": [
            {"role": r, "count": draw(st.integers(1, 6))}
            for r in draw(st.lists(st.sampled_from(sorted(KB.roles)), min_size=1, max_size=3, unique=True))
        ],
        "device": {
            "kind": kind,
            "connected_to_internal_systems": connected,
            "work_email": draw(st.booleans()),
            "work_contacts": False,
            "work_calendar": False,
        },
        "safeguards": safeguards,
        "evidence": evidence,
        "weights": weights,
        "seed": draw(st.integers(0, 2**31)),
        "draws": 300,
    }


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(assessments())
def test_acceptabilities_of_admissible_options_sum_to_one(doc):
    result = evaluate(parse_assessment(doc, KB), KB, flip_points=False)
    admissible = [o for o in result.options if o.admissible]
    assert admissible
    assert math.isclose(sum(o.acceptability for o in admissible), 1.0, abs_tol=1e-9)
    assert all(o.acceptability is None for o in result.options if not o.admissible)


@SETTINGS
@given(assessments())
def test_a_prohibited_option_is_never_recommended(doc):
    result = evaluate(parse_assessment(doc, KB), KB, flip_points=False)
    rec = next(o for o in result.options if o.id == result.recommended_option)
    assert rec.admissible
    for r in result.restrictions:
        assert r.status[result.recommended_option].status != "prohibited"


@settings(max_examples=15, deadline=None)
@given(assessments())
def test_the_same_seed_gives_the_same_result(doc):
    first = result_to_dict(evaluate(parse_assessment(doc, KB), KB))
    second = result_to_dict(evaluate(parse_assessment(doc, KB), KB))
    assert first == second


@SETTINGS
@given(assessments(), st.sampled_from(sorted(KB.safeguards)), st.sampled_from(["stay_as_is", "personal_phones"]))
def test_adding_a_safeguard_never_raises_a_residual_risk(doc, extra, option):
    a = parse_assessment(doc, KB)
    rules, context = applicable_rules(a, KB)
    planner = Planner(a, KB, rules, context)
    base = planner.stay_as_is().profile
    have = set(a.safeguard_ids)
    before = planner.levels(option, with_effects(base, have, KB), have)
    after = planner.levels(option, with_effects(base, have | {extra}, KB), have | {extra})
    for t in before:
        assert after[t].score <= before[t].score


@SETTINGS
@given(
    assessments(),
    st.lists(st.sampled_from(sorted(KB.safeguards)), unique=True, max_size=8),
    st.sampled_from(["stay_as_is", "stay_with_conditions", "personal_phones", "leave"]),
)
def test_the_searchs_quick_appetite_check_agrees_with_the_full_risk_calculation(doc, extra, option):
    a = parse_assessment(doc, KB)
    rules, context = applicable_rules(a, KB)
    planner = Planner(a, KB, rules, context)
    have = set(a.safeguard_ids) | set(extra)
    profile = None if option == "leave" else with_effects(planner.stay_as_is().profile, have, KB)
    full = planner.over_appetite(planner.levels(option, profile, have))
    assert planner.over_fast(option, profile, have) == full
