"""The organisation's facts come from its settings: step 1 shows them fixed, exports import back, imports say
which values of the file the settings replaced, and a draft says when the settings changed after it."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.contrib.messages import get_messages
from django.test import Client
from web_records import PASSWORD, create_account

from gonogo.web.api.models import ApiToken
from gonogo.web.assessments.models import Account, Assessment
from gonogo.web.orgs.models import Organisation

POLITIVEST = Path(__file__).resolve().parents[2] / "examples" / "politivest-2023-04.yaml"
FILE = yaml.safe_load(POLITIVEST.read_text(encoding="utf-8"))
FACTS = ("name", "kind", "jurisdiction", "population_served", "risk_appetite")


@pytest.fixture
def account(org: Organisation) -> Account:
    """Politivest's account, in an organisation whose settings hold the example's facts (5,400,000 served)."""
    Organisation.objects.filter(pk=org.pk).update(**{k: FILE["organisation"][k] for k in FACTS})
    return create_account(Organisation.objects.get(pk=org.pk), handle="politivest")


def _client(client: Client, username: str) -> Client:
    client.login(username=username, password=PASSWORD)
    return client


@pytest.fixture
def as_bob(org: Any, client: Client) -> Client:
    return _client(client, "bob")


def _file(doc: dict[str, Any], name: str = "assessment.yaml") -> io.BytesIO:
    upload = io.BytesIO(yaml.safe_dump(doc, allow_unicode=True).encode("utf-8"))
    upload.name = name
    return upload


def _import(client: Client, account: Account, doc: dict[str, Any]) -> tuple[Any, list[str]]:
    response = client.post(f"/accounts/{account.pk}/assessments/import/", {"file": _file(doc)})
    return response, [str(m) for m in get_messages(response.wsgi_request)]


def _with(**organisation: Any) -> dict[str, Any]:
    doc = copy.deepcopy(FILE)
    doc["organisation"].update(organisation)
    return doc


@pytest.fixture
def imported(account: Account, as_bob: Client) -> Assessment:
    response, _messages = _import(as_bob, account, FILE)
    assert response.status_code == 302
    return Assessment.objects.get(account=account)


def _step_one(assessment: Assessment, **changes: str) -> dict[str, str]:
    form = {
        "name": "Politiet i Vest",
        "kind": "municipality",
        "jurisdiction": "NO-03",
        "population_served": "650000",
        "risk_appetite": "high",
        "date": assessment.document["date"],
    }
    return form | changes


def test_a_version_exported_and_imported_again_into_the_same_account_is_taken_as_it_is(
    imported: Assessment, account: Account, as_bob: Client
) -> None:
    url = f"/assessments/{imported.pk}/steps/organisation/"
    assert as_bob.post(url, _step_one(imported, date="2023-05-02") | {"save": "1"}).status_code == 302
    exported = yaml.safe_load(as_bob.get(f"/assessments/{imported.pk}/assessment.yaml").content)
    response, messages = _import(as_bob, account, exported)
    assert response.status_code == 302
    assert messages[-1] == "Imported assessment.yaml."
    imported.refresh_from_db()
    assert imported.document == exported
    assert imported.document["date"] == "2023-05-02"


@pytest.mark.parametrize(
    ("username", "role", "told"),
    [
        ("alice", "admin", "Change them in the organisation's settings."),
        ("bob", "editor", "To change them, ask an administrator of the organisation."),
    ],
)
def test_the_organisation_step_shows_the_settings_fixed_and_who_changes_them(
    imported: Assessment, client: Client, username: str, role: str, told: str
) -> None:
    page = _client(client, username).get(f"/assessments/{imported.pk}/steps/organisation/").content.decode()
    assert 'name="name" value="Vest politidistrikt (Politivest)"' in page
    assert 'name="population_served" value="5400000"' in page
    assert page.count(" disabled") >= 5
    assert told in page
    settings_link = f'href="/orgs/{imported.account.organisation_id}/settings/"'
    assert (settings_link in page) is (role == "admin")


def test_the_organisation_step_in_bokmal_says_where_the_facts_come_from(imported: Assessment, as_bob: Client) -> None:
    as_bob.post("/i18n/setlang/", {"language": "nb", "next": "/"})
    page = as_bob.get(f"/assessments/{imported.pk}/steps/organisation/").content.decode()
    assert "hentes fra virksomhetens innstillinger" in page
    assert "Be en administrator i virksomheten om å endre dem." in page


@pytest.mark.parametrize("how", [{"save": "1"}, {"HTTP_HX_REQUEST": "true"}])
def test_posting_the_organisation_step_changes_the_date_but_not_the_organisation_facts(
    imported: Assessment, as_bob: Client, how: dict[str, str]
) -> None:
    headers = {k: v for k, v in how.items() if k.startswith("HTTP_")}
    form = _step_one(imported, date="2023-06-01") | {k: v for k, v in how.items() if not k.startswith("HTTP_")}
    assert as_bob.post(f"/assessments/{imported.pk}/steps/organisation/", form, **headers).status_code in (200, 302)
    imported.refresh_from_db()
    assert imported.document["date"] == "2023-06-01"
    assert {k: imported.document["organisation"][k] for k in FACTS} == {k: FILE["organisation"][k] for k in FACTS}


def test_a_new_version_keeps_the_organisation_facts_and_the_reach_figures(account: Account, as_bob: Client) -> None:
    _import(as_bob, account, _with(population_served=650000, level="regional"))
    first = Assessment.objects.get(account=account)
    assert first.document["organisation"]["population_served"] == 5400000
    as_bob.post(f"/assessments/{first.pk}/evaluate/")
    Assessment.objects.filter(pk=first.pk).update(status="approved")
    response = as_bob.post(f"/assessments/{first.pk}/new-version/")
    second = Assessment.objects.get(account=account, version=2)
    assert response["Location"] == f"/assessments/{second.pk}/"
    as_bob.post(f"/assessments/{second.pk}/evaluate/")
    assert second.document["organisation"] == first.document["organisation"]
    assert second.document["organisation"]["level"] == "regional"

    def reach(item: Assessment) -> Any:
        result = item.latest_result()
        assert result is not None
        return next(b for b in result.data["benefits"] if b["criterion"] == "reach")

    assert reach(second) == reach(first)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "The organisation's facts come from its settings, so these values of the file were replaced:",
                "Population served: the file said 650,000; the organisation's settings say 5,400,000.",
                "Risk appetite: the file said High; the organisation's settings say Medium.",
            ],
        ),
        (
            "nb",
            [
                "Opplysningene om virksomheten hentes fra innstillingene dens, så disse verdiene i filen ble "
                "erstattet:",
                "Innbyggere betjent: filen sa 650\xa0000; virksomhetens innstillinger sier 5\xa0400\xa0000.",
                "Risikoappetitt: filen sa Høy; virksomhetens innstillinger sier Middels.",
            ],
        ),
    ],
)
def test_the_import_message_lists_each_value_of_the_file_the_settings_replaced(
    account: Account, as_bob: Client, language: str, expected: list[str]
) -> None:
    as_bob.post("/i18n/setlang/", {"language": language, "next": "/"})
    response, messages = _import(as_bob, account, _with(population_served=650000, risk_appetite="high"))
    assert response.status_code == 302
    message = messages[-1]
    for text in expected:
        assert text in message
    item = Assessment.objects.get(account=account)
    assert item.document["organisation"]["population_served"] == 5400000
    assert item.document["organisation"]["risk_appetite"] == "medium"


def test_a_file_of_another_organisation_is_still_refused(account: Account, as_bob: Client) -> None:
    response, _messages = _import(as_bob, account, _with(name="Øst politidistrikt"))
    assert response.status_code == 200
    assert "organisation.name" in response.content.decode()
    assert not account.assessments.exists()


def test_the_api_import_returns_the_values_the_settings_replaced(account: Account, bob: Any, client: Client) -> None:
    _row, token = ApiToken.issue(bob, "test")
    response = client.post(
        f"/api/accounts/{account.pk}/assessments/",
        json.dumps(_with(population_served=650000), default=str),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["replaced"] == [{"location": "organisation.population_served", "document": 650000, "settings": 5400000}]
    assert body["document"]["organisation"]["population_served"] == 5400000


def test_a_draft_says_when_the_organisation_settings_changed_after_it_until_a_step_is_saved(
    imported: Assessment, as_bob: Client
) -> None:
    Organisation.objects.filter(pk=imported.account.organisation_id).update(population_served=5_500_000)
    page = as_bob.get(f"/assessments/{imported.pk}/").content.decode()
    assert "The organisation's settings changed after this draft took them." in page
    assert "Population served: this draft says 5,400,000; the organisation&#x27;s settings say 5,500,000." in page
    form = {"date": imported.document["date"], "save": "1"}
    assert as_bob.post(f"/assessments/{imported.pk}/steps/organisation/", form).status_code == 302
    imported.refresh_from_db()
    assert imported.document["organisation"]["population_served"] == 5_500_000
    assert "settings changed after this draft" not in as_bob.get(f"/assessments/{imported.pk}/").content.decode()
