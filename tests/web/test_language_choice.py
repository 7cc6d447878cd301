"""Which language a page speaks: the switch's choice first, then the browser's, with Norwegian read as bokmål."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from web_records import PASSWORD

from gonogo.web.middleware import bokmal_for_norwegian


def _page_language(page: str) -> str:
    found = re.search(r'<html lang="([^"]+)">', page)
    assert found, "the page names its language"
    return found.group(1)


@pytest.mark.parametrize(
    ("accept_language", "language"),
    [
        ("no", "nb"),
        ("no-NO", "nb"),
        ("NO-no", "nb"),
        ("nn", "nb"),
        ("nn-NO,nn;q=0.9,en;q=0.5", "nb"),
        ("nb-NO", "nb"),
        ("nb", "nb"),
        ("sv-SE, no;q=0.8, en;q=0.5", "nb"),
        ("en-GB, no;q=0.8", "en"),
        ("de-DE", "en"),
        ("", "en"),
    ],
)
def test_a_browser_asking_for_norwegian_gets_bokmal(
    accept_language: str, language: str, client: Client, db: None
) -> None:
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE=accept_language).content.decode()
    assert _page_language(page) == language
    assert ("Logg inn" in page) == (language == "nb")


@pytest.mark.parametrize(
    ("header", "read_as"),
    [
        ("no", "nb"),
        ("nn-NO;q=0.7", "nb;q=0.7"),
        ("en, no-NO;q=0.8, *;q=0.1", "en,nb;q=0.8, *;q=0.1"),
        ("nod, non", "nod, non"),
        ("en-US,en;q=0.9", "en-US,en;q=0.9"),
    ],
)
def test_only_norwegian_tags_are_rewritten_and_their_weights_kept(header: str, read_as: str) -> None:
    assert bokmal_for_norwegian(header) == read_as


@pytest.mark.parametrize(("chosen", "browser"), [("en", "no"), ("en", "nn-NO"), ("nb", "en-GB")])
def test_the_language_chosen_with_the_switch_wins_over_the_browser(
    chosen: str, browser: str, alice: Any, org: Any, client: Client
) -> None:
    client.login(username="alice", password=PASSWORD)
    client.post("/i18n/setlang/", {"language": chosen, "next": "/"})
    assert _page_language(client.get("/", HTTP_ACCEPT_LANGUAGE=browser).content.decode()) == chosen


@pytest.mark.parametrize(
    ("page_language", "offered", "name"),
    [("nb", "en", "English"), ("en", "nb", "Norsk bokmål")],
)
def test_the_language_switch_names_the_other_language_in_itself(
    page_language: str, offered: str, name: str, client: Client, db: None
) -> None:
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE=page_language).content.decode()
    switch = r'<button type="submit" name="language" value="([^"]+)"[^>]*lang="([^"]+)">([^<]+)</button>'
    buttons = re.findall(switch, page)
    assert buttons == [(offered, offered, name)]
