"""The web app's commands: ``gonogo serve`` and ``gonogo manage``."""

from __future__ import annotations

from typing import Any

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


def _serve_args(*argv: str) -> object:
    from gonogo.cli import build_parser

    return build_parser().parse_args(["serve", *argv])


def test_serve_takes_workers_and_threads_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from gonogo.commands.serve import gunicorn_argv

    monkeypatch.setenv("GONOGO_WORKERS", "5")
    monkeypatch.setenv("GONOGO_THREADS", "8")
    argv = gunicorn_argv(_serve_args())  # type: ignore[arg-type]
    assert argv[argv.index("--workers") + 1] == "5"
    assert argv[argv.index("--threads") + 1] == "8"
    assert argv[argv.index("--worker-class") + 1] == "gthread"
    assert "--preload" in argv


def test_serve_options_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from gonogo.commands.serve import gunicorn_argv

    monkeypatch.setenv("GONOGO_WORKERS", "5")
    monkeypatch.setenv("GONOGO_THREADS", "8")
    argv = gunicorn_argv(_serve_args("--workers", "2", "--threads", "1"))  # type: ignore[arg-type]
    assert argv[argv.index("--workers") + 1] == "2"
    assert "--worker-class" not in argv  # one thread: gunicorn's sync workers
    assert "--threads" not in argv


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("GONOGO_WORKERS", "many", "GONOGO_WORKERS='many': expected a whole number from 1 to 64"),
        ("GONOGO_WORKERS", "0", "GONOGO_WORKERS='0': expected a whole number from 1 to 64"),
        ("GONOGO_THREADS", "-2", "GONOGO_THREADS='-2': expected a whole number from 1 to 256"),
        ("GONOGO_THREADS", "4.5", "GONOGO_THREADS='4.5': expected a whole number from 1 to 256"),
    ],
)
def test_serve_refuses_a_wrong_worker_or_thread_count_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    assert main(["serve", "--port", "8999"]) == 2
    assert message in capsys.readouterr().err


def test_serve_refuses_a_thread_count_of_zero_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--threads", "0"]) == 2
    assert "--threads 0: expected a whole number from 1 to 256" in capsys.readouterr().err


def test_warming_up_compiles_the_main_pages_without_touching_the_database(
    db: None, django_assert_num_queries: Any
) -> None:
    from django.template import engines

    from gonogo.web.warmup import warm_up

    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    with django_assert_num_queries(0):  # a connection opened before gunicorn forks would be shared
        warm_up()
    assert {"assessments/result.html", "orgs/organisation.html"} <= set(loader.get_template_cache)
