"""The guided assessment: help on every question, the account's platform and handle fixed, saving as you type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from web_records import PASSWORD, create_account, name_as_in_file

from gonogo.web.assessments import services
from gonogo.web.assessments.models import Account, Assessment
from gonogo.web.assessments.steps import STEPS

POLITIVEST = Path(__file__).resolve().parents[2] / "examples" / "politivest-2023-04.yaml"


@pytest.fixture
def as_bob(org: Any, client: Client) -> Client:
    client.login(username="bob", password=PASSWORD)
    return client


@pytest.fixture
def account(org: Any) -> Account:
    name_as_in_file(org, POLITIVEST)
    return create_account(org, handle="politivest")


@pytest.fixture
def imported(account: Account, as_bob: Client) -> Assessment:
    with POLITIVEST.open("rb") as f:
        assert as_bob.post(f"/accounts/{account.pk}/assessments/import/", {"file": f}).status_code == 302
    return Assessment.objects.get(account=account)


def _help_texts(account: Account, language: str) -> dict[tuple[str, str], str]:
    with translation.override(language):
        found = {}
        for step in STEPS:
            form = step.build(None, {}, account)
            for name, field in form.fields.items():
                found[(step.slug, name)] = str(field.help_text or "").strip()
        return found


def test_every_question_of_every_step_has_help_in_english_and_bokmal(account: Account) -> None:
    english, bokmal = _help_texts(account, "en"), _help_texts(account, "nb")
    assert len(english) > 30
    assert [key for key, text in english.items() if not text] == []
    assert [key for key, text in bokmal.items() if not text] == []
    untranslated = [key for key in english if bokmal[key] == english[key]]
    assert untranslated == []


def test_the_operators_question_explains_each_role_from_the_knowledge_base(account: Account) -> None:
    with translation.override("nb"):
        form = STEPS[2].build(None, {}, account)
        assert "etterretningstjenester" in str(form.fields["minister"].help_text)


def test_the_account_step_shows_platform_and_handle_from_the_account_and_where_to_change_them(
    imported: Assessment, as_bob: Client
) -> None:
    page = as_bob.get(f"/assessments/{imported.pk}/steps/account/").content.decode()
    assert 'name="handle" value="politivest"' in page
    assert page.count(" disabled") >= 2
    assert f'href="/accounts/{imported.account_id}/edit/"' in page
    assert "come from the account record" in page


def test_the_account_step_cannot_change_platform_or_handle(imported: Assessment, as_bob: Client) -> None:
    form = {"platform": "instagram", "handle": "someoneelse", "status": "existing", "purpose": "Prevention"}
    response = as_bob.post(f"/assessments/{imported.pk}/steps/account/", form | {"save": "1"})
    assert response.status_code == 302
    imported.refresh_from_db()
    assert imported.document["platform"] == "tiktok"
    assert imported.document["account"]["handle"] == "politivest"
    assert imported.document["account"]["purpose"] == "Prevention"


def test_saving_any_step_brings_the_document_in_line_with_the_account(imported: Assessment, as_bob: Client) -> None:
    Account.objects.filter(pk=imported.account_id).update(handle="politivest_ny")
    form = {"audience": "Teenagers", "message": "Safety", "trust": "Answers", "save": "1"}
    assert as_bob.post(f"/assessments/{imported.pk}/steps/strategy/", form).status_code == 302
    imported.refresh_from_db()
    assert imported.document["account"]["handle"] == "politivest_ny"


def test_the_account_step_speaks_bokmal_about_where_to_change_them(imported: Assessment, as_bob: Client) -> None:
    as_bob.post("/i18n/setlang/", {"language": "nb", "next": "/"})
    page = as_bob.get(f"/assessments/{imported.pk}/steps/account/").content.decode()
    assert "er hentet fra kontoopplysningene" in page
    assert "Endre dem på siden der du redigerer kontoen." in page


def _evidence_form(assessment: Assessment, **changes: str) -> dict[str, str]:
    evidence = assessment.document["evidence"]
    form = {
        "followers": str(evidence["followers"]),
        "monthly_views": str(evidence["monthly_views"]),
        "engagement_rate": str(evidence["engagement_rate"]),
        "positive": str(evidence["comment_sentiment"]["positive"]),
        "negative": str(evidence["comment_sentiment"]["negative"]),
        "other_channels_reach": str(evidence["other_channels_reach"]),
    }
    return form | changes


def test_saving_as_you_type_keeps_the_valid_answers_of_an_incomplete_step(imported: Assessment, as_bob: Client) -> None:
    before = imported.document["evidence"]
    form = _evidence_form(imported, followers="900000", engagement_rate="8 %")
    response = as_bob.post(f"/assessments/{imported.pk}/steps/evidence/", form, HTTP_HX_REQUEST="true")
    status = response.content.decode()
    assert "Saved at" in status
    assert "“Followers”" in status
    assert "Still to fix: “Engagement rate”" in status
    imported.refresh_from_db()
    assert imported.document["evidence"]["followers"] == 900000
    assert imported.document["evidence"]["engagement_rate"] == before["engagement_rate"]
    assert imported.document["evidence"]["monthly_views"] == before["monthly_views"]


def test_saving_as_you_type_in_bokmal_names_the_fields_to_fix(imported: Assessment, as_bob: Client) -> None:
    as_bob.post("/i18n/setlang/", {"language": "nb", "next": "/"})
    form = _evidence_form(imported, followers="900000", engagement_rate="8 %")
    status = as_bob.post(f"/assessments/{imported.pk}/steps/evidence/", form, HTTP_HX_REQUEST="true").content.decode()
    assert "Lagret kl." in status
    assert "«Følgere». Må fortsatt rettes: «Engasjementsrate»." in status


def test_a_blank_required_answer_keeps_what_the_document_had(imported: Assessment, as_bob: Client) -> None:
    url = f"/assessments/{imported.pk}/steps/strategy/"
    as_bob.post(url, {"audience": "Teenagers", "message": "Safety", "trust": "Answers"}, HTTP_HX_REQUEST="true")
    response = as_bob.post(url, {"audience": "Young people", "message": "", "trust": "Answers"}, HTTP_HX_REQUEST="true")
    status = response.content.decode()
    assert "“Who do we want to talk to there?”" in status
    assert "Still to fix: “What do we want to say to them?”" in status
    imported.refresh_from_db()
    assert imported.document["strategy"] == {"audience": "Young people", "message": "Safety", "trust": "Answers"}


def test_nothing_valid_to_save_says_so_and_names_what_to_fix(imported: Assessment, as_bob: Client) -> None:
    before = imported.document
    form = _evidence_form(imported, engagement_rate="8 %")
    status = as_bob.post(f"/assessments/{imported.pk}/steps/evidence/", form, HTTP_HX_REQUEST="true").content.decode()
    assert status == "Nothing new saved yet. Still to fix: “Engagement rate”."
    imported.refresh_from_db()
    assert imported.document == before


def test_a_wrong_number_keeps_the_operators_count_it_had(imported: Assessment, as_bob: Client) -> None:
    counts = {o["role"]: o["count"] for o in imported.document["operators"]}
    role, count = next(iter(counts.items()))
    status = as_bob.post(
        f"/assessments/{imported.pk}/steps/operators/", {role: "-3", "staff": "4"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Still to fix" in status
    imported.refresh_from_db()
    saved = {o["role"]: o["count"] for o in imported.document["operators"]}
    assert saved[role] == count
    assert saved["staff"] == 4


def test_the_full_submit_still_checks_the_whole_step(imported: Assessment, as_bob: Client) -> None:
    before = imported.document
    form = _evidence_form(imported, followers="900000", engagement_rate="8 %")
    response = as_bob.post(f"/assessments/{imported.pk}/steps/evidence/", form | {"save": "1"})
    assert response.status_code == 200
    assert "Enter a number." in response.content.decode()
    imported.refresh_from_db()
    assert imported.document == before


def test_a_new_assessment_can_be_stepped_through_from_the_account_record(account: Account, bob: Any) -> None:
    account.operators = [{"role": "communications_officer", "count": 2}]
    account.device = {"kind": "dedicated", "work_email": False}
    account.save()
    item = services.start_assessment(account, bob)
    operators = STEPS[2].build(None, item.document, account)
    assert operators.initial == {"communications_officer": 2}
    device = STEPS[3].build(None, item.document, account)
    assert device.initial["kind"] == "dedicated"
