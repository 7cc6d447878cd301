"""End to end in Debian's Chromium driven by Playwright, with axe-core checking accessibility.

The whole journey: log in, walk the guided assessment, get the result, review, approve, export the PDF.
Skipped when Chromium or Playwright is missing, except under CI=true, where they must be present.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import AXE, CHROMIUM, LAUNCH_ARGS
from web_records import PASSWORD, add_member, create_account, create_organisation, create_user

from evidence.evidence_builders import full_tiktok_export

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "politivest-2023-04.yaml"

pytestmark = pytest.mark.slow

if os.environ.get("CI") != "true":
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
    pytest.importorskip("playwright.sync_api")

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def team(transactional_db: None) -> dict[str, Any]:
    org = create_organisation("Vest politidistrikt (Politivest)", kind="police", jurisdiction="NO-46")
    people = {}
    for username, role in [("kari", "editor"), ("ola", "reviewer"), ("ingrid", "dpo"), ("per", "approver")]:
        people[username] = create_user(username)
        add_member(people[username], org, role)
    account = create_account(org, handle="politivest")
    return {"org": org, "account": account, **people}


def _page_as(browser: Any, live_server: Any, username: str) -> Any:
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, accept_downloads=True)
    page = context.new_page()
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def _axe_violations(page: Any) -> list[str]:
    """Run axe-core on the page; return the serious and critical violations, one line each."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_from_login_to_an_approved_decision_and_its_pdf(browser: Any, live_server: Any, team: dict[str, Any]) -> None:
    problems: list[str] = []
    account = team["account"]
    kari = _page_as(browser, live_server, "kari")
    problems += _axe_violations(kari)

    # Import the worked example, then walk every step of the guided form, saving each.
    kari.goto(f"/accounts/{account.pk}/")
    problems += _axe_violations(kari)
    kari.get_by_role("link", name="Import an assessment file").click()
    problems += _axe_violations(kari)
    kari.get_by_label("Assessment file (YAML or JSON)").set_input_files(str(EXAMPLE))
    kari.get_by_role("button", name="Import").click()
    kari.get_by_role("link", name="The organisation").first.click()
    for _step in range(7):
        problems += _axe_violations(kari)
        kari.get_by_role("button", name="Save and continue").click()
    kari.get_by_label("Who do we want to talk to there?").fill("Young people in Vestland")
    kari.get_by_label("What do we want to say to them?").fill("How to stay safe online")
    kari.get_by_label("How do we build trust and community there?").fill("Answer every question within a day")
    kari.get_by_role("button", name="Save and return to the overview").click()
    problems += _axe_violations(kari)

    kari.get_by_role("button", name="Get the result").click()
    kari.wait_for_url("**/result/")
    assert kari.get_by_role("heading", level=1).inner_text().startswith("Recommendation")
    problems += _axe_violations(kari)
    for link in kari.get_by_role("link", name="Update").all():
        link.click()
        kari.get_by_label("Owner").fill("Kari Nordmann")
        kari.get_by_label("Due").fill("2026-12-31")
        kari.get_by_role("button", name="Save").click()
    kari.get_by_role("link", name="version 1").click()
    kari.get_by_role("button", name="Send to review").click()
    assert "In review" in kari.content()

    for reviewer in ("ola", "ingrid"):
        page = _page_as(browser, live_server, reviewer)
        page.goto(kari.url)
        problems += _axe_violations(page)
        page.get_by_label("I support the recommendation").check()
        page.get_by_label("What you checked and what you conclude").fill("Checked the device set-up.")
        page.get_by_role("button", name="Record opinion").click()
        assert "Opinion recorded." in page.content()

    per = _page_as(browser, live_server, "per")
    per.goto(kari.url)
    for box in per.get_by_role("checkbox").all():
        box.check()
    per.get_by_role("button", name="Approve and sign").click()
    assert "Approved" in per.content()
    problems += _axe_violations(per)

    with per.expect_download() as download:
        per.get_by_role("link", name="report (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    per.goto(f"/orgs/{team['org'].pk}/audit/")
    problems += _axe_violations(per)
    per.goto("/")
    problems += _axe_violations(per)
    assert problems == [], "\n".join(problems)


def test_the_evidence_page_with_its_charts_passes_axe(
    browser: Any, live_server: Any, team: dict[str, Any], tmp_path: Path
) -> None:
    zips = full_tiktok_export(tmp_path, dt.date(2025, 5, 15), dt.date(2026, 5, 14), dt.date(2026, 5, 16))
    kari = _page_as(browser, live_server, "kari")
    kari.goto(f"/accounts/{team['account'].pk}/evidence/")
    problems = _axe_violations(kari)
    kari.get_by_label("Export files or zips").set_input_files([str(z) for z in zips])
    kari.get_by_role("button", name="Upload and import").click()
    kari.wait_for_url("**/evidence/*/")
    assert kari.get_by_role("img", name="Followers over time").count() == 1
    problems += _axe_violations(kari)
    kari.get_by_text("Views per day: the figures as a table").click()  # the table alternative, opened
    assert kari.get_by_role("table", name="Views per day").is_visible()
    problems += _axe_violations(kari)
    kari.goto(f"/accounts/{team['account'].pk}/")
    problems += _axe_violations(kari)
    assert problems == [], "\n".join(problems)


def test_the_comment_results_page_with_its_chart_and_review_queue_passes_axe(
    browser: Any, live_server: Any, team: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    from comment_files import SELF_HARM, comments_csv

    settings.GONOGO_COMMENTS_MODEL = "fast"
    kari = _page_as(browser, live_server, "kari")
    kari.goto(f"/accounts/{team['account'].pk}/comments/")
    problems = _axe_violations(kari)
    kari.get_by_label("Comment file").set_input_files(str(comments_csv(tmp_path)))
    kari.get_by_label("CSV column with the comment text").fill("Kommentar")
    kari.get_by_label("CSV column with the likes (optional)").fill("Liker")
    kari.get_by_role("button", name="Upload and analyse").click()
    kari.wait_for_url("**/comments/*/")
    assert kari.get_by_role("img", name="Sentiment of the comments").count() == 1
    problems += _axe_violations(kari)
    kari.get_by_text("Sentiment of the comments: the figures as a table").click()  # the table alternative
    assert kari.get_by_role("table", name="Sentiment of the comments").is_visible()
    problems += _axe_violations(kari)
    kari.get_by_role("button", name="Confirmed: line 8").click()  # line 8 holds SELF_HARM[0]
    assert "Marked line 8." in kari.content()
    assert SELF_HARM[0] in kari.content()
    problems += _axe_violations(kari)
    kari.goto(f"/accounts/{team['account'].pk}/")
    problems += _axe_violations(kari)
    assert problems == [], "\n".join(problems)
