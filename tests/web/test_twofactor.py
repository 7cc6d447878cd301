"""Approvers and admins confirm every log-in with a TOTP code; others are not asked."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from web_records import PASSWORD, add_member, create_user

from gonogo.web.audit.models import AuditEntry


@pytest.fixture(autouse=True)
def _require_totp(settings: Any) -> None:
    settings.GONOGO_TOTP_REQUIRED = True


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_an_editor_is_not_asked_for_a_code(org: Any, client: Client) -> None:
    client.login(username="bob", password=PASSWORD)
    assert client.get("/").status_code == 200


def test_an_editor_made_approver_is_sent_to_set_up_the_app_on_the_next_page(org: Any, client: Client) -> None:
    client.login(username="bob", password=PASSWORD)
    assert client.get("/").status_code == 200
    org.memberships.filter(user__username="bob").update(role="approver")
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/2fa/setup/"


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
    assert client.post("/2fa/setup/", {"code": _code(device)})["Location"] == "/2fa/recovery/"
    assert client.get(f"/orgs/{org.pk}/").status_code == 200

    later = Client()
    later.login(username="erin", password=PASSWORD)
    assert later.get(f"/orgs/{org.pk}/")["Location"] == "/2fa/verify/"
    device.refresh_from_db()
    device.last_t = -1  # the same 30-second window again in this test; a real app shows a new code
    device.save()
    assert later.post("/2fa/verify/", {"code": _code(device)}).status_code == 302
    assert later.get(f"/orgs/{org.pk}/").status_code == 200


def _set_up(client: Client, org: Any, username: str = "erin") -> tuple[Any, TOTPDevice, list[str]]:
    person = create_user(username)
    add_member(person, org, "approver")
    client.login(username=username, password=PASSWORD)
    client.get("/2fa/setup/")
    device = TOTPDevice.objects.get(user=person)
    assert client.post("/2fa/setup/", {"code": _code(device)})["Location"] == "/2fa/recovery/"
    page = client.get("/2fa/recovery/").content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    return person, device, codes


def test_ten_recovery_codes_are_shown_once_after_setting_up_the_app(org: Any, client: Client) -> None:
    _person, _device, codes = _set_up(client, org)
    assert len(set(codes)) == 10
    again = client.get("/2fa/recovery/").content.decode()
    assert not any(code in again for code in codes)
    assert "Unused recovery codes: 10." in again
    issued = AuditEntry.objects.filter(action="person.recovery_codes_issued").get()
    assert not any(code in json.dumps([issued.before, issued.after, issued.summary]) for code in codes)


def test_a_recovery_code_logs_in_once(org: Any, client: Client) -> None:
    _person, _device, codes = _set_up(client, org)
    later = Client()
    later.login(username="erin", password=PASSWORD)
    assert later.get(f"/orgs/{org.pk}/")["Location"] == "/2fa/verify/"
    assert later.post("/2fa/verify/", {"recovery_code": codes[0].upper()}).status_code == 302
    assert later.get(f"/orgs/{org.pk}/").status_code == 200
    assert "Unused recovery codes: 9." in later.get("/2fa/recovery/").content.decode()
    assert AuditEntry.objects.filter(action="person.recovery_code_used").count() == 1

    third = Client()
    third.login(username="erin", password=PASSWORD)
    page = third.post("/2fa/verify/", {"recovery_code": codes[0]}).content.decode()
    assert "not one of your unused recovery codes" in page
    assert third.get(f"/orgs/{org.pk}/")["Location"] == "/2fa/verify/"


def test_making_new_recovery_codes_invalidates_the_old_ones(org: Any, client: Client, settings: Any) -> None:
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # a wrong code otherwise makes the next try wait a second
    _person, _device, old = _set_up(client, org)
    assert client.post("/2fa/recovery/")["Location"] == "/2fa/recovery/"
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", client.get("/2fa/recovery/").content.decode())
    assert len(new) == 10
    assert not set(new) & set(old)
    later = Client()
    later.login(username="erin", password=PASSWORD)
    assert later.post("/2fa/verify/", {"recovery_code": old[1]}).status_code == 200
    assert later.post("/2fa/verify/", {"recovery_code": new[1]}).status_code == 302
    assert AuditEntry.objects.filter(action="person.recovery_codes_issued").count() == 2


def test_recovery_codes_cannot_be_remade_without_the_second_factor(org: Any, client: Client) -> None:
    _person, _device, _codes = _set_up(client, org)
    later = Client()
    later.login(username="erin", password=PASSWORD)
    response = later.post("/2fa/recovery/")
    assert response["Location"].startswith("/2fa/verify/")
    assert AuditEntry.objects.filter(action="person.recovery_codes_issued").count() == 1


def test_the_verification_step_does_not_redirect_elsewhere(org: Any, client: Client) -> None:
    _person, _device, codes = _set_up(client, org)
    later = Client()
    later.login(username="erin", password=PASSWORD)
    response = later.post("/2fa/verify/?next=https://example.com/", {"recovery_code": codes[2]})
    assert response["Location"] == "/"
