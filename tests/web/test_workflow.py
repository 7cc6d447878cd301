"""Sign-off: draft -> in review -> changes requested / approved / rejected, and what approval freezes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from web_records import add_member, create_account, create_user, sample_result

from gonogo.web.assessments import services
from gonogo.web.assessments.models import Assessment, FrozenError, Status
from gonogo.web.audit.trail import verify
from gonogo.web.decisions import workflow
from gonogo.web.decisions.models import ATTESTATIONS

ALL_ATTESTATIONS = [key for key, _text in ATTESTATIONS]


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
        "assessment.evaluate",
        "decision.submit",
        "decision.opinion",
        "decision.opinion",
        "decision.approve",
    ]
    assert verify() == []
