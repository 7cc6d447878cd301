"""Set up an authenticator app, and enter its code after logging in."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonogo.web.audit.trail import record
from gonogo.web.people import recovery
from gonogo.web.people.twofactor import GOING_TO_KEY, secret_of


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("The six-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits the app shows now.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class RecoveryCodeForm(forms.Form):
    recovery_code = forms.CharField(
        label=_("A recovery code"),
        max_length=20,
        help_text=_("One of the ten codes you kept when you set up the app; each works once."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )


def _next(request: HttpRequest) -> str:
    """Where to go on: ``?next=``, else the page the person was sent here from, else the portfolio."""
    going_to = request.session.pop(GOING_TO_KEY, None) or ""
    for target in (request.GET.get("next") or "", going_to):
        safe = url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        if target and safe:
            return target
    return reverse("portfolio")


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    device, _created = TOTPDevice.objects.get_or_create(user=request.user, confirmed=False, defaults={"name": "app"})
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            record("person.totp_confirmed", actor=request.user, obj=device, summary=request.user.get_username())
            request.session[recovery.SESSION_KEY] = recovery.issue(request.user)
            # The page the person was going to stays in the session for the recovery page's "Continue".
            if request.GET.get("next"):
                return redirect(f"{reverse('totp_recovery')}?{urlencode({'next': request.GET['next']})}")
            return redirect("totp_recovery")
        form.add_error("code", _("That code does not match. Check the phone's clock and try the next code."))
    secret = secret_of(device)
    label = quote(f"gonogo:{request.user.get_username()}")
    uri = f"otpauth://totp/{label}?secret={secret}&issuer=gonogo&digits=6&period=30"
    return render(request, "people/totp_setup.html", {"form": form, "secret": secret, "uri": uri})


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Take the app's current code, or one recovery code (a separate form on the same page)."""
    with_recovery = request.method == "POST" and "recovery_code" in request.POST
    form = CodeForm(request.POST if request.method == "POST" and not with_recovery else None)
    recovery_form = RecoveryCodeForm(request.POST if with_recovery else None)
    if with_recovery and recovery_form.is_valid():
        if recovery.use(request, recovery_form.cleaned_data["recovery_code"]):
            left = recovery.remaining(request.user)
            messages.warning(
                request,
                _("You used a recovery code. Unused recovery codes left: %(count)d. You can make new ones.")
                % {"count": left},
            )
            return redirect(_next(request))
        recovery_form.add_error("recovery_code", _("That is not one of your unused recovery codes."))
    elif request.method == "POST" and not with_recovery and form.is_valid():
        code = form.cleaned_data["code"].strip()
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(code):
                otp_login(request, device)
                return redirect(_next(request))
        form.add_error("code", _("That code does not match. Try the next code the app shows."))
    return render(request, "people/totp_verify.html", {"form": form, "recovery_form": recovery_form})


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Show how many recovery codes are left, the new ones once, and make new ones (the old stop working)."""
    if not user_has_device(request.user, confirmed=True):
        return redirect("totp_setup")
    if not request.user.is_verified():  # type: ignore[union-attr]
        return redirect(f"/2fa/verify/?next={request.path}")
    # "Continue" goes where the person was going; making new codes keeps that in the address.
    continue_to = _next(request)
    if request.method == "POST":
        request.session[recovery.SESSION_KEY] = recovery.issue(request.user)
        if continue_to == reverse("portfolio"):
            return redirect("totp_recovery")
        return redirect(f"{reverse('totp_recovery')}?{urlencode({'next': continue_to})}")
    codes = request.session.pop(recovery.SESSION_KEY, None) or []
    context = {"codes": codes, "remaining": recovery.remaining(request.user), "continue_to": continue_to}
    return render(request, "people/totp_recovery.html", context)
