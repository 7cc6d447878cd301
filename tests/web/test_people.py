"""Invitations and password resets, through Django's e-mail backend."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client
from web_records import PASSWORD

from gonogo.web.orgs.models import Membership


def _link(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", body)
    assert match, body
    return match.group(1)


def test_alice_invites_dave_who_joins_with_the_invited_role(org: Any, client: Client) -> None:
    client.login(username="alice", password=PASSWORD)
    response = client.post(f"/orgs/{org.pk}/invite/", {"email": "Dave@Example.org", "role": "reviewer"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["dave@example.org"]
    link = _link(message.body)
    dave = Client()
    new_password = "a-long-and-unusual-passphrase"
    form = {
        "first_name": "Dave",
        "last_name": "Dahl",
        "username": "dave",
        "password1": new_password,
        "password2": new_password,
    }
    assert dave.post(link, form).status_code == 302
    membership = Membership.objects.get(user__username="dave")
    assert (membership.organisation, membership.role) == (org, "reviewer")
    assert list(org.audit_entries.values_list("action", flat=True)) == ["member.invite", "member.join"]
    assert Client().get(link).status_code == 404  # used once


def test_bob_cannot_invite(org: Any, client: Client) -> None:
    client.login(username="bob", password=PASSWORD)
    assert client.post(f"/orgs/{org.pk}/invite/", {"email": "x@example.org", "role": "admin"}).status_code == 403
    assert mail.outbox == []


def test_an_unknown_invitation_is_refused(client: Client, db: None) -> None:
    assert client.get("/invitations/not-a-token/").status_code == 404


def test_a_password_reset_link_lets_alice_choose_a_new_password(alice: Any, client: Client) -> None:
    client.post("/password-reset/", {"email": "alice@example.org"})
    (message,) = mail.outbox
    page = client.get(_link(message.body), follow=True)
    new = "another-long-passphrase-2"
    response = client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert Client().login(username="alice", password=new)


def test_alice_changes_bobs_role_and_it_is_audited(org: Any, bob: Any, client: Client) -> None:
    client.login(username="alice", password=PASSWORD)
    member = Membership.objects.get(user=bob, organisation=org)
    client.post(f"/orgs/{org.pk}/members/{member.pk}/", {"role": "reviewer"})
    member.refresh_from_db()
    assert member.role == "reviewer"
    entry = org.audit_entries.get(action="member.role")
    assert (entry.before["role"], entry.after["role"]) == ("editor", "reviewer")


def test_the_last_administrator_cannot_step_down(org: Any, alice: Any, client: Client) -> None:
    client.login(username="alice", password=PASSWORD)
    member = Membership.objects.get(user=alice, organisation=org)
    response = client.post(f"/orgs/{org.pk}/members/{member.pk}/", {"role": "viewer"}, follow=True)
    assert "at least one administrator" in response.content.decode()
    member.refresh_from_db()
    assert member.role == "admin"


def test_org_create_makes_the_first_administrator(alice: Any, db: None) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("org_create", "Agder politidistrikt", kind="police", jurisdiction="NO-42", admin="alice", stdout=out)
    assert Membership.objects.get(organisation__name="Agder politidistrikt").role == "admin"


def test_org_create_refuses_an_unknown_kind(alice: Any, db: None) -> None:
    import pytest
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="expected one of"):
        call_command("org_create", "X", kind="spaceship", jurisdiction="NO", admin="alice")
