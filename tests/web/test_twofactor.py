"""Approvers and admins confirm every log-in with a TOTP code; others are not asked."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from web_records import PASSWORD, add_member, create_user


@pytest.fixture(autouse=True)
def _require_totp(settings: Any) -> None:
    settings.GONOGO_TOTP_REQUIRED = True


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_an_editor_is_not_asked_for_a_code(org: Any, client: Client) -> None:
    client.login(username="bob", password=PASSWORD)
    assert client.get("/").status_code == 200


def test_an_admin_without_an_app_is_sent_to_set_one_up(org: Any, client: Client) -> None:
    client.login(username="alice", password=PASSWORD)
    response = client.get(f"/orgs/{org.pk}/")
    assert response["Location"] == "/2fa/setup/"


def test_setting_up_with_a_wrong_code_says_so(org: Any, client: Client) -> None:
    client.login(username="alice", password=PASSWORD)
    client.get("/2fa/setup/")
    page = client.post("/2fa/setup/", {"code": "000000"}).content.decode()
    assert "does not match" in page or "Enter the six digits" in page
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_an_approver_confirms_the_app_and_then_gives_a_code_after_each_login(org: Any, client: Client) -> None:
    erin = create_user("erin")
    add_member(erin, org, "approver")
    client.login(username="erin", password=PASSWORD)
    assert "key" in client.get("/2fa/setup/").content.decode()
    device = TOTPDevice.objects.get(user=erin)
    assert client.post("/2fa/setup/", {"code": _code(device)})["Location"] == "/"
    assert client.get(f"/orgs/{org.pk}/").status_code == 200

    later = Client()
    later.login(username="erin", password=PASSWORD)
    assert later.get(f"/orgs/{org.pk}/")["Location"] == "/2fa/verify/"
    device.refresh_from_db()
    device.last_t = -1  # the same 30-second window again in this test; a real app shows a new code
    device.save()
    assert later.post("/2fa/verify/", {"code": _code(device)}).status_code == 302
    assert later.get(f"/orgs/{org.pk}/").status_code == 200
