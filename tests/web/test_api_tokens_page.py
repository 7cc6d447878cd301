"""The API tokens page shows how to send a token: the header in full, with a placeholder where the token goes."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from web_records import PASSWORD


class _Text(HTMLParser):
    """The page's visible text, and the text of each <var> in it."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.placeholders: list[str] = []
        self._in_var = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self._in_var = self._in_var or tag == "var"

    def handle_endtag(self, tag: str) -> None:
        self._in_var = self._in_var and tag != "var"

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_var:
            self.placeholders.append(data)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Send it in this HTTP header, with your token where it says token:"),
        ("nb", "Send det i denne HTTP-headeren, med tokenet ditt der det står token:"),
    ],
)
def test_the_tokens_page_shows_the_header_with_a_placeholder_for_the_token(
    language: str, sentence: str, alice: Any, client: Client
) -> None:
    client.login(username="alice", password=PASSWORD)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    parser = _Text()
    parser.feed(client.get("/tokens/").content.decode())
    text = " ".join("".join(parser.text).split())
    assert sentence in text
    assert "Authorization: Bearer token" in text
    assert "Bearer ." not in text
    assert parser.placeholders == ["token"]
