"""A person's own API tokens: make one (shown once) or revoke one."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from gonogo.web.api.models import ApiToken
from gonogo.web.audit.trail import record
from gonogo.web.people.twofactor import needs_totp


class TokenForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=100)


def unverified_signer(request: HttpRequest) -> bool:
    """Tell whether an approver or administrator is in a session not verified with their authenticator app."""
    return bool(
        settings.GONOGO_TOTP_REQUIRED
        and not request.user.is_verified()  # type: ignore[union-attr]
        and needs_totp(request.user)
    )


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None)
    new_token = None
    if request.method == "POST" and unverified_signer(request):
        # The two-factor middleware already keeps them off this page; a token that can sign or administer
        # must not come from a session without the authenticator app even if that ever changes.
        return redirect("totp_verify" if user_has_device(request.user, confirmed=True) else "totp_setup")
    if request.method == "POST" and form.is_valid():
        row, new_token = ApiToken.issue(request.user, form.cleaned_data["name"])
        record("person.token_issue", actor=request.user, obj=row, summary=row.name)
        form = TokenForm()
    rows = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(request, "api/tokens.html", {"form": form, "rows": rows, "new_token": new_token})


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    row = ApiToken.objects.filter(pk=pk, user=request.user).first()
    if row is None:
        raise Http404("No such token")
    record("person.token_revoke", actor=request.user, obj=row, summary=row.name)
    row.delete()
    return redirect("api_tokens")
