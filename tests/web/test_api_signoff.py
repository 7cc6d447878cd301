"""Sign-off through the API alone: requesting changes, attestations by code, and tokens that can sign."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from web_records import PASSWORD, POLITIVEST, add_member, create_account, create_user

from gonogo.web.api.models import ApiToken
from gonogo.web.assessments import engine, services
from gonogo.web.assessments.models import Assessment, Status
from gonogo.web.audit.models import AuditEntry
from gonogo.web.decisions import workflow
from gonogo.web.decisions.models import ATTESTATIONS

CODES = [code for code, _text in ATTESTATIONS]


@pytest.fixture
def in_review(org: Any, bob: Any) -> Assessment:
    account = create_account(org, handle="politivest")
    item = services.start_assessment(account, bob)
    services.save_document(item, yaml.safe_load(POLITIVEST.read_text()) | {"date": "2023-04-15"}, bob, "test")
    data, kb_version = engine.evaluate_document(item.document)
    services.store_result(item, data, kb_version, bob)
    workflow.submit(item, bob)
    return item


def _post(client: Client, url: str, body: Any, user: Any) -> Any:
    token = ApiToken.issue(user, "test")[1]
    return client.post(url, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def _member(org: Any, role: str) -> Any:
    person = create_user(f"someone_{role}")
    add_member(person, org, role)
    return person


@pytest.mark.parametrize(
    ("role", "status"),
    [("reviewer", 200), ("dpo", 200), ("approver", 200), ("editor", 403), ("viewer", 403), ("admin", 403)],
)
def test_reviewers_dpos_and_approvers_request_changes_as_on_the_page(
    role: str, status: int, in_review: Assessment, org: Any, client: Client
) -> None:
    url = f"/api/assessments/{in_review.pk}/decision/request-changes/"
    response = _post(client, url, {"reason": "Name the device's owner."}, _member(org, role))
    assert response.status_code == status, response.json()
    in_review.refresh_from_db()
    if status == 200:
        assert response.json()["status"] == "changes_requested"
        assert in_review.status == Status.CHANGES_REQUESTED
        entry = AuditEntry.objects.get(action="decision.request_changes")
        assert entry.summary == "Name the device's owner."
    else:
        assert response.json()["error"].startswith("Your role")
        assert in_review.status == Status.IN_REVIEW


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({}, 'reason: say what should change, as text: {"reason": "..."}'),
        ({"reason": "   "}, 'reason: say what should change, as text: {"reason": "..."}'),
        ({"reason": ["a"]}, 'reason: say what should change, as text: {"reason": "..."}'),
        ("not json", "send a JSON object"),
    ],
)
def test_a_request_for_changes_without_a_reason_is_refused_naming_the_field(
    body: Any, error: str, in_review: Assessment, org: Any, client: Client
) -> None:
    token = ApiToken.issue(_member(org, "reviewer"), "test")[1]
    payload = body if isinstance(body, str) else json.dumps(body)
    response = client.post(
        f"/api/assessments/{in_review.pk}/decision/request-changes/",
        payload,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 400
    assert response.json()["error"] == error
    in_review.refresh_from_db()
    assert in_review.status == Status.IN_REVIEW


def test_changes_cannot_be_requested_on_a_draft(org: Any, bob: Any, client: Client) -> None:
    draft = services.start_assessment(create_account(org), bob)
    response = _post(
        client, f"/api/assessments/{draft.pk}/decision/request-changes/", {"reason": "x"}, _member(org, "dpo")
    )
    assert response.status_code == 409
    assert "in review" in response.json()["error"]


@pytest.mark.parametrize(
    ("given", "missing"),
    [([], CODES), (CODES[:1], CODES[1:]), (CODES[:-1], CODES[-1:])],
)
def test_an_approval_without_every_attestation_names_the_missing_codes(
    given: list[str], missing: list[str], in_review: Assessment, org: Any, client: Client
) -> None:
    url = f"/api/assessments/{in_review.pk}/decision/sign/"
    response = _post(client, url, {"decision": "approve", "attestations": given}, _member(org, "approver"))
    assert response.status_code == 409
    error = response.json()["error"]
    assert f"the attestations {', '.join(missing)}" in error
    assert "I have read" not in error


def test_the_page_still_names_missing_attestations_by_their_sentences(in_review: Assessment, org: Any) -> None:
    with pytest.raises(workflow.WorkflowError, match="your attestation: I have read the binding rules"):
        workflow.sign(in_review, _member(org, "approver"), decision="approve", attestations=[])


@pytest.mark.parametrize(
    ("attestations", "error"),
    [
        (["read_everything"], "attestations: unknown read_everything: the codes are " + ", ".join(CODES)),
        ("read_opinions", "attestations: expected a list of codes, any of " + ", ".join(CODES)),
        ([1, 2], "attestations: expected a list of codes, any of " + ", ".join(CODES)),
    ],
)
def test_attestations_other_than_a_list_of_known_codes_are_refused(
    attestations: Any, error: str, in_review: Assessment, org: Any, client: Client
) -> None:
    url = f"/api/assessments/{in_review.pk}/decision/sign/"
    response = _post(client, url, {"decision": "approve", "attestations": attestations}, _member(org, "approver"))
    assert response.status_code == 400
    assert response.json()["error"] == error


def test_the_openapi_document_lists_the_codes_with_their_meanings(client: Client, db: None) -> None:
    paths = client.get("/api/openapi.json", HTTP_ACCEPT_LANGUAGE="nb").json()["paths"]

    def body(path: str) -> dict[str, Any]:
        schema = paths[path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        return dict(schema["properties"])

    sign = body("/api/assessments/{id}/decision/sign/")
    items = sign["attestations"]["items"]
    assert items["enum"] == CODES
    assert {"const": "read_opinions", "description": "I have read the security review and the data-protection "
            "opinion."} in items["oneOf"]  # fmt: skip
    assert sign["decision"]["enum"] == ["approve", "reject"]
    verdict = body("/api/assessments/{id}/decision/opinion/")["verdict"]
    assert verdict["enum"] == ["support", "support_with_remarks", "object"]
    assert "object: I object" in verdict["description"]
    assert body("/api/assessments/{id}/decision/request-changes/")["reason"]["type"] == "string"


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


@pytest.mark.parametrize("role", ["approver", "admin"])
def test_an_approver_or_admin_makes_a_token_only_after_giving_their_code(
    role: str, org: Any, client: Client, settings: Any
) -> None:
    settings.GONOGO_TOTP_REQUIRED = True
    person = _member(org, role)
    device = TOTPDevice.objects.create(user=person, name="phone", confirmed=True)
    client.login(username=person.username, password=PASSWORD)
    refused = client.post("/tokens/", {"name": "signing script"})
    assert refused.status_code == 302
    assert refused["Location"] == "/2fa/verify/"
    assert not ApiToken.objects.filter(user=person).exists()
    client.post("/2fa/verify/", {"code": _code(device)})
    page = client.post("/tokens/", {"name": "signing script"}).content.decode()
    assert re.search(r"<code>gng_[^<]+</code>", page)
    assert ApiToken.objects.filter(user=person).count() == 1


def test_the_tokens_page_refuses_an_unverified_approver_even_where_the_page_is_open(
    org: Any, client: Client, settings: Any
) -> None:
    from gonogo.web.people import twofactor

    settings.GONOGO_TOTP_REQUIRED = True
    person = _member(org, "approver")
    client.login(username=person.username, password=PASSWORD)
    open_prefixes = twofactor.OPEN_PREFIXES
    twofactor.OPEN_PREFIXES = (*open_prefixes, "/tokens/")  # as if the middleware let the page through
    try:
        response = client.post("/tokens/", {"name": "signing script"})
    finally:
        twofactor.OPEN_PREFIXES = open_prefixes
    assert response.status_code == 302
    assert response["Location"] == "/2fa/setup/"
    assert not ApiToken.objects.filter(user=person).exists()


def test_an_editor_makes_a_token_without_a_code(org: Any, bob: Any, client: Client, settings: Any) -> None:
    settings.GONOGO_TOTP_REQUIRED = True
    client.login(username="bob", password=PASSWORD)
    assert re.search(r"<code>gng_[^<]+</code>", client.post("/tokens/", {"name": "script"}).content.decode())
