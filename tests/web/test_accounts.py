"""Accounts: who operates them and on what device, handles without "@", and imports refused for another account."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client
from web_records import PASSWORD, create_account, name_as_in_file

from gonogo.web.api.models import ApiToken
from gonogo.web.assessments import services
from gonogo.web.assessments.models import Account, Assessment
from gonogo.web.audit.models import AuditEntry

POLITIVEST = Path(__file__).resolve().parents[2] / "examples" / "politivest-2023-04.yaml"

ACCOUNT_FORM = {
    "platform": "tiktok",
    "handle": "politiet",
    "status": "existing",
    "purpose": "Prevention",
    "operators_communications_officer": "2",
    "operators_police_officer": "1",
    "device_kind": "dedicated",
    "device_work_email": "on",
}


@pytest.fixture
def as_bob(org: Any, client: Client) -> Client:
    client.login(username="bob", password=PASSWORD)
    return client


def _upload(doc: dict[str, Any], name: str = "assessment.yaml") -> io.BytesIO:
    upload = io.BytesIO(yaml.safe_dump(doc, allow_unicode=True).encode())
    upload.name = name
    return upload


def _politivest() -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(POLITIVEST.read_text(encoding="utf-8"))
    return json.loads(json.dumps(doc, default=str))


@pytest.fixture
def politivest_account(org: Any) -> Account:
    name_as_in_file(org, POLITIVEST)
    return create_account(org, handle="politivest")


def test_an_account_records_who_operates_it_and_on_what_device(org: Any, as_bob: Client) -> None:
    response = as_bob.post(f"/orgs/{org.pk}/accounts/new/", ACCOUNT_FORM)
    account = Account.objects.get(handle="politiet")
    assert response["Location"] == f"/accounts/{account.pk}/"
    assert account.operators == [
        {"role": "police_officer", "count": 1},
        {"role": "communications_officer", "count": 2},
    ]
    assert account.device == {
        "kind": "dedicated",
        "connected_to_internal_systems": False,
        "work_email": True,
        "work_contacts": False,
        "work_calendar": False,
    }
    page = as_bob.get(response["Location"]).content.decode()
    assert "Communications officer: 2" in page
    assert "A separate phone used only for this account" in page
    assert "It has work e-mail" in page


def test_the_account_page_shows_operators_and_device_in_bokmal(org: Any, as_bob: Client) -> None:
    as_bob.post(f"/orgs/{org.pk}/accounts/new/", ACCOUNT_FORM)
    account = Account.objects.get(handle="politiet")
    as_bob.post("/i18n/setlang/", {"language": "nb", "next": "/"})
    page = as_bob.get(f"/accounts/{account.pk}/").content.decode()
    assert "Hvem som driver den" in page
    assert "Kommunikasjonsrådgiver: 2" in page
    assert "En egen telefon som bare brukes til denne kontoen" in page


def test_the_account_form_asks_the_steps_questions_with_their_help(org: Any, as_bob: Client) -> None:
    page = as_bob.get(f"/orgs/{org.pk}/accounts/new/").content.decode()
    assert "Who operates it" in page
    assert "foreign intelligence services" in page  # the roles' descriptions from the knowledge base
    assert "On what is the app used?" in page
    assert "Not decided yet" in page


def test_editing_the_account_changes_operators_and_device_and_is_audited(org: Any, as_bob: Client) -> None:
    account = create_account(org, handle="politiet")
    response = as_bob.post(f"/accounts/{account.pk}/edit/", ACCOUNT_FORM | {"device_kind": "web_only"})
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.device["kind"] == "web_only"
    entry = AuditEntry.objects.get(action="account.edit")
    assert entry.before["operators"] == []
    assert entry.after["operators"][0] == {"role": "police_officer", "count": 1}
    assert entry.after["device"]["kind"] == "web_only"


def test_an_account_without_a_device_kind_records_no_device(org: Any, as_bob: Client) -> None:
    as_bob.post(f"/orgs/{org.pk}/accounts/new/", ACCOUNT_FORM | {"device_kind": ""})
    assert Account.objects.get(handle="politiet").device == {}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("@politiet", "politiet"),
        ("  @politiet ", "politiet"),
        ("politiet", "politiet"),
        ("Politiet_Oslo", "Politiet_Oslo"),
    ],
)
def test_a_handle_is_stored_without_its_at_sign(org: Any, as_bob: Client, typed: str, stored: str) -> None:
    as_bob.post(f"/orgs/{org.pk}/accounts/new/", ACCOUNT_FORM | {"handle": typed})
    account = Account.objects.get(organisation=org)
    assert account.handle == stored
    assert str(account) == f"TikTok: @{stored}"


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("@", "Type the account&#x27;s name on the platform, for example politiet."),
        ("politi et", "A handle has no spaces; type it as the platform shows it."),
    ],
)
def test_a_handle_that_cannot_be_one_is_refused_saying_why(org: Any, as_bob: Client, typed: str, error: str) -> None:
    page = as_bob.post(f"/orgs/{org.pk}/accounts/new/", ACCOUNT_FORM | {"handle": typed}).content.decode()
    assert error in page
    assert not Account.objects.exists()


def test_the_same_handle_with_an_at_sign_is_a_duplicate(org: Any, as_bob: Client) -> None:
    create_account(org, handle="politiet")
    page = as_bob.post(f"/orgs/{org.pk}/accounts/new/", ACCOUNT_FORM | {"handle": "@politiet"}).content.decode()
    assert "already has an account with this handle" in page


def test_a_new_assessment_starts_from_the_accounts_operators_and_device(org: Any, bob: Any) -> None:
    account = create_account(org, handle="politiet")
    account.operators = [{"role": "senior_official", "count": 1}]
    account.device = {"kind": "personal", "work_email": True}
    account.save()
    document = services.start_assessment(account, bob).document
    assert document["operators"] == [{"role": "senior_official", "count": 1}]
    assert document["device"] == {"kind": "personal", "work_email": True}


def test_a_new_version_keeps_the_previous_answers_when_the_account_records_none(org: Any, bob: Any) -> None:
    account = create_account(org, handle="politiet")
    first = services.start_assessment(account, bob)
    changed = first.document | {"operators": [{"role": "staff", "count": 3}], "device": {"kind": "corporate"}}
    services.save_document(first, changed, bob, "test")
    Assessment.objects.filter(pk=first.pk).update(status="approved")
    second = services.start_assessment(account, bob)
    assert second.document["operators"] == [{"role": "staff", "count": 3}]
    assert second.document["device"] == {"kind": "corporate"}


def test_the_api_shows_an_accounts_operators_and_device(org: Any, bob: Any, client: Client) -> None:
    account = create_account(org, handle="politiet")
    account.operators = [{"role": "staff", "count": 2}]
    account.device = {"kind": "dedicated"}
    account.save()
    _row, token = ApiToken.issue(bob, "test")
    body = client.get(f"/api/accounts/{account.pk}/", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert body["operators"] == [{"role": "staff", "count": 2}]
    assert body["device"] == {"kind": "dedicated"}
    listed = client.get(f"/api/organisations/{org.pk}/accounts/", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert listed["items"][0]["device"] == {"kind": "dedicated"}
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]["Account"]["properties"]
    assert {"operators", "device"} <= set(schema)


# Importing: a file made for another account is refused, all or nothing, naming the field and both values.
MISMATCHES = [
    (
        {"platform": "instagram"},
        "platform",
        "The file is for the platform “instagram”, but this account is on “tiktok”.",
    ),
    (
        {"account.handle": "@politioslo"},
        "account.handle",
        "The file is for the account “@politioslo”, but this account is “@politivest”. "
        "Import the file into the account @politioslo, or correct account.handle in the file.",
    ),
    (
        {"organisation.name": "Oslo politidistrikt"},
        "organisation.name",
        "The file is for the organisation “Oslo politidistrikt”, but this account belongs to "
        "“Vest politidistrikt (Politivest)”.",
    ),
]


def _changed(doc: dict[str, Any], changes: dict[str, str]) -> dict[str, Any]:
    for where, value in changes.items():
        section, _dot, key = where.rpartition(".")
        (doc[section] if section else doc)[key] = value
    return doc


@pytest.mark.parametrize(("changes", "location", "message"), MISMATCHES)
def test_importing_another_accounts_file_is_refused_naming_the_field(
    politivest_account: Account, as_bob: Client, changes: dict[str, str], location: str, message: str
) -> None:
    doc = _changed(_politivest(), changes)
    response = as_bob.post(f"/accounts/{politivest_account.pk}/assessments/import/", {"file": _upload(doc)})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"<code>{location}</code>" in page
    assert message.replace("&", "&amp;") in page.replace("&#x27;", "'")
    assert not politivest_account.assessments.exists()


@pytest.mark.parametrize(("changes", "location", "message"), MISMATCHES)
def test_the_api_refuses_another_accounts_document_naming_the_field(
    politivest_account: Account, bob: Any, client: Client, changes: dict[str, str], location: str, message: str
) -> None:
    _row, token = ApiToken.issue(bob, "test")
    response = client.post(
        f"/api/accounts/{politivest_account.pk}/assessments/",
        json.dumps(_changed(_politivest(), changes)),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert [f["location"] for f in fields] == [location]
    assert message in fields[0]["message"]
    assert not politivest_account.assessments.exists()


def test_an_import_into_a_draft_of_another_account_leaves_the_draft_as_it_was(
    politivest_account: Account, as_bob: Client, bob: Any
) -> None:
    draft = services.start_assessment(politivest_account, bob)
    before = draft.document
    doc = _changed(_politivest(), {"platform": "instagram", "account.handle": "other"})
    page = as_bob.post(
        f"/accounts/{politivest_account.pk}/assessments/import/", {"file": _upload(doc)}
    ).content.decode()
    assert "<code>platform</code>" in page
    assert "<code>account.handle</code>" in page
    draft.refresh_from_db()
    assert draft.document == before


@pytest.mark.parametrize("handle", ["@politivest", "PolitiVest", "@POLITIVEST", None])
def test_a_handle_with_an_at_sign_or_another_case_is_the_same_account(
    politivest_account: Account, as_bob: Client, handle: str | None
) -> None:
    doc = _politivest()
    doc["organisation"]["name"] = "  vest  politidistrikt (POLITIVEST) "
    if handle is None:
        del doc["account"]["handle"]
    else:
        doc["account"]["handle"] = handle
    response = as_bob.post(f"/accounts/{politivest_account.pk}/assessments/import/", {"file": _upload(doc)})
    assert response.status_code == 302
    stored = politivest_account.assessments.get().document
    assert stored["account"]["handle"] == "politivest"  # in line with the account record


def test_the_refusal_is_in_bokmal_for_a_bokmal_reader(politivest_account: Account, as_bob: Client) -> None:
    as_bob.post("/i18n/setlang/", {"language": "nb", "next": "/"})
    doc = _changed(_politivest(), {"platform": "instagram"})
    page = as_bob.post(f"/accounts/{politivest_account.pk}/assessments/import/", {"file": _upload(doc)}).content
    assert "Filen gjelder plattformen «instagram», men denne kontoen er på «tiktok»." in page.decode()


def test_the_demo_accounts_have_operators_and_a_device(db: None) -> None:
    from django.core.management import call_command

    call_command("demo", examples=str(POLITIVEST.parent), stdout=io.StringIO())
    accounts = list(Account.objects.all())
    assert accounts
    for account in accounts:
        assert account.operators, account
        assert account.device.get("kind"), account
