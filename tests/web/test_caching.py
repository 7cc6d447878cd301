"""Cached pages: what people see changes as soon as the records do, and no one gets a page meant for another."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from web_records import PASSWORD, add_member, create_user, import_example

from gonogo.web.assessments.models import Assessment
from gonogo.web.decisions import workflow
from gonogo.web.decisions.models import ATTESTATIONS


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


@pytest.fixture
def as_bob(org: Any) -> Client:
    return _client("bob")


@pytest.fixture
def evaluated(org: Any, as_bob: Client) -> Assessment:
    return import_example(as_bob, org)


def _page(client: Client, item: Assessment) -> str:
    response = client.get(f"/assessments/{item.pk}/result/")
    assert response.status_code == 200
    return response.content.decode()


class Statements:
    """The SQL statements a block runs (Django forgets its own list when a request starts)."""

    def __init__(self) -> None:
        self.sql: list[str] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.sql.append(sql)
        return execute(sql, params, many, context)


def test_the_result_page_shows_a_new_owner_of_a_condition_at_once(evaluated: Assessment, as_bob: Client) -> None:
    assert "Kari Nordmann" not in _page(as_bob, evaluated)  # now cached
    action = evaluated.actions.first()
    assert action is not None
    response = as_bob.post(f"/actions/{action.pk}/", {"owner": "Kari Nordmann", "due": "2030-01-31"})
    assert response.status_code == 302
    assert "Kari Nordmann" in _page(as_bob, evaluated)


def test_the_result_page_warns_as_soon_as_the_answers_change(evaluated: Assessment, as_bob: Client) -> None:
    warning = "The answers changed after this result was computed."
    assert warning not in _page(as_bob, evaluated)
    form = {"audience": "Teenagers in Vestland", "message": "Safety online", "trust": "Answer every question"}
    assert as_bob.post(f"/assessments/{evaluated.pk}/steps/strategy/", form).status_code == 302
    assert warning in _page(as_bob, evaluated)


def test_progress_on_an_approved_decision_shows_on_its_result_page(
    org: Any, evaluated: Assessment, as_bob: Client
) -> None:
    evaluated.actions.update(owner="Kari", due="2030-01-01")
    workflow.submit(evaluated, evaluated.created_by)
    for role in ("reviewer", "dpo"):
        workflow.give_opinion(evaluated, add_member(create_user(role), org, role), "support", "Checked.")
    add_member(create_user("director"), org, "approver")
    assert "Screenshot of the MDM policy" not in _page(as_bob, evaluated)  # cached before the approval
    form = {"decision": "approve", "attestations": [key for key, _text in ATTESTATIONS]}
    assert _client("director").post(f"/assessments/{evaluated.pk}/sign/", form).status_code == 302
    evaluated.refresh_from_db()
    assert evaluated.status == "approved"
    action = evaluated.actions.first()
    assert action is not None
    done = {"evidence": "Screenshot of the MDM policy", "done_at": "2026-03-02"}
    assert as_bob.post(f"/actions/{action.pk}/", done).status_code == 302
    page = _page(as_bob, evaluated)
    assert "Screenshot of the MDM policy" in page
    assert "2026-03-02" in page


def test_a_viewer_never_gets_the_update_links_cached_for_an_editor(
    org: Any, evaluated: Assessment, as_bob: Client
) -> None:
    assert "Update" in _page(as_bob, evaluated)
    add_member(create_user("vera"), org, "viewer")
    page = _page(_client("vera"), evaluated)
    assert evaluated.latest_result().outcome_label in page  # type: ignore[union-attr]
    assert "Update" not in page


def test_an_editor_made_viewer_loses_the_update_links_at_once(
    org: Any, alice: Any, evaluated: Assessment, as_bob: Client
) -> None:
    assert "Update" in _page(as_bob, evaluated)
    membership = org.memberships.get(user__username="bob")
    response = _client("alice").post(f"/orgs/{org.pk}/members/{membership.pk}/", {"role": "viewer"})
    assert response.status_code == 302
    assert "Update" not in _page(as_bob, evaluated)


def test_another_organisations_person_gets_404_for_a_cached_result_page(
    evaluated: Assessment, as_bob: Client, other_org: Any
) -> None:
    _page(as_bob, evaluated)
    _page(as_bob, evaluated)
    response = _client("charlie").get(f"/assessments/{evaluated.pk}/result/")
    assert response.status_code == 404
    assert evaluated.account.handle not in response.content.decode()


def test_a_cached_result_page_is_served_without_reading_the_result_or_the_answers(
    evaluated: Assessment, as_bob: Client
) -> None:
    _page(as_bob, evaluated)  # shows and so clears the import's message
    cache.clear()
    first = _page(as_bob, evaluated)  # rendered in full, then cached
    statements = Statements()
    with connection.execute_wrapper(statements):
        again = _page(as_bob, evaluated)
    assert _without_csrf(again) == _without_csrf(first)
    joined = "\n".join(statements.sql)
    assert '"assessments_result"."data"' not in joined
    assert '"assessments_assessment"."document"' not in joined
    assert "assessments_actionitem" not in joined
    # With a per-process cache the session is read from the database (docs/web.md, Caching): one lookup by its key.
    session = [sql for sql in statements.sql if '"django_session"' in sql]
    assert len(session) <= 1
    assert len(statements.sql) - len(session) <= 3  # the person (with the two-factor rule), the version, the role


def _without_csrf(page: str) -> str:
    """The page without its CSRF tokens, which Django masks afresh on every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_a_new_account_shows_on_the_cached_organisation_page_at_once(org: Any, as_bob: Client) -> None:
    assert "youth-line" not in as_bob.get(f"/orgs/{org.pk}/").content.decode()
    form = {"platform": "tiktok", "handle": "youth-line", "status": "existing", "purpose": "Youth"}
    assert as_bob.post(f"/orgs/{org.pk}/accounts/new/", form).status_code == 302
    assert "youth-line" in as_bob.get(f"/orgs/{org.pk}/").content.decode()


