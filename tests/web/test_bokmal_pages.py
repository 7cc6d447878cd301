"""Pages in Norwegian bokmål show no English labels: robustness, risk levels and the strategy's questions."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from web_records import PASSWORD, add_member, create_user, import_example

from gonogo.web.assessments.models import Assessment
from gonogo.web.decisions import workflow
from gonogo.web.decisions.models import ATTESTATIONS


@pytest.fixture
def approved_politivest(org: Any) -> tuple[Client, Assessment]:
    """Politivest's assessment (robustness "clear"), approved, and Bob reading in bokmål."""
    client = Client()
    assert client.login(username="bob", password=PASSWORD)
    item = import_example(client, org)
    item.actions.update(owner="Kari Nordmann", due="2030-01-31")
    workflow.submit(item, item.created_by)
    for role in ("reviewer", "dpo"):
        workflow.give_opinion(item, add_member(create_user(role), org, role), "support", "Checked.")
    director = create_user("director")
    add_member(director, org, "approver")
    workflow.sign(item, director, decision="approve", attestations=[key for key, _text in ATTESTATIONS])
    client.post("/i18n/setlang/", {"language": "nb", "next": "/"})
    return client, item


ROBUSTNESS_NB = "klar: anbefalingen holder under de fleste rimelige vektinger"
ROBUSTNESS_EN = "clear: the recommendation holds under most plausible weights"

# (page, what it must show in bokmål, what it must not show in English)
PAGES = [
    ("/", [ROBUSTNESS_NB], [ROBUSTNESS_EN, "<td>clear</td>"]),
    ("/orgs/{org}/", [ROBUSTNESS_NB], [ROBUSTNESS_EN, "<td>clear</td>"]),
    ("/assessments/{item}/", [ROBUSTNESS_NB], [ROBUSTNESS_EN, "· clear"]),
    (
        "/assessments/{item}/result/",
        [
            ROBUSTNESS_NB,
            "<title>lav</title>",
            "<title>svært høy</title>",
            "<title>middels: ",
            "Kontokapring: lav",
            "<dt>Hvem vil vi snakke med der?</dt>",
        ],
        [
            ROBUSTNESS_EN,
            "<title>low",
            "<title>medium",
            "<title>high",
            "<title>very_high",
            ": low<",
            ": medium<",
            "<dt>audience</dt>",
            "<dt>trust</dt>",
        ],
    ),
]


@pytest.mark.parametrize(("page", "shown", "not_shown"), PAGES)
def test_pages_in_bokmal_show_robustness_levels_and_strategy_in_bokmal(
    page: str, shown: list[str], not_shown: list[str], approved_politivest: tuple[Client, Assessment]
) -> None:
    client, item = approved_politivest
    html = client.get(page.format(org=item.account.organisation_id, item=item.pk)).content.decode()
    assert '<html lang="nb">' in html
    for text in shown:
        assert text in html
    for text in not_shown:
        assert text not in html


def test_the_same_pages_in_english_keep_the_english_labels(approved_politivest: tuple[Client, Assessment]) -> None:
    client, item = approved_politivest
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    result = client.get(f"/assessments/{item.pk}/result/").content.decode()
    assert ROBUSTNESS_EN in result
    assert "<title>very high</title>" in result
    assert "<dt>Who do we want to talk to there?</dt>" in result
    assert ROBUSTNESS_EN in client.get("/").content.decode()


def test_a_recorded_safeguard_is_named_by_its_title_in_bokmal(
    approved_politivest: tuple[Client, Assessment],
) -> None:
    client, item = approved_politivest
    form = {"safeguard": "mfa", "evidence": "Skjermbilde", "in_place_since": "2026-01-05"}
    assert client.post(f"/accounts/{item.account_id}/safeguards/", form).status_code == 302
    page = client.get(f"/accounts/{item.account_id}/").content.decode()
    assert "<tr><td>Flerfaktorautentisering</td>" in page
    assert "<tr><td>mfa</td>" not in page


@pytest.mark.parametrize(("language", "spaced"), [("nb", True), ("en", False)])
def test_the_result_page_writes_percentages_as_the_language_does(
    approved_politivest: tuple[Client, Assessment], language: str, spaced: bool
) -> None:
    client, item = approved_politivest
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    html = client.get(f"/assessments/{item.pk}/result/").content.decode()
    cells = re.findall(r"<td>(\d+(?:\u00a0| )?%)</td>", html)
    assert cells, "no percentage on the result page"
    assert all(("\u00a0" in cell) == spaced and " " not in cell for cell in cells)
