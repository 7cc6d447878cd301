"""An invitation's link leads back to the address the inviting person used."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from web_records import PASSWORD

from gonogo.web.orgs import invitations


def _invite(client: Client, org: Any, **headers: str) -> str:
    client.login(username="alice", password=PASSWORD)
    response = client.post(f"/orgs/{org.pk}/invite/", {"email": "dave@example.org", "role": "viewer"}, **headers)
    assert response.status_code == 302
    (message,) = mail.outbox
    return next(word for word in message.body.split() if "://" in word)


@pytest.mark.parametrize(
    ("host", "proxied_scheme", "starts"),
    [
        ("gonogo.oslo.kommune.no", "", "http://gonogo.oslo.kommune.no/invitations/"),
        ("gonogo.oslo.kommune.no:8443", "", "http://gonogo.oslo.kommune.no:8443/invitations/"),
        ("intern.example.org", "https", "https://intern.example.org/invitations/"),
    ],
)
def test_an_invitation_sent_from_a_host_links_to_that_host(
    host: str, proxied_scheme: str, starts: str, org: Any, client: Client, settings: Any
) -> None:
    settings.ALLOWED_HOSTS = ["gonogo.oslo.kommune.no", "intern.example.org", "testserver"]
    settings.SITE_URL = "https://elsewhere.example.net"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    headers = {"HTTP_HOST": host}
    if proxied_scheme:
        headers["HTTP_X_FORWARDED_PROTO"] = proxied_scheme
    link = _invite(client, org, **headers)
    assert link.startswith(starts)
    assert Client(HTTP_HOST=host).get(link.split(host, 1)[1]).status_code == 200


def test_an_invitation_made_without_a_request_links_to_the_site_url(org: Any, alice: Any, settings: Any) -> None:
    settings.SITE_URL = "https://gonogo.example.org/"
    link = invitations.invite(org, "erik@example.org", "viewer", alice)
    assert link.startswith("https://gonogo.example.org/invitations/")
    assert link in mail.outbox[0].body


def test_a_host_outside_the_allowed_hosts_gets_no_invitation(org: Any, client: Client, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["testserver"]
    client.login(username="alice", password=PASSWORD)
    response = client.post(
        f"/orgs/{org.pk}/invite/", {"email": "dave@example.org", "role": "viewer"}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 400
    assert mail.outbox == []
