"""Tenant isolation and the role permission table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from comment_files import comments_txt
from django.test import Client
from django.urls import get_resolver
from web_records import (
    PASSWORD,
    add_member,
    create_account,
    create_user,
    sample_result,
    upload_comments,
    upload_exports,
)

from evidence.evidence_builders import days_between, overview
from gonogo.web.assessments import services


@pytest.fixture
def alices_records(org: Any, alice: Any, tmp_path: Path) -> dict[str, int]:
    """One of everything in Alice's organisation, keyed by the URL parameter that names it."""
    account = create_account(org)
    assessment = services.start_assessment(account, alice)
    services.store_result(assessment, sample_result(), "2026.11.1", alice)
    export = tmp_path / "Overview.csv"
    export.write_bytes(overview(days_between(dt.date(2026, 4, 1), dt.date(2026, 4, 30))))
    upload = upload_exports(account, alice, [export], export_date=dt.date(2026, 5, 2))
    comments = upload_comments(account, alice, comments_txt(tmp_path))
    return {
        "org": org.pk,
        "account": account.pk,
        "assessment": assessment.pk,
        "action": assessment.actions.get().pk,
        "upload": upload.pk,
        "comments": comments.pk,
    }


# Which record each route's <pk> names; every route of the app must be listed here.
ROUTE_OBJECTS = {
    "organisation": "org",
    "organisation_settings": "org",
    "audit_log": "org",
    "invite": "org",
    "member_role": "org",
    "account_create": "org",
    "account": "account",
    "account_edit": "account",
    "safeguard_add": "account",
    "assessment_start": "account",
    "assessment_import": "account",
    "assessment": "assessment",
    "assessment_step": "assessment",
    "assessment_evaluate": "assessment",
    "assessment_result": "assessment",
    "export_document": "assessment",
    "export_result": "assessment",
    "export_actions": "assessment",
    "export_report": "assessment",
    "export_pdf": "assessment",
    "decision_submit": "assessment",
    "decision_opinion": "assessment",
    "decision_request_changes": "assessment",
    "decision_sign": "assessment",
    "decision_new_version": "assessment",
    "action_edit": "action",
    "invitation_revoke": "org",
    "evidence": "account",
    "evidence_add": "account",
    "evidence_upload": "upload",
    "evidence_delete": "upload",
    "comments": "account",
    "comments_add": "account",
    "comments_upload": "comments",
    "comments_review": "comments",
    "comments_delete_texts": "comments",
    "comments_delete": "comments",
}
EXTRA_KWARGS = {
    "member_role": {"member_pk": 1},
    "invitation_revoke": {"invitation_pk": 1},
    "assessment_step": {"step": "organisation"},
    "export_document": {"fmt": "json"},
}
PUBLIC = {
    "portfolio",
    "organisation_create",
    "login",
    "logout",
    "invitation_accept",
    "totp_setup",
    "api_tokens",
    "profile",
    "api_token_revoke",
    "totp_verify",
    "totp_recovery",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


def _routes_with_ids() -> list[str]:
    names = {p.name for p in get_resolver().url_patterns if getattr(p, "name", None)}
    return sorted(names - PUBLIC)


def test_every_route_with_an_id_is_in_the_isolation_table() -> None:
    assert _routes_with_ids() == sorted(ROUTE_OBJECTS)


@pytest.mark.parametrize("route", sorted(ROUTE_OBJECTS))
@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
def test_charlie_gets_404_for_every_route_of_alices_organisation(
    route: str, method: str, alices_records: dict[str, int], other_org: Any, client: Client
) -> None:
    from django.urls import reverse

    client.login(username="charlie", password=PASSWORD)
    kwargs = {"org_pk" if route == "account_create" else "pk": alices_records[ROUTE_OBJECTS[route]]}
    url = reverse(route, kwargs={**kwargs, **EXTRA_KWARGS.get(route, {})})
    response = getattr(client, method)(url)
    assert response.status_code == 404, f"{method.upper()} {url} answered {response.status_code}"


@pytest.mark.parametrize(
    "route", ["safeguard_add", "decision_sign", "evidence_delete", "comments_review", "comments_delete"]
)
def test_a_wrong_method_on_a_record_alice_can_see_answers_405_saying_post(
    route: str, alices_records: dict[str, int], client: Client
) -> None:
    from django.urls import reverse

    client.login(username="alice", password=PASSWORD)
    response = client.get(reverse(route, kwargs={"pk": alices_records[ROUTE_OBJECTS[route]]}))
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_a_person_logged_out_is_sent_to_log_in(alices_records: dict[str, int], client: Client) -> None:
    response = client.get(f"/accounts/{alices_records['account']}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_portfolio_lists_only_the_persons_organisations(
    alices_records: Any, other_org: Any, client: Client
) -> None:
    create_account(other_org, handle="bergenkommune")
    client.login(username="charlie", password=PASSWORD)
    page = client.get("/").content.decode()
    assert "bergenkommune" in page
    assert "oslokommune" not in page


# (role, url name, method, expected status). 200/302 means allowed, 403 means a member without the right.
PERMISSION_TABLE = [
    ("viewer", "account", "get", 200),
    ("viewer", "assessment_result", "get", 200),
    ("viewer", "account_edit", "get", 403),
    ("viewer", "assessment_step", "get", 403),
    ("viewer", "decision_sign", "post", 403),
    ("editor", "account_edit", "get", 200),
    ("editor", "assessment_step", "get", 200),
    ("editor", "decision_opinion", "post", 403),
    ("editor", "decision_sign", "post", 403),
    ("reviewer", "decision_opinion", "post", 302),
    ("reviewer", "assessment_step", "get", 403),
    ("reviewer", "decision_sign", "post", 403),
    ("dpo", "decision_opinion", "post", 302),
    ("dpo", "account_edit", "get", 403),
    ("approver", "decision_sign", "post", 302),
    ("approver", "decision_opinion", "post", 403),
    ("approver", "assessment_step", "get", 403),
    ("admin", "account_edit", "get", 200),
    ("admin", "decision_sign", "post", 403),
    ("admin", "account_create", "get", 200),
    ("admin", "invite", "get", 200),
    ("editor", "invite", "get", 403),
    ("approver", "invite", "get", 403),
    ("admin", "organisation_settings", "get", 200),
    ("admin", "organisation_settings", "post", 200),
    ("viewer", "organisation_settings", "get", 403),
    ("editor", "organisation_settings", "post", 403),
    ("approver", "organisation_settings", "get", 403),
    ("viewer", "evidence", "get", 200),
    ("viewer", "evidence_upload", "get", 200),
    ("viewer", "evidence_add", "post", 403),
    ("viewer", "evidence_delete", "post", 403),
    ("reviewer", "evidence", "get", 200),
    ("reviewer", "evidence_add", "post", 403),
    ("approver", "evidence_delete", "post", 403),
    ("editor", "evidence_add", "post", 200),  # allowed: the form answers that no file was chosen
    ("editor", "evidence_delete", "post", 302),
    ("admin", "evidence_add", "post", 200),
    ("admin", "evidence_delete", "post", 302),
    ("viewer", "comments", "get", 200),
    ("viewer", "comments_upload", "get", 200),
    ("viewer", "comments_add", "post", 403),
    ("viewer", "comments_review", "post", 403),
    ("viewer", "comments_delete_texts", "post", 403),
    ("viewer", "comments_delete", "post", 403),
    ("approver", "comments_upload", "get", 200),
    ("approver", "comments_review", "post", 403),
    ("approver", "comments_delete", "post", 403),
    ("editor", "comments_add", "post", 400),  # allowed: the form answers that no file was chosen
    ("editor", "comments_review", "post", 302),
    ("editor", "comments_delete_texts", "post", 403),
    ("editor", "comments_delete", "post", 302),
    ("reviewer", "comments_add", "post", 403),
    ("reviewer", "comments_review", "post", 302),
    ("reviewer", "comments_delete_texts", "post", 403),
    ("reviewer", "comments_delete", "post", 403),
    ("dpo", "comments_add", "post", 403),
    ("dpo", "comments_review", "post", 302),
    ("dpo", "comments_delete_texts", "post", 302),
    ("dpo", "comments_delete", "post", 302),
    ("admin", "comments_add", "post", 400),
    ("admin", "comments_delete_texts", "post", 302),
    ("admin", "comments_delete", "post", 302),
]


@pytest.mark.parametrize(("role", "route", "method", "status"), PERMISSION_TABLE)
def test_role_permissions(
    role: str, route: str, method: str, status: int, alices_records: dict[str, int], org: Any, client: Client
) -> None:
    from django.urls import reverse

    person = create_user(f"dana-{role}")
    add_member(person, org, role)
    client.login(username=person.username, password=PASSWORD)
    kwargs = {"org_pk" if route == "account_create" else "pk": alices_records[ROUTE_OBJECTS[route]]}
    url = reverse(route, kwargs={**kwargs, **EXTRA_KWARGS.get(route, {})})
    assert getattr(client, method)(url).status_code == status
