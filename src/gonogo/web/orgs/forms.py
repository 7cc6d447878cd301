"""Forms for organisation administration."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from gonogo.web.orgs.models import Role


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class SignUpForm(UserCreationForm):
    """Create a login when accepting an invitation."""
