"""The JSON API: token authentication, the pages' permissions, and an OpenAPI document that lists it all."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from comment_files import comments_txt
from django.test import Client
from django.urls import URLPattern, reverse
from web_records import add_member, create_account, create_user, upload_comments, upload_exports

from evidence.evidence_builders import days_between, overview
from gonogo.web.api import urls as api_urls
from gonogo.web.api.models import ApiToken
from gonogo.web.assessments import services
from gonogo.web.assessments.models import ActionItem, Assessment, Status

POLITIVEST = Path(__file__).resolve().parents[2] / "examples" / "politivest-2023-04.yaml"
OBJECT_OF_ROUTE = {
    "api_organisation": "org",
    "api_organisation_accounts": "org",
    "api_account": "account",
    "api_account_assessments": "account",
    "api_account_safeguards": "account",
    "api_account_evidence": "account",
    "api_evidence_upload": "upload",
    "api_account_comments": "account",
    "api_comments_upload": "comments",
    "api_comments_queue": "comments",
    "api_comments_list": "comments",
    "api_assessment": "assessment",
    "api_assessment_evaluate": "assessment",
    "api_assessment_result": "assessment",
    "api_assessment_decision": "assessment",
    "api_decision_submit": "assessment",
    "api_decision_opinion": "assessment",
    "api_decision_request_changes": "assessment",
    "api_decision_sign": "assessment",
    "api_action": "action",
}


def _auth(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def records(org: Any, bob: Any, tmp_path: Path) -> dict[str, int]:
    account = create_account(org, handle="politivest")
    item = services.start_assessment(account, bob)
    services.save_document(item, yaml.safe_load(POLITIVEST.read_text()) | {"date": "2023-04-15"}, bob, "test")
    export = tmp_path / "Overview.csv"
    export.write_bytes(overview(days_between(dt.date(2026, 4, 1), dt.date(2026, 4, 30))))
    upload = upload_exports(account, bob, [export], export_date=dt.date(2026, 5, 2))
    comments = upload_comments(account, bob, comments_txt(tmp_path))
    action = ActionItem.objects.create(assessment=item, safeguard="dedicated_device", title="Use a dedicated phone")
    return {
        "org": org.pk,
        "account": account.pk,
        "assessment": item.pk,
        "upload": upload.pk,
        "comments": comments.pk,
        "action": action.pk,
    }


def test_a_request_without_a_token_is_refused(client: Client, db: None) -> None:
    response = client.get("/api/organisations/")
    assert response.status_code == 401
    assert "Bearer" in response.json()["error"]


def test_only_a_hash_of_the_token_is_stored(bob: Any) -> None:
    row, token = ApiToken.issue(bob, "laptop")
    assert token.startswith("gng_")
    assert token not in row.key_hash


def test_the_openapi_document_lists_every_api_route(client: Client, db: None) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    documented = set(spec["paths"])
    routes = {
        "/api/" + re.sub(r"<int:(\w+)>", "{id}", str(p.pattern))
        for p in api_urls.urlpatterns
        if isinstance(p, URLPattern) and p.name != "api_openapi"
    }
    assert routes == documented
    assert "organisation" in spec["components"]["schemas"]["AssessmentDocument"]["properties"]


@pytest.mark.parametrize("route", sorted(OBJECT_OF_ROUTE))
@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_charlie_gets_404_for_every_api_route_of_alices_organisation(
    route: str, method: str, records: dict[str, int], other_org: Any, charlie: Any, client: Client
) -> None:
    _row, token = ApiToken.issue(charlie, "test")
    url = reverse(route, kwargs={"pk": records[OBJECT_OF_ROUTE[route]]})
    response = getattr(client, method)(url, **_auth(token))
    assert response.status_code == 404, f"{method.upper()} {url} answered {response.status_code}"
    assert response.json() == {"error": "not found"}


@pytest.mark.parametrize(
    ("route", "method", "allowed"),
    [
        ("api_account", "delete", "GET, PATCH"),
        ("api_organisation_accounts", "put", "GET, POST"),
        ("api_account_safeguards", "patch", "GET, POST"),
        ("api_decision_request_changes", "get", "POST"),
        ("api_account_assessments", "put", "GET, POST"),
        ("api_assessment_evaluate", "get", "POST"),
        ("api_comments_upload", "patch", "GET"),
        ("api_evidence_upload", "delete", "GET"),
        ("api_action", "post", "GET, PATCH"),
    ],
)
def test_a_wrong_method_on_a_record_bob_can_see_answers_405_with_the_allowed_methods(
    route: str, method: str, allowed: str, records: dict[str, int], bob: Any, client: Client
) -> None:
    _row, token = ApiToken.issue(bob, "test")
    url = reverse(route, kwargs={"pk": records[OBJECT_OF_ROUTE[route]]})
    response = getattr(client, method)(url, **_auth(token))
    assert response.status_code == 405
    assert response["Allow"] == allowed
    assert response.json()["error"] == "use " + allowed.replace(", ", " or ")


def test_bob_lists_his_organisations_accounts(records: dict[str, int], bob: Any, client: Client) -> None:
    _row, token = ApiToken.issue(bob, "test")
    orgs = client.get("/api/organisations/", **_auth(token)).json()["items"]
    assert [o["name"] for o in orgs] == ["Oslo kommune"]
    accounts = client.get(f"/api/organisations/{records['org']}/accounts/", **_auth(token)).json()["items"]
    assert [a["handle"] for a in accounts] == ["politivest"]


def test_a_long_list_of_accounts_comes_in_pages_of_a_hundred(org: Any, bob: Any, client: Client) -> None:
    from gonogo.web.assessments.models import Account

    Account.objects.bulk_create(
        Account(organisation=org, platform="tiktok", handle=f"station-{i:03d}") for i in range(230)
    )
    _row, token = ApiToken.issue(bob, "test")
    url = f"/api/organisations/{org.pk}/accounts/"
    seen, pages, path = [], [], url
    while path:
        body = client.get(path, **_auth(token)).json()
        pages.append((body["page"], len(body["items"])))
        seen += [a["handle"] for a in body["items"]]
        path = body["next"]
    assert pages == [(1, 100), (2, 100), (3, 30)]
    assert seen == [f"station-{i:03d}" for i in range(230)]
    last = client.get(f"{url}?page=3", **_auth(token)).json()
    assert (last["count"], last["pages"], last["next"]) == (230, 3, None)
    assert last["previous"] == f"http://testserver{url}?page=2"
    past = client.get(f"{url}?page=4", **_auth(token))
    assert past.status_code == 400
    assert past.json()["error"] == "page: expected a whole number from 1 to 3, found '4'"


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("page=0", "page: expected a whole number from 1 to 1, found '0'"),
        ("page=-1", "page: expected a whole number from 1 to 1, found '-1'"),
        ("page=two", "page: expected a whole number from 1 to 1, found 'two'"),
        ("per_page=0", "per_page: expected a whole number from 1 to 500, found '0'"),
        ("per_page=501", "per_page: expected a whole number from 1 to 500, found '501'"),
    ],
)
def test_a_page_or_page_size_out_of_range_is_refused_saying_so(
    records: dict[str, int], bob: Any, client: Client, query: str, error: str
) -> None:
    _row, token = ApiToken.issue(bob, "test")
    response = client.get(f"/api/organisations/{records['org']}/accounts/?{query}", **_auth(token))
    assert response.status_code == 400
    assert response.json()["error"] == error


def test_every_list_in_the_api_says_its_page_and_the_next(records: dict[str, int], bob: Any, client: Client) -> None:
    _row, token = ApiToken.issue(bob, "test")
    for path in (
        "/api/organisations/",
        f"/api/organisations/{records['org']}/accounts/",
        f"/api/accounts/{records['account']}/assessments/",
    ):
        body = client.get(path, **_auth(token)).json()
        assert body["page"] == 1
        assert body["next"] is None
        assert len(body["items"]) == 1


def test_bob_evaluates_through_the_api(records: dict[str, int], bob: Any, client: Client) -> None:
    _row, token = ApiToken.issue(bob, "test")
    response = client.post(f"/api/assessments/{records['assessment']}/evaluate/", **_auth(token))
    assert response.status_code == 201
    body = client.get(f"/api/assessments/{records['assessment']}/result/", **_auth(token)).json()
    assert body["outcome"] == body["result"]["outcome"]
    assert len(body["content_hash"]) == 64


def test_a_bad_document_is_refused_naming_each_field(records: dict[str, int], bob: Any, client: Client) -> None:
    _row, token = ApiToken.issue(bob, "test")
    doc = yaml.safe_load(POLITIVEST.read_text())
    doc["organisation"]["kind"] = "spaceship"
    doc["device"]["kind"] = "toaster"
    response = client.post(
        f"/api/accounts/{records['account']}/assessments/",
        json.dumps(doc, default=str),
        content_type="application/json",
        **_auth(token),
    )
    assert response.status_code == 400
    locations = {f["location"] for f in response.json()["fields"]}
    assert {"organisation.kind", "device.kind"} <= locations


def test_a_viewer_cannot_store_documents(records: dict[str, int], org: Any, client: Client) -> None:
    viewer = create_user("vera")
    add_member(viewer, org, "viewer")
    _row, token = ApiToken.issue(viewer, "test")
    response = client.post(
        f"/api/accounts/{records['account']}/assessments/", "{}", content_type="application/json", **_auth(token)
    )
    assert response.status_code == 403
    assert Assessment.objects.count() == 1


def test_the_whole_sign_off_runs_through_the_api(records: dict[str, int], org: Any, bob: Any, client: Client) -> None:
    from gonogo.web.decisions.models import ATTESTATIONS

    pk = records["assessment"]
    tokens = {"bob": ApiToken.issue(bob, "t")[1]}
    for name, role in [("ola", "reviewer"), ("ingrid", "dpo"), ("per", "approver")]:
        person = create_user(name)
        add_member(person, org, role)
        tokens[name] = ApiToken.issue(person, "t")[1]

    def post(who: str, what: str, body: dict[str, Any]) -> Any:
        url = f"/api/assessments/{pk}/decision/{what}/"
        return client.post(url, json.dumps(body), content_type="application/json", **_auth(tokens[who]))

    assert post("bob", "submit", {}).status_code == 409  # no result yet: the message says what to do
    client.post(f"/api/assessments/{pk}/evaluate/", **_auth(tokens["bob"]))
    assert post("bob", "submit", {})["Content-Type"] == "application/json"
    assert post("ola", "opinion", {"verdict": "support", "text": "Device checked."}).status_code == 200
    assert post("ingrid", "opinion", {"verdict": "support", "text": "Notice updated."}).status_code == 200
    assert post("per", "opinion", {"verdict": "support", "text": "x"}).status_code == 403
    for action in client.get(f"/api/assessments/{pk}/", **_auth(tokens["bob"])).json()["actions"]:
        changed = client.patch(
            f"/api/actions/{action['id']}/",
            json.dumps({"owner": "Kari Nordmann", "due": "2030-01-01"}),
            content_type="application/json",
            **_auth(tokens["bob"]),
        )
        assert changed.status_code == 200, changed.json()
    signed = post("per", "sign", {"decision": "approve", "attestations": [k for k, _t in ATTESTATIONS]})
    assert signed.status_code == 200, signed.json()
    assert signed.json()["status"] == "approved"
    assert len(signed.json()["sealed_hash"]) == 64


def test_bob_makes_a_token_on_his_page_and_it_works(org: Any, client: Client) -> None:
    from web_records import PASSWORD

    client.login(username="bob", password=PASSWORD)
    page = client.post("/tokens/", {"name": "reporting script"}).content.decode()
    token = re.search(r"<code>(gng_[^<]+)</code>", page)
    assert token, "the new token is shown once"
    assert Client().get("/api/organisations/", **_auth(token.group(1))).status_code == 200


def test_charlie_cannot_revoke_bobs_token(bob: Any, charlie: Any, client: Client) -> None:
    from web_records import PASSWORD

    row, _token = ApiToken.issue(bob, "laptop")
    client.login(username="charlie", password=PASSWORD)
    assert client.post(f"/tokens/{row.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=row.pk).exists()


def _patch(client: Client, pk: int, body: Any, token: str) -> Any:
    return client.patch(f"/api/actions/{pk}/", json.dumps(body), content_type="application/json", **_auth(token))


@pytest.mark.parametrize(
    ("status", "body", "problem"),
    [
        (Status.DRAFT, {"owner": "Kari", "due": "2030-01-01"}, None),
        (Status.IN_REVIEW, {"owner": "Kari"}, None),
        (Status.DRAFT, {"due": "31.12.2030"}, "due: Enter a valid date."),
        (Status.DRAFT, {"done_at": "2020-01-01"}, "evidence: Say what shows that the condition is met"),
        (Status.DRAFT, {"done_at": "2999-01-01", "evidence": "Inventory"}, "done_at: The done date cannot be in"),
        (Status.APPROVED, {"evidence": "Inventory", "done_at": "2020-01-01"}, None),
        (Status.APPROVED, {"owner": "Somebody else"}, ": The owner and due date cannot change once"),
        (Status.DRAFT, {"title": "Something else"}, "cannot change title: send any of owner, due, evidence, done_at"),
        (Status.DRAFT, {"owner": 3}, "owner: expected text"),
    ],
)
def test_an_editor_sets_an_action_items_owner_and_progress_by_the_pages_rules(
    status: str, body: dict[str, Any], problem: str | None, records: dict[str, int], bob: Any, client: Client
) -> None:
    from gonogo.web.audit.models import AuditEntry

    Assessment.objects.filter(pk=records["assessment"]).update(status=status)
    _row, token = ApiToken.issue(bob, "t")
    before = ActionItem.objects.values().get(pk=records["action"])
    response = _patch(client, records["action"], body, token)
    after = ActionItem.objects.values().get(pk=records["action"])
    if problem is None:
        assert response.status_code == 200, response.json()
        shown = response.json()
        assert {name: shown[name] for name in body} == body
        assert shown["title"] == "Use a dedicated phone"
        assert AuditEntry.objects.filter(action="action.edit", object_id=str(records["action"])).count() == 1
    else:
        assert response.status_code == 400
        error = response.json()
        lines = [f"{f['location']}: {f['message']}" for f in error.get("fields", [])] + [error["error"]]
        assert any(problem in line for line in lines), error
        assert after == before


def test_a_viewer_or_approver_cannot_change_an_action_item(records: dict[str, int], org: Any, client: Client) -> None:
    for role in ("viewer", "approver"):
        person = create_user(f"vera-{role}")
        add_member(person, org, role)
        response = _patch(client, records["action"], {"owner": "Vera"}, ApiToken.issue(person, "t")[1])
        assert response.status_code == 403
        assert (
            client.get(f"/api/actions/{records['action']}/", **_auth(ApiToken.issue(person, "t")[1])).json()["owner"]
            == ""
        )
