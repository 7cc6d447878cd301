"""The bundled knowledge-base files parse and follow the format of docs/knowledge-base.md.

This is the data's own check, independent of the loader: it reads the YAML as plain data.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml

REGISTER = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "restrictions.yaml"

ID_PATTERN = re.compile(r"^[A-Za-z0-9_.-]+$")
PARTIAL_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
JURISDICTION = re.compile(r"^([A-Z]{2}(-[A-Z0-9]{1,3})?|EU|EEA)$")

BODY_KINDS = {
    "ministry",
    "central_government",
    "parliament",
    "regional_government",
    "municipality",
    "police",
    "defence",
    "health",
    "education",
    "broadcaster",
    "eu_institution",
    "agency",
    "other_public",
}
LEVELS = {"national", "regional", "local", "supranational"}
ROLES = {
    "minister",
    "political_adviser",
    "senior_official",
    "security_cleared",
    "police_officer",
    "communications_officer",
    "external_agency",
    "staff",
}
PLATFORMS = {"tiktok", "instagram", "facebook", "x", "youtube", "snapchat", "telegram"}
DEVICES = {"issued", "connected", "work_data", "personal", "network", "any"}
TYPES = {
    "ban",
    "removal_required",
    "advice_against",
    "network_block",
    "allowlist_policy",
    "national_ban",
    "divest_or_ban",
    "enforcement_delay",
    "no_ban",
    "data_protection_order",
    "fine",
    "court_ruling",
    "related_development",
}
DEVICE_RULE_TYPES = {
    "ban",
    "removal_required",
    "advice_against",
    "network_block",
    "allowlist_policy",
    "national_ban",
}
STATUSES = {"in_force", "superseded", "expired", "repealed", "suspended", "annulled", "pending", "unknown"}
CONFIDENCE = {"high", "medium", "low"}
VERIFIED = {"primary", "secondary", None}
SAFEGUARDS = {
    "dedicated_device",
    "no_work_data_on_device",
    "not_on_internal_network",
    "documented_work_need",
    "security_team_approval",
    "ministerial_clearance",
    "generic_mailbox",
    "mfa",
    "recovery_owned_by_body",
    "metadata_stripping",
    "named_limited_users",
    "device_secured_when_unused",
    "dpia",
    "privacy_notice",
    "moderation_policy",
    "records_archiving",
    "head_of_body_approval",
    "mdm_managed",
    "minimal_app_permissions",
    "minimise_personal_content",
    "decommission_plan",
    "incident_plan",
    "content_approval",
    "owned_channel_mirror",
    "impersonation_monitoring",
    "password_manager",
    "leaver_process",
}
THREATS_OVERRIDDEN = {"state_access", "platform_ban"}

RESTRICTION_FIELDS = {
    "id",
    "title",
    "role",
    "jurisdictions",
    "bodies",
    "roles",
    "devices",
    "platforms",
    "types",
    "binding",
    "issuing_body",
    "instrument",
    "announced",
    "in_force_from",
    "in_force_until",
    "review_every_months",
    "status",
    "exemption",
    "summary",
    "sources",
    "confidence",
    "verified",
    "notes",
}
RESTRICTION_OPTIONAL = {"levels", "threat_effects"}
PLATFORM_FIELDS = {
    "id",
    "name",
    "owner",
    "owner_jurisdiction",
    "data_collected",
    "threat_likelihood",
    "regulatory_actions",
    "audience",
    "sources",
    "confidence",
}
PLATFORM_OPTIONAL = {"threat_likelihood_why", "notes"}


def load(name: str) -> dict[str, Any]:
    text = (files("gonogo") / "data" / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict), f"{name}: the top level must be a mapping"
    return data


@pytest.fixture(scope="module")
def restrictions() -> list[dict[str, Any]]:
    return list(load("restrictions.yaml")["entries"])


@pytest.fixture(scope="module")
def platforms() -> list[dict[str, Any]]:
    return list(load("platforms.yaml")["entries"])


def as_date(value: Any) -> dt.date:
    """Read an ISO date or a YYYY-MM partial date (as the first of the month); raise on anything else."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"{value!r} has a time; expected a date")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and PARTIAL_DATE.match(value):
        return dt.date.fromisoformat(value + "-01")
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    raise ValueError(f"{value!r} is not a date")


def check_sources(where: str, sources: Any) -> None:
    assert isinstance(sources, list), f"{where}: sources must be a list"
    assert sources, f"{where}: at least one source is required"
    for source in sources:
        assert set(source) <= {"title", "url", "date"}, f"{where}: unexpected source fields {set(source)}"
        assert isinstance(source.get("title"), str), f"{where}: source title"
        assert source["title"].strip(), f"{where}: empty source title"
        assert re.match(r"^https?://\S+$", source.get("url") or ""), f"{where}: source url {source.get('url')!r}"
        if "date" in source:
            as_date(source["date"])


