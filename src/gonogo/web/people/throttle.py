"""Throttle password guessing: too many recent failures for a username or an address lock it out."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from gonogo.web.people.models import FailedLogin


def _since() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def is_locked(username: str, address: str | None) -> bool:
    recent = FailedLogin.objects.filter(at__gte=_since())
    limit = settings.LOGIN_FAILURE_LIMIT
    if recent.filter(username=username.lower()).count() >= limit:
        return True
    # An address gets more room than one username: offices share addresses behind NAT.
    return address is not None and recent.filter(address=address).count() >= limit * 4


def note_failure(username: str, address: str | None) -> None:
    FailedLogin.objects.create(username=username.lower()[:150], address=address)
    FailedLogin.objects.filter(at__lt=_since()).delete()


def clear(username: str) -> None:
    FailedLogin.objects.filter(username=username.lower()).delete()
