"""WSGI entry point for ``gonogo serve`` (gunicorn) and any other WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonogo.web.settings")
application = get_wsgi_application()

from gonogo.web.warmup import warm_up  # noqa: E402  (needs the settings above)

warm_up()
