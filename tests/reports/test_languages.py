"""Reports in English and Norwegian bokmål: every message and knowledge-base label translated, JSON untouched."""

import gettext
import re
from html import escape, unescape
from importlib import resources
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

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
POLITIVEST = Path(__file__).resolve().parents[2] / "examples" / "politivest-2023-04.yaml"
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


@pytest.mark.parametrize(
    ("field", "noticed"),
    [
        ("title", True),
        ("summary", True),
        ("exemption.text", True),
        ("sources.0.title", False),  # a citation of a published page, kept as published
        ("issuing_body", False),  # not shown
        ("notes", False),  # not shown
    ],
)
def test_a_restriction_text_without_a_translation_is_noticed_unless_it_stays_as_published(
    monkeypatch, tmp_path, field, noticed
):
    data = tmp_path / "data"
    data.mkdir()
    for kind in catalogue.KB_FIELDS:
        (data / f"{kind}.yaml").write_text(
            (resources.files("gonogo") / "data" / f"{kind}.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    register = yaml.safe_load((data / "restrictions.yaml").read_text(encoding="utf-8"))
    entry = next(e for e in register["entries"] if e["id"] == "GB-GOV-2023")
    *path, last = field.split(".")
    target = entry
    for part in path:
        target = target[int(part)] if isinstance(target, list) else target[part]
    target[last] = "A brand-new wording of the rule"
    (data / "restrictions.yaml").write_text(yaml.safe_dump(register, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(catalogue, "resources", SimpleNamespace(files=lambda package: tmp_path))
    known = _translations()
    assert [m for m in catalogue.wanted() if m not in known] == (["A brand-new wording of the rule"] if noticed else [])


def test_every_restriction_title_summary_and_exemption_is_said_in_bokmal():
    english = [
        text
        for rule in KB.restrictions
        for text in (rule.title, rule.summary, rule.exemption.text if rule.exemption else "")
        if text
    ]
    assert len(english) > 180
    assert [text for text in english if messages.kb_text(text, "nb") == text] == []


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
    assert "Regler og råd som gjelder (1 bindende, 0 råd)" in html
    assert "Rules and advice that apply" not in html
    for rule in r["restrictions"]:
        assert escape(messages.kb_text(rule["title"], "nb")) in html
        assert escape(rule["title"]) not in html
        assert escape(messages.kb_text(rule["summary"], "nb")) in html
        assert escape(messages.kb_text(rule["exemption_text"], "nb")) in html
        for source in rule["sources"]:
            assert escape(source["title"]) in html
    assert "Statlig tilgang til appdata" in html
    md = render_markdown(r, "nb")
    assert "## Anbefaling:" in md
    text = render_text(r, "nb")
    assert "ANBEFALING:" in text
    assert "Robusthet:" in text


def politivest():
    return result_to_dict(evaluate(parse_assessment(yaml.safe_load(POLITIVEST.read_text(encoding="utf-8")), KB), KB))


def storting():
    return result(organisation__jurisdiction="NO", organisation__kind="parliament", device={"kind": "corporate"})


def uk_ministry():
    return result(organisation__jurisdiction="GB", organisation__kind="ministry", device={"kind": "corporate"})


RENDERERS = {
    "html": lambda r, lang: unescape(render_html(r, lang)),
    "markdown": render_markdown,
    "text": render_text,
}
RULES_IN_BOKMAL = [
    # (assessment, rule, its title in bokmål, its English title, its first source's title as published)
    pytest.param(
        politivest,
        "NO-POD-2023",
        "Politidirektoratet fraråder de ansatte å bruke TikTok på politiets telefoner",
        "Norwegian Police Directorate advises staff against TikTok on police phones",
        "Politiet fraråder bruk av Tiktok for sine ansatte (digi.no, 2023-03)",
        id="politivest example",
    ),
    pytest.param(
        storting,
        "NO-STORTING-2023",
        "Stortinget forbyr TikTok og Telegram på enheter med tilgang til Stortingets systemer",
        "Norwegian parliament bans TikTok and Telegram on devices with access to its systems",
        "Stortinget forbyr Tiktok og Telegram på tjenestetelefoner (VG, 2023-03)",
        id="Storting",
    ),
    pytest.param(
        uk_ministry,
        "GB-GOV-2023",
        "Den britiske regjeringen forbyr TikTok på forvaltningens tjenesteenheter",
        "UK government bans TikTok on government corporate devices",
        "TikTok banned from UK government devices (Security Magazine, reproducing Cabinet Office release)",
        id="UK ministry",
    ),
]


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
@pytest.mark.parametrize(("assessment", "rule", "bokmal", "english", "source"), RULES_IN_BOKMAL)
def test_a_bokmal_report_says_the_rule_in_bokmal_and_its_source_as_published(
    renderer, assessment, rule, bokmal, english, source
):
    r = assessment()
    assert rule in [x["id"] for x in r["restrictions"]]
    shown = RENDERERS[renderer](r, "nb")
    assert bokmal in shown
    assert english not in shown
    assert source in shown
    shown = RENDERERS[renderer](r, "en")
    assert english in shown
    assert bokmal not in shown


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
