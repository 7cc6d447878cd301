"""Two-factor authentication (TOTP) for the people who sign and administer: approvers and admins.

They must confirm an authenticator app once, and give a current code after every log-in, before any page
other than these opens.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonogo.web.orgs.models import Membership, Role

ROLES_NEEDING_TOTP = (Role.APPROVER, Role.ADMIN)
# Where the person was going when sent to set up or enter a code: the page to continue to afterwards.
GOING_TO_KEY = "gonogo_2fa_going_to"
OPEN_PREFIXES = ("/2fa/", "/logout/", "/static/", "/i18n/", "/api/", "/login/", "/password-reset/", "/invitations/")


def needs_totp(user: object) -> bool:
    """Tell whether the person is an approver or administrator anywhere (read with them when they were loaded)."""
    known = getattr(user, "gonogo_needs_totp", None)
    if known is not None:
        return bool(known)
    return Membership.objects.filter(user_id=getattr(user, "pk", None), role__in=ROLES_NEEDING_TOTP).exists()


def secret_of(device: TOTPDevice) -> str:
    """Return the device's key in base32, as authenticator apps take it."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


class RequireTwoFactorMiddleware:
    """Send approvers and admins to set up or enter their code before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.GONOGO_TOTP_REQUIRED
            and not request.path.startswith(OPEN_PREFIXES)
            and user.is_authenticated
            and not user.is_verified()  # type: ignore[union-attr]
            and needs_totp(user)
        ):
            if request.method == "GET":
                request.session[GOING_TO_KEY] = request.get_full_path()
            return redirect("totp_verify" if user_has_device(user, confirmed=True) else "totp_setup")
        return self.get_response(request)
