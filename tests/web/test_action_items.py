"""Conditions as action items: who owns them and by when, and the evidence that they are met.

Owners and due dates can be set until the version is approved or rejected (in review too: approval needs
them); after that they stay as signed, and the page says so rather than ignoring a change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from web_records import PASSWORD, add_member, create_user, import_example

from gonogo.web.assessments.models import ActionItem, Assessment
from gonogo.web.decisions import workflow
from gonogo.web.decisions.models import ATTESTATIONS

ALL_ATTESTATIONS = [key for key, _text in ATTESTATIONS]


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


@pytest.fixture
def as_bob(org: Any) -> Client:
    return _client("bob")


@pytest.fixture
def in_review(org: Any, as_bob: Client) -> Assessment:
    """Politivest's assessment, evaluated, in review with both opinions given, its conditions without owners."""
    item = import_example(as_bob, org)
    item.actions.update(owner="", due=None)
    workflow.submit(item, item.created_by)
    for role in ("reviewer", "dpo"):
        workflow.give_opinion(item, add_member(create_user(role), org, role), "support", "Checked.")
    add_member(create_user("director"), org, "approver")
    item.refresh_from_db()
    return item


def _approve(item: Assessment) -> Any:
    return _client("director").post(
        f"/assessments/{item.pk}/sign/", {"decision": "approve", "attestations": ALL_ATTESTATIONS}, follow=True
    )


def _approved(in_review: Assessment) -> Assessment:
    in_review.actions.update(owner="Kari Nordmann", due=dt.date(2030, 1, 31))
    _approve(in_review)
    in_review.refresh_from_db()
    assert in_review.status == "approved"
    return in_review


def test_a_condition_without_an_owner_can_be_given_one_in_review_and_then_the_version_is_approved(
    in_review: Assessment, as_bob: Client
) -> None:
    assert in_review.actions.count() >= 1
    assert "an owner and a due date for the condition" in _approve(in_review).content.decode()
    in_review.refresh_from_db()
    assert in_review.status == "in_review"
    page = as_bob.get(f"/actions/{in_review.actions.first().pk}/").content.decode()
    assert 'name="owner"' in page
    assert "the approver signs these owners and due dates" in page
    for action in in_review.actions.all():
        response = as_bob.post(f"/actions/{action.pk}/", {"owner": "Kari Nordmann", "due": "2030-01-31"})
        assert response.status_code == 302
    _approve(in_review)
    in_review.refresh_from_db()
    assert in_review.status == "approved"
    assert set(in_review.actions.values_list("owner", flat=True)) == {"Kari Nordmann"}


def test_an_approved_versions_owner_and_due_date_are_shown_read_only_with_how_to_change_them(
    in_review: Assessment, as_bob: Client
) -> None:
    item = _approved(in_review)
    page = as_bob.get(f"/actions/{item.actions.first().pk}/").content.decode()
    assert 'name="owner"' not in page
    assert 'name="due"' not in page
    assert "Kari Nordmann" in page
    assert "2030-01-31" in page
    assert "This version is approved, so its owners and due dates stay as they were signed." in page
    assert "start a new version from this one" in page
    assert 'name="evidence"' in page


@pytest.mark.parametrize(
    "change",
    [{"owner": "Ola Nordmann"}, {"due": "2031-06-30"}, {"due": "not a date"}, {"owner": "", "due": ""}],
)
def test_changing_an_approved_versions_owner_or_due_date_is_refused_saying_why(
    change: dict[str, str], in_review: Assessment, as_bob: Client
) -> None:
    item = _approved(in_review)
    action = item.actions.first()
    response = as_bob.post(f"/actions/{action.pk}/", {"evidence": "MDM policy", **change})
    assert response.status_code == 200
    assert "The owner and due date cannot change once the version is approved or rejected" in response.content.decode()
    action.refresh_from_db()
    assert (action.owner, action.due, action.evidence) == ("Kari Nordmann", dt.date(2030, 1, 31), "")


def test_progress_on_an_approved_version_is_recorded_even_when_the_owner_is_sent_unchanged(
    in_review: Assessment, as_bob: Client
) -> None:
    item = _approved(in_review)
    action = item.actions.first()
    today = timezone.localdate().isoformat()
    form = {"owner": "Kari Nordmann", "due": "2030-01-31", "evidence": "MDM policy screenshot", "done_at": today}
    assert as_bob.post(f"/actions/{action.pk}/", form).status_code == 302
    action.refresh_from_db()
    assert (action.evidence, action.done_at.isoformat()) == ("MDM policy screenshot", today)


def _days_from_today(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


# (evidence, done date in days from today, the error shown or None when it is saved)
DONE_RULES = [
    ("MDM policy screenshot", 0, None),
    ("MDM policy screenshot", -30, None),
    ("MDM policy screenshot", 1, "The done date cannot be in the future."),
    ("", 0, "Say what shows that the condition is met before giving a done date."),
    ("   ", -1, "Say what shows that the condition is met before giving a done date."),
]


@pytest.mark.parametrize(("evidence", "days", "error"), DONE_RULES)
def test_a_done_date_needs_evidence_and_cannot_be_in_the_future(
    evidence: str, days: int, error: str | None, in_review: Assessment, as_bob: Client
) -> None:
    action = in_review.actions.first()
    form = {"owner": "Kari", "due": "2030-01-31", "evidence": evidence, "done_at": _days_from_today(days)}
    response = as_bob.post(f"/actions/{action.pk}/", form)
    action.refresh_from_db()
    if error is None:
        assert response.status_code == 302
        assert action.done_at == dt.date.fromisoformat(form["done_at"])
    else:
        assert response.status_code == 200
        assert error in response.content.decode()
        assert action.done_at is None


def test_the_action_page_refuses_in_bokmal_too(in_review: Assessment, as_bob: Client) -> None:
    action: ActionItem = in_review.actions.first()
    form = {"owner": "Kari", "due": "2030-01-31", "evidence": "Skjermbilde", "done_at": _days_from_today(3)}
    page = as_bob.post(f"/actions/{action.pk}/", form, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Datoen da vilkåret ble oppfylt, kan ikke være fram i tid." in page
