"""Report numbers as each language writes them: 5 600 EUR and 0,09 in bokmål, EUR 5,600 and 0.09 in English."""

import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from gonogo.core.assessment import parse_assessment
from gonogo.core.engine import evaluate
from gonogo.core.kb import load_knowledge_base
from gonogo.core.result import result_to_dict
from gonogo.reports import messages
from gonogo.reports.html import render_html
from gonogo.reports.i18n import interval, money, number, score
from gonogo.reports.markdown import render_markdown
from gonogo.reports.text import render_text

KB = load_knowledge_base()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NBSP = "\u00a0"
RENDERERS = {
    "html": lambda r, lang: unescape(re.sub(r"<style>.*?</style>", "", render_html(r, lang), flags=re.S)),
    "markdown": render_markdown,
    "text": render_text,
}
# How each language groups digits and marks decimals, written as a reader would check them.
RULES = {
    "nb": (re.compile(rf"^-?\d{{1,3}}({NBSP}\d{{3}})*(,\d+)?$"), NBSP, ","),
    "en": (re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$"), ",", "."),
}


def read_back(text: str, lang: str) -> Decimal:
    """Read a number the way a reader of the language reads it; fail if it is not written by its rules."""
    pattern, group, point = RULES[lang]
    assert pattern.match(text), f"{text!r} is not a number as {lang} writes it"
    return Decimal(text.replace(group, "").replace(point, "."))


def read_money(text: str, lang: str) -> Decimal:
    if lang == "nb":
        assert text.endswith(f"{NBSP}EUR")
        return read_back(text.removesuffix(f"{NBSP}EUR"), lang)
    assert text.startswith("EUR ")
    return read_back(text.removeprefix("EUR "), lang)


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (money(5600, "en"), "EUR 5,600"),
        (money(5600, "nb"), f"5{NBSP}600{NBSP}EUR"),
        (money(5600, "nb-NO"), f"5{NBSP}600{NBSP}EUR"),
        (money(1234567.4, "nb"), f"1{NBSP}234{NBSP}567{NBSP}EUR"),
        (money(100, "nb"), f"100{NBSP}EUR"),
        (money(-0.4, "nb"), f"0{NBSP}EUR"),
        (number(15.24, "nb"), "15,24"),
        (number(15.24, "en"), "15.24"),
        (number(1.0, "nb"), "1"),
        (number(0.0000001, "nb"), "0,0000001"),
        (number(0.19438, "nb", significant=3), "0,194"),
        (number(12345.678, "nb", places=1), f"12{NBSP}345,7"),
        (score(0.0927, "nb"), "0,09"),
        (score(0.0927, "en"), "0.09"),
        (interval(0.0927, 0.15, "nb"), "0,09–0,15"),
        (interval(0.0927, 0.15, "en"), "0.09–0.15"),
    ],
)
def test_a_number_is_written_the_way_the_language_writes_it(shown, expected):
    assert shown == expected


@given(st.integers(min_value=-(10**15), max_value=10**15), st.sampled_from(["nb", "en"]))
def test_any_amount_reads_back_as_the_same_amount_in_its_language(amount, lang):
    assert read_money(money(amount, lang), lang) == amount


@given(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=4),
    st.sampled_from(["nb", "en"]),
)
def test_any_number_with_decimals_reads_back_as_the_same_number_in_its_language(value, places, lang):
    expected = Decimal(f"{value:.{places}f}")
    assert read_back(number(value, lang, places=places), lang) == expected


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False), st.sampled_from(["nb", "en"]))
def test_a_figure_shown_as_it_is_reads_back_exactly_without_exponents(value, lang):
    assert read_back(number(value, lang), lang) == Decimal(repr(value))


