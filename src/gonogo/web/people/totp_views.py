"""Set up an authenticator app, and enter its code after logging in."""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonogo.web.audit.trail import record
from gonogo.web.people.twofactor import secret_of


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("The six-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits the app shows now.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


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
            return redirect("portfolio")
        form.add_error("code", _("That code does not match. Check the phone's clock and try the next code."))
    secret = secret_of(device)
    label = quote(f"gonogo:{request.user.get_username()}")
    uri = f"otpauth://totp/{label}?secret={secret}&issuer=gonogo&digits=6&period=30"
    return render(request, "people/totp_setup.html", {"form": form, "secret": secret, "uri": uri})


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip()
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(code):
                otp_login(request, device)
                return redirect(request.GET.get("next") or "portfolio")
        form.add_error("code", _("That code does not match. Try the next code the app shows."))
    return render(request, "people/totp_verify.html", {"form": form})
