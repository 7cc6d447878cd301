"""``gonogo manage ...``: run a Django management command (migrate, createsuperuser, demo, check ...)."""

from __future__ import annotations

import argparse
import os
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "manage",
        help="run a Django management command of the web app",
        description="Run a Django management command, e.g. 'gonogo manage migrate' or 'gonogo manage demo'.",
    )
    parser.add_argument("arguments", nargs=argparse.REMAINDER, help="the command and its arguments")
    parser.set_defaults(func=handler)


def handler(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonogo.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gonogo manage", *(args.arguments or ["help"])])
    return 0
