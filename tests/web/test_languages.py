"""English and Norwegian bokmål: every message translated, and a switch that sticks."""

from __future__ import annotations

import ast
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from web_records import PASSWORD, import_example

from gonogo.web.assessments.models import Assessment
from gonogo.web.assessments.steps import STEPS

WEB = Path(__file__).resolve().parents[2] / "src" / "gonogo" / "web"
CATALOGUE = WEB / "locale" / "nb" / "LC_MESSAGES"
# Apps with a catalogue of their own (kept apart so their messages are made and translated on their own).
APP_CATALOGUES = sorted(p for p in WEB.glob("*/locale/nb/LC_MESSAGES") if p.is_dir())


def _entries(path: Path) -> list[tuple[str, str, str]]:
    """Return (flags, msgid, msgstr) for every entry of a .po file."""
    out: list[tuple[str, str, str]] = []
    flags, field, values = "", "", {"msgid": "", "msgstr": ""}
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if field:
                out.append((flags, values["msgid"], values["msgstr"]))
            flags, field, values = "", "", {"msgid": "", "msgstr": ""}
        elif line.startswith("#,"):
            flags = line
        elif line.startswith(("msgid ", "msgstr ", "msgstr[0] ")):
            field, _, rest = line.partition(" ")
            field = "msgstr" if field == "msgstr[0]" else field  # a plural's first form stands for it
            values[field] = ast.literal_eval(rest)
        elif line.startswith('"') and field:
            values[field] += ast.literal_eval(line)
    return out


def test_every_message_has_a_bokmal_translation() -> None:
    entries = [e for e in _entries(CATALOGUE / "django.po") if e[1]]
    assert len(entries) > 300
    assert [msgid for _flags, msgid, msgstr in entries if not msgstr] == []
    assert [msgid for flags, msgid, _msgstr in entries if "fuzzy" in flags] == []


def test_the_compiled_catalogue_is_up_to_date() -> None:
    po, mo = CATALOGUE / "django.po", CATALOGUE / "django.mo"
    assert mo.exists(), "run: gonogo manage compilemessages"
    assert mo.stat().st_mtime >= po.stat().st_mtime - 1, "run: gonogo manage compilemessages"


def test_every_app_catalogue_is_translated_and_compiled() -> None:
    assert APP_CATALOGUES, "the evidence app has its own catalogue"
    for folder in APP_CATALOGUES:
        entries = [e for e in _entries(folder / "django.po") if e[1]]
        assert [msgid for _flags, msgid, msgstr in entries if not msgstr] == [], folder
        assert [msgid for flags, msgid, _msgstr in entries if "fuzzy" in flags] == [], folder
        po, mo = folder / "django.po", folder / "django.mo"
        assert mo.exists(), f"run compilemessages for {folder}"
        assert mo.stat().st_mtime >= po.stat().st_mtime - 1, f"run compilemessages for {folder}"


def test_the_login_page_speaks_bokmal_when_the_browser_asks(client: Client, db: None) -> None:
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Logg inn" in page
    assert '<html lang="nb">' in page


def test_the_language_switch_sticks(alice: Any, org: Any, client: Client) -> None:
    client.login(username="alice", password=PASSWORD)
    response = client.post("/i18n/setlang/", {"language": "nb", "next": "/"})
    assert response.status_code == 302
    assert "Portefølje" in client.get("/").content.decode()


@pytest.fixture
def politivest_in_bokmal(org: Any, client: Client) -> tuple[Client, Assessment]:
    client.login(username="bob", password=PASSWORD)
    assessment = import_example(client, org)
    client.post("/i18n/setlang/", {"language": "nb", "next": "/"})
    return client, assessment


def test_the_result_page_gives_the_engines_reasons_and_labels_in_bokmal(
    politivest_in_bokmal: tuple[Client, Assessment],
) -> None:
    client, assessment = politivest_in_bokmal
    page = client.get(f"/assessments/{assessment.pk}/result/").content.decode()
    assert "Gjenværende risiko «En betroelse fra en ung person blir oversett» er høy" in page
    assert "Statlig tilgang til appdata" in page
    assert "En rutine for å ivareta betroelser" in page  # the action plan's condition
    assert "Residual risk" not in page
    english = Client()
    english.login(username="bob", password=PASSWORD)
    page = english.get(f"/assessments/{assessment.pk}/result/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Residual risk &#x27;A disclosure from a young person is missed&#x27; is high" in page


def test_exports_follow_the_persons_language(politivest_in_bokmal: tuple[Client, Assessment]) -> None:
    client, assessment = politivest_in_bokmal
    html = client.get(f"/assessments/{assessment.pk}/report.html").content.decode()
    assert '<html lang="nb">' in html
    assert "Regler og råd som gjelder (0 bindende, 3 råd)" in html
    rows = list(csv.reader(io.StringIO(client.get(f"/assessments/{assessment.pk}/action-plan.csv").content.decode())))
    assert rows[0][:4] == ["sikringstiltak", "vilkår", "ansvarlig", "frist"]
    assert rows[1][1] == "En rutine for å ivareta betroelser"
    body = json.loads(client.get(f"/assessments/{assessment.pk}/result.json").content)
    assert body["result"]["outcome"] == "go_with_conditions"  # JSON keeps the codes


def test_the_guided_steps_offer_knowledge_base_choices_in_bokmal(
    politivest_in_bokmal: tuple[Client, Assessment],
) -> None:
    client, assessment = politivest_in_bokmal
    pages = "".join(client.get(f"/assessments/{assessment.pk}/steps/{step.slug}/").content.decode() for step in STEPS)
    for label in ("Politi", "Sikkerhetsklarert personell", "En egen enhet som ikke brukes til noe annet", "Rekkevidde"):
        assert label in pages
