"""Start Django for the command-line entry points (``gonogo serve``, ``gonogo manage``, ``gonogo audit``)."""

from __future__ import annotations

import os


def setup_django() -> None:
    """Configure Django with gonogo's settings unless the environment names other settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonogo.web.settings")
    import django

    django.setup()
