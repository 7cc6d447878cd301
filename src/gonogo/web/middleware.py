"""Response headers Django does not set itself, and request headers it would misread."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    """Send ``settings.CONTENT_SECURITY_POLICY`` on every response that does not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy: str = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


# Norwegian as browsers may ask for it: the macrolanguage ("no", "no-NO") or nynorsk ("nn", "nn-NO").
_NORWEGIAN = re.compile(r"^\s*(no|nn)(-[A-Za-z0-9]+)*\s*(?=;|$)", re.IGNORECASE)


class NorwegianAsBokmalMiddleware:
    """Serve bokmål to a browser that asks for Norwegian as ``no`` or ``nn``, which Django would answer in English.

    Placed before Django's ``LocaleMiddleware``, it rewrites those tags of ``Accept-Language`` to ``nb`` with
    their weights; a language chosen with the switch (its cookie) still comes first, as Django reads that before
    the header.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.META.get("HTTP_ACCEPT_LANGUAGE")
        if header:
            request.META["HTTP_ACCEPT_LANGUAGE"] = bokmal_for_norwegian(header)
        return self.get_response(request)


def bokmal_for_norwegian(header: str) -> str:
    """Return an ``Accept-Language`` value with each Norwegian tag (no, no-NO, nn, nn-NO) read as ``nb``."""
    return ",".join(_NORWEGIAN.sub("nb", part) for part in header.split(","))
