"""Accepting residual risk at sign-off: only what is above the risk appetite, named; and who signed, by name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from web_records import PASSWORD, add_member, create_account, create_user, result_above_appetite, sample_result

from gonogo.web.assessments import engine, services
from gonogo.web.assessments.documents import read_document
from gonogo.web.assessments.models import Assessment, Status
from gonogo.web.decisions import workflow
from gonogo.web.decisions.models import ATTESTATIONS

POLITIVEST = Path(__file__).resolve().parents[2] / "examples" / "politivest-2023-04.yaml"
ALL = [key for key, _text in ATTESTATIONS]
STRATEGY = {"audience": "Pupils", "message": "Where to get help", "trust": "Answer within a day"}
IN_A_YEAR = dt.date.today() + dt.timedelta(days=365)
NOTHING_ABOVE = "Nothing is above the risk appetite; there is no residual risk to accept."


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture
def team(org: Any) -> dict[str, Any]:
    people = {}
    for role, first, last in [("reviewer", "Ola", "Berg"), ("dpo", "Ingrid", "Dahl"), ("approver", "Per", "Lunde")]:
        person = create_user(f"erin-{role}")
        person.first_name, person.last_name = first, last
        person.save()
        people[role] = add_member(person, org, role)
    return people


def _in_review(org: Any, bob: Any, team: dict[str, Any], result: dict[str, Any]) -> Assessment:
    assessment = services.start_assessment(create_account(org), bob)
    services.save_document(assessment, {**assessment.document, "strategy": STRATEGY}, bob, "strategy")
    services.store_result(assessment, result, "2026.11.1", bob)
    workflow.submit(assessment, bob)
    workflow.give_opinion(assessment, team["reviewer"], "support", "Checked.")
    workflow.give_opinion(assessment, team["dpo"], "support", "Checked.")
    assessment.actions.update(owner="Kari", due=dt.date(2030, 12, 31))
    return Assessment.objects.get(pk=assessment.pk)


@pytest.mark.parametrize(
    ("above", "decision", "reason", "expires", "problem"),
    [
        (False, "approve", "", None, None),
        (False, "approve", "Reach outweighs it", IN_A_YEAR, NOTHING_ABOVE),
        (
            True,
            "approve",
            "",
            None,
            "a risk acceptance (why, and until when) for the residual risks above the risk "
            "appetite: State access to app data (high); or reject",
        ),
        (True, "approve", "Reach outweighs it", IN_A_YEAR, None),
        (True, "approve", "Reach outweighs it", None, "needs an expiry date within the next three years"),
        (True, "approve", "", IN_A_YEAR, "expiry was given without a reason: say why the risk is accepted, or clear"),
        (True, "reject", "", None, None),
        (True, "reject", "Reach outweighs it", IN_A_YEAR, "A rejection accepts no risk"),
    ],
)
def test_a_risk_acceptance_is_needed_exactly_when_a_residual_risk_is_above_appetite(
    org: Any,
    bob: Any,
    team: dict[str, Any],
    above: bool,
    decision: str,
    reason: str,
    expires: dt.date | None,
    problem: str | None,
) -> None:
    assessment = _in_review(org, bob, team, result_above_appetite() if above else sample_result())

    def sign() -> Any:
        return workflow.sign(
            assessment,
            team["approver"].user,
            decision=decision,
            attestations=ALL,
            statement="Too risky." if decision == "reject" else "",
            risk_acceptance_reason=reason,
            risk_acceptance_expires=expires,
        )

    if problem is not None:
        with pytest.raises(workflow.WorkflowError) as error:
            sign()
        assert problem in str(error.value)
        assert Assessment.objects.get(pk=assessment.pk).status == Status.IN_REVIEW
        return
    signature = sign()
    accepted = [{"threat": "state_access", "title": "State access to app data", "level": "high"}] if reason else []
    assert signature.accepted_risks == accepted
    assert signature.accepts_residual_risk == bool(reason)


def _client(username: str) -> Client:
    client = Client()
    client.login(username=username, password=PASSWORD)
    return client


def _politivest_above_appetite() -> dict[str, Any]:
    """The Politivest example's real result, with the engine's verdict that state access stays above appetite."""
    document = read_document(POLITIVEST.read_bytes(), POLITIVEST.name)
    data, _kb = engine.evaluate_document(document)
    option = next(o for o in data["options"] if o["id"] == data["recommended_option"])
    option["warnings"] = [
        *option["warnings"],
        {"code": "above_appetite", "params": {"threat": "state_access", "level": "high"}},
    ]
    return data


def test_the_page_export_and_api_name_the_accepted_risks_and_the_signer(
    org: Any, bob: Any, team: dict[str, Any]
) -> None:
    from gonogo.web.api.models import ApiToken

    assessment = _in_review(org, bob, team, _politivest_above_appetite())
    workflow.sign(
        assessment,
        team["approver"].user,
        decision="approve",
        attestations=ALL,
        risk_acceptance_reason="Reach outweighs it",
        risk_acceptance_expires=IN_A_YEAR,
    )
    assessment.refresh_from_db()
    assert workflow.verify_seal(assessment)
    sealed = workflow.decision_record(assessment, assessment.signatures.get())
    assert sealed["signature"]["accepted_risks"] == [  # type: ignore[index]
        {"threat": "state_access", "title": "State access to app data", "level": "high"}
    ]
    assert sealed["signature"]["by"] == "Per Lunde (erin-approver)"  # type: ignore[index]
    assert [o["by"] for o in sealed["opinions"]] == ["Ola Berg (erin-reviewer)", "Ingrid Dahl (erin-dpo)"]  # type: ignore[attr-defined]

    client = _client("bob")
    for lang, texts in {
        "en": ["State access to app data (high)", "Approved by Per Lunde (erin-approver)", "Ola Berg (erin-reviewer)"],
        "nb": [
            "Statlig tilgang til appdata (høy)",
            "Godkjent av Per Lunde (erin-approver)",
            "Ola Berg (erin-reviewer)",
        ],
    }.items():
        page = client.get(f"/assessments/{assessment.pk}/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        for text in texts:
            assert text in page, (lang, text)
    report = client.get(f"/assessments/{assessment.pk}/report.html", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    record = report[report.index('id="record"') :]
    assert "The residual risks above appetite accepted until" in record
    assert "<li>State access to app data (high)</li>" in record
    assert "approved and signed by Per Lunde (erin-approver)" in record
    report = client.get(f"/assessments/{assessment.pk}/report.html", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    record = report[report.index('id="record"') :]
    assert "<li>Statlig tilgang til appdata (høy)</li>" in record

    decision = client.get(
        f"/api/assessments/{assessment.pk}/decision/", HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(bob, 't')[1]}"
    ).json()
    assert decision["signatures"][0]["by"] == "Per Lunde (erin-approver)"
    assert decision["signatures"][0]["accepted_risks"][0]["title"] == "State access to app data"
    assert decision["opinions"][0]["by"] == "Ola Berg (erin-reviewer)"


def test_a_person_without_a_full_name_is_recorded_by_username(org: Any, bob: Any) -> None:
    reviewer = add_member(create_user("sam"), org, "reviewer")
    assessment = services.start_assessment(create_account(org), bob)
    services.save_document(assessment, {**assessment.document, "strategy": STRATEGY}, bob, "strategy")
    services.store_result(assessment, sample_result(), "2026.11.1", bob)
    workflow.submit(assessment, bob)
    assert workflow.give_opinion(assessment, reviewer, "support", "Checked.").author_name == "sam"


@pytest.mark.parametrize(
    ("above", "lang", "shown", "fields"),
    [
        (True, "en", "State access to app data (high)", True),
        (True, "nb", "Statlig tilgang til appdata (høy)", True),
        (False, "en", "Nothing is above the risk appetite under the recommended option", False),
        (False, "nb", "Ingenting er over risikoappetitten", False),
    ],
)
def test_the_sign_form_shows_the_risks_above_appetite_or_says_there_are_none(
    org: Any, bob: Any, team: dict[str, Any], above: bool, lang: str, shown: str, fields: bool
) -> None:
    assessment = _in_review(org, bob, team, result_above_appetite() if above else sample_result())
    page = _client("erin-approver").get(f"/assessments/{assessment.pk}/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert shown in page
    assert ('name="risk_acceptance_reason"' in page) == fields


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Give the risk acceptance&#x27;s expiry as a date (YYYY-MM-DD)."),
        ("nb", "Oppgi når risikoaksepten utløper, som en dato (ÅÅÅÅ-MM-DD)."),
    ],
)
def test_an_expiry_that_is_not_a_date_is_refused_in_the_signers_language(
    org: Any, bob: Any, team: dict[str, Any], lang: str, expected: str
) -> None:
    assessment = _in_review(org, bob, team, result_above_appetite())
    response = _client("erin-approver").post(
        f"/assessments/{assessment.pk}/sign/",
        {"decision": "approve", "attestations": ALL, "risk_acceptance_reason": "Reach", "risk_acceptance_expires": "x"},
        HTTP_ACCEPT_LANGUAGE=lang,
        follow=True,
    )
    assert expected in response.content.decode()
    assert Assessment.objects.get(pk=assessment.pk).status == Status.IN_REVIEW
