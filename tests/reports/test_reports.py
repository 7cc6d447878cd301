import re

import pytest

from factories import create_doc
from gonogo.core.assessment import parse_assessment
from gonogo.core.engine import evaluate
from gonogo.core.kb import load_knowledge_base
from gonogo.core.result import result_to_dict
from gonogo.reports.html import render_html
from gonogo.reports.markdown import render_markdown
from gonogo.reports.pdf import render_pdf
from gonogo.reports.text import render_text

KB = load_knowledge_base()


def result(**changes):
    return result_to_dict(evaluate(parse_assessment(create_doc(**changes), KB), KB))


def test_the_html_report_puts_the_recommendation_before_everything_else():
    html = render_html(result())
    verdict = html.index("Recommendation")
    assert verdict < html.index("Rules and advice that apply") < html.index("Risk before and after")
    assert html.index("What would change the decision") < html.index("Conditions and review")


def test_the_html_report_is_self_contained_with_inline_svg_charts():
    html = render_html(result())
    assert html.count("<svg") >= 3  # two heat maps and the acceptability chart
    assert not re.search(r"<(script|link|img)\b", html)
    assert 'role="img"' in html


def test_the_html_report_cites_the_sources_of_the_rules():
    r = result(organisation__jurisdiction="GB", organisation__kind="ministry", device={"kind": "corporate"})
    html = render_html(r)
    for rule in r["restrictions"]:
        for s in rule["sources"]:
            assert s["url"] in html


def test_a_planned_account_speaks_of_joining():
    html = render_html(result(account__status="planned"))
    assert "Join as planned" in html


def test_markdown_and_text_carry_the_same_recommendation():
    r = result()
    assert r["robustness"] in render_text(r)
    md = render_markdown(r)
    assert md.startswith("# ")
    assert "## Recommendation:" in md


def test_the_pdf_report_is_a_pdf():
    pdf = render_pdf(result())
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 5000


def _pdf_objects(pdf: bytes) -> bytes:
    """The PDF's bytes with every compressed stream (object streams included) inflated, to search in."""
    import re
    import zlib

    parts = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_the_pdf_report_is_tagged_for_screen_readers_and_says_its_language(lang):
    objects = _pdf_objects(render_pdf(result(), lang))
    assert b"/StructTreeRoot" in objects
    assert b"/MarkInfo" in objects
    assert f"/Lang ({lang})".encode() in objects
