"""Every report format says so when no single criterion would change the decision."""

from __future__ import annotations

import pytest

from factories import create_doc
from gonogo.core.assessment import parse_assessment
from gonogo.core.engine import evaluate
from gonogo.core.kb import load_knowledge_base
from gonogo.core.result import result_to_dict
from gonogo.reports.html import render_html
from gonogo.reports.markdown import render_markdown
from gonogo.reports.text import render_text

NONE_CHANGES = {
    "en": "No single criterion changes it within its range.",
    "nb": "Ingen enkelt kriterium endrer den innenfor sitt spenn.",
}
RENDERERS = {"html": render_html, "markdown": render_markdown, "text": render_text}


@pytest.fixture(scope="module")
def evaluated() -> dict:
    kb = load_knowledge_base()
    return result_to_dict(evaluate(parse_assessment(create_doc(), kb), kb))


@pytest.mark.parametrize("lang", sorted(NONE_CHANGES))
@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize(
    "flips",
    [[], [{"criterion": "reach", "flips_at": None}]],
    ids=["no flip point", "only criteria no value of which changes it"],
)
def test_a_report_without_a_flip_point_says_no_single_criterion_changes_it(evaluated, fmt, lang, flips):
    r = {**evaluated, "flip_points": [{**evaluated["flip_points"][0], **f} for f in flips] if flips else []}
    report = RENDERERS[fmt](r, lang=lang)
    assert NONE_CHANGES[lang] in report
    assert "<ul></ul>" not in report.replace("\n", "")


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_a_report_with_a_flip_point_names_it_instead(evaluated, fmt):
    assert any(f["flips_at"] is not None for f in evaluated["flip_points"]), "the sample result has a flip point"
    report = RENDERERS[fmt](evaluated)
    assert NONE_CHANGES["en"] not in report
    assert "the recommendation would become" in report
