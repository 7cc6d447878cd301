from __future__ import annotations

from pathlib import Path

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
