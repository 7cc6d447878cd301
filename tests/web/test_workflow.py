"""Sign-off: draft -> in review -> changes requested / approved / rejected, and what approval freezes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import translation
from web_records import add_member, create_account, create_user, result_above_appetite, sample_result

from gonogo.web.assessments import services
from gonogo.web.assessments.models import Assessment, FrozenError, Status
from gonogo.web.audit.trail import verify
from gonogo.web.decisions import workflow
from gonogo.web.decisions.models import ATTESTATIONS

ALL_ATTESTATIONS = [key for key, _text in ATTESTATIONS]
STRATEGY = {
    "audience": "Young people in Oslo, 13 to 19",
    "message": "Where to get help, and how the city's services work",
    "trust": "Answer every question within a day and show the people behind the account",
}
AUDIENCE = "Who do we want to talk to there?"
MESSAGE = "What do we want to say to them?"
TRUST = "How do we build trust and community there?"
SECURITY = "the security reviewer's opinion"
DPO = "the data-protection officer's opinion"
OWNER = "an owner and a due date for the condition 'Use a dedicated phone'"


def _strategy_missing(*questions: str) -> str:
    return f"answers to the strategy questions in the step 'Strategy': {'; '.join(questions)}"


@pytest.fixture(autouse=True)
def _english() -> Any:
    """Some tests ask for pages in bokmål; each test starts in English and leaves the language as it was."""
    with translation.override("en"):
        yield


@pytest.fixture
def team(org: Any) -> dict[str, Any]:
    people = {}
    for role in ("reviewer", "dpo", "approver"):
        person = create_user(f"erin-{role}")
        people[role] = add_member(person, org, role)
    return people


@pytest.fixture
def draft(org: Any, bob: Any) -> Assessment:
    assessment = services.start_assessment(create_account(org), bob)
    services.save_document(assessment, {**assessment.document, "strategy": STRATEGY}, bob, "strategy")
    services.store_result(assessment, sample_result(), "2026.11.1", bob)
    return assessment


def _reviewed(draft: Assessment, bob: Any, team: dict[str, Any]) -> Assessment:
    workflow.submit(draft, bob)
    workflow.give_opinion(draft, team["reviewer"], "support", "Dedicated phone checked.")
    workflow.give_opinion(draft, team["dpo"], "support_with_remarks", "Update the privacy notice.")
    action = draft.actions.get()
    action.owner, action.due = "Kari (comms)", dt.date(2026, 12, 31)
    action.save()
    return Assessment.objects.get(pk=draft.pk)


def _in_review_without_asking_for_the_strategy(assessment: Assessment) -> None:
    """Put a version in review as it could be before sending to review asked for the strategy answers."""
    assert services.is_current(assessment, assessment.latest_result())
    Assessment.objects.filter(pk=assessment.pk).update(status=Status.IN_REVIEW)
    assessment.refresh_from_db()


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Answer the strategy questions in the step 'Strategy' before sending it to review: "),
        ("nb", "Svar på strategispørsmålene i steget «Strategi» før den sendes til vurdering: "),
    ],
)
def test_a_draft_without_the_strategy_answers_is_not_sent_to_review(org: Any, bob: Any, lang: str, said: str) -> None:
    assessment = services.start_assessment(create_account(org), bob)
    services.save_document(assessment, {**assessment.document, "strategy": {"audience": "Pupils"}}, bob, "part")
    services.store_result(assessment, sample_result(), "2026.11.1", bob)
    with translation.override(lang), pytest.raises(workflow.WorkflowError) as refused:
        workflow.submit(assessment, bob)
    assert str(refused.value).startswith(said)
    assert "Pupils" not in str(refused.value)
    assert Assessment.objects.get(pk=assessment.pk).status == Status.DRAFT


def test_a_draft_needs_a_current_result_before_review(org: Any, bob: Any) -> None:
    assessment = services.start_assessment(create_account(org), bob)
    with pytest.raises(workflow.WorkflowError, match="Get the result"):
        workflow.submit(assessment, bob)


def test_editing_after_the_result_makes_it_stale(draft: Assessment, bob: Any) -> None:
    services.save_document(draft, {**draft.document, "seed": 7}, bob, "seed")
    with pytest.raises(workflow.WorkflowError, match="Get the result"):
        workflow.submit(draft, bob)


def test_only_the_reviewer_and_the_dpo_give_opinions(
    draft: Assessment, bob: Any, team: dict[str, Any], org: Any
) -> None:
    workflow.submit(draft, bob)
    with pytest.raises(workflow.WorkflowError, match="Only the security reviewer"):
        workflow.give_opinion(draft, team["approver"], "support", "Looks fine")


def test_approval_lists_everything_still_missing(draft: Assessment, bob: Any, team: dict[str, Any]) -> None:
    workflow.submit(draft, bob)
    approver = team["approver"].user
    with pytest.raises(workflow.WorkflowError) as error:
        workflow.sign(draft, approver, decision="approve", attestations=[])
    message = str(error.value)
    assert "security reviewer's opinion" in message
    assert "data-protection officer's opinion" in message
    assert "an owner and a due date for the condition 'Use a dedicated phone'" in message
    assert "I have read the binding rules" in message


def test_an_approved_version_is_sealed_and_frozen(draft: Assessment, bob: Any, team: dict[str, Any]) -> None:
    assessment = _reviewed(draft, bob, team)
    workflow.sign(assessment, team["approver"].user, decision="approve", attestations=ALL_ATTESTATIONS)
    assessment.refresh_from_db()
    assert assessment.status == Status.APPROVED
    assert len(assessment.sealed_hash) == 64
    assert workflow.verify_seal(assessment)
    with pytest.raises(FrozenError):
        services.save_document(assessment, {**assessment.document, "seed": 2}, bob, "late edit")
    assessment.document = {"tampered": True}
    with pytest.raises(FrozenError):
        assessment.save()


def test_a_changed_opinion_breaks_the_seal(draft: Assessment, bob: Any, team: dict[str, Any]) -> None:
    assessment = _reviewed(draft, bob, team)
    workflow.sign(assessment, team["approver"].user, decision="approve", attestations=ALL_ATTESTATIONS)
    assessment.opinions.filter(kind="security").update(text="I never said that")
    assert not workflow.verify_seal(Assessment.objects.get(pk=assessment.pk))


def test_editing_an_approved_decision_starts_a_new_version(draft: Assessment, bob: Any, team: dict[str, Any]) -> None:
    assessment = _reviewed(draft, bob, team)
    workflow.sign(assessment, team["approver"].user, decision="approve", attestations=ALL_ATTESTATIONS)
    fresh = services.start_assessment(assessment.account, bob)
    assert (fresh.version, fresh.status) == (2, Status.DRAFT)
    assert fresh.document["strategy"] == assessment.document["strategy"]
    assert Assessment.objects.get(pk=assessment.pk).status == Status.APPROVED


def test_rejecting_needs_a_statement(draft: Assessment, bob: Any, team: dict[str, Any]) -> None:
    workflow.submit(draft, bob)
    with pytest.raises(workflow.WorkflowError, match="why you reject"):
        workflow.sign(draft, team["approver"].user, decision="reject", attestations=[])
    workflow.sign(draft, team["approver"].user, decision="reject", attestations=[], statement="Too risky.")
    assert Assessment.objects.get(pk=draft.pk).status == Status.REJECTED


def test_requested_changes_reopen_the_draft(draft: Assessment, bob: Any, team: dict[str, Any]) -> None:
    workflow.submit(draft, bob)
    workflow.request_changes(draft, team["reviewer"].user, "Add the MDM evidence.")
    draft.refresh_from_db()
    assert draft.status == Status.CHANGES_REQUESTED
    assert draft.is_editable


def test_opinions_given_before_a_new_result_no_longer_count_towards_approval(
    draft: Assessment, bob: Any, team: dict[str, Any]
) -> None:
    reviewed = _reviewed(draft, bob, team)
    assert workflow.missing_for_approval(reviewed) == []
    workflow.request_changes(reviewed, team["reviewer"].user, "The device changed: assess again.")
    reviewed.refresh_from_db()
    services.save_document(reviewed, {**reviewed.document, "seed": 7}, bob, "device")
    services.store_result(reviewed, sample_result(), "2026.11.1", bob)
    workflow.submit(reviewed, bob)
    missing = workflow.missing_for_approval(Assessment.objects.get(pk=reviewed.pk))
    assert "the security reviewer's opinion" in missing
    assert "the data-protection officer's opinion" in missing


def test_a_risk_acceptance_needs_an_expiry(draft: Assessment, bob: Any, team: dict[str, Any]) -> None:
    services.store_result(draft, result_above_appetite(), "2026.11.1", bob)
    assessment = _reviewed(draft, bob, team)
    with pytest.raises(workflow.WorkflowError, match="expiry date"):
        workflow.sign(
            assessment,
            team["approver"].user,
            decision="approve",
            attestations=ALL_ATTESTATIONS,
            risk_acceptance_reason="Reach outweighs it",
        )


def test_every_step_of_the_workflow_is_in_an_intact_audit_trail(
    draft: Assessment, bob: Any, team: dict[str, Any]
) -> None:
    assessment = _reviewed(draft, bob, team)
    workflow.sign(assessment, team["approver"].user, decision="approve", attestations=ALL_ATTESTATIONS)
    actions = list(assessment.account.organisation.audit_entries.values_list("action", flat=True))
    assert actions == [
        "assessment.create",
        "assessment.edit",
        "assessment.evaluate",
        "decision.submit",
        "decision.opinion",
        "decision.opinion",
        "decision.approve",
    ]
    assert verify() == []


@pytest.mark.parametrize(
    ("strategy", "opinions", "owner", "expected"),
    [
        (STRATEGY, ("reviewer", "dpo"), "Kari (comms)", []),
        (STRATEGY, (), "Kari (comms)", [SECURITY, DPO]),
        (STRATEGY, ("reviewer",), "", [DPO, OWNER]),
        (None, ("reviewer", "dpo"), "Kari (comms)", [_strategy_missing(AUDIENCE, MESSAGE, TRUST)]),
        ({}, ("reviewer", "dpo"), "Kari (comms)", [_strategy_missing(AUDIENCE, MESSAGE, TRUST)]),
        ({**STRATEGY, "message": "   "}, ("dpo",), "Kari (comms)", [SECURITY, _strategy_missing(MESSAGE)]),
        ({"audience": STRATEGY["audience"]}, ("reviewer", "dpo"), "", [_strategy_missing(MESSAGE, TRUST), OWNER]),
    ],
)
def test_approval_names_what_is_still_missing(
    org: Any,
    bob: Any,
    team: dict[str, Any],
    strategy: dict[str, str] | None,
    opinions: tuple[str, ...],
    owner: str,
    expected: list[str],
) -> None:
    assessment = services.start_assessment(create_account(org), bob)
    document = {k: v for k, v in assessment.document.items() if k != "strategy"}
    if strategy is not None:
        document["strategy"] = strategy
    services.save_document(assessment, document, bob, "strategy")
    services.store_result(assessment, sample_result(), "2026.11.1", bob)
    _in_review_without_asking_for_the_strategy(assessment)
    for role in opinions:
        workflow.give_opinion(assessment, team[role], "support", "Checked.")
    assessment.actions.update(owner=owner, due=dt.date(2026, 12, 31))
    assert [str(m) for m in workflow.missing_for_approval(assessment)] == expected


def test_approval_is_refused_without_the_strategy_answers_even_when_attested(
    org: Any, bob: Any, team: dict[str, Any]
) -> None:
    assessment = services.start_assessment(create_account(org), bob)
    services.store_result(assessment, sample_result(), "2026.11.1", bob)
    _in_review_without_asking_for_the_strategy(assessment)
    for role in ("reviewer", "dpo"):
        workflow.give_opinion(assessment, team[role], "support", "Checked.")
    assessment.actions.update(owner="Kari (comms)", due=dt.date(2026, 12, 31))
    with pytest.raises(workflow.WorkflowError, match="strategy questions in the step 'Strategy'"):
        workflow.sign(assessment, team["approver"].user, decision="approve", attestations=ALL_ATTESTATIONS)
    assert Assessment.objects.get(pk=assessment.pk).status == Status.IN_REVIEW


def test_the_assessment_page_lists_the_missing_strategy_answers(org: Any, bob: Any, client: Any) -> None:
    from web_records import PASSWORD

    assessment = services.start_assessment(create_account(org), bob)
    services.save_document(assessment, {**assessment.document, "strategy": {"audience": "Pupils"}}, bob, "s")
    services.store_result(assessment, sample_result(), "2026.11.1", bob)
    _in_review_without_asking_for_the_strategy(assessment)
    client.login(username="bob", password=PASSWORD)
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "strategy questions in the step &#x27;Strategy&#x27;: What do we want to say to them?" in page
    assert AUDIENCE not in page
    page = client.get(f"/assessments/{assessment.pk}/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "svar på strategispørsmålene i steget «Strategi»: Hva vil vi si til dem?" in page


def _reassessed(draft: Assessment, bob: Any, team: dict[str, Any]) -> Assessment:
    """Opinions on a first result, changes requested, a new result, and one new opinion (the reviewer's)."""
    reviewed = _reviewed(draft, bob, team)
    workflow.request_changes(reviewed, team["reviewer"].user, "The device changed: assess again.")
    reviewed.refresh_from_db()
    services.save_document(reviewed, {**reviewed.document, "seed": 7}, bob, "device")
    services.store_result(reviewed, sample_result(), "2026.11.1", bob)
    workflow.submit(reviewed, bob)
    workflow.give_opinion(reviewed, team["reviewer"], "support", "Checked the new phone too.")
    return Assessment.objects.get(pk=reviewed.pk)


def test_opinions_given_on_an_earlier_result_are_superseded_and_new_ones_count(
    draft: Assessment, bob: Any, team: dict[str, Any]
) -> None:
    assessment = _reassessed(draft, bob, team)
    weighed = [(o.text, superseded) for o, superseded in workflow.weighed_opinions(assessment)]
    assert weighed == [
        ("Dedicated phone checked.", True),
        ("Update the privacy notice.", True),
        ("Checked the new phone too.", False),
    ]
    assert SECURITY not in workflow.missing_for_approval(assessment)
    assert DPO in workflow.missing_for_approval(assessment)


def test_the_assessment_page_shows_superseded_opinions_apart(
    draft: Assessment, bob: Any, team: dict[str, Any], client: Any
) -> None:
    from web_records import PASSWORD

    assessment = _reassessed(draft, bob, team)
    client.login(username="bob", password=PASSWORD)
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert page.count('class="opinion superseded"') == 2
    assert page.count("Given on an earlier result; not counted.") == 2
    current = page.index("Checked the new phone too.")
    assert page.rindex('class="opinion"', 0, current) > page.rindex('class="opinion superseded"', 0, current)
    page = client.get(f"/assessments/{assessment.pk}/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert page.count("Gitt på et tidligere resultat; teller ikke.") == 2


def test_the_list_of_missing_attestations_ends_each_sentence_once(
    draft: Assessment, bob: Any, team: dict[str, Any]
) -> None:
    _reviewed(draft, bob, team)
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.sign(draft, team["approver"].user, decision="approve", attestations=[])
    said = str(refused.value)
    assert "are recorded." in said
    assert ".." not in said
    assert ".;" not in said


def test_an_unknown_verdict_is_refused_naming_the_verdicts_by_code_and_in_words(
    draft: Assessment, bob: Any, team: dict[str, Any]
) -> None:
    workflow.submit(draft, bob)
    with translation.override("nb"), pytest.raises(workflow.WorkflowError) as refused:
        workflow.give_opinion(draft, team["reviewer"], "maybe", "Looked at it.")
    said = str(refused.value)
    assert "support (" in said
    assert said.startswith("Velg en av")


@pytest.mark.parametrize(
    ("language", "decided", "attested"),
    [
        ("en", "Approved by", "The signer attested:"),
        ("nb", "Godkjent av", "Den som signerte, erklærte:"),
    ],
)
def test_the_assessment_page_says_who_approved_and_what_they_attested(
    draft: Assessment, bob: Any, team: dict[str, Any], client: Any, language: str, decided: str, attested: str
) -> None:
    from html import unescape

    from web_records import PASSWORD

    _reviewed(draft, bob, team)
    approver = team["approver"].user
    workflow.sign(draft, approver, decision="approve", attestations=[key for key, _text in ATTESTATIONS])
    client.login(username="bob", password=PASSWORD)
    page = unescape(client.get(f"/assessments/{draft.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode())
    assert f"{decided} {approver.get_username()}" in page
    assert attested in page
    with translation.override(language):
        assert all(str(text) in page for _key, text in ATTESTATIONS)


@pytest.mark.parametrize(
    ("lang", "refused", "who"),
    [
        (
            "en",
            "This version is in review. To change it, a reviewer or approver requests changes; then it opens for "
            "editing again.",
            "A reviewer or approver requests changes; then an editor answers them in the step and sends the "
            "version to review again.",
        ),
        (
            "nb",
            "Denne versjonen er til vurdering. For å endre den må en vurderer eller godkjenner be om endringer; "
            "da åpnes den for redigering igjen.",
            "En vurderer eller godkjenner ber om endringer; deretter svarer en redaktør i steget og sender "
            "versjonen til vurdering igjen.",
        ),
    ],
)
def test_an_editor_of_a_version_in_review_is_told_how_it_opens_again_and_who_does_what(
    org: Any, bob: Any, client: Any, lang: str, refused: str, who: str
) -> None:
    from web_records import PASSWORD

    assessment = services.start_assessment(create_account(org), bob)
    services.store_result(assessment, sample_result(), "2026.11.1", bob)
    _in_review_without_asking_for_the_strategy(assessment)
    client.login(username="bob", password=PASSWORD)
    response = client.post(
        f"/assessments/{assessment.pk}/steps/strategy/",
        {"audience": "Pupils", "message": "Help", "trust": "Answers"},
        HTTP_ACCEPT_LANGUAGE=lang,
        follow=True,
    )
    page = response.content.decode().replace("&#x27;", "'")
    assert refused in page
    assert "start a new version" not in page
    before = page[page.index('class="before-approval"') :]
    assert who in before
    assert Assessment.objects.get(pk=assessment.pk).document.get("strategy") in (None, {})
