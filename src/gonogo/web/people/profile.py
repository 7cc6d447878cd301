"""Your profile: the name the app shows for you, and the e-mail address invitations and password resets use."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonogo.web.audit.trail import record
from gonogo.web.orgs.models import Membership

FIELDS = ("first_name", "last_name", "email")


class ProfileForm(forms.ModelForm):
    """First and last name (both required) and e-mail address, which no other account may use."""

    class Meta:
        model = get_user_model()
        fields = FIELDS
        labels = {
            "first_name": gettext_lazy("First name"),
            "last_name": gettext_lazy("Last name"),
            "email": gettext_lazy("E-mail address"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in FIELDS:
            self.fields[name].required = True

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip()
        others = get_user_model().objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another account uses this e-mail address."), code="taken")
        return email


def _facts(user: Any) -> dict[str, str]:
    return {name: str(getattr(user, name) or "") for name in FIELDS}


def _tell_organisations(user: Any, before: dict[str, str], after: dict[str, str]) -> None:
    """Record a change of name in the trail of every organisation the person belongs to.

    Their pages name the person, and are cached by their trail's last entry; the e-mail address stays out.
    """
    names = ("first_name", "last_name")
    if all(before[n] == after[n] for n in names):
        return
    for membership in Membership.objects.filter(user=user).select_related("organisation"):
        record(
            "person.profile",
            actor=user,
            organisation=membership.organisation,
            obj=user,
            summary=user.get_username(),
            before={n: before[n] for n in names},
            after={n: after[n] for n in names},
        )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Change your own name and e-mail address; each change is recorded in the audit trail."""
    user = request.user
    before = _facts(user)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=user)
    if request.method == "POST" and form.is_valid():
        after = _facts(form.instance)
        if after != before:
            with transaction.atomic():
                form.save()
                record(
                    "person.profile",
                    actor=user,
                    obj=user,
                    summary=user.get_username(),
                    before=before,
                    after=after,
                )
                _tell_organisations(user, before, after)
        messages.success(request, _("Saved."))
        return redirect("profile")
    return render(request, "people/profile.html", {"form": form})