def _result(example: str):
    doc = yaml.safe_load((EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8"))
    doc["draws"] = 1000
    return result_to_dict(evaluate(parse_assessment(doc, KB), KB))


EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def example(request):
    return _result(request.param)


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_a_bokmal_report_writes_costs_with_spaces_and_the_currency_after(example, kind):
    report = RENDERERS[kind](example, "nb")
    assert "EUR " not in report.replace(f"{NBSP}EUR", "")
    for o in example["options"]:
        assert money(o["cost_eur"], "nb") in report
    assert f"5{NBSP}600{NBSP}EUR" in report  # leaving costs 5,600 euros in every example


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_a_bokmal_report_writes_benefit_values_and_flip_points_with_a_decimal_comma(example, kind):
    report = RENDERERS[kind](example, "nb")
    for b in example["benefits"]:
        assert f"{b['low']:.2f}".replace(".", ",") + "–" + f"{b['high']:.2f}".replace(".", ",") in report
    assert re.findall(r"\b[01]\.\d\d\b", report) == []
    for f in example["flip_points"]:
        if f["flips_at"] is not None:
            assert score(f["flips_at"], "nb") in report


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_an_english_report_keeps_english_numbers(example, kind):
    report = RENDERERS[kind](example, "en")
    assert "EUR 5,600" in report
    for b in example["benefits"]:
        assert f"{b['low']:.2f}–{b['high']:.2f}" in report


@pytest.mark.parametrize("kind", sorted(RENDERERS))
@pytest.mark.parametrize(
    "english",
    [
        "official task",
        "official_task",
        "(primary)",
        "(secondary)",
        "followers_per_100",
        " share]",
        "The rules that bind",
    ],
)
def test_a_bokmal_report_has_no_fixed_english_fragments(example, kind, english):
    assert english not in RENDERERS[kind](example, "nb")


@pytest.mark.parametrize(
    ("verified", "lang", "said"),
    [
        ("primary", "nb", "kontrollert mot primærkilden"),
        ("secondary", "nb", "kontrollert mot en sekundærkilde"),
        ("primary", "en", "checked against the primary source"),
        ("2024-01-31", "nb", "kontrollert (2024-01-31)"),
        (None, "nb", ""),
    ],
)
def test_how_a_rule_was_checked_is_said_in_words(verified, lang, said):
    assert messages.verified(verified, lang) == said


@pytest.mark.parametrize(
    ("raw", "unit", "lang", "said"),
    [
        (1.0, "official_task", "nb", "kontoen tjener en offentlig oppgave"),
        (0.0, "official_task", "nb", "kontoen tjener ingen offentlig oppgave"),
        (1.0, "official_task", "en", "the account serves an official task"),
        (15.24, "followers_per_100", "nb", "15,24 (følgere per 100 innbyggere)"),
        (0.477, "share", "en", "0.477 (share)"),
        (None, "share", "nb", ""),
    ],
)
def test_the_evidence_behind_a_benefit_is_said_in_the_language(raw, unit, lang, said):
    assert messages.evidence_value({"raw": raw, "unit": unit}, lang) == said


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("nb", "Regler og råd som gjelder (0 bindende, 3 råd)"),
        ("en", "Rules and advice that apply (0 binding, 3 advisory)"),
    ],
)
@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_the_rules_heading_counts_binding_rules_and_advice_apart(kind, lang, heading):
    politivest = _result("politivest-2023-04")
    assert [x["binding"] for x in politivest["restrictions"]] == [False, False, False]
    assert heading in RENDERERS[kind](politivest, lang)


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_every_report_names_the_options_of_a_planned_account_as_joining(kind):
    india = _result("india-municipality-2024")
    assert india["account_status"] == "planned"
    report = RENDERERS[kind](india, "nb")
    assert "Bli med som planlagt" in report
    assert "Bli som nå" not in report


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_reports_name_the_platform_as_the_knowledge_base_spells_it(fmt: str) -> None:
    from gonogo.reports import messages as m

    assert m.platform("tiktok") == "TikTok"
    assert m.platform("unknown-platform") == "unknown-platform"
    said = RENDERERS[fmt](_result("politivest-2023-04"), "nb")
    assert "Vest politidistrikt (Politivest) på TikTok" in said
    assert "på tiktok" not in said