@pytest.mark.parametrize(("name", "kind"), [("restrictions.yaml", "restrictions"), ("platforms.yaml", "platforms")])
def test_each_file_has_the_envelope(name, kind):
    data = load(name)
    assert set(data) == {"kind", "version", "description", "entries"}
    assert data["kind"] == kind
    assert isinstance(data["version"], str)
    assert re.match(r"^\d{4}\.\d+\.\d+$", data["version"])
    assert isinstance(data["description"], str)
    assert data["description"].strip()
    assert isinstance(data["entries"], list)
    assert data["entries"]


@pytest.mark.parametrize("name", ["restrictions.yaml", "platforms.yaml"])
def test_ids_are_unique_and_well_formed(name):
    ids = [entry["id"] for entry in load(name)["entries"]]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert all(isinstance(i, str) and ID_PATTERN.match(i) for i in ids)


def test_every_restriction_has_the_required_fields_and_no_others(restrictions):
    for entry in restrictions:
        keys = set(entry)
        assert keys >= RESTRICTION_FIELDS, f"{entry['id']}: missing {RESTRICTION_FIELDS - keys}"
        assert keys <= RESTRICTION_FIELDS | RESTRICTION_OPTIONAL, f"{entry['id']}: unknown {keys - RESTRICTION_FIELDS}"
        for text_field in ("title", "summary", "issuing_body", "instrument", "notes"):
            assert isinstance(entry[text_field], str), (entry["id"], text_field)
            assert entry[text_field].strip(), (entry["id"], text_field)


def test_every_register_id_is_in_the_restrictions(restrictions):
    if not REGISTER.is_file():
        pytest.skip("the shared reference register is not next to this checkout")
    register = yaml.safe_load(REGISTER.read_text(encoding="utf-8"))
    register_ids = {entry["id"] for entry in register}
    ours = {entry["id"] for entry in restrictions}
    assert register_ids - ours == set()
    assert len(register_ids) == 82


@pytest.mark.parametrize(
    ("field", "allowed"),
    [
        ("bodies", BODY_KINDS | {"any"}),
        ("roles", ROLES | {"any"}),
        ("devices", DEVICES),
        ("platforms", PLATFORMS),
        ("types", TYPES),
        ("levels", LEVELS),
    ],
)
def test_restriction_list_fields_use_the_vocabulary(restrictions, field, allowed):
    for entry in restrictions:
        if field == "levels" and field not in entry:
            continue
        values = entry[field]
        assert isinstance(values, list), f"{entry['id']}: {field} must be a list"
        assert values, f"{entry['id']}: {field} must not be empty"
        assert len(values) == len(set(values)), f"{entry['id']}: {field} repeats a value"
        assert set(values) <= allowed, f"{entry['id']}: {field} has {set(values) - allowed}"
        if "any" in values:
            assert values == ["any"], f"{entry['id']}: {field} mixes 'any' with other values"


def test_restriction_scalars_use_the_vocabulary(restrictions):
    for entry in restrictions:
        where = entry["id"]
        assert entry["role"] in {"device_rule", "context"}, where
        assert entry["status"] in STATUSES, where
        assert entry["confidence"] in CONFIDENCE, where
        assert entry["verified"] in VERIFIED, where
        assert isinstance(entry["binding"], bool), where
        assert all(JURISDICTION.match(j) for j in entry["jurisdictions"]), (where, entry["jurisdictions"])
        review = entry["review_every_months"]
        assert review is None or (isinstance(review, int) and review > 0), where


def test_device_rules_restrict_and_advice_is_not_binding(restrictions):
    for entry in restrictions:
        types = set(entry["types"])
        if entry["role"] == "device_rule":
            assert types & DEVICE_RULE_TYPES, f"{entry['id']}: a device rule needs a restricting type"
        if types <= {"advice_against", "no_ban"}:
            assert entry["binding"] is False, f"{entry['id']}: advice cannot be binding"


def test_exemptions_name_known_safeguards_and_bodies(restrictions):
    for entry in restrictions:
        exemption = entry["exemption"]
        if exemption is None:
            continue
        where = entry["id"]
        assert set(exemption) == {"requires", "eligible_bodies", "text"}, where
        assert exemption["requires"], where
        assert set(exemption["requires"]) <= SAFEGUARDS, where
        assert exemption["eligible_bodies"], where
        assert set(exemption["eligible_bodies"]) <= BODY_KINDS | {"any"}, where
        assert isinstance(exemption["text"], str), where
        assert exemption["text"].strip(), where


