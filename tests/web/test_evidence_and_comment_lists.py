"""The evidence page names audience areas in the reader's language; the comment uploads list shows its shares
as the upload's own page does, with the model that produced them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from comment_files import comments_csv
from django.test import Client
from test_evidence import END, EXPORTED, START
from web_records import PASSWORD, create_account, upload_comments, upload_exports

from evidence.evidence_builders import full_tiktok_export
from gonogo.evidence.comments.readers import Columns


@pytest.fixture
def as_bob(org: Any, client: Client) -> Client:
    client.login(username="bob", password=PASSWORD)
    return client


@pytest.fixture
def account(org: Any) -> Any:
    return create_account(org)


def territory_rows(page: str) -> list[str]:
    table = page[page.index('<table class="territories">') :]
    table = table[: table.index("</table>")]
    return [cell.split("</th>")[0] for cell in table.split('<th scope="row">')[1:]]


@pytest.mark.parametrize(
    ("language", "names"),
    [("en", ["Norway", "Other countries", "Sweden"]), ("nb", ["Norge", "Andre land", "Sverige"])],
)
def test_audience_areas_are_named_in_the_readers_language(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path, language: str, names: list[str]
) -> None:
    upload = upload_exports(account, bob, full_tiktok_export(tmp_path, START, END, EXPORTED), EXPORTED)
    as_bob.post("/i18n/setlang/", {"language": language, "next": "/"})
    page = as_bob.get(f"/evidence/{upload.pk}/").content.decode()
    assert territory_rows(page) == names


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [("DK", "nb", "Danmark"), ("KE", "en", "Kenya"), ("ZZ", "en", "ZZ"), ("others", "nb", "Andre land")],
    ids=["in the table", "from GeoNames", "not a country", "lower case"],
)
def test_a_code_is_named_from_the_table_then_geonames_then_as_given(code: str, language: str, name: str) -> None:
    from django.utils import translation

    from gonogo.web.evidence.territories import territory_name

    with translation.override(language):
        assert territory_name(code) == name


@pytest.mark.parametrize(("language", "decimal_comma"), [("en", False), ("nb", True)])
def test_the_uploads_list_shows_the_shares_as_the_upload_page_does_and_the_model(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path, language: str, decimal_comma: bool
) -> None:
    from django.utils import translation

    from gonogo.reports.i18n import percent

    upload = upload_comments(account, bob, comments_csv(tmp_path), Columns(text="Kommentar"))
    as_bob.post("/i18n/setlang/", {"language": language, "next": "/"})
    listing = as_bob.get(f"/accounts/{account.pk}/comments/").content.decode()
    detail = as_bob.get(f"/comments/{upload.pk}/").content.decode()
    shares = upload.summary["shares"]
    for key in ("positive", "negative"):
        shown = percent(shares[key], language, 1)
        assert ("," in shown) is decimal_comma
        assert shown in detail
        assert f"<td>{shown}</td>" in listing
    with translation.override(language):
        model = upload.model_label
    assert f"<td>{model}</td>" in listing
    assert f"{shares['positive']:.3f}" not in listing
