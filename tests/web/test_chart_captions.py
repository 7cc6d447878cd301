"""A chart's caption reads as its title and its description, with no stray full stop when one of them is empty."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template.loader import render_to_string

from gonogo.web.comments.charts import distribution
from gonogo.web.evidence.charts import chart

DAYS = [(dt.date(2026, 5, 1), 10.0), (dt.date(2026, 5, 2), 12.0)]


def _caption(template: str, title: str, description: str) -> str:
    if template == "evidence/_chart.html":
        c = chart("followers", title, description, DAYS, lambda v: f"{v:.0f}")
        html = render_to_string(template, {"c": c})
    else:
        c = distribution(title, description, [("positive", "positive", 0.5, "5 (50 %)")])
        html = render_to_string(template, {"c": c, "rows": []})
    found = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("template", ["evidence/_chart.html", "comments/_distribution.html"])
@pytest.mark.parametrize(
    ("title", "description", "caption"),
    [
        (
            "Followers over time",
            "Per day from May to June.",
            "<strong>Followers over time</strong>. Per day from May to June.",
        ),
        ("Followers over time", "", "<strong>Followers over time</strong>"),
        ("", "Per day from May to June.", "Per day from May to June."),
    ],
)
def test_a_chart_caption_joins_title_and_description_only_when_both_are_there(
    template: str, title: str, description: str, caption: str
) -> None:
    assert _caption(template, title, description) == caption
