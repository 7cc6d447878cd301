"""English and Norwegian bokmål: every message translated, and a switch that sticks."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from django.test import Client
from web_records import PASSWORD

CATALOGUE = Path(__file__).resolve().parents[2] / "src" / "gonogo" / "web" / "locale" / "nb" / "LC_MESSAGES"


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
        elif line.startswith(("msgid ", "msgstr ")):
            field, _, rest = line.partition(" ")
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


def test_the_login_page_speaks_bokmal_when_the_browser_asks(client: Client, db: None) -> None:
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Logg inn" in page
    assert '<html lang="nb">' in page


def test_the_language_switch_sticks(alice: Any, org: Any, client: Client) -> None:
    client.login(username="alice", password=PASSWORD)
    response = client.post("/i18n/setlang/", {"language": "nb", "next": "/"})
    assert response.status_code == 302
    assert "Portefølje" in client.get("/").content.decode()
