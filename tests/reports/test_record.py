"""The decision record in the HTML and PDF reports: where the version stands, who said and signed what."""

import datetime as dt

import pytest

from factories import create_doc
from gonogo.core.assessment import parse_assessment
from gonogo.core.engine import evaluate
from gonogo.core.kb import load_knowledge_base
from gonogo.core.result import result_to_dict
from gonogo.reports import messages
from gonogo.reports.html import render_html
from gonogo.reports.record import (
    DecisionRecord,
    RecordedAction,
    RecordedOpinion,
    RecordedSignature,
    RiskAcceptance,
    StrategyAnswer,
)

KB = load_knowledge_base()
HASH = "ab" * 32


@pytest.fixture(scope="module")
def r():
    r = result_to_dict(evaluate(parse_assessment(create_doc(device={"kind": "personal"}), KB), KB))
    assert r["action_plan"], "the record's conditions replace the engine's; this result needs some"
    return r


def approved(r, **changes):
    fields = {
        "version": 2,
        "status": "approved",
        "status_label": "Approved",
        "strategy": (
            StrategyAnswer("Who do we want to talk to there?", "Young people in Western Norway"),
            StrategyAnswer("What do we want to say to them?", "Where to get help"),
            StrategyAnswer("How do we build trust and community there?", ""),
        ),
        "opinions": (
            RecordedOpinion("Security review", "I object", "Old phone.", "ola", dt.datetime(2026, 3, 1, 9, 0), True),
            RecordedOpinion(
                "Security review", "I support it", "New phone checked.", "ola", dt.datetime(2026, 3, 3, 9, 0)
            ),
            RecordedOpinion(
                "Data-protection opinion", "I support it", "Notice updated.", "ingrid", dt.datetime(2026, 3, 3, 10, 0)
            ),
        ),
        "signature": RecordedSignature(
            True, "per", dt.datetime(2026, 3, 4, 14, 30), ("I have read the opinions.",), "Go ahead."
        ),
        "risk_acceptance": RiskAcceptance("Reach outweighs it", dt.date(2027, 3, 1)),
        "actions": tuple(
            RecordedAction(c["title"], c["verify"], "Kari Nordmann", dt.date(2026, 6, 30), "MDM screenshot")
            for c in r["action_plan"]
        ),
        "kb_version": r["kb_version"],
        "result_hash": "cd" * 32,
        "sealed_hash": HASH,
        "sealed_at": dt.datetime(2026, 3, 4, 14, 30),
        "seal_verifies": True,
    }
    return DecisionRecord(**{**fields, **changes})


def _plan(html):
    start = html.index('id="plan"')
    return html[start : html.index("<footer", start)].split("<h2")[0]


def test_without_a_record_the_report_is_the_engines_as_before(r):
    html = render_html(r)
    assert "Decision record" not in html
    assert messages.owner(r["action_plan"][0]["owner"]) in _plan(html)


def test_an_approved_record_shows_who_decided_and_whether_the_seal_holds(r):
    html = render_html(r, record=approved(r))
    assert html.index("Status: Approved.") < html.index("Recommendation")
    assert "Version 2 was approved and signed by per on 2026-03-04 14:30." in html
    record = html[html.index('id="record"') :]
    for text in (
        "Young people in Western Norway",
        "How do we build trust and community there?</dt><dd><em>not answered</em>",
        "New phone checked.",
        "ingrid, 2026-03-03 10:00",
        "I have read the opinions.",
        "The signer&#x27;s statement: Go ahead.",
        "accepted until 2027-03-01",
        "Why it is accepted: Reach outweighs it",
        HASH,
        "cd" * 32,
        "the record still matches its seal",
    ):
        assert text in record, text


def test_the_conditions_are_the_recorded_action_items_not_the_engines_owners(r):
    plan = _plan(render_html(r, record=approved(r)))
    assert plan.count("Kari Nordmann") == len(r["action_plan"])
    assert "2026-06-30" in plan
    assert "MDM screenshot" in plan
    assert messages.owner(r["action_plan"][0]["owner"]) not in plan
    unowned = approved(r, actions=(RecordedAction("Use a dedicated phone", "Inventory", "", None),))
    plan = _plan(render_html(r, record=unowned))
    assert plan.count("not set") == 2


def test_an_opinion_given_on_an_earlier_result_is_marked_superseded(r):
    html = render_html(r, record=approved(r))
    assert html.count("<article class='opinion superseded'>") == 1
    assert html.count("<article class='opinion'>") == 2
    start = html.index("<article class='opinion superseded'>")
    superseded = html[start : html.index("</article>", start)]
    assert "Given on an earlier result; not counted." in superseded
    assert "Old phone." in superseded
    assert html.count("Given on an earlier result; not counted.") == 1


@pytest.mark.parametrize(
    ("status", "label", "signature", "says"),
    [
        ("draft", "Draft", None, "Version 2 has not been decided and is not signed."),
        ("in_review", "In review", None, "Version 2 has not been decided and is not signed."),
        ("changes_requested", "Changes requested", None, "Version 2 has not been decided and is not signed."),
        (
            "rejected",
            "Rejected",
            RecordedSignature(False, "per", dt.datetime(2026, 3, 4, 9, 5), (), "Too risky."),
            "Version 2 was rejected by per on 2026-03-04 09:05.",
        ),
    ],
)
def test_an_undecided_or_rejected_version_says_so(r, status, label, signature, says):
    record = approved(r, status=status, status_label=label, signature=signature, sealed_hash="", seal_verifies=None)
    html = render_html(r, record=record)
    assert f"Status: {label}." in html
    assert says in html
    assert "Not sealed: a version is sealed when it is approved." in html
    if signature is None:
        assert "Not signed." in html


def test_a_record_changed_after_approval_says_it_no_longer_matches_its_seal(r):
    html = render_html(r, record=approved(r, seal_verifies=False))
    assert "the record NO LONGER matches its seal" in html
    assert "still matches" not in html


def test_the_record_is_said_in_bokmal(r):
    record = approved(
        r,
        status_label="Godkjent",
        strategy=(StrategyAnswer("Hvem vil vi snakke med der?", ""),),
        opinions=(
            RecordedOpinion(
                "Sikkerhetsvurdering", "Jeg protesterer", "Gammel telefon.", "ola", dt.datetime(2026, 3, 1), True
            ),
        ),
    )
    html = render_html(r, "nb", record)
    for text in (
        "Status: Godkjent.",
        "Versjon 2 ble godkjent og signert av per 2026-03-04 14:30.",
        "Beslutningsprotokoll",
        "Hvem vil vi snakke med der?</dt><dd><em>ikke besvart</em>",
        "Gitt på et tidligere resultat; teller ikke.",
        "Den som signerte, erklærte:",
        "Forseglet 2026-03-04 14:30; protokollen stemmer fortsatt med forseglingen.",
        "Handlingsplan slik den er registrert",
        "Risikoaksept",
    ):
        assert text in html, text
    for english in ("Decision record", "Given on an earlier", "Signature", "Seal", "not answered", "statement:"):
        assert english not in html, english