def test_another_organisations_person_gets_404_for_a_cached_organisation_page(
    org: Any, as_bob: Client, other_org: Any
) -> None:
    assert as_bob.get(f"/orgs/{org.pk}/").status_code == 200
    response = _client("charlie").get(f"/orgs/{org.pk}/")
    assert response.status_code == 404
    assert "Oslo kommune" not in response.content.decode()


def test_each_administrator_gets_role_forms_that_accept_their_own_csrf_token(org: Any, alice: Any) -> None:
    add_member(create_user("olav"), org, "admin")
    assert _client("alice").get(f"/orgs/{org.pk}/").status_code == 200  # the page is cached now
    olav = Client(enforce_csrf_checks=True)
    olav.login(username="olav", password=PASSWORD)
    page = olav.get(f"/orgs/{org.pk}/").content.decode()
    token = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[-1]
    bob = org.memberships.get(user__username="bob")
    response = olav.post(f"/orgs/{org.pk}/members/{bob.pk}/", {"role": "viewer", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.role == "viewer"


def _redis_answers() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_with_a_shared_redis_cache_an_edit_shows_at_once_and_charlie_still_gets_404(
    settings: Any, evaluated: Assessment, as_bob: Client, other_org: Any
) -> None:
    import secrets

    from django.core.cache.backends.redis import RedisCache

    prefix = f"gonogo-test-{secrets.token_hex(8)}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": prefix,
        }
    }
    assert isinstance(caches["default"], RedisCache)
    try:
        assert "Kari Nordmann" not in _page(as_bob, evaluated)
        action = evaluated.actions.first()
        assert action is not None
        assert as_bob.post(f"/actions/{action.pk}/", {"owner": "Kari Nordmann", "due": "2030-01-31"}).status_code == 302
        assert "Kari Nordmann" in _page(as_bob, evaluated)
        assert _client("charlie").get(f"/assessments/{evaluated.pk}/result/").status_code == 404
    finally:
        client = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
        for key in client.scan_iter(match=f"{prefix}:*"):  # only this test's keys: the server may be shared
            client.delete(key)
