"""Test set-up for the web app: settings, and people and organisations made by plain functions.

Alice administers and edits for Oslo kommune, Bob is on her team, Charlie belongs to another
organisation and must see nothing of Alice's.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonogo.web.settings")
os.environ.setdefault("GONOGO_SECRET_KEY", "tests-only-" + "x" * 40)
os.environ.setdefault("GONOGO_VAR_DIR", tempfile.mkdtemp(prefix="gonogo-tests-"))
os.makedirs(os.path.join(os.environ["GONOGO_VAR_DIR"], "static"), exist_ok=True)
os.environ.setdefault("GONOGO_HTTPS", "0")
os.environ.setdefault("GONOGO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402
import pytest  # noqa: E402

django.setup()  # this conftest is not the root one, so pytest-django has not set Django up yet

from web_records import add_member, create_organisation, create_user  # noqa: E402


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Most tests are about something else; test_twofactor.py switches the requirement back on.
    settings.GONOGO_TOTP_REQUIRED = False
    from django.core.cache import cache

    cache.clear()  # rendered fragments are cached by content; start each test from nothing
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _own_evidence_store(settings: Any, tmp_path_factory: Any) -> None:
    """Each test stores uploaded exports in a folder of its own, so it sees only the files it made."""
    settings.EVIDENCE_DIR = tmp_path_factory.mktemp("evidence")
    settings.COMMENTS_DIR = tmp_path_factory.mktemp("comments")
    # comment analysis jobs run when a test runs the worker (``comments_worker --once``), never in a thread
    settings.GONOGO_COMMENTS_WORKER = "external"


@pytest.fixture
def alice(db: Any) -> Any:
    return create_user("alice")


@pytest.fixture
def bob(db: Any) -> Any:
    return create_user("bob")


@pytest.fixture
def charlie(db: Any) -> Any:
    return create_user("charlie")


@pytest.fixture
def org(alice: Any, bob: Any) -> Any:
    organisation = create_organisation()
    add_member(alice, organisation, "admin")
    add_member(bob, organisation, "editor")
    return organisation


@pytest.fixture
def other_org(charlie: Any) -> Any:
    organisation = create_organisation("Bergen kommune", jurisdiction="NO-46")
    add_member(charlie, organisation, "admin")
    return organisation
