"""The portfolio's flags (overdue conditions, a review that has come, a knowledge base changed since the result)
lead to the version they are about, and its pages say the same in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from web_records import PASSWORD, import_example

from gonogo.web.assessments.models import Assessment, Result
from gonogo.web.orgs import portfolio
from gonogo.web.orgs.models import Organisation

DAY = dt.timedelta(days=1)


@pytest.fixture
def as_bob(org: Any, client: Client) -> Client:
    client.login(username="bob", password=PASSWORD)
    return client


@pytest.fixture
def draft(org: Any, as_bob: Client) -> Assessment:
    """An evaluated draft with at least one condition."""
    item = import_example(as_bob, org)
    assert item.actions.exists()
    return item


def pages(client: Client, item: Assessment) -> dict[str, str]:
    return {
        "result": client.get(f"/assessments/{item.pk}/result/").content.decode(),
        "assessment": client.get(f"/assessments/{item.pk}/").content.decode(),
        "account": client.get(f"/accounts/{item.account_id}/").content.decode(),
    }


def approve(item: Assessment) -> None:
    Assessment.objects.filter(pk=item.pk).update(status="approved")


@pytest.mark.parametrize(
    ("review_in_days", "due"),
    [(-1, True), (0, True), (1, False)],
    ids=["passed yesterday", "today", "tomorrow"],
)
def test_a_review_is_due_by_the_day_the_portfolio_is_drawn_for(
    draft: Assessment, org: Organisation, review_in_days: int, due: bool
) -> None:
    on = dt.date(2031, 5, 1)  # not today: the row must use the day it is given
    Result.objects.filter(assessment=draft).update(review_date=on + dt.timedelta(days=review_in_days))
    (row,) = portfolio.rows(Organisation.objects.filter(pk=org.pk), on, None)
    assert row.review_due is due


def test_an_evaluated_draft_shows_its_outcome_marked_as_a_draft(draft: Assessment, as_bob: Client) -> None:
    page = as_bob.get("/").content.decode()
    assert draft.latest_result().outcome_label in page  # type: ignore[union-attr]
    assert f"draft v{draft.version}, not decided" in page
    assert "not decided</td>" not in page


def test_an_approved_decision_is_not_marked_as_a_draft(draft: Assessment, as_bob: Client) -> None:
    approve(draft)
    assert "not decided" not in as_bob.get("/").content.decode()


@pytest.mark.parametrize("status", ["draft", "approved"])
def test_overdue_conditions_are_counted_with_a_link_and_marked_on_every_page(
    draft: Assessment, as_bob: Client, status: str
) -> None:
    if status == "approved":
        approve(draft)
    late = timezone.localdate() - 3 * DAY
    action = draft.actions.first()
    draft.actions.exclude(pk=action.pk).update(due=timezone.localdate() + 30 * DAY)
    action.due = late
    action.save()
    assert f'href="/assessments/{draft.pk}/result/#plan">1 overdue</a>' in as_bob.get("/").content.decode()
    shown = pages(as_bob, draft)
    assert f"overdue since {late:%Y-%m-%d}" in shown["result"]
    assert 'id="plan"' in shown["result"]
    for name in ("assessment", "account"):
        assert "1 condition is overdue." in shown[name], name
        assert f'href="/assessments/{draft.pk}/result/#plan"' in shown[name], name


def test_a_condition_done_late_is_not_overdue(draft: Assessment, as_bob: Client) -> None:
    draft.actions.update(due=timezone.localdate() - 3 * DAY, done_at=timezone.localdate() - DAY)
    shown = pages(as_bob, draft)
    assert "overdue since" not in shown["result"]
    assert "is overdue" not in shown["assessment"]
    assert "are overdue" not in shown["assessment"]
    assert "overdue</a>)" not in as_bob.get("/").content.decode()


@pytest.mark.parametrize(
    ("status", "what_to_do"),
    [
        ("draft", "Get the result again to see whether the decision changes."),
        ("approved", "Start a new version from this one and get its result to see whether the decision changes."),
    ],
)
def test_a_result_of_an_older_knowledge_base_says_so_and_what_to_do(
    draft: Assessment, as_bob: Client, status: str, what_to_do: str
) -> None:
    if status == "approved":
        approve(draft)
    Result.objects.filter(assessment=draft).update(kb_version="1999.1")
    assert f'href="/assessments/{draft.pk}/#kb-changed">knowledge base changed</a>' in as_bob.get("/").content.decode()
    for name, page in pages(as_bob, draft).items():
        assert "The knowledge base changed since this result." in page, name
        assert "It was computed with knowledge base 1999.1" in page, name
        assert what_to_do in page, name


def test_a_result_of_the_current_knowledge_base_says_nothing_of_it(draft: Assessment, as_bob: Client) -> None:
    for name, page in pages(as_bob, draft).items():
        assert "The knowledge base changed" not in page, name
    assert "knowledge base changed" not in as_bob.get("/").content.decode()


def test_a_review_date_that_has_passed_is_said_in_words(draft: Assessment, as_bob: Client) -> None:
    past = timezone.localdate() - 10 * DAY
    Result.objects.filter(assessment=draft).update(review_date=past)
    for name, page in pages(as_bob, draft).items():
        assert f"The review was due on {past:%Y-%m-%d}." in page, name
    assert "review overdue" in as_bob.get("/").content.decode()


def test_the_portfolio_says_in_bokmal_that_the_review_is_overdue(draft: Assessment, as_bob: Client) -> None:
    Result.objects.filter(assessment=draft).update(review_date=timezone.localdate() - DAY)
    as_bob.post("/i18n/setlang/", {"language": "nb", "next": "/"})
    page = as_bob.get("/").content.decode()
    assert "gjennomgang forfalt" in page
    assert ">frist<" not in page


@pytest.mark.parametrize(("url", "columns"), [("/", 7), ("/orgs/{pk}/", 6)], ids=["portfolio", "organisation"])
def test_the_empty_table_spans_all_its_columns(org: Any, as_bob: Client, url: str, columns: int) -> None:
    page = as_bob.get(url.format(pk=org.pk)).content.decode()
    table = page[page.index("<table>") : page.index("</table>")]
    assert table.count('<th scope="col">') == columns
    assert f'<td colspan="{columns}">No accounts yet.</td>' in table
