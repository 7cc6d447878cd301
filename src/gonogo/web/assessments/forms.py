"""Forms for accounts, safeguards in place, imports and action items."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from gonogo.web.assessments import catalogue
from gonogo.web.assessments.models import Account, ActionItem, Safeguard, normalise_handle
from gonogo.web.assessments.steps import DEVICE_KINDS, DeviceForm, OperatorsForm


class AccountForm(forms.ModelForm):
    """An account with who operates it and on what device: the guided steps' own questions, prefixed."""

    class Meta:
        model = Account
        fields = ["platform", "handle", "status", "purpose"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "handle": _("The account's name on the platform, without @; for example politiet."),
            "purpose": _("In a sentence or two: the job it does for the public."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["platform"] = forms.ChoiceField(label=_("Platform"), choices=catalogue.choices("platforms"))
        account = self.instance
        for name, field in OperatorsForm().fields.items():
            self.fields[OPERATOR + name] = field
        self.initial.update({OPERATOR + k: v for k, v in OperatorsForm.load({"operators": account.operators}).items()})
        for name, field in DeviceForm().fields.items():
            self.fields[DEVICE + name] = field
        self.fields[DEVICE + "kind"].required = False
        self.fields[DEVICE + "kind"].choices = [("", _("Not decided yet")), *DEVICE_KINDS]
        self.initial.update({DEVICE + k: v for k, v in (account.device or {}).items()})

    def account_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith((OPERATOR, DEVICE))]

    def operator_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(OPERATOR)]

    def device_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(DEVICE)]

    def clean_handle(self) -> str:
        handle = normalise_handle(str(self.cleaned_data.get("handle") or ""))
        if not handle:
            raise forms.ValidationError(_("Type the account's name on the platform, for example politiet."))
        if any(c.isspace() for c in handle):
            raise forms.ValidationError(_("A handle has no spaces; type it as the platform shows it."))
        return handle

    def save(self, commit: bool = True) -> Account:
        data = self.cleaned_data
        operators = {k.removeprefix(OPERATOR): v for k, v in data.items() if k.startswith(OPERATOR)}
        self.instance.operators = [{"role": k, "count": v} for k, v in operators.items() if v]
        device = {k.removeprefix(DEVICE): v for k, v in data.items() if k.startswith(DEVICE)}
        self.instance.device = device if device.get("kind") else {}
        account: Account = super().save(commit)
        return account


OPERATOR, DEVICE = "operators_", "device_"


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


def error_lines(form: forms.BaseForm) -> list[str]:
    """Each error of a bound form as one line that names its field by its label, e.g. "Expires: ..."."""
    lines = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        text = " ".join(str(e) for e in errors)
        lines.append(f"{capfirst(str(field.label))}: {text}" if field is not None and field.label else text)
    return lines


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Assessment file (YAML or JSON)"))


class ActionItemForm(forms.ModelForm):
    """Progress on a condition: owner and due date, and the evidence and date that it is met.

    Owners and due dates belong to what the approver signs: they can be set until the version is approved or
    rejected (so also in review, where approval needs them), then ``frozen`` keeps them as they were signed.
    Evidence and the done date can always be recorded.
    """

    FROZEN_FIELDS = ("owner", "due")

    class Meta:
        model = ActionItem
        fields = ["owner", "due", "evidence", "done_at"]
        widgets = {
            "due": forms.DateInput(attrs={"type": "date"}),
            "done_at": forms.DateInput(attrs={"type": "date"}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, frozen: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.frozen = frozen
        if frozen:
            for name in self.FROZEN_FIELDS:
                del self.fields[name]

    def _changes_frozen_field(self) -> bool:
        """Tell whether the submitted data tries to change an owner or due date that can no longer change."""
        if "owner" in self.data and str(self.data["owner"]).strip() != self.instance.owner:
            return True
        if "due" in self.data:
            try:
                due = forms.DateField(required=False).clean(self.data["due"])
            except forms.ValidationError:
                return True
            return bool(due != self.instance.due)
        return False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.frozen and self._changes_frozen_field():
            raise forms.ValidationError(
                _(
                    "The owner and due date cannot change once the version is approved or rejected: they are "
                    "part of what was signed. To change them, start a new version from this one."
                )
            )
        done_at: dt.date | None = data.get("done_at")
        if done_at is not None:
            if done_at > timezone.localdate():
                self.add_error("done_at", _("The done date cannot be in the future."))
            if not str(data.get("evidence") or "").strip():
                self.add_error("evidence", _("Say what shows that the condition is met before giving a done date."))
        return data
