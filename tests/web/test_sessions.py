"""Sessions hold in every server process: a log-out or a confirmed code is not undone by another process's memory.

``gonogo serve`` runs several worker processes; with the default ``locmem://`` cache each has a memory of its
own. These tests put a stale copy of a session where another process's cached sessions would be read from,
and check that it is never believed.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.core.cache import caches
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from web_records import PASSWORD, add_member, create_user

from gonogo.web.env import cache_settings, session_engine

DB = "django.contrib.sessions.backends.db"
CACHED_DB = "django.contrib.sessions.backends.cached_db"


def _as_another_process_remembers(client: Client, data: dict[str, Any]) -> None:
    """Put ``data`` where a worker that read this session earlier keeps its cached copy."""
    from django.conf import settings

    caches[settings.SESSION_CACHE_ALIAS].set(KEY_PREFIX + client.cookies["sessionid"].value, data, 3600)


def _code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("locmem://", DB),
        ("redis://127.0.0.1:6379/0", CACHED_DB),
        ("rediss://:secret@cache.example:6380/1", CACHED_DB),
    ],
)
def test_sessions_are_read_through_the_cache_only_when_every_process_shares_it(
    url: str, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("X_CACHE_URL", url)
    assert session_engine(cache_settings("X_CACHE_URL", "locmem://", "p")) == engine


@pytest.mark.parametrize(
    ("backend", "engine"),
    [
        ("django.core.cache.backends.dummy.DummyCache", DB),
        ("django.core.cache.backends.locmem.LocMemCache", DB),
        ("django.core.cache.backends.filebased.FileBasedCache", DB),
        ("django.core.cache.backends.memcached.PyMemcacheCache", CACHED_DB),
        ("django.core.cache.backends.db.DatabaseCache", CACHED_DB),
    ],
)
def test_a_cache_not_known_to_be_shared_keeps_sessions_in_the_database(backend: str, engine: str) -> None:
    assert session_engine({"default": {"BACKEND": backend}}) == engine


def test_the_default_settings_keep_sessions_in_the_database() -> None:
    from django.conf import settings

    assert settings.SESSION_ENGINE == DB


def test_a_logged_out_session_is_refused_though_another_process_still_remembers_it(org: Any) -> None:
    client = Client()
    client.login(username="bob", password=PASSWORD)
    assert client.get(f"/orgs/{org.pk}/").status_code == 200
    remembered = dict(client.session.items())
    stolen = client.cookies["sessionid"].value

    client.post("/logout/")
    replay = Client()
    replay.cookies["sessionid"] = stolen
    _as_another_process_remembers(replay, remembered)

    response = replay.get(f"/orgs/{org.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_confirmed_code_holds_though_another_process_remembers_the_session_before_it(
    org: Any, client: Client, settings: Any
) -> None:
    settings.GONOGO_TOTP_REQUIRED = True
    erin = create_user("erin")
    add_member(erin, org, "approver")
    device = TOTPDevice.objects.create(user=erin, name="phone", confirmed=True)
    client.login(username="erin", password=PASSWORD)
    assert client.get(f"/orgs/{org.pk}/")["Location"] == "/2fa/verify/"
    before_the_code = dict(client.session.items())

    assert client.post("/2fa/verify/", {"code": _code(device)}).status_code == 302
    _as_another_process_remembers(client, before_the_code)

    for _ in range(3):
        assert client.get(f"/orgs/{org.pk}/").status_code == 200


def test_failed_log_ins_count_across_processes(alice: Any, client: Client, settings: Any) -> None:
    """Each failure may reach another worker; the lock-out counts them all, whatever each one's memory holds."""
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/login/", {"username": "alice", "password": "wrong"})
        caches["default"].clear()  # the next request is served by a process that has seen none of this
    response = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
