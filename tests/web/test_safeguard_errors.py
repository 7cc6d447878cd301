"""A safeguard that cannot be saved says which field to fix, by the name the form shows for it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from web_records import PASSWORD, create_account

# (form sent, language, the message shown)
CASES = [
    (
        {"safeguard": "mfa", "in_place_since": "5 January"},
        "en",
        "In place since: Enter a valid date.",
    ),
    (
        {"safeguard": "mfa", "in_place_since": "5 January"},
        "nb",
        "Innført: Oppgi en gyldig dato.",
    ),
    (
        {"safeguard": "mfa", "in_place_since": "2026-02-01", "expires": "2026-01-01"},
        "en",
        "Expires: The expiry date is before the date it was put in place.",
    ),
    (
        {"safeguard": "no_such_safeguard"},
        "en",
        "Safeguard: Select a valid choice. no_such_safeguard is not one of the available choices.",
    ),
]


@pytest.mark.parametrize(("form", "language", "message"), CASES)
def test_a_safeguard_error_names_the_field_by_its_label(
    form: dict[str, str], language: str, message: str, org: Any, client: Client
) -> None:
    account = create_account(org)
    client.login(username="bob", password=PASSWORD)
    response = client.post(f"/accounts/{account.pk}/safeguards/", form, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == [message]
    assert not account.safeguards.exists()
