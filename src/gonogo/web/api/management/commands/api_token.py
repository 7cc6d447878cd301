"""Issue a personal API token for a person, printed once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonogo.web.api.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API token for USERNAME and print it (it is not shown again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="what the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no person with username {options['username']!r}")
        _row, token = ApiToken.issue(user, options["name"])
        self.stdout.write(token)
