"""Forms for accounts, safeguards in place, imports and action items."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonogo.web.assessments import catalogue
from gonogo.web.assessments.models import Account, ActionItem, Safeguard


class AccountForm(forms.ModelForm):
    class Meta:
        model = Account
        fields = ["platform", "handle", "status", "purpose"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["platform"] = forms.ChoiceField(label=_("Platform"), choices=catalogue.choices("platforms"))


class SafeguardForm(forms.ModelForm):
    class Meta:
        model = Safeguard
        fields = ["safeguard", "evidence", "in_place_since", "expires"]
        widgets = {
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "in_place_since": forms.DateInput(attrs={"type": "date"}),
            "expires": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["safeguard"] = forms.ChoiceField(label=_("Safeguard"), choices=catalogue.choices("safeguards"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        since, expires = data.get("in_place_since"), data.get("expires")
        if since and expires and expires < since:
            self.add_error("expires", _("The expiry date is before the date it was put in place."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Assessment file (YAML or JSON)"))


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["owner", "due", "evidence", "done_at"]
        widgets = {
            "due": forms.DateInput(attrs={"type": "date"}),
            "done_at": forms.DateInput(attrs={"type": "date"}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
        }
