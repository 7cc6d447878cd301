"""A locked-out person is told what works, and a password reset by e-mail lets them in at once;
after setting up the authenticator app, the recovery-codes page leads on to where they were going."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from web_records import PASSWORD, add_member, create_user

NEW_PASSWORD = "another-long-passphrase-2"


def _lock_out(client: Client, settings: Any, username: str = "alice") -> None:
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/login/", {"username": username, "password": "wrong"})


def _reset_password_by_email(email: str) -> None:
    person = Client()
    person.post("/password-reset/", {"email": email})
    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)  # type: ignore[union-attr]
    page = person.get(link, follow=True)
    form = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert person.post(page.redirect_chain[-1][0], form).status_code == 302


@pytest.mark.parametrize(
    ("language", "window_seconds", "expected"),
    [
        ("en", 15 * 60, "Wait 15 minutes and try again, or reset your password by e-mail"),
        ("en", 60, "Wait 1 minute and try again"),
        ("en", 90, "Wait 2 minutes and try again"),
        ("nb", 15 * 60, "Vent 15 minutter og prøv igjen, eller tilbakestill passordet via e-post"),
        ("nb", 60, "Vent 1 minutt og prøv igjen"),
    ],
)
def test_the_lock_out_message_says_how_long_to_wait_and_that_a_reset_unlocks(
    alice: Any, settings: Any, language: str, window_seconds: int, expected: str
) -> None:
    settings.LOGIN_FAILURE_WINDOW_SECONDS = window_seconds
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    _lock_out(client, settings)
    html = client.post("/login/", {"username": "alice", "password": PASSWORD}).content.decode()
    assert expected in html
    assert "administrator" not in html
    assert 'href="/password-reset/"' in html


def test_a_completed_password_reset_lifts_the_lock_out(alice: Any, settings: Any) -> None:
    _lock_out(Client(), settings)
    assert (
        "Too many failed attempts"
        in Client().post("/login/", {"username": "alice", "password": PASSWORD}).content.decode()
    )
    _reset_password_by_email("alice@example.org")
    response = Client().post("/login/", {"username": "alice", "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_a_reset_lifts_only_that_persons_lock_out(alice: Any, bob: Any, settings: Any) -> None:
    _lock_out(Client(), settings, "bob")
    _reset_password_by_email("alice@example.org")
    html = Client().post("/login/", {"username": "bob", "password": PASSWORD}).content.decode()
    assert "Too many failed attempts" in html


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _continue_link(html: str) -> tuple[str, str]:
    match = re.search(r'<p><a href="([^"]*)">([^<]*(?:continue|Continue|fortsett|Fortsett))</a></p>', html)
    assert match, html
    return match.group(1), match.group(2)


@pytest.mark.parametrize(
    ("first_page", "language", "expected_target", "expected_words"),
    [
        ("/orgs/{org}/", "en", "/orgs/{org}/", "I have kept them: continue"),
        ("/orgs/{org}/audit/?page=2", "nb", "/orgs/{org}/audit/?page=2", "Jeg har tatt vare på dem: fortsett"),
        ("/", "en", "/", "I have kept them: continue"),
    ],
)
def test_after_setting_up_the_app_the_recovery_codes_page_continues_where_the_person_was_going(
    org: Any, settings: Any, first_page: str, language: str, expected_target: str, expected_words: str
) -> None:
    settings.GONOGO_TOTP_REQUIRED = True
    erin = create_user("erin")
    add_member(erin, org, "approver")
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.login(username="erin", password=PASSWORD)
    assert client.get(first_page.format(org=org.pk))["Location"] == "/2fa/setup/"
    client.get("/2fa/setup/")
    device = TOTPDevice.objects.get(user=erin)
    assert client.post("/2fa/setup/", {"code": _code(device)})["Location"] == "/2fa/recovery/"
    page = client.get("/2fa/recovery/").content.decode()
    assert _continue_link(page) == (expected_target.format(org=org.pk).replace("&", "&amp;"), expected_words)
    # making new codes keeps the way on
    action = re.search(r'<form method="post" class="narrow" action="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    again = client.get(client.post(action.replace("&amp;", "&"))["Location"]).content.decode()
    assert _continue_link(again)[0] == expected_target.format(org=org.pk)


def test_the_recovery_codes_page_opened_from_the_menu_continues_to_the_portfolio(org: Any, settings: Any) -> None:
    settings.GONOGO_TOTP_REQUIRED = True
    client = Client()
    client.login(username="alice", password=PASSWORD)
    client.get("/2fa/setup/")
    device = TOTPDevice.objects.get(user__username="alice")
    client.post("/2fa/setup/", {"code": _code(device)})
    client.get("/2fa/recovery/")  # the new codes, once
    assert _continue_link(client.get("/2fa/recovery/").content.decode()) == ("/", "Continue")


def test_a_next_address_elsewhere_is_not_followed_from_the_recovery_page(org: Any, settings: Any) -> None:
    settings.GONOGO_TOTP_REQUIRED = True
    client = Client()
    client.login(username="alice", password=PASSWORD)
    client.get("/2fa/setup/")
    device = TOTPDevice.objects.get(user__username="alice")
    client.post("/2fa/setup/", {"code": _code(device)})
    html = client.get("/2fa/recovery/?next=https://example.com/").content.decode()
    assert _continue_link(html)[0] == "/"
