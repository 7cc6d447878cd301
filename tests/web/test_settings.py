from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from gonogo.web.env import envbool, envint, envlist, envstr, secret_key


def test_envbool_reads_the_usual_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "Yes")
    assert envbool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "off")
    assert envbool("X_FLAG", True) is False


def test_envbool_refuses_a_value_it_cannot_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG='maybe'"):
        envbool("X_FLAG", False)


def test_envint_refuses_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        envint("X_NUMBER", 1)


def test_envlist_drops_blanks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_HOSTS", "a.example, ,b.example,")
    assert envlist("X_HOSTS", []) == ["a.example", "b.example"]


def test_a_secret_can_come_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "key"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert envstr("X_SECRET", "") == "s3cret"


def test_production_without_a_secret_key_fails_loudly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GONOGO_SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="GONOGO_SECRET_KEY is not set"):
        secret_key(False, tmp_path)


def test_debug_generates_one_key_and_keeps_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GONOGO_SECRET_KEY", raising=False)
    first = secret_key(True, tmp_path)
    assert len(first) >= 50
    assert secret_key(True, tmp_path) == first


def test_a_short_secret_key_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GONOGO_SECRET_KEY", "short")
    with pytest.raises(ImproperlyConfigured, match="at least 32"):
        secret_key(False, tmp_path)


def test_every_response_carries_a_content_security_policy(client: object, db: None) -> None:
    response = client.get("/login/")  # type: ignore[attr-defined]
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_production_settings_pass_the_deployment_checks(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONOGO_", "DJANGO_", "DATABASE_URL"))}
    env.update(
        GONOGO_SECRET_KEY="a-production-key-" + "k" * 40,
        GONOGO_ALLOWED_HOSTS="gonogo.example.org",
        GONOGO_VAR_DIR=str(tmp_path),
    )
    done = subprocess.run(
        [sys.executable, "-m", "gonogo.cli", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr + done.stdout


def test_the_cache_is_each_processs_memory_unless_a_url_says_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    from gonogo.web.env import cache_settings

    monkeypatch.delenv("X_CACHE_URL", raising=False)
    default = cache_settings("X_CACHE_URL", "locmem://", "gonogo:abc")["default"]
    assert default["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert default["KEY_PREFIX"] == "gonogo:abc"
    monkeypatch.setenv("X_CACHE_URL", "redis://127.0.0.1:6379/2")
    shared = cache_settings("X_CACHE_URL", "locmem://", "gonogo:abc")["default"]
    assert shared["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shared["LOCATION"] == "redis://127.0.0.1:6379/2"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("memcached://127.0.0.1:11211", "expected locmem:// or a Redis URL such as redis://127.0.0.1:6379/0"),
        ("127.0.0.1:6379", "expected locmem:// or a Redis URL such as redis://127.0.0.1:6379/0"),
        ("redis:///0", "name the Redis host, e.g. redis://127.0.0.1:6379/0"),
    ],
)
def test_a_cache_url_it_cannot_use_stops_start_up_saying_what_to_write(
    monkeypatch: pytest.MonkeyPatch, url: str, message: str
) -> None:
    from gonogo.web.env import cache_settings

    monkeypatch.setenv("X_CACHE_URL", url)
    with pytest.raises(ImproperlyConfigured, match=f"X_CACHE_URL={url!r}: {re.escape(message)}"):
        cache_settings("X_CACHE_URL", "locmem://", "gonogo:abc")


@pytest.mark.parametrize(("raw", "message"), [("-5", "expected 0 or more seconds"), ("soon", "whole number")])
def test_a_connection_age_that_is_not_whole_seconds_is_refused(
    monkeypatch: pytest.MonkeyPatch, raw: str, message: str
) -> None:
    from gonogo.web.env import envseconds

    monkeypatch.setenv("X_MAX_AGE", raw)
    with pytest.raises(ImproperlyConfigured, match=message):
        envseconds("X_MAX_AGE", 600)


def test_start_up_with_a_wrong_setting_names_it(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONOGO_", "DJANGO_", "DATABASE_URL"))}
    env.update(GONOGO_DEBUG="1", GONOGO_VAR_DIR=str(tmp_path))
    for variable, value, message in [
        ("GONOGO_CACHE_URL", "memcached://x", "GONOGO_CACHE_URL='memcached://x': expected locmem://"),
        ("GONOGO_DB_CONN_MAX_AGE", "-1", "GONOGO_DB_CONN_MAX_AGE=-1: expected 0 or more seconds"),
    ]:
        done = subprocess.run(
            [sys.executable, "-m", "gonogo.cli", "manage", "check"],
            env={**env, variable: value},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode != 0
        assert message in done.stderr


def test_a_release_with_other_templates_caches_under_another_prefix(tmp_path: Path) -> None:
    from gonogo.web.env import release_fingerprint

    web = tmp_path / "web"
    (web / "templates").mkdir(parents=True)
    page = web / "templates" / "page.html"
    page.write_text("<p>one</p>")
    before = release_fingerprint(web)
    assert release_fingerprint(web) == before
    page.write_text("<p>two</p>")
    assert release_fingerprint(web) != before


def test_serve_stops_when_the_cache_does_not_answer(
    settings: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from gonogo.cli import main

    settings.DEBUG = True  # no collected static files needed
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    monkeypatch.setenv("GONOGO_CACHE_URL", "redis://127.0.0.1:1/0")
    assert main(["serve", "--port", "8999"]) == 2
    err = capsys.readouterr().err
    assert "GONOGO_CACHE_URL='redis://127.0.0.1:1/0': the cache does not answer" in err
    assert "start it or fix the URL" in err
