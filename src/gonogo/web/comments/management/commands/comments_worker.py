"""Run the comment analysis jobs (the accurate model after an upload): ``--once`` runs those waiting and stops."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gonogo.web.comments import jobs


class Command(BaseCommand):
    help = "Run queued comment analysis jobs; without --once, keep looking for new ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run the jobs waiting now, then stop")
        parser.add_argument("--poll", type=float, default=5.0, help="seconds between looks for jobs (default 5)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            self.stdout.write(f"ran {jobs.run_pending()} job(s)")
            return
        self.stdout.write("waiting for comment analysis jobs (Ctrl-C stops)")
        try:
            while True:
                ran = jobs.run_pending()
                if ran:
                    self.stdout.write(f"ran {ran} job(s)")
                time.sleep(options["poll"])
        except KeyboardInterrupt:
            return
