"""The result page says the rules that apply in the person's language; their sources stay as published."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.test import Client
from web_records import PASSWORD, import_example

from gonogo.web.assessments.models import Assessment

RULE = {
    "en": (
        "Norwegian Police Directorate advises staff against TikTok on police phones",
        "The Police Directorate advised police employees against TikTok",
        "Police online patrols (e.g., Politivest) continued on TikTok.",
    ),
    "nb": (
        "Politidirektoratet fraråder de ansatte å bruke TikTok på politiets telefoner",
        "Politidirektoratet frarådet politiansatte å bruke TikTok",
        "Politiets nettpatruljer (for eksempel Politivest) fortsatte på TikTok.",
    ),
}
SOURCES = (
    "Politiet fraråder bruk av Tiktok for sine ansatte (digi.no, 2023-03)",
    "Blive på TikTok eller forlade? Europas største myndighedsprofiler overvejer (ProPublica.dk)",
)


@pytest.fixture
def politivest(org: Any) -> Assessment:
    client = Client()
    assert client.login(username="bob", password=PASSWORD)
    return import_example(client, org)


def _result_page(assessment: Assessment, **how: Any) -> str:
    client = Client()
    assert client.login(username="bob", password=PASSWORD)
    if "language" in how:
        assert client.post("/i18n/setlang/", {"language": how["language"], "next": "/"}).status_code == 302
    response = client.get(f"/assessments/{assessment.pk}/result/", HTTP_ACCEPT_LANGUAGE=how.get("accept", ""))
    assert response.status_code == 200
    return unescape(response.content.decode())


@pytest.mark.parametrize(
    ("how", "said_in", "not_in"),
    [
        pytest.param({"accept": "nb"}, "nb", "en", id="the browser asks for bokmål"),
        pytest.param({"language": "nb", "accept": "en"}, "nb", "en", id="the person chose bokmål"),
        pytest.param({"accept": "en"}, "en", "nb", id="the browser asks for English"),
    ],
)
def test_the_result_page_says_the_rule_in_the_persons_language_and_its_sources_as_published(
    politivest: Assessment, how: dict[str, str], said_in: str, not_in: str
) -> None:
    page = _result_page(politivest, **how)
    for text in RULE[said_in]:
        assert text in page
    for text in RULE[not_in]:
        assert text not in page
    for title in SOURCES:
        assert title in page
