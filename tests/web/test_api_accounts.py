"""Accounts and their safeguards through the API: the pages' forms, rules, permissions and audit entries."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from web_records import add_member, create_account, create_user

from gonogo.web.api.models import ApiToken
from gonogo.web.assessments.models import Account, Safeguard
from gonogo.web.audit.models import AuditEntry

NEW_ACCOUNT = {
    "platform": "tiktok",
    "handle": "@politiet",
    "purpose": "Crime prevention for young people",
    "operators": [{"role": "communications_officer", "count": 2}],
    "device": {"kind": "dedicated", "work_email": True},
}


def _token(user: Any) -> str:
    return ApiToken.issue(user, "test")[1]


def _send(client: Client, method: str, url: str, body: Any, token: str) -> Any:
    payload = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(url, payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_an_editor_creates_an_account_with_its_handle_without_the_at_and_it_is_audited(
    org: Any, bob: Any, client: Client
) -> None:
    response = _send(client, "post", f"/api/organisations/{org.pk}/accounts/", NEW_ACCOUNT, _token(bob))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["handle"] == "politiet"
    assert body["operators"] == [{"role": "communications_officer", "count": 2}]
    assert body["device"]["kind"] == "dedicated"
    assert body["device"]["work_email"] is True
    entry = AuditEntry.objects.get(action="account.create")
    assert entry.actor == bob
    assert entry.after["handle"] == "politiet"
    assert Account.objects.get(pk=body["id"]).organisation == org


def test_a_second_account_with_the_same_handle_is_refused_with_409_naming_the_handle(
    org: Any, bob: Any, client: Client
) -> None:
    create_account(org, handle="politiet")
    response = _send(client, "post", f"/api/organisations/{org.pk}/accounts/", NEW_ACCOUNT, _token(bob))
    assert response.status_code == 409
    assert response.json()["error"].startswith("handle: the organisation already has the account politiet on tiktok")
    assert response.json()["fields"][0]["location"] == "handle"
    assert Account.objects.filter(handle="politiet").count() == 1
    assert not AuditEntry.objects.filter(action="account.create").exists()


@pytest.mark.parametrize(
    ("change", "status", "field", "says"),
    [
        ({"handle": ""}, 400, "handle", "required"),
        ({"handle": "@"}, 400, "handle", "Type the account's name on the platform"),
        ({"handle": "politi et"}, 400, "handle", "no spaces"),
        ({"platform": "myspace"}, 400, "platform", "valid choice"),
        ({"status": "gone"}, 400, "status", "valid choice"),
        ({"device": {"kind": "rented"}}, 400, "device.kind", "valid choice"),
        ({"operators": [{"role": "communications_officer", "count": -1}]}, 400, "operators.communications_officer", ""),
        ({"operators": [{"role": "astronaut"}]}, 400, "", "operators: unknown role astronaut: the roles are"),
        ({"operators": "two"}, 400, "", 'operators: expected a list of {"role"'),
        ({"device": {"work_phone": True}}, 400, "", "device: unknown field work_phone: send any of kind,"),
        ({"device": {"work_email": "yes"}}, 400, "", "device.work_email: expected true or false"),
        ({"handle": 7}, 400, "", "handle: expected text"),
        ({"colour": "red"}, 400, "", "cannot set colour: send any of platform, handle"),
    ],
)
def test_an_account_with_a_problem_is_refused_naming_the_field(
    change: dict[str, Any], status: int, field: str, says: str, org: Any, bob: Any, client: Client
) -> None:
    response = _send(client, "post", f"/api/organisations/{org.pk}/accounts/", NEW_ACCOUNT | change, _token(bob))
    assert response.status_code == status
    body = response.json()
    if field:
        assert field in [f["location"] for f in body["fields"]], body
        assert says in " ".join(f["message"] for f in body["fields"])
    else:
        assert body["error"].startswith(says), body
    assert not Account.objects.exists()


def test_a_body_that_is_not_a_json_object_is_refused(org: Any, bob: Any, client: Client) -> None:
    response = _send(client, "post", f"/api/organisations/{org.pk}/accounts/", "[1, 2]", _token(bob))
    assert response.status_code == 400
    assert response.json()["error"] == "send a JSON object"


def test_patching_an_account_changes_only_what_is_sent_and_is_audited(org: Any, bob: Any, client: Client) -> None:
    account = create_account(org, handle="politiet")
    response = _send(client, "patch", f"/api/accounts/{account.pk}/", {"status": "planned"}, _token(bob))
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "planned"
    assert response.json()["handle"] == "politiet"
    assert response.json()["purpose"] == "Youth info"
    entry = AuditEntry.objects.get(action="account.edit")
    assert (entry.before["status"], entry.after["status"]) == ("existing", "planned")


def test_renaming_an_account_to_a_handle_already_taken_answers_409(org: Any, bob: Any, client: Client) -> None:
    create_account(org, handle="politiet")
    other = create_account(org, handle="oslopolitiet")
    response = _send(client, "patch", f"/api/accounts/{other.pk}/", {"handle": "@politiet"}, _token(bob))
    assert response.status_code == 409
    other.refresh_from_db()
    assert other.handle == "oslopolitiet"


SAFEGUARD = {"safeguard": "dedicated_device", "evidence": "Asset register, item 42", "in_place_since": "2026-01-05"}


def test_an_editor_records_a_safeguard_and_recording_it_again_replaces_it(org: Any, bob: Any, client: Client) -> None:
    account = create_account(org)
    url = f"/api/accounts/{account.pk}/safeguards/"
    first = _send(client, "post", url, SAFEGUARD | {"expires": "2027-01-05"}, _token(bob))
    assert first.status_code == 201, first.json()
    assert first.json()["title"] == "A dedicated device used for nothing else"
    again = _send(client, "post", url, SAFEGUARD | {"expires": None}, _token(bob))
    assert again.status_code == 200
    assert again.json()["expires"] is None
    assert Safeguard.objects.count() == 1
    listed = client.get(url, HTTP_AUTHORIZATION=f"Bearer {_token(bob)}").json()
    assert [s["safeguard"] for s in listed["items"]] == ["dedicated_device"]
    assert listed["items"][0]["valid_today"] is True
    entries = AuditEntry.objects.filter(action="safeguard.set")
    assert entries.count() == 2
    assert entries.last().after["evidence"] == "Asset register, item 42"


@pytest.mark.parametrize(
    ("body", "location", "says"),
    [
        (SAFEGUARD | {"in_place_since": "2026-02-01", "expires": "2026-01-01"}, "expires", "before the date"),
        (SAFEGUARD | {"safeguard": "lucky_charm"}, "safeguard", "valid choice"),
        ({"evidence": "x"}, "safeguard", "required"),
        (SAFEGUARD | {"expires": "next year"}, "expires", "valid date"),
        (SAFEGUARD | {"expires": 2027}, "expires", "expected text"),
    ],
)
def test_a_safeguard_with_a_problem_is_refused_naming_the_field(
    body: dict[str, Any], location: str, says: str, org: Any, bob: Any, client: Client
) -> None:
    account = create_account(org)
    response = _send(client, "post", f"/api/accounts/{account.pk}/safeguards/", body, _token(bob))
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert [f["location"] for f in fields] == [location]
    assert says in fields[0]["message"]
    assert not Safeguard.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("editor", None), ("admin", None), ("viewer", 403), ("reviewer", 403), ("dpo", 403), ("approver", 403)],
)
@pytest.mark.parametrize(
    ("method", "route", "body"),
    [
        ("post", "/api/organisations/{org}/accounts/", NEW_ACCOUNT),
        ("patch", "/api/accounts/{account}/", {"purpose": "Recruitment"}),
        ("post", "/api/accounts/{account}/safeguards/", SAFEGUARD),
    ],
)
def test_only_editors_and_admins_change_accounts_and_safeguards(
    role: str, status: int | None, method: str, route: str, body: dict[str, Any], org: Any, client: Client
) -> None:
    person = create_user("dana")
    add_member(person, org, role)
    account = create_account(org, handle="oslo")
    url = route.format(org=org.pk, account=account.pk)
    response = _send(client, method, url, body, _token(person))
    if status is None:
        assert response.status_code in (200, 201), response.json()
    else:
        assert response.status_code == status
        assert response.json()["error"].startswith("Your role")
        assert not AuditEntry.objects.filter(action__in=["account.create", "account.edit", "safeguard.set"]).exists()


def test_everyone_in_the_organisation_sees_the_safeguards(org: Any, client: Client) -> None:
    viewer = create_user("vera")
    add_member(viewer, org, "viewer")
    account = create_account(org)
    Safeguard.objects.create(account=account, safeguard="dedicated_device")
    response = client.get(f"/api/accounts/{account.pk}/safeguards/", HTTP_AUTHORIZATION=f"Bearer {_token(viewer)}")
    assert response.status_code == 200
    assert response.json()["count"] == 1