def test_restriction_dates_parse_and_are_in_order(restrictions):
    for entry in restrictions:
        where = entry["id"]
        dates = {}
        for field in ("announced", "in_force_from", "in_force_until"):
            if entry[field] is not None:
                dates[field] = as_date(entry[field])
        if "in_force_from" in dates and "in_force_until" in dates:
            assert dates["in_force_from"] <= dates["in_force_until"], where
        if entry["status"] in {"superseded", "expired", "repealed", "annulled"}:
            assert "in_force_until" in dates or "no date" in entry["notes"], where
        if entry["status"] == "in_force":
            assert "in_force_until" not in dates, where


def test_threat_effects_raise_a_known_threat_by_one_or_two(restrictions):
    effects = [entry for entry in restrictions if "threat_effects" in entry]
    assert effects, "divest-or-ban laws and national bans carry threat effects"
    for entry in effects:
        assert set(entry["threat_effects"]) <= THREATS_OVERRIDDEN, entry["id"]
        assert all(value in (1, 2) for value in entry["threat_effects"].values()), entry["id"]


def test_every_restriction_has_a_source_with_a_url(restrictions):
    for entry in restrictions:
        check_sources(entry["id"], entry["sources"])


def test_the_seven_platforms_exist(platforms):
    assert {entry["id"] for entry in platforms} == PLATFORMS


def test_every_platform_has_the_required_fields(platforms):
    for entry in platforms:
        keys = set(entry)
        assert keys >= PLATFORM_FIELDS, f"{entry['id']}: missing {PLATFORM_FIELDS - keys}"
        assert keys <= PLATFORM_FIELDS | PLATFORM_OPTIONAL, f"{entry['id']}: unknown {keys - PLATFORM_FIELDS}"
        assert re.match(r"^[A-Z]{2}$", entry["owner_jurisdiction"]), entry["id"]
        assert entry["confidence"] in CONFIDENCE, entry["id"]
        assert entry["data_collected"]
        assert all(isinstance(d, str) for d in entry["data_collected"])
        check_sources(entry["id"], entry["sources"])


def test_platform_threat_likelihoods_are_one_to_five_and_explained(platforms):
    for entry in platforms:
        likelihood = entry["threat_likelihood"]
        assert set(likelihood) == THREATS_OVERRIDDEN, entry["id"]
        assert all(isinstance(v, int) and 1 <= v <= 5 for v in likelihood.values()), entry["id"]
        why = entry["threat_likelihood_why"]
        assert set(why) == set(likelihood), entry["id"]
        assert all(isinstance(text, str) and text.strip() for text in why.values()), entry["id"]


def test_tiktok_is_rated_above_the_us_platforms_for_state_access_and_ban(platforms):
    by_id = {entry["id"]: entry["threat_likelihood"] for entry in platforms}
    for us_platform in ("instagram", "facebook", "x", "youtube", "snapchat"):
        assert by_id["tiktok"]["state_access"] > by_id[us_platform]["state_access"] > 1
        assert by_id["tiktok"]["platform_ban"] > by_id[us_platform]["platform_ban"]


def test_regulatory_actions_are_dated_and_sourced(platforms):
    for entry in platforms:
        ids = [action["id"] for action in entry["regulatory_actions"]]
        assert len(ids) == len(set(ids)), entry["id"]
        for action in entry["regulatory_actions"]:
            where = f"{entry['id']}/{action['id']}"
            assert set(action) <= {"id", "title", "date", "amount_eur", "status", "sources"}, where
            assert ID_PATTERN.match(action["id"]), where
            assert action["title"].strip(), where
            as_date(action["date"])
            amount = action.get("amount_eur")
            assert amount is None or (isinstance(amount, int) and amount > 0), where
            check_sources(where, action["sources"])


def test_audience_shares_are_fractions_of_an_age_group(platforms):
    for entry in platforms:
        for row in entry["audience"]:
            where = f"{entry['id']}/{row}"
            assert set(row) <= {"country", "age_min", "age_max", "share", "measure", "year", "sources"}, where
            assert re.match(r"^[A-Z]{2}$", row["country"]), where
            assert 0 < row["share"] <= 1, where
            assert row["age_min"] is None or row["age_max"] is None or row["age_min"] <= row["age_max"], where
            assert 2000 <= row["year"] <= 2100, where
            assert row["measure"].strip(), where
            check_sources(where, row["sources"])


def test_tiktok_audience_has_the_pew_2025_figures(platforms):
    tiktok = next(entry for entry in platforms if entry["id"] == "tiktok")
    us_2025 = {
        (r["age_min"], r["age_max"]): r["share"]
        for r in tiktok["audience"]
        if r["country"] == "US" and r["year"] == 2025
    }
    assert us_2025[(18, 29)] == pytest.approx(0.63)
    assert us_2025[(13, 17)] == pytest.approx(0.68)
