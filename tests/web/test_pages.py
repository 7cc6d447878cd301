"""The pages people use, driven through the test client with the real engine and the worked examples."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client
from web_records import PASSWORD, add_member, create_account, create_user, import_example

from gonogo.web.assessments import services
from gonogo.web.assessments.models import Account, Assessment
from gonogo.web.audit.trail import verify

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
POLITIVEST = EXAMPLES / "politivest-2023-04.yaml"


@pytest.fixture
def as_bob(org: Any, client: Client) -> Client:
    client.login(username="bob", password=PASSWORD)
    return client


@pytest.fixture
def imported(org: Any, as_bob: Client) -> Assessment:
    return import_example(as_bob, org, evaluate=False)


def test_bob_adds_an_account_and_it_is_audited(org: Any, as_bob: Client) -> None:
    response = as_bob.post(
        f"/orgs/{org.pk}/accounts/new/",
        {"platform": "tiktok", "handle": "oslo", "status": "existing", "purpose": "Youth"},
    )
    account = Account.objects.get(handle="oslo")
    assert response["Location"] == f"/accounts/{account.pk}/"
    assert org.audit_entries.get().action == "account.create"


def test_a_duplicate_handle_is_refused_with_a_reason(org: Any, as_bob: Client) -> None:
    create_account(org, handle="oslo")
    response = as_bob.post(
        f"/orgs/{org.pk}/accounts/new/", {"platform": "tiktok", "handle": "oslo", "status": "existing"}
    )
    assert "already has an account with this handle" in response.content.decode()


def test_importing_a_worked_example_stores_the_same_document(imported: Assessment) -> None:
    expected = yaml.safe_load(POLITIVEST.read_text())
    assert imported.document["organisation"]["name"] == expected["organisation"]["name"]
    assert imported.document["platform"] == "tiktok"


def test_a_broken_file_is_refused_naming_the_field(org: Any, as_bob: Client) -> None:
    account = create_account(org)
    doc = yaml.safe_load(POLITIVEST.read_text())
    doc["organisation"]["kind"] = "spaceship"
    upload = io.BytesIO(yaml.safe_dump(doc).encode())
    upload.name = "broken.yaml"
    response = as_bob.post(f"/accounts/{account.pk}/assessments/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "organisation.kind" in page
    assert not account.assessments.exists()


def test_a_file_that_is_not_yaml_says_where(org: Any, as_bob: Client) -> None:
    account = create_account(org)
    upload = io.BytesIO(b"gonogo: 1\norganisation: {name: [\n")
    upload.name = "bad.yaml"
    page = as_bob.post(f"/accounts/{account.pk}/assessments/import/", {"file": upload}).content.decode()
    assert "line 3" in page


def test_evaluating_shows_the_recommendation_first(imported: Assessment, as_bob: Client) -> None:
    response = as_bob.post(f"/assessments/{imported.pk}/evaluate/")
    assert response["Location"] == f"/assessments/{imported.pk}/result/"
    page = as_bob.get(response["Location"]).content.decode()
    result = imported.latest_result()
    assert result is not None
    assert page.index("Recommendation") < page.index("Rules and advice that apply") < page.index("Action plan")
    assert result.outcome_label in page
    assert "<svg" in page


def test_the_guided_steps_save_into_the_document(imported: Assessment, as_bob: Client) -> None:
    url = f"/assessments/{imported.pk}/steps/strategy/"
    form = {
        "audience": "Teenagers in Vestland",
        "message": "Safety online",
        "trust": "Answer every question",
        "next": "1",
    }
    assert as_bob.post(url, form).status_code == 302
    imported.refresh_from_db()
    assert imported.document["strategy"]["audience"] == "Teenagers in Vestland"


def test_every_step_page_shows_its_questions(imported: Assessment, as_bob: Client) -> None:
    from gonogo.web.assessments.steps import STEPS

    for step in STEPS:
        response = as_bob.get(f"/assessments/{imported.pk}/steps/{step.slug}/")
        assert response.status_code == 200, step.slug
        assert "<form" in response.content.decode()


def test_the_organisation_step_offers_the_kinds_of_body_from_the_knowledge_base(
    imported: Assessment, as_bob: Client
) -> None:
    page = as_bob.get(f"/assessments/{imported.pk}/steps/organisation/").content.decode()
    assert 'value="police" selected' in page


def test_a_step_names_what_to_fix(imported: Assessment, as_bob: Client) -> None:
    url = f"/assessments/{imported.pk}/steps/evidence/"
    page = as_bob.post(url, {"positive": "0.8", "negative": "0.5"}).content.decode()
    assert "Positive and negative shares together cannot exceed 1." in page


def test_the_document_round_trips_through_the_steps_unchanged(imported: Assessment, as_bob: Client) -> None:
    """Saving every step without changing an answer leaves the evaluated result the same."""
    from gonogo.web.assessments.steps import STEPS

    services.store_result(imported, *_evaluate(imported), imported.created_by)
    before = imported.latest_result()
    for step in STEPS:
        form = step.form(initial=step.initial(imported.document))
        data = {}
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None or value is False:
                continue
            data[name] = value
        response = as_bob.post(f"/assessments/{imported.pk}/steps/{step.slug}/", data)
        assert response.status_code == 302, (step.slug, response.content.decode()[-6000:])
        imported.refresh_from_db()
    data, _version = _evaluate(imported)
    assert before is not None
    assert data["outcome"] == before.data["outcome"]
    assert data["recommended_option"] == before.data["recommended_option"]


def _evaluate(assessment: Assessment) -> tuple[dict[str, Any], str]:
    from gonogo.web.assessments.engine import evaluate_document

    return evaluate_document(assessment.document)


def test_exports_carry_the_document_the_result_and_the_action_plan(imported: Assessment, as_bob: Client) -> None:
    as_bob.post(f"/assessments/{imported.pk}/evaluate/")
    document = json.loads(as_bob.get(f"/assessments/{imported.pk}/assessment.json").content)
    assert document == imported.document
    assert yaml.safe_load(as_bob.get(f"/assessments/{imported.pk}/assessment.yaml").content) == imported.document
    body = json.loads(as_bob.get(f"/assessments/{imported.pk}/result.json").content)
    assert body["result"]["outcome"] in ("go", "go_with_conditions", "no_go")
    assert len(body["content_hash"]) == 64
    rows = list(csv.reader(io.StringIO(as_bob.get(f"/assessments/{imported.pk}/action-plan.csv").content.decode())))
    assert rows[0][:4] == ["safeguard", "condition", "owner", "due"]
    assert len(rows) - 1 == imported.actions.count()


def test_the_portfolio_shows_an_approved_decision(
    org: Any, imported: Assessment, as_bob: Client, client: Client
) -> None:
    from gonogo.web.decisions import workflow
    from gonogo.web.decisions.models import ATTESTATIONS

    as_bob.post(f"/assessments/{imported.pk}/evaluate/")
    imported.actions.update(owner="Kari", due="2030-01-01")
    workflow.submit(imported, imported.created_by)
    for role in ("reviewer", "dpo"):
        member = add_member(create_user(role), org, role)
        workflow.give_opinion(imported, member, "support", "Checked.")
    approver = create_user("director")
    add_member(approver, org, "approver")
    page = Client()
    page.login(username="director", password=PASSWORD)
    form = {"decision": "approve", "attestations": [k for k, _t in ATTESTATIONS]}
    assert page.post(f"/assessments/{imported.pk}/sign/", form).status_code == 302
    imported.refresh_from_db()
    assert imported.status == "approved"
    portfolio = as_bob.get("/").content.decode()
    assert imported.latest_result().outcome_label in portfolio  # type: ignore[union-attr]
    assert verify() == []


def test_login_is_throttled_after_repeated_failures(alice: Any, client: Client, settings: Any) -> None:
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/login/", {"username": "alice", "password": "wrong"})
    response = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_good_login_reaches_the_portfolio(alice: Any, client: Client) -> None:
    response = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert response["Location"] == "/"


def test_the_html_and_pdf_reports_come_from_the_stored_result(imported: Assessment, as_bob: Client) -> None:
    as_bob.post(f"/assessments/{imported.pk}/evaluate/")
    html = as_bob.get(f"/assessments/{imported.pk}/report.html")
    assert html.status_code == 200
    assert "Vest politidistrikt" in html.content.decode()
    assert "unsafe-inline" in html["Content-Security-Policy"]
    pdf = as_bob.get(f"/assessments/{imported.pk}/report.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_a_step_saves_as_you_type_when_htmx_posts_it(imported: Assessment, as_bob: Client) -> None:
    url = f"/assessments/{imported.pk}/steps/strategy/"
    form = {"audience": "Teenagers", "message": "Safety", "trust": "Answers"}
    response = as_bob.post(url, form, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Saved at" in response.content.decode()
    imported.refresh_from_db()
    assert imported.document["strategy"]["audience"] == "Teenagers"
