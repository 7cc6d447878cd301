"""The result page writes numbers as the report does: decimal comma and two decimals in bokmål, points in English."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from web_records import PASSWORD, import_example

from gonogo.web.assessments.models import Assessment


@pytest.fixture
def politivest(org: Any) -> Assessment:
    client = Client()
    assert client.login(username="bob", password=PASSWORD)
    return import_example(client, org)


def _pages(assessment: Assessment, accept: str) -> tuple[str, str]:
    client = Client()
    assert client.login(username="bob", password=PASSWORD)
    page = client.get(f"/assessments/{assessment.pk}/result/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    report = client.get(f"/assessments/{assessment.pk}/report.html", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    return unescape(page), unescape(report)


def _two(x: float, point: str) -> str:
    return f"{x:.2f}".replace(".", point)


@pytest.mark.parametrize(
    ("accept", "point", "heading"),
    [
        pytest.param("nb", ",", "Regler og råd som gjelder (0 bindende, 3 råd)", id="bokmål"),
        pytest.param("en", ".", "Rules and advice that apply (0 binding, 3 advisory)", id="English"),
    ],
)
def test_the_result_page_and_the_report_show_the_same_numbers_in_the_persons_language(
    politivest: Assessment, accept: str, point: str, heading: str
) -> None:
    page, report = _pages(politivest, accept)
    data = politivest.latest_result().data
    for b in data["benefits"]:
        shown = f"{_two(b['low'], point)}–{_two(b['high'], point)}"
        assert shown in page
        assert shown in report
    flips = [f for f in data["flip_points"] if f["flips_at"] is not None]
    assert flips, "Politivest has a criterion that would change the recommendation"
    for f in flips:
        assert _two(f["flips_at"], point) in page
        assert _two(f["flips_at"], point) in report
    assert heading in page
    assert heading in report


def test_the_bokmal_result_page_has_no_numbers_with_a_decimal_point(politivest: Assessment) -> None:
    page, _report = _pages(politivest, "nb")
    body = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)  # attributes (SVG coordinates, links) are not read
    assert re.findall(r"\b0\.\d+", body) == []
