"""Accounts are titled with the platform's name from the knowledge base; its code stays in URLs and the API."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from web_records import PASSWORD, create_account

from gonogo.web.api.models import ApiToken


@pytest.mark.parametrize(
    ("platform", "title"),
    [
        ("tiktok", "TikTok: @politivest"),
        ("youtube", "YouTube: @politivest"),
        ("snapchat", "Snapchat: @politivest"),
        ("mastodon", "mastodon: @politivest"),  # not in the knowledge base: its code, rather than nothing
    ],
)
def test_an_account_is_titled_with_its_platforms_name(platform: str, title: str, org: Any) -> None:
    assert str(create_account(org, handle="politivest", platform=platform)) == title


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_account_page_names_the_platform_and_keeps_its_code_in_the_api(
    language: str, org: Any, bob: Any, client: Client
) -> None:
    account = create_account(org, handle="politivest")
    client.login(username="bob", password=PASSWORD)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    page = client.get(f"/accounts/{account.pk}/").content.decode()
    assert re.search(r"<title>TikTok: @politivest ·", page)
    assert "<h1>TikTok: @politivest</h1>" in page
    assert "tiktok: @" not in page

    _token, secret = ApiToken.issue(bob, "test")
    data = client.get(f"/api/accounts/{account.pk}/", HTTP_AUTHORIZATION=f"Bearer {secret}").json()
    assert data["platform"] == "tiktok"
