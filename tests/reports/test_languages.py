"""Reports in English and Norwegian bokmål: every message and knowledge-base label translated, JSON untouched."""

import gettext
import re

import pytest

from factories import create_doc
from gonogo.core.assessment import parse_assessment
from gonogo.core.engine import evaluate
from gonogo.core.kb import load_knowledge_base
from gonogo.core.result import result_to_dict
from gonogo.reports import catalogue, messages
from gonogo.reports.html import render_html
from gonogo.reports.i18n import language_of
from gonogo.reports.markdown import render_markdown
from gonogo.reports.text import render_text

KB = load_knowledge_base()
PO = catalogue.po_path("nb")
FIELD = re.compile(r"\{(\w+)[^}]*\}")


def result(**changes):
    return result_to_dict(evaluate(parse_assessment(create_doc(**changes), KB), KB))


def _translations():
    return {e.msgid: e for e in catalogue.read_po(PO) if e.msgid}


def test_every_report_message_and_knowledge_base_label_has_a_bokmal_translation():
    known = _translations()
    wanted = catalogue.wanted()
    assert len(wanted) > 250
    missing = [msgid for msgid in wanted if not (msgid in known and known[msgid].msgstr)]
    assert missing == [], "run python -m gonogo.reports.catalogue and translate the empty entries"
    assert [e.msgid for e in known.values() if "fuzzy" in e.flags] == []


def test_a_knowledge_base_label_without_a_translation_is_noticed(monkeypatch):
    labels = catalogue.kb_labels()
    monkeypatch.setattr(catalogue, "kb_labels", lambda: {**labels, "A brand-new safeguard": ["kb:safeguards.x.title"]})
    known = _translations()
    assert [m for m in catalogue.wanted() if m not in known] == ["A brand-new safeguard"]


def test_every_translation_keeps_the_placeholders_of_its_message():
    wrong = [
        e.msgid for e in _translations().values() if sorted(FIELD.findall(e.msgid)) != sorted(FIELD.findall(e.msgstr))
    ]
    assert wrong == []


def test_the_compiled_catalogue_matches_the_po_file():
    with PO.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [e.msgid for e in _translations().values() if compiled.gettext(e.msgid) != e.msgstr]
    assert stale == [], "run python -m gonogo.reports.catalogue to compile the catalogue"


@pytest.mark.parametrize(
    ("tag", "lang"),
    [
        ("nb", "nb"),
        ("nb-NO", "nb"),
        ("no", "nb"),
        ("en", "en"),
        ("en-GB", "en"),
        ("", "en"),
        (None, "en"),
        ("sv", "en"),
    ],
)
def test_a_language_tag_maps_to_a_report_language(tag, lang):
    assert language_of(tag) == lang


@pytest.mark.parametrize(
    ("code", "params", "english", "bokmal"),
    [
        ("prohibited_by", {"restriction": "GB-CO-2023", "why": "no_exemption"}, "Prohibited by", "Forbudt av"),
        (
            "exemption_unmet",
            {"restriction": "X", "missing": ["dedicated_device"]},
            "A dedicated device",
            "En egen enhet",
        ),
        ("above_appetite", {"threat": "state_access", "level": "high"}, "State access to app data", "høy"),
        ("same_as_stay_as_is", {}, "Nothing needs adding", "Ingenting må legges til"),
        ("advised_against", {"restriction": "X", "missing": []}, "Advised against by X.", "Frarådet av X."),
        ("recommended", {"option": "leave", "acceptability": 0.8}, "80%", "Forlat / ikke bli med"),
        ("inadmissible", {"option": "stay_as_is"}, "Stay as is is not admissible.", "Bli som nå er ikke tillatt."),
        ("binding_prohibition", {}, "binding rule", "bindende regel"),
        ("twelve_months", {}, "twelve months", "tolv måneder"),
        ("safeguard_expires", {"safeguard": "mfa"}, "expires", "utløper"),
        ("approval_expires", {"safeguard": "security_team_approval"}, "renewed", "fornyes"),
        ("risk_acceptance_expires", {"threat": "account_takeover"}, "Account takeover", "Kontokapring"),
        ("restriction_review", {"restriction": "X"}, "X is due for review", "X skal revideres"),
        ("restriction_ends", {"restriction": "X"}, "X ends", "X opphører"),
    ],
)
def test_each_reason_is_said_in_english_and_in_bokmal(code, params, english, bokmal):
    assert english in messages.reason(code, params, "en")
    assert bokmal in messages.reason(code, params, "nb")


def test_an_unknown_code_is_shown_as_it_is_in_either_language():
    assert messages.reason("something_new", {}, "nb") == "something_new"
    assert messages.title("threats", "no_such_threat", "nb") == "no_such_threat"


def test_the_bokmal_reports_speak_bokmal_and_keep_citations_as_published():
    r = result(organisation__jurisdiction="GB", organisation__kind="ministry", device={"kind": "corporate"})
    html = render_html(r, "nb")
    assert '<html lang="nb">' in html
    assert "Reglene som binder" in html
    assert "The rules that bind" not in html
    for rule in r["restrictions"]:
        assert rule["title"].replace("'", "&#x27;") in html
    assert "Statlig tilgang til appdata" in html
    md = render_markdown(r, "nb")
    assert "## Anbefaling:" in md
    text = render_text(r, "nb")
    assert "ANBEFALING:" in text
    assert "Robusthet:" in text


def test_the_action_plan_is_translated_with_how_to_verify():
    r = result(organisation__jurisdiction="GB", organisation__kind="ministry", device={"kind": "corporate"})
    assert r["action_plan"]
    text = render_text(r, "nb")
    for c in r["action_plan"]:
        assert messages.kb_text(c["title"], "nb") in text
        assert messages.kb_text(c["verify"], "nb") != c["verify"]


def test_english_stays_the_default():
    r = result()
    assert "RECOMMENDATION:" in render_text(r)
    assert '<html lang="en">' in render_html(r)
