"""``gonogo serve``: serve the web app with gunicorn (or Django's development server with ``--dev``).

It does not migrate: run ``gonogo manage migrate`` first, once per release.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from gonogo.core.errors import InputError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("serve", help="serve the web app", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: 2 per CPU + 1)")
    parser.add_argument("--dev", action="store_true", help="Django's auto-reloading development server")
    parser.set_defaults(func=handler)


def handler(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise InputError(f"--port {args.port}: expected a port number between 1 and 65535")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonogo.web.settings")
    if args.dev:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["gonogo manage", "runserver", f"{args.host}:{args.port}"])
        return 0
    from gunicorn.app.wsgiapp import WSGIApplication

    workers = args.workers or 2 * (os.cpu_count() or 1) + 1
    argv = [
        "gunicorn",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "gonogo.web.wsgi:application",
    ]
    from gonogo.web.setup import setup_django

    setup_django()  # a bad setting fails here, once, rather than in every worker
    from django.conf import settings

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not settings.DEBUG and not manifest.exists():
        raise InputError(f"{manifest} is missing: run 'gonogo manage collectstatic --noinput' first")
    sys.argv = argv  # gunicorn reads its options from the command line
    WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()
    return 0
