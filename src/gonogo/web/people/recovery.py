"""Recovery codes: ten single-use codes (django-otp's static device) for when the authenticator app is lost.

They are shown once, right after they are made; making new ones invalidates the old. Using one logs the person
in like a TOTP code and uses it up. Every issue and every use is audit-logged (without the codes).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from gonogo.web.audit.trail import record

COUNT = 10
DEVICE_NAME = "recovery"
SESSION_KEY = "gonogo_recovery_codes"


def normalise(code: str) -> str:
    """Codes are eight lowercase base32 characters; accept them with spaces, hyphens or capitals."""
    return "".join(ch for ch in code.lower() if ch.isalnum())


def remaining(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=DEVICE_NAME, device__confirmed=True).count()


def issue(user: Any) -> list[str]:
    """Replace the person's recovery codes with ten new ones and return them (the only time they are shown)."""
    with transaction.atomic():
        replaced = remaining(user)
        StaticDevice.objects.filter(user=user, name=DEVICE_NAME).delete()
        device = StaticDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
        codes: list[str] = []
        while len(codes) < COUNT:
            code = StaticToken.random_token()
            if code not in codes:
                codes.append(code)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        record(
            "person.recovery_codes_issued",
            actor=user,
            obj=device,
            summary=user.get_username(),
            before={"remaining": replaced},
            after={"remaining": COUNT},
        )
    return codes


def use(request: HttpRequest, code: str) -> bool:
    """Log the person in with one recovery code, using it up; False when it is not one of theirs."""
    token = normalise(code)
    for device in StaticDevice.objects.filter(user=request.user, name=DEVICE_NAME, confirmed=True):
        with transaction.atomic():
            if device.verify_token(token):
                otp_login(request, device)
                left = remaining(request.user)
                record(
                    "person.recovery_code_used",
                    actor=request.user,
                    obj=device,
                    summary=request.user.get_username(),
                    after={"remaining": left},
                )
                return True
    return False
