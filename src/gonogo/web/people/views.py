"""Log in and out, and reset a password. Log-in is throttled per username and per address."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import ngettext

from gonogo.web.people import throttle


def client_address(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def locked_message() -> str:
    """What a locked-out person can do: wait out the window, or reset the password by e-mail (which unlocks)."""
    minutes = max(1, -(-settings.LOGIN_FAILURE_WINDOW_SECONDS // 60))
    return ngettext(
        "Too many failed attempts. Wait %(minutes)d minute and try again, "
        "or reset your password by e-mail with the link below: that unlocks your account at once.",
        "Too many failed attempts. Wait %(minutes)d minutes and try again, "
        "or reset your password by e-mail with the link below: that unlocks your account at once.",
        minutes,
    ) % {"minutes": minutes}


class ThrottledAuthenticationForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request) if self.request else None
        if throttle.is_locked(username, address):
            raise forms.ValidationError(locked_message(), code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.note_failure(username, address)
            raise
        throttle.clear(username)
        return cleaned


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    template_name = "people/login.html"
    redirect_authenticated_user = True


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a new password through the e-mailed link also lifts a lock-out of that username."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        throttle.clear(form.user.get_username())
        return response
