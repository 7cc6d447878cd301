"""Creating an organisation in the web app, and its administrators editing its settings."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from web_records import PASSWORD, create_user

from gonogo.web.audit.models import AuditEntry
from gonogo.web.audit.trail import verify
from gonogo.web.orgs.forms import check_jurisdiction
from gonogo.web.orgs.models import Membership, Organisation

AGDER = {
    "name": "Agder politidistrikt",
    "kind": "police",
    "jurisdiction": "no-42",
    "population_served": "320000",
    "risk_appetite": "medium",
}


def _as(username: str, *, staff: bool = False) -> Client:
    person = create_user(username)
    if staff:
        person.is_staff = True
        person.save(update_fields=["is_staff"])
    client = Client()
    client.login(username=username, password=PASSWORD)
    return client


def test_staff_create_an_organisation_and_become_its_administrator(db: None) -> None:
    client = _as("siri", staff=True)
    assert "Create an organisation" in client.get("/").content.decode()
    response = client.post("/orgs/new/", AGDER)
    org = Organisation.objects.get(name="Agder politidistrikt")
    assert response["Location"] == f"/orgs/{org.pk}/"
    assert (org.kind, org.jurisdiction, org.population_served) == ("police", "NO-42", 320000)
    assert Membership.objects.get(organisation=org).role == "admin"
    entry = AuditEntry.objects.get(action="organisation.create", organisation=org)
    assert entry.after["jurisdiction"] == "NO-42"
    assert verify() == []


def test_by_default_only_staff_create_organisations(db: None) -> None:
    client = _as("per")
    assert "Create an organisation" not in client.get("/").content.decode()
    assert client.get("/orgs/new/").status_code == 403
    assert client.post("/orgs/new/", AGDER).status_code == 403
    assert not Organisation.objects.exists()


def test_anyone_creates_organisations_when_the_setting_says_so(db: None, settings: Any) -> None:
    settings.GONOGO_ORG_CREATION = "anyone"
    client = _as("per")
    assert client.post("/orgs/new/", AGDER).status_code == 302
    assert Membership.objects.get(user__username="per").role == "admin"


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("jurisdiction", "XX", "not a country code the knowledge base knows"),
        ("jurisdiction", "Norway", "Use a code such as NO, NO-46 or EU"),
        ("jurisdiction", "NO-4242", "Use a code such as NO, NO-46 or EU"),
        ("kind", "spaceship", "Select a valid choice"),
        ("population_served", "0", "at least 1"),
        ("risk_appetite", "reckless", "Select a valid choice"),
        ("name", "", "This field is required"),
    ],
)
def test_a_bad_organisation_is_refused_saying_what_to_fix_and_nothing_is_created(
    db: None, field: str, value: str, says: str
) -> None:
    client = _as("siri", staff=True)
    page = client.post("/orgs/new/", {**AGDER, field: value}).content.decode()
    assert says in page
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("code", "ok"),
    [("NO", True), ("NO-46", True), ("EU", True), ("US-TX", True), ("GB", True), ("XX", False), ("no", False)],
)
def test_jurisdictions_are_checked_against_the_knowledge_bases_codes(code: str, ok: bool) -> None:
    assert (check_jurisdiction(code) is None) is ok


def test_an_administrator_edits_the_settings_and_it_is_audited(org: Any, client: Client) -> None:
    client.login(username="alice", password=PASSWORD)
    assert "Settings" in client.get(f"/orgs/{org.pk}/").content.decode()
    before = org.as_document()
    form = {
        "name": org.name,
        "kind": org.kind,
        "jurisdiction": "NO-03",
        "population_served": "720000",
        "risk_appetite": "low",
    }
    assert client.post(f"/orgs/{org.pk}/settings/", form)["Location"] == f"/orgs/{org.pk}/"
    org.refresh_from_db()
    assert (org.jurisdiction, org.population_served, org.risk_appetite) == ("NO-03", 720000, "low")
    entry = AuditEntry.objects.get(action="organisation.update")
    assert entry.before == before
    assert entry.after["risk_appetite"] == "low"


def test_a_bad_setting_changes_nothing(org: Any, client: Client) -> None:
    client.login(username="alice", password=PASSWORD)
    before = Organisation.objects.values().get(pk=org.pk)
    page = client.post(
        f"/orgs/{org.pk}/settings/",
        {"name": "Renamed", "kind": org.kind, "jurisdiction": "ZZ-1", "risk_appetite": "low"},
    ).content.decode()
    assert "not a country code the knowledge base knows" in page
    assert Organisation.objects.values().get(pk=org.pk) == before
    assert not AuditEntry.objects.filter(action="organisation.update").exists()


def test_the_command_checks_the_jurisdiction_like_the_page(alice: Any) -> None:
    with pytest.raises(CommandError, match="jurisdiction"):
        call_command("org_create", "X", kind="police", jurisdiction="XX", admin="alice", stdout=StringIO())
    assert not Organisation.objects.exists()
