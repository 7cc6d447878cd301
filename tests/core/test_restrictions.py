from datetime import date

import pytest
import yaml

from factories import create_doc, create_rule
from gonogo.core.assessment import parse_assessment
from gonogo.core.kb import load_knowledge_base
from gonogo.core.restrictions import (
    DeviceProfile,
    applies,
    contains,
    device_in_scope,
    in_force,
    query,
    rule_status,
)


def kb_with(*rules):
    text = yaml.safe_dump({"kind": "restrictions", "version": "test", "entries": list(rules)})
    return load_knowledge_base([("test-policies.yaml", text)])


def rule(kb, rid="TEST-RULE"):
    return kb.restriction(rid)


@pytest.mark.parametrize(
    ("outer", "inner", "device_rule", "expected"),
    [
        ("NO", "NO", True, True),
        ("NO", "NO-46", True, True),
        ("NO-46", "NO", True, False),
        ("NO-46", "NO-03", True, False),
        ("US", "US-TX", True, True),
        ("GB", "GB-SCT", True, True),
        ("GB-SCT", "GB-WLS", True, False),
        ("EU", "EU", True, True),
        ("EU", "DK", True, False),  # an EU device rule binds EU institutions only
        ("EU", "DK", False, True),  # an EU fine or ruling is context for member states
        ("EU", "NO", False, False),
        ("EEA", "NO", False, True),
        ("EEA", "DE-BY", False, True),
        ("NOR", "NO", True, False),
    ],
)
def test_jurisdiction_containment(outer, inner, device_rule, expected):
    assert contains(outer, inner, device_rule=device_rule) is expected


@pytest.mark.parametrize(
    ("fields", "when", "expected"),
    [
        ({}, date(2023, 3, 1), True),
        ({}, date(2023, 2, 28), False),
        ({"in_force_until": "2023-12-31"}, date(2023, 12, 31), True),
        ({"in_force_until": "2023-12-31"}, date(2024, 1, 1), False),
        ({"in_force_until": "2023-06"}, date(2023, 6, 30), True),
        ({"status": "superseded"}, date(2024, 1, 1), False),
        ({"status": "pending"}, date(2024, 1, 1), False),
        ({"in_force_from": "2023-05"}, date(2023, 5, 1), True),
        ({"in_force_from": "2023-05"}, date(2023, 4, 30), False),
    ],
)
def test_a_rule_is_in_force_only_between_its_dates(fields, when, expected):
    kb = kb_with(create_rule(**fields))
    assert in_force(rule(kb), when) is expected


@pytest.mark.parametrize(
    ("rule_fields", "doc_changes", "expected"),
    [
        ({}, {}, True),
        ({"jurisdictions": ["SE"]}, {}, False),
        ({"platforms": ["telegram"]}, {}, False),
        ({"bodies": ["ministry"]}, {}, False),
        ({"bodies": ["police", "ministry"]}, {}, True),
        ({"levels": ["regional"]}, {}, False),
        ({"levels": ["regional"]}, {"organisation__level": "regional"}, True),
        ({"roles": ["minister", "political_adviser"]}, {}, False),
        ({"roles": ["minister"]}, {"operators": [{"role": "minister"}, {"role": "police_officer"}]}, True),
        ({"jurisdictions": ["EU"]}, {"organisation__jurisdiction": "DK"}, False),
        (
            {"jurisdictions": ["EU"]},
            {"organisation__jurisdiction": "EU", "organisation__kind": "eu_institution"},
            True,
        ),
        ({}, {"date": "2023-01-01"}, False),
    ],
)
def test_rules_match_body_kind_level_roles_platform_and_date(rule_fields, doc_changes, expected):
    kb = kb_with(create_rule(**rule_fields))
    a = parse_assessment(create_doc(**doc_changes), kb)
    assert applies(rule(kb), a) is expected


CORPORATE = DeviceProfile("corporate", connected=True, work_data=True)
DEDICATED = DeviceProfile("dedicated", connected=False, work_data=False)
PERSONAL_CLEAN = DeviceProfile("personal", connected=False, work_data=False)
PERSONAL_WORK = DeviceProfile("personal", connected=False, work_data=True)
WEB_ONLY = DeviceProfile("web_only", connected=True, work_data=True)


