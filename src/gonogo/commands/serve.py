"""``gonogo serve``: serve the web app with gunicorn (or Django's development server with ``--dev``).

It does not migrate: run ``gonogo manage migrate`` first, once per release.

Workers are processes; with more than one thread each, gunicorn's threaded workers keep connections alive
between requests. ``--workers`` and ``--threads`` default to ``GONOGO_WORKERS`` and ``GONOGO_THREADS``.
The application is loaded and warmed up once, before the workers are forked, so they share its memory and
none pays for loading templates or the knowledge base on its first request.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from gonogo.core.errors import InputError

DEFAULT_THREADS = 4
MOST_WORKERS = 64
MOST_THREADS = 256


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("serve", help="serve the web app", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument(
        "--workers", type=int, default=None, help="gunicorn worker processes (default GONOGO_WORKERS, or CPUs + 1)"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help=f"threads per worker (default GONOGO_THREADS, or {DEFAULT_THREADS}); 1 for gunicorn's sync workers",
    )
    parser.add_argument("--dev", action="store_true", help="Django's auto-reloading development server")
    parser.set_defaults(func=handler)


def _count(flag: str, value: int | None, variable: str, default: int, most: int) -> int:
    """Return the flag's value, else the environment's, else ``default``; each must be 1 to ``most``."""
    where = f"{flag} {value}"
    if value is None:
        raw = os.environ.get(variable, "").strip()
        if not raw:
            return default
        where = f"{variable}={raw!r}"
        try:
            value = int(raw)
        except ValueError:
            raise InputError(f"{where}: expected a whole number from 1 to {most}") from None
    if not 1 <= value <= most:
        raise InputError(f"{where}: expected a whole number from 1 to {most}")
    return value


def gunicorn_argv(args: argparse.Namespace) -> list[str]:
    """Return gunicorn's command line for these options (checked, with the environment's defaults)."""
    workers = _count("--workers", args.workers, "GONOGO_WORKERS", (os.cpu_count() or 1) + 1, MOST_WORKERS)
    threads = _count("--threads", args.threads, "GONOGO_THREADS", DEFAULT_THREADS, MOST_THREADS)
    argv = ["gunicorn", "--bind", f"{args.host}:{args.port}", "--workers", str(workers)]
    if threads > 1:
        argv += ["--worker-class", "gthread", "--threads", str(threads)]
    return [*argv, "--preload", "--access-logfile", "-", "gonogo.web.wsgi:application"]


def check_cache() -> None:
    """Stop with a clear message when the cache (``GONOGO_CACHE_URL``) does not answer, rather than on every page."""
    from django.core.cache import cache

    try:
        cache.get("gonogo:serve:ping")
    except Exception as exc:
        where = os.environ.get("GONOGO_CACHE_URL", "")
        raise InputError(
            f"GONOGO_CACHE_URL={where!r}: the cache does not answer ({exc}); start it or fix the URL"
        ) from None
    finally:
        cache.close()  # the workers open their own connections after the fork


def handler(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise InputError(f"--port {args.port}: expected a port number between 1 and 65535")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonogo.web.settings")
    if args.dev:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["gonogo manage", "runserver", f"{args.host}:{args.port}"])
        return 0
    argv = gunicorn_argv(args)
    from gunicorn.app.wsgiapp import WSGIApplication

    from gonogo.web.setup import setup_django

    setup_django()  # a bad setting fails here, once, rather than in every worker
    from django.conf import settings

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not settings.DEBUG and not manifest.exists():
        raise InputError(f"{manifest} is missing: run 'gonogo manage collectstatic --noinput' first")
    check_cache()
    sys.argv = argv  # gunicorn reads its options from the command line
    WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()
    return 0
