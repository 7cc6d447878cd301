"""Percentages are written the way each language writes them: 81% in English, 81 % (with a space) in bokmål."""

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from gonogo.core.assessment import parse_assessment
from gonogo.core.engine import evaluate
from gonogo.core.kb import load_knowledge_base
from gonogo.core.result import result_to_dict
from gonogo.reports.html import render_html
from gonogo.reports.i18n import percent
from gonogo.reports.markdown import render_markdown
from gonogo.reports.text import render_text

KB = load_knowledge_base()
POLITIVEST = Path(__file__).resolve().parents[2] / "examples" / "politivest-2023-04.yaml"
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("share", "lang", "places", "shown"),
    [
        (0.81, "en", 0, "81%"),
        (0.81, "nb", 0, f"81{NBSP}%"),
        (1.0, "nb", 0, f"100{NBSP}%"),
        (1.0, "nb-NO", 0, f"100{NBSP}%"),
        (0.125, "en", 1, "12.5%"),
        (0.125, "nb", 1, f"12,5{NBSP}%"),
        (-0.015, "nb", 1, f"-1,5{NBSP}%"),
        (-0.00001, "en", 1, "0.0%"),
        (0.5, None, 0, "50%"),
    ],
)
def test_a_share_is_written_as_a_percentage_in_the_language_of_the_page(share, lang, places, shown):
    assert percent(share, lang, places) == shown


def _politivest():
    return result_to_dict(evaluate(parse_assessment(yaml.safe_load(POLITIVEST.read_text(encoding="utf-8")), KB), KB))


RENDERERS = {
    "html": lambda r, lang: unescape(re.sub(r"<style>.*?</style>", "", render_html(r, lang), flags=re.S)),
    "markdown": render_markdown,
    "text": render_text,
}


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_every_percentage_of_a_bokmal_report_has_a_space_before_the_sign(kind):
    report = RENDERERS[kind](_politivest(), "nb")
    assert re.search(rf"\d{NBSP}%", report)
    assert re.findall(r"\d%", report) == []


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_an_english_report_writes_percentages_without_a_space(kind):
    report = RENDERERS[kind](_politivest(), "en")
    assert re.search(r"\d%", report)
    assert re.findall(rf"\d[ {NBSP}]%", report) == []
