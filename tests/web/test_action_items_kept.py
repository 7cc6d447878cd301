"""Evaluating again keeps what people recorded on the action plan; only new conditions take the engine's
defaults, and conditions that left the result are removed with a note in the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from web_records import PASSWORD, import_example

from gonogo.web.assessments.documents import safeguard_ids
from gonogo.web.assessments.models import ActionItem, Assessment


@pytest.fixture
def as_bob(org: Any, client: Client) -> Client:
    client.login(username="bob", password=PASSWORD)
    return client


@pytest.fixture
def evaluated(org: Any, as_bob: Client) -> Assessment:
    item = import_example(as_bob, org)
    assert item.actions.exists()
    return item


def _evaluate(client: Client, item: Assessment) -> None:
    assert client.post(f"/assessments/{item.pk}/evaluate/")["Location"] == f"/assessments/{item.pk}/result/"


def _recorded(action: ActionItem) -> dict[str, Any]:
    return {"owner": action.owner, "due": action.due, "evidence": action.evidence, "done_at": action.done_at}


def _tick(client: Client, item: Assessment, safeguards: list[str]) -> None:
    url = f"/assessments/{item.pk}/steps/safeguards/"
    assert client.post(url, {"safeguards": safeguards, "save": "1"}).status_code == 302


def test_evaluating_again_keeps_the_owner_due_date_evidence_and_done_date_people_recorded(
    evaluated: Assessment, as_bob: Client
) -> None:
    action = evaluated.actions.order_by("pk").first()
    assert action is not None
    yesterday = dt.date.today() - dt.timedelta(days=1)
    form = {
        "owner": "Kari Nordmann",
        "due": "2027-02-01",
        "evidence": "Procedure v2 on the intranet",
        "done_at": yesterday.isoformat(),
    }
    assert as_bob.post(f"/actions/{action.pk}/", form).status_code == 302
    others = {a.pk: _recorded(a) for a in evaluated.actions.exclude(pk=action.pk)}
    _evaluate(as_bob, evaluated)
    _evaluate(as_bob, evaluated)
    kept = ActionItem.objects.get(pk=action.pk)
    assert _recorded(kept) == {
        "owner": "Kari Nordmann",
        "due": dt.date(2027, 2, 1),
        "evidence": "Procedure v2 on the intranet",
        "done_at": yesterday,
    }
    assert {a.pk: _recorded(a) for a in evaluated.actions.exclude(pk=action.pk)} == others


def test_a_condition_that_left_the_result_is_removed_and_the_audit_entry_names_it(
    evaluated: Assessment, as_bob: Client
) -> None:
    action = evaluated.actions.order_by("pk").first()
    assert action is not None
    as_bob.post(f"/actions/{action.pk}/", {"owner": "Kari Nordmann", "due": "2027-02-01", "evidence": ""})
    _tick(as_bob, evaluated, [*safeguard_ids(evaluated.document), action.safeguard])
    _evaluate(as_bob, evaluated)
    assert not evaluated.actions.filter(safeguard=action.safeguard).exists()
    entry = evaluated.account.organisation.audit_entries.filter(action="assessment.evaluate").order_by("-seq")[0]
    assert f"conditions no longer in the result, removed: {action.safeguard}" in entry.summary
    [removed] = entry.after["removed_conditions"]
    assert (removed["safeguard"], removed["owner"], removed["due"]) == (action.safeguard, "Kari Nordmann", "2027-02-01")


def test_a_condition_that_comes_back_is_new_and_takes_the_engines_due_date(
    evaluated: Assessment, as_bob: Client
) -> None:
    action = evaluated.actions.order_by("pk").first()
    assert action is not None
    engine_due = action.due
    as_bob.post(f"/actions/{action.pk}/", {"owner": "Kari Nordmann", "due": "2027-02-01", "evidence": ""})
    before = safeguard_ids(evaluated.document)
    _tick(as_bob, evaluated, [*before, action.safeguard])
    _evaluate(as_bob, evaluated)
    _tick(as_bob, evaluated, before)
    _evaluate(as_bob, evaluated)
    back = evaluated.actions.get(safeguard=action.safeguard)
    assert back.pk != action.pk
    assert (back.owner, back.due) == ("", engine_due)