@pytest.mark.parametrize(
    ("devices", "types", "profile", "expected"),
    [
        (["issued"], ["ban"], CORPORATE, True),
        (["issued"], ["ban"], DEDICATED, True),
        (["issued"], ["ban"], PERSONAL_WORK, False),
        (["connected"], ["advice_against"], CORPORATE, True),
        (["connected"], ["advice_against"], DEDICATED, False),
        (["work_data"], ["ban"], PERSONAL_WORK, True),
        (["work_data"], ["ban"], PERSONAL_CLEAN, False),
        (["personal"], ["ban"], PERSONAL_CLEAN, True),
        (["any"], ["national_ban"], PERSONAL_CLEAN, True),
        (["issued"], ["ban"], WEB_ONLY, False),
        (["network"], ["network_block"], WEB_ONLY, True),
        (["network"], ["network_block"], DEDICATED, False),
    ],
)
def test_device_scope(devices, types, profile, expected):
    kb = kb_with(create_rule(devices=devices, types=types))
    assert device_in_scope(rule(kb), profile) is expected


EXEMPTION = {
    "requires": ["documented_work_need", "dedicated_device"],
    "eligible_bodies": ["any"],
    "text": "t",
}


@pytest.mark.parametrize(
    ("rule_fields", "doc_changes", "option", "in_place", "status", "missing"),
    [
        ({}, {}, "stay_as_is", [], "prohibited", ()),
        (
            {"exemption": EXEMPTION},
            {},
            "stay_as_is",
            ["documented_work_need"],
            "allowed_if",
            ("dedicated_device",),
        ),
        (
            {"exemption": EXEMPTION},
            {},
            "stay_as_is",
            ["documented_work_need", "dedicated_device"],
            "allowed_if",
            (),
        ),
        (
            {"exemption": EXEMPTION},
            {"account__official_task": False, "safeguards": []},
            "stay_with_conditions",
            [],
            "prohibited",
            ("documented_work_need", "dedicated_device"),
        ),
        (
            {"exemption": {**EXEMPTION, "eligible_bodies": ["defence"]}},
            {},
            "stay_as_is",
            ["documented_work_need", "dedicated_device"],
            "prohibited",
            (),
        ),
        ({"binding": False, "types": ["advice_against"]}, {}, "stay_as_is", [], "advised_against", ()),
        (
            {"binding": False, "types": ["advice_against"], "exemption": EXEMPTION},
            {},
            "stay_as_is",
            ["documented_work_need", "dedicated_device"],
            "allowed_if",
            (),
        ),
    ],
)
def test_rule_status_per_option(rule_fields, doc_changes, option, in_place, status, missing):
    kb = kb_with(create_rule(**rule_fields))
    a = parse_assessment(create_doc(**doc_changes), kb)
    st = rule_status(rule(kb), a, kb, option, CORPORATE, in_place)
    assert st.status == status
    assert st.missing == missing


def test_a_dedicated_device_needed_by_an_exemption_cannot_be_met_on_personal_phones():
    kb = kb_with(create_rule(devices=["issued", "personal"], exemption=EXEMPTION))
    a = parse_assessment(create_doc(), kb)
    st = rule_status(rule(kb), a, kb, "personal_phones", PERSONAL_CLEAN, ["documented_work_need"])
    assert st.status == "prohibited"
    assert st.reason == "unmeetable:dedicated_device"


def test_query_lists_national_and_subnational_measures_in_force():
    kb = kb_with(
        create_rule(id="NATIONAL", jurisdictions=["NO"]),
        create_rule(id="COUNTY", jurisdictions=["NO-46"]),
        create_rule(id="LATER", jurisdictions=["NO"], in_force_from="2024-01-01"),
        create_rule(id="SWEDEN", jurisdictions=["SE"]),
    )
    found = {r.id for r in query(kb, "NO", date(2023, 6, 1))}
    assert {"NATIONAL", "COUNTY"} <= found
    assert "LATER" not in found
    assert "SWEDEN" not in found
    assert "COUNTY" not in {r.id for r in query(kb, "NO-03", date(2023, 6, 1))}
