"""The HTML and PDF exports of a decision carry its record: status, strategy, opinions, signature and seal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from web_records import PASSWORD, add_member, create_account, create_user

from gonogo.reports import messages
from gonogo.web.assessments import engine, services
from gonogo.web.assessments.documents import read_document
from gonogo.web.assessments.models import Assessment
from gonogo.web.decisions import workflow
from gonogo.web.decisions.models import ATTESTATIONS

POLITIVEST = Path(__file__).resolve().parents[2] / "examples" / "politivest-2023-04.yaml"
OWNER = "Kari Nordmann (kommunikasjon)"


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture
def draft(org: Any, bob: Any) -> Assessment:
    """The Politivest example as a draft with its result, like the demo loads it."""
    assessment = services.start_assessment(create_account(org, handle="politivest"), bob)
    services.save_document(assessment, read_document(POLITIVEST.read_bytes(), POLITIVEST.name), bob, "import")
    services.store_result(assessment, *engine.evaluate_document(assessment.document), bob)
    return Assessment.objects.get(pk=assessment.pk)


@pytest.fixture
def approved(draft: Assessment, org: Any, bob: Any) -> Assessment:
    """Reviewed once, sent back, assessed again, reviewed again and approved (nothing is above appetite)."""
    reviewer = add_member(create_user("ola"), org, "reviewer")
    dpo = add_member(create_user("ingrid"), org, "dpo")
    director = create_user("per")
    add_member(director, org, "approver")
    workflow.submit(draft, bob)
    workflow.give_opinion(draft, reviewer, "object", "The phone also carries work e-mail.")
    workflow.request_changes(draft, reviewer.user, "Take work e-mail off the phone.")
    draft.refresh_from_db()
    services.save_document(draft, {**draft.document, "seed": 2}, bob, "device")
    services.store_result(draft, *engine.evaluate_document(draft.document), bob)
    draft.actions.update(owner=OWNER, due=dt.date(2026, 12, 31), evidence="Routine approved by the district")
    workflow.submit(draft, bob)
    workflow.give_opinion(draft, reviewer, "support", "Dedicated phone checked, no work e-mail.")
    workflow.give_opinion(draft, dpo, "support_with_remarks", "Update the privacy notice for the account.")
    workflow.sign(
        draft,
        director,
        decision="approve",
        attestations=[key for key, _text in ATTESTATIONS],
        statement="We stay, with the conditions below.",
    )
    return Assessment.objects.get(pk=draft.pk)


def _export(assessment: Assessment, language: str = "en") -> str:
    client = Client()
    client.login(username="bob", password=PASSWORD)
    response = client.get(f"/assessments/{assessment.pk}/report.html", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return str(response.content.decode())


def _plan(html: str) -> str:
    start = html.index('id="plan"')
    return html[start : html.index("<h2", start)]


def test_the_export_of_an_approved_decision_carries_its_whole_record(approved: Assessment) -> None:
    html = _export(approved)
    assert html.index("Status: Approved.") < html.index("Recommendation")
    record = html[html.index('id="record"') :]
    expected = [
        "Young people in Western Norway, 13 to 34",
        "Answer comments, show the officers behind the account, be consistent",
        "Who do we want to talk to there?",
        "Security review: I support the recommendation",
        "Dedicated phone checked, no work e-mail.",
        "Data-protection opinion: I support it, with remarks",
        "Update the privacy notice for the account.",
        "Version 1 was approved and signed by per on",
        "The signer&#x27;s statement: We stay, with the conditions below.",
        approved.sealed_hash,
        "the record still matches its seal",
        approved.latest_result().content_hash,  # type: ignore[union-attr]
        *(str(text) for _key, text in ATTESTATIONS),
    ]
    for text in expected:
        assert text in record, text


def test_the_export_marks_the_opinion_given_on_the_first_result_as_superseded(approved: Assessment) -> None:
    html = _export(approved)
    start = html.index("<article class='opinion superseded'>")
    superseded = html[start : html.index("</article>", start)]
    assert "The phone also carries work e-mail." in superseded
    assert "Given on an earlier result; not counted." in superseded
    assert html.count("opinion superseded") == 1


def test_the_export_shows_the_owners_recorded_not_the_engines_defaults(approved: Assessment) -> None:
    plan = _plan(_export(approved))
    assert plan.count(OWNER) == approved.actions.count() > 0
    assert "Routine approved by the district" in plan
    for condition in approved.latest_result().data["action_plan"]:  # type: ignore[union-attr]
        assert messages.owner(condition["owner"]) not in plan


def test_the_export_in_bokmal_is_norwegian_throughout(approved: Assessment) -> None:
    html = _export(approved, "nb")
    record = html[html.index('id="record"') :]
    with translation.override("nb"):
        attestations = [str(text) for _key, text in ATTESTATIONS]
    with translation.override("en"):
        english_attestations = [str(text) for _key, text in ATTESTATIONS]
    for text in (
        "Status: Godkjent.",
        "Beslutningsprotokoll",
        "Hvem vil vi snakke med der?",
        "Sikkerhetsvurdering",
        "Versjon 1 ble godkjent og signert av per",
        "Gitt på et tidligere resultat; teller ikke.",
        "protokollen stemmer fortsatt med forseglingen",
        OWNER,
        *attestations,
    ):
        assert text in html, text
    for english in (
        "Decision record",
        "Status: Approved",
        "Who do we want to talk to there?",
        "Security review",
        "I support the recommendation",
        "Given on an earlier result",
        "The signer attested",
        "matches its seal",
        *english_attestations,
    ):
        assert english not in record, english


def test_the_export_of_a_draft_says_it_is_undecided_and_unsigned(draft: Assessment) -> None:
    html = _export(draft)
    assert "Status: Draft." in html
    assert "Version 1 has not been decided and is not signed." in html
    assert "Not signed." in html
    assert "No opinions given." in html
    assert "Not sealed: a version is sealed when it is approved." in html
    nb = _export(draft, "nb")
    assert "Status: Utkast." in nb
    assert "Versjon 1 er ikke avgjort og ikke signert." in nb


def test_the_export_says_when_the_record_no_longer_matches_its_seal(approved: Assessment) -> None:
    approved.opinions.filter(kind="security").update(text="I never said that")
    html = _export(approved)
    assert "the record NO LONGER matches its seal" in html


def test_the_pdf_export_of_an_approved_decision_is_a_pdf(approved: Assessment) -> None:
    client = Client()
    client.login(username="bob", password=PASSWORD)
    response = client.get(f"/assessments/{approved.pk}/report.pdf", HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
