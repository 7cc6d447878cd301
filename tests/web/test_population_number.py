"""The organisation page writes the population served as the active language writes numbers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from web_records import PASSWORD


@pytest.mark.parametrize(
    ("population", "language", "expected"),
    [
        (12000, "en", "serves 12,000 people"),
        (12000, "nb", "betjener 12\xa0000 mennesker"),
        (1234567, "en", "serves 1,234,567 people"),
        (1234567, "nb", "betjener 1\xa0234\xa0567 mennesker"),
        (950, "en", "serves 950 people"),
    ],
)
def test_the_population_served_has_the_languages_thousands_separator(
    org: Any, population: int, language: str, expected: str
) -> None:
    org.population_served = population
    org.save()
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.login(username="bob", password=PASSWORD)
    assert expected in client.get(f"/orgs/{org.pk}/").content.decode()
