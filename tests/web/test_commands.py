"""The web app's commands: ``gonogo serve`` and ``gonogo manage``."""

from __future__ import annotations

import pytest

from gonogo.cli import main


def test_serve_refuses_a_port_out_of_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "70000"]) == 2
    assert "--port 70000: expected a port number between 1 and 65535" in capsys.readouterr().err


def test_manage_runs_django_commands(capsys: pytest.CaptureFixture[str], db: None) -> None:
    assert main(["manage", "check"]) == 0
    assert "System check identified no issues" in capsys.readouterr().out


def test_manage_issues_an_api_token(bob: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["manage", "api_token", "bob"]) == 0
    assert capsys.readouterr().out.startswith("gng_")


def test_serve_in_production_asks_for_collectstatic_first(settings: object, capsys: pytest.CaptureFixture[str]) -> None:
    settings.DEBUG = False  # type: ignore[attr-defined]
    assert main(["serve", "--port", "8999"]) == 2
    assert "collectstatic --noinput" in capsys.readouterr().err
