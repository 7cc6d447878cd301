import pytest

from factories import create_doc
from gonogo.core.assessment import parse_assessment
from gonogo.core.kb import load_knowledge_base
from gonogo.core.options import device_profile
from gonogo.core.restrictions import DeviceProfile
from gonogo.core.risk import conditions, threat_level

KB = load_knowledge_base()


def level(doc, threat, option="stay_as_is", safeguards=None, profile=None):
    a = parse_assessment(doc, KB)
    prof = profile if profile is not None else device_profile(a)
    held = conditions(a, KB, option, prof)
    have = a.safeguard_ids if safeguards is None else safeguards
    return threat_level(KB.threats[threat], KB, a.platform, option, held, have, {})


@pytest.mark.parametrize(
    ("changes", "threat", "raised"),
    [
        ({"operators": [{"role": "minister"}]}, "state_access", "likelihood"),
        ({"operators": [{"role": "security_cleared"}]}, "staff_tracking", "likelihood"),
        ({"organisation__kind": "defence"}, "internal_compromise", "impact"),
        ({"operators": [{"role": "police_officer", "count": 9}]}, "account_takeover", "likelihood"),
        ({"operators": [{"role": "external_agency"}]}, "account_takeover", "likelihood"),
        ({"evidence__followers": 500_000}, "account_takeover", "impact"),
        (
            {"evidence": {"comment_sentiment": {"positive": 0.3, "negative": 0.4}}},
            "comment_harassment",
            "likelihood",
        ),
    ],
)
def test_circumstances_raise_a_threat(changes, threat, raised):
    calm = create_doc(
        organisation__kind="municipality",
        operators=[{"role": "communications_officer", "count": 1}],
        evidence={"followers": 1000},
        account__target_audience={"age_min": 20, "age_max": 40},
    )
    base = level(calm, threat)
    merged = dict(calm)
    for key, value in changes.items():
        parts = key.split("__")
        target = merged
        for p in parts[:-1]:
            target[p] = dict(target[p])
            target = target[p]
        target[parts[-1]] = value
    raised_level = level(merged, threat)
    assert getattr(raised_level, raised) > getattr(base, raised)


def test_a_device_connected_to_internal_systems_raises_internal_compromise():
    connected = DeviceProfile("corporate", connected=True, work_data=True)
    separate = DeviceProfile("dedicated", connected=False, work_data=False)
    doc = create_doc(safeguards=[])
    assert (
        level(doc, "internal_compromise", profile=connected, safeguards=()).likelihood
        > level(doc, "internal_compromise", profile=separate, safeguards=()).likelihood
    )


@pytest.mark.parametrize(
    ("safeguard", "threat"),
    [
        ("mfa", "account_takeover"),
        ("dpia", "data_protection_liability"),
        ("moderation_policy", "comment_harassment"),
        ("records_archiving", "records_loss"),
        ("metadata_stripping", "staff_tracking"),
        ("safeguarding_procedure", "safeguarding_failure"),
    ],
)
def test_a_safeguard_lowers_the_threats_it_mitigates(safeguard, threat):
    doc = create_doc(safeguards=[])
    without = level(doc, threat, safeguards=())
    with_it = level(doc, threat, safeguards=(safeguard,))
    assert with_it.score < without.score
    assert f"safeguard:{safeguard}" in with_it.why


def test_the_platforms_own_likelihood_replaces_the_catalogue_value():
    lv = level(create_doc(), "state_access")
    assert "platform" in lv.why
    assert lv.likelihood >= KB.platforms["tiktok"].threat_likelihood["state_access"]


def test_threats_that_do_not_apply_to_leaving_have_no_level_there():
    lv = level(create_doc(), "internal_compromise", option="leave", profile=None)
    assert lv.applicable is False
    assert lv.score == 0


def test_levels_stay_on_the_five_point_scales():
    doc = create_doc(
        organisation__kind="defence",
        operators=[{"role": "minister", "count": 9}, {"role": "external_agency"}],
        device={"kind": "corporate"},
        safeguards=[],
        evidence={"followers": 900_000},
    )
    for t in KB.threats:
        lv = level(doc, t)
        assert 1 <= lv.likelihood <= 5
        assert 1 <= lv.impact <= 5
