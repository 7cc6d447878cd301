"""Error pages say, in the person's language, what happened and what to do; the API answers them in JSON."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import get_resolver
from web_records import PASSWORD, create_account

HEADINGS = {
    404: {"en": "Page not found", "nb": "Fant ikke siden"},
    403: {"en": "Not allowed", "nb": "Ikke tillatt"},
    "csrf": {"en": "The form could not be sent", "nb": "Skjemaet kunne ikke sendes"},
}
PORTFOLIO_LINK = {"en": "Go to your portfolio", "nb": "Gå til porteføljen din"}


@pytest.fixture(autouse=True)
def _debug_off(settings: Any) -> None:
    settings.DEBUG = False


def _client(username: str, language: str, **options: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language, **options)
    client.login(username=username, password=PASSWORD)
    return client


def _main(html: str) -> str:
    match = re.search(r"<main id=\"main\">(.*)</main>", html, re.DOTALL)
    assert match, html
    return match.group(1)


@pytest.mark.parametrize("language", ["en", "nb"])
@pytest.mark.parametrize("path", ["/no-such-page/", "/accounts/{other}/", "/accounts/999999/"])
def test_a_missing_or_hidden_page_says_so_in_the_persons_language_inside_the_app_layout(
    org: Any, other_org: Any, path: str, language: str
) -> None:
    other = create_account(other_org, handle="bergen")
    response = _client("bob", language).get(path.format(other=other.pk))
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in html
    assert f"<h1>{HEADINGS[404][language]}</h1>" in html
    assert '<nav aria-label="' in html  # the header and its navigation are there
    assert PORTFOLIO_LINK[language] in html
    assert "bergen" not in html.lower()
    assert "Bergen" not in html


def test_another_organisations_account_looks_exactly_like_a_missing_one(org: Any, other_org: Any) -> None:
    other = create_account(other_org, handle="bergen")
    client = _client("bob", "nb")
    hidden = client.get(f"/accounts/{other.pk}/")
    missing = client.get("/accounts/999999/")
    assert (hidden.status_code, hidden["Content-Type"]) == (missing.status_code, missing["Content-Type"])
    assert _main(hidden.content.decode()) == _main(missing.content.decode())


def test_someone_logged_out_is_offered_the_log_in_page_on_a_missing_page(db: None) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="nb").get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'href="/login/"' in html
    assert "Logg inn" in html


@pytest.mark.parametrize("language", ["en", "nb"])
def test_a_role_without_the_right_gets_a_page_saying_who_can_help(org: Any, language: str) -> None:
    response = _client("bob", language).post(f"/orgs/{org.pk}/invite/", {"email": "x@example.org", "role": "admin"})
    html = response.content.decode()
    assert response.status_code == 403
    assert f"<h1>{HEADINGS[403][language]}</h1>" in html
    assert {"en": "Ask an administrator", "nb": "Be en administrator"}[language] in html
    assert PORTFOLIO_LINK[language] in html


@pytest.mark.parametrize("language", ["en", "nb"])
def test_a_form_sent_without_its_security_token_says_to_reload_it(org: Any, language: str) -> None:
    client = _client("alice", language, enforce_csrf_checks=True)
    response = client.post(f"/orgs/{org.pk}/invite/", {"email": "x@example.org", "role": "admin"})
    html = response.content.decode()
    assert response.status_code == 403
    assert f"<h1>{HEADINGS['csrf'][language]}</h1>" in html
    assert {"en": "reload the page", "nb": "last inn siden på nytt"}[language] in html
    assert f'<html lang="{language}">' in html
    assert "CSRF" not in html


@pytest.mark.parametrize(
    ("status", "path"),
    [
        (404, "/api/no-such-route/"),
        (404, "/api/organisations/not-a-number/"),
    ],
)
def test_an_unknown_api_route_answers_json(db: None, status: int, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"error": "not found"}


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (403, "your role does not allow this"),
        (500, "server error: the request was not completed; try again later"),
    ],
)
def test_the_apis_other_errors_answer_json(status: int, expected: str) -> None:
    """No database here: the handlers must answer without one."""
    handler = get_resolver().resolve_error_handler(status)
    request = RequestFactory().get("/api/accounts/1/")
    response = handler(request, PermissionError()) if status == 403 else handler(request)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"error": expected}


def test_a_failed_security_check_on_the_api_answers_json(settings: Any) -> None:
    from django.middleware.csrf import _get_failure_view

    response = _get_failure_view()(RequestFactory().post("/api/accounts/1/evaluate/"), reason="CSRF cookie not set.")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert "error" in json.loads(response.content)


def test_the_server_error_page_needs_no_database_and_speaks_both_languages() -> None:
    handler = get_resolver().resolve_error_handler(500)
    response = handler(RequestFactory().get("/orgs/1/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in html
    assert '<section lang="nb">' in html
    assert "<h1>Noe gikk galt</h1>" in html
    assert "reload the page" in html
    assert "last inn siden på nytt" in html


def test_a_page_that_fails_shows_the_server_error_page(org: Any, monkeypatch: Any) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr("gonogo.web.orgs.views.render", broken)
    client = _client("bob", "nb", raise_request_exception=False)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Noe gikk galt" in html
    assert "Something went wrong" in html
    assert "the database went away" not in html
