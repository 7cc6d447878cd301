"""Your profile: a person sets their own name and e-mail address, and the app names them by it."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import pytest
from comment_files import comments_txt
from django.test import Client
from web_records import PASSWORD, add_member, create_account, create_user, upload_comments, upload_exports

from evidence.evidence_builders import full_tiktok_export
from gonogo.web.audit.models import AuditEntry
from gonogo.web.audit.trail import record


def _client(username: str, language: str = "en") -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    return client


def _page(client: Client, path: str) -> str:
    return html.unescape(client.get(path).content.decode())


FORM = {"first_name": "Bob", "last_name": "Berg", "email": "bob@example.org"}


@pytest.mark.parametrize(("language", "link"), [("en", "Your profile"), ("nb", "Din profil")])
def test_the_header_links_to_your_profile(language: str, link: str, org: Any) -> None:
    page = _page(_client("bob", language), "/")
    assert f'<a href="/profile/">{link}</a>' in page


def test_bob_sets_his_name_and_the_change_is_in_the_audit_trail(org: Any, bob: Any) -> None:
    client = _client("bob")
    assert client.post("/profile/", {**FORM, "email": "Bob.Berg@example.org"}).status_code == 302
    bob.refresh_from_db()
    assert (bob.first_name, bob.last_name, bob.email) == ("Bob", "Berg", "Bob.Berg@example.org")
    entry = AuditEntry.objects.get(action="person.profile", organisation=None)
    assert entry.actor_name == "bob"
    assert entry.before == {"first_name": "", "last_name": "", "email": "bob@example.org"}
    assert entry.after == {"first_name": "Bob", "last_name": "Berg", "email": "Bob.Berg@example.org"}
    assert 'value="Berg"' in _page(client, "/profile/")
    # each organisation of the person hears of the new name, without the e-mail address
    told = AuditEntry.objects.get(action="person.profile", organisation=org)
    assert (told.before, told.after) == (
        {"first_name": "", "last_name": ""},
        {"first_name": "Bob", "last_name": "Berg"},
    )


def test_a_member_who_is_no_admin_sees_a_new_name_at_once_on_the_cached_organisation_page(org: Any, bob: Any) -> None:
    add_member(create_user("vera"), org, "viewer")
    reader = _client("vera")
    assert "— Editor" in _page(reader, f"/orgs/{org.pk}/")  # the page is now cached
    _client("bob").post("/profile/", FORM)
    assert "Bob Berg (bob) — Editor" in _page(reader, f"/orgs/{org.pk}/")


def test_saving_the_profile_unchanged_records_nothing(org: Any, bob: Any) -> None:
    client = _client("bob")
    client.post("/profile/", FORM)
    client.post("/profile/", FORM)
    assert AuditEntry.objects.filter(action="person.profile", organisation=None).count() == 1


@pytest.mark.parametrize(
    ("change", "language", "message"),
    [
        ({"first_name": ""}, "en", "This field is required."),
        ({"last_name": ""}, "en", "This field is required."),
        ({"email": ""}, "en", "This field is required."),
        ({"email": "not-an-address"}, "en", "Enter a valid email address."),
        ({"email": "ALICE@example.org"}, "en", "Another account uses this e-mail address."),
        ({"email": "alice@example.org"}, "nb", "En annen konto bruker denne e-postadressen."),
    ],
)
def test_the_profile_refuses_a_missing_name_or_an_unusable_address(
    change: dict[str, str], language: str, message: str, org: Any, bob: Any
) -> None:
    response = _client("bob", language).post("/profile/", {**FORM, **change})
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    bob.refresh_from_db()
    assert (bob.first_name, bob.email) == ("", "bob@example.org")
    assert not AuditEntry.objects.filter(action="person.profile").exists()


def test_the_profile_needs_a_login(db: None) -> None:
    assert Client().get("/profile/")["Location"].startswith("/login/")


def test_member_lists_and_the_audit_log_name_people_as_they_are_now(org: Any, alice: Any, bob: Any) -> None:
    record("member.role", actor=bob, organisation=org, summary="before the name")
    _client("bob").post("/profile/", FORM)
    reader = _client("alice")
    assert "Bob Berg (bob) — Editor" in _page(reader, f"/orgs/{org.pk}/")
    log = _page(reader, f"/orgs/{org.pk}/audit/")
    assert "<td>Bob Berg (bob)</td>" in log
    assert AuditEntry.objects.get(summary="before the name").actor_name == "bob"  # the stored entry stays


def test_the_audit_log_keeps_the_stored_name_of_a_person_whose_account_is_gone(org: Any) -> None:
    gone = create_user("sec2")
    record("member.role", actor=gone, organisation=org, summary="by someone who left")
    gone.delete()
    assert "<td>sec2</td>" in _page(_client("alice"), f"/orgs/{org.pk}/audit/")


@pytest.mark.parametrize("kind", ["evidence", "comments"])
@pytest.mark.parametrize(("account_kept", "shown"), [(True, "Bob Berg (bob)"), (False, "bob")])
def test_upload_lists_name_the_uploader_as_they_are_now_or_as_stored_once_the_account_is_gone(
    kind: str, account_kept: bool, shown: str, org: Any, bob: Any, tmp_path: Path
) -> None:
    account = create_account(org)
    if kind == "evidence":
        start, end, exported = dt.date(2025, 5, 15), dt.date(2026, 5, 14), dt.date(2026, 5, 16)
        upload = upload_exports(account, bob, full_tiktok_export(tmp_path, start, end, exported))
    else:
        upload = upload_comments(account, bob, comments_txt(tmp_path))
    _client("bob").post("/profile/", FORM)
    if not account_kept:
        bob.delete()
    page = _page(_client("alice"), f"/accounts/{account.pk}/{kind}/")
    assert f"{upload.uploaded_at:%Y-%m-%d}, {shown}</td>" in page
    if kind == "comments":
        assert f"by {shown}." in _page(_client("alice"), f"/comments/{upload.pk}/")


@pytest.mark.parametrize("kind", ["evidence", "comments"])
def test_naming_the_uploaders_costs_no_query_per_upload(
    kind: str, org: Any, alice: Any, bob: Any, tmp_path: Path
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    account = create_account(org)
    reader = _client("alice")

    def upload(person: Any, n: int) -> None:
        folder = tmp_path / str(n)
        folder.mkdir()
        if kind == "evidence":
            start, end = dt.date(2025, 5, 15), dt.date(2026, 5, 14) - dt.timedelta(days=n)
            upload_exports(account, person, full_tiktok_export(folder, start, end, end + dt.timedelta(days=2)))
        else:
            path = comments_txt(folder, name=f"c{n}.txt")
            path.write_text(path.read_text(encoding="utf-8") + f"Comment number {n}\n", encoding="utf-8")
            upload_comments(account, person, path)

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert reader.get(f"/accounts/{account.pk}/{kind}/").status_code == 200
        return len(seen)

    upload(bob, 1)
    one = queries()
    upload(alice, 2)
    upload(bob, 3)
    uploads = account.evidence_uploads if kind == "evidence" else account.comment_uploads
    assert uploads.count() == 3
    assert queries() == one
