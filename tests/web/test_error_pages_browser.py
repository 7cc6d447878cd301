"""The 404 page, in English and bokmål, passes axe-core in Debian's Chromium (skipped without Chromium/Playwright,
except under CI=true)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from chromium import AXE, CHROMIUM, LAUNCH_ARGS
from web_records import PASSWORD, add_member, create_organisation, create_user

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


@pytest.mark.parametrize(("language", "heading"), [("en", "Page not found"), ("nb", "Fant ikke siden")])
def test_the_page_not_found_passes_axe_in_both_languages(
    browser: Any, live_server: Any, transactional_db: None, language: str, heading: str
) -> None:
    add_member(create_user("kari"), create_organisation(), "editor")
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale=language)
    page = context.new_page()
    page.goto("/login/")
    page.locator("#id_username").fill("kari")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    response = page.goto("/accounts/999999/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == heading
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    problems = [f"{v['id']} ({v['impact']}): {v['help']}" for v in results["violations"]]
    assert problems == []
    context.close()
