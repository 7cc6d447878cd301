"""Invitations from the invited person's side and the administrator's: names, log-in, address, replace, withdraw."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from web_records import PASSWORD, create_user

from gonogo.web.orgs import invitations
from gonogo.web.orgs.models import Invitation, Membership

NEW_PASSWORD = "a-long-and-unusual-passphrase"


def _path(link: str) -> str:
    return urlsplit(link).path


def _invite(org: Any, by: Any, email: str = "dave@example.org", role: str = "reviewer") -> str:
    return _path(invitations.invite(org, email, role, by))


def _page(client: Client, path: str) -> str:
    return html.unescape(client.get(path).content.decode())


def _client(username: str | None = None, language: str = "en") -> Client:
    client = Client()
    if username:
        assert client.login(username=username, password=PASSWORD)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    return client


def _sign_up(**fields: str) -> dict[str, str]:
    form = {"first_name": "Dave", "last_name": "Dahl", "username": "dave"}
    form.update(fields)
    return {**form, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}


@pytest.mark.parametrize(
    ("fields", "joins"),
    [
        ({}, True),
        ({"first_name": ""}, False),
        ({"last_name": ""}, False),
        ({"first_name": "  ", "last_name": "  "}, False),
    ],
)
def test_a_new_person_joins_only_after_giving_a_first_and_a_last_name(
    fields: dict[str, str], joins: bool, org: Any, alice: Any
) -> None:
    path = _invite(org, alice)
    response = Client().post(path, _sign_up(**fields))
    assert Membership.objects.filter(user__username="dave").exists() is joins
    if joins:
        assert response.status_code == 302
        dave = Membership.objects.get(user__username="dave").user
        assert (dave.first_name, dave.last_name, dave.email) == ("Dave", "Dahl", "dave@example.org")
    else:
        assert response.status_code == 200
        assert "This field is required." in response.content.decode()


def test_the_member_list_shows_the_new_person_by_full_name_and_username(org: Any, alice: Any) -> None:
    Client().post(_invite(org, alice), _sign_up())
    page = _page(_client("bob"), f"/orgs/{org.pk}/")
    assert "Dave Dahl (dave) — Reviewer (security)" in page


@pytest.mark.parametrize(
    ("language", "offer"),
    [("en", "I already have an account — log in"), ("nb", "Jeg har allerede en konto – logg inn")],
)
def test_a_logged_out_visitor_is_offered_to_log_in_and_comes_back_to_the_invitation(
    language: str, offer: str, org: Any, alice: Any
) -> None:
    dave = create_user("dave")
    path = _invite(org, alice)
    visitor = _client(language=language)
    page = _page(visitor, path)
    assert offer in page
    assert f'href="/login/?next={path.replace("/", "%2F")}"' in page
    response = visitor.post(f"/login/?next={path}", {"username": "dave", "password": PASSWORD})
    assert response["Location"] == path
    assert visitor.post(path).status_code == 302
    assert Membership.objects.get(user=dave).role == "reviewer"


def test_signing_up_with_an_address_that_has_an_account_says_to_log_in_instead(org: Any, alice: Any) -> None:
    create_user("dave")  # dave@example.org
    response = Client().post(_invite(org, alice), _sign_up(username="dave2"))
    assert "There is already an account with the address dave@example.org" in response.content.decode()
    assert not Membership.objects.filter(organisation=org, user__username__startswith="dave").exists()


@pytest.mark.parametrize(
    ("address", "joins"),
    [
        ("dave@example.org", True),
        ("Dave@Example.ORG", True),
        ("someone.else@example.org", False),
        ("", False),
    ],
)
def test_a_logged_in_person_joins_only_when_the_invitation_was_sent_to_their_address(
    address: str, joins: bool, org: Any, alice: Any
) -> None:
    person = create_user("erik")
    person.email = address
    person.save()
    path = _invite(org, alice)
    client = _client("erik")
    assert client.get(path).status_code == (200 if joins else 403)
    client.post(path)
    assert Membership.objects.filter(user=person, organisation=org).exists() is joins
    assert (invitations.find(path.split("/")[2]) is None) is joins


@pytest.mark.parametrize(
    ("language", "says", "button"),
    [
        (
            "en",
            "It was sent to dave@example.org to join Oslo kommune, but you are logged in as charlie",
            "Log out and continue with the invitation",
        ),
        (
            "nb",
            "Den ble sendt til dave@example.org for å bli med i Oslo kommune, men du er logget inn som charlie",
            "Logg ut og fortsett med invitasjonen",
        ),
    ],
)
def test_someone_else_logged_in_is_told_whom_the_invitation_is_for_and_can_log_out_to_continue(
    language: str, says: str, button: str, org: Any, alice: Any, charlie: Any
) -> None:
    path = _invite(org, alice)
    client = _client("charlie", language)
    page = _page(client, path)
    assert says in page
    assert button in page
    response = client.post("/logout/", {"next": path})
    assert response["Location"] == path
    assert 'name="first_name"' in _page(client, path)  # logged out now: the sign-up form
    assert not Membership.objects.filter(user=charlie, organisation=org).exists()


def test_inviting_an_address_again_replaces_the_earlier_link(
    org: Any, other_org: Any, alice: Any, charlie: Any
) -> None:
    first = _invite(org, alice, "Dave@example.org", "viewer")
    elsewhere = _invite(other_org, charlie, "dave@example.org", "viewer")
    someone_else = _invite(org, alice, "erik@example.org", "viewer")
    second = _invite(org, alice, "dave@example.org", "approver")
    assert Client().get(first).status_code == 404
    for path in (second, elsewhere, someone_else):
        assert Client().get(path).status_code == 200
    assert Client().post(second, _sign_up()).status_code == 302
    assert Membership.objects.get(user__username="dave", organisation=org).role == "approver"
    actions = list(org.audit_entries.order_by("seq").values_list("action", "summary"))
    assert ("member.invite_revoke", "dave@example.org as viewer (replaced)") in actions


@pytest.mark.parametrize(
    ("language", "heading", "invited_by", "revoke"),
    [
        ("en", "Invitations not yet taken up", "Alice Aas (alice)", "Withdraw the invitation to dave@example.org"),
        (
            "nb",
            "Invitasjoner som ikke er tatt i bruk ennå",
            "Alice Aas (alice)",
            "Trekk tilbake invitasjonen til dave@example.org",
        ),
    ],
)
def test_administrators_see_open_invitations_with_role_inviter_and_expiry(
    language: str, heading: str, invited_by: str, revoke: str, org: Any, alice: Any
) -> None:
    alice.first_name, alice.last_name = "Alice", "Aas"
    alice.save()
    _invite(org, alice)
    used = _invite(org, alice, "erik@example.org")
    Client().post(used, _sign_up(username="erik"))
    invitation = Invitation.objects.get(email="dave@example.org")
    page = _page(_client("alice", language), f"/orgs/{org.pk}/")
    assert heading in page
    row = page[page.index("<td>dave@example.org</td>") :].split("</tr>")[0]
    assert invited_by in row
    assert invitation.expires_at.strftime("%Y-%m-%d") in row
    assert revoke in row
    assert "<td>erik@example.org</td>" not in page
    assert "dave@example.org" not in _page(_client("bob"), f"/orgs/{org.pk}/")


def test_an_administrator_withdraws_an_invitation_and_its_link_stops_working(org: Any, alice: Any) -> None:
    path = _invite(org, alice)
    invitation = Invitation.objects.get()
    url = f"/orgs/{org.pk}/invitations/{invitation.pk}/revoke/"
    admin = _client("alice")
    assert admin.get(url).status_code == 404
    assert _client("bob").post(url).status_code == 403
    assert Client().get(path).status_code == 200
    response = admin.post(url, follow=True)
    assert "The invitation to dave@example.org is withdrawn; its link no longer works." in response.content.decode()
    assert Client().get(path).status_code == 404
    assert Client().post(path, _sign_up()).status_code == 404
    assert not Membership.objects.filter(user__username="dave").exists()
    entry = org.audit_entries.order_by("-seq").first()
    assert (entry.action, entry.actor_name, entry.summary) == (
        "member.invite_revoke",
        "alice",
        "dave@example.org as reviewer (withdrawn)",
    )
    assert admin.post(url).status_code == 404  # once withdrawn, there is nothing left to withdraw


@pytest.mark.parametrize(
    ("first", "last", "named"),
    [("Alice", "Aas", "Alice Aas invites you"), ("", "", "alice invites you")],
)
def test_the_invitation_email_names_the_inviter_by_full_name_or_else_username(
    first: str, last: str, named: str, org: Any, alice: Any
) -> None:
    alice.first_name, alice.last_name = first, last
    alice.save()
    _invite(org, alice)
    (message,) = mail.outbox
    assert message.body.startswith(named)
