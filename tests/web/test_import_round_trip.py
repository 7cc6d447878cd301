"""Importing a version's own exported file, unchanged, leaves its result standing."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from web_records import import_example


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_importing_an_evaluated_versions_own_export_keeps_its_result_current(
    client: Any, alice: Any, org: Any, fmt: str
) -> None:
    client.force_login(alice)
    item = import_example(client, org)
    exported = client.get(f"/assessments/{item.pk}/assessment.{fmt}")
    assert exported.status_code == 200
    upload = io.BytesIO(exported.content)
    upload.name = f"again.{fmt}"
    response = client.post(f"/accounts/{item.account_id}/assessments/import/", {"file": upload})
    assert response.status_code == 302
    page = client.get(f"/assessments/{item.pk}/").content.decode()
    assert "The answers changed" not in page
    assert "Send to review" in page
    result = client.get(f"/assessments/{item.pk}/result/").content.decode()
    assert "The answers changed" not in result


@pytest.mark.parametrize(
    ("computed_from", "now", "current"),
    [
        ({"date": "2026-03-01", "seed": 1}, {"date": dt.date(2026, 3, 1), "seed": 1}, True),
        ({"a": 1, "b": {"x": 1, "y": 2}}, {"b": {"y": 2, "x": 1}, "a": 1}, True),
        ({"weights": {"reach": 0.5}}, {"weights": {"reach": 0.6}}, False),
        ({"date": "2026-03-01"}, {"date": dt.date(2026, 3, 2)}, False),
    ],
    ids=["a date and its ISO text", "another key order", "a changed weight", "another date"],
)
def test_a_result_is_current_only_when_the_answers_are_the_same(
    computed_from: dict[str, Any], now: dict[str, Any], current: bool
) -> None:
    from gonogo.web.assessments.models import Assessment, Result
    from gonogo.web.assessments.services import is_current

    assert is_current(Assessment(document=now), Result(document=computed_from)) is current
