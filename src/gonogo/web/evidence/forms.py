"""The upload form: one or more export files or zips, and the export date for TikTok Studio's dates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,.zip,text/csv,application/zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            if not data and self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Export files or zips"),
        allow_empty_file=True,  # the importer names an empty file and says what it expected instead
        help_text=_(
            "Exports of this account from TikTok Studio, Meta Business Suite, YouTube Studio or X, as CSV files "
            "or the zips the platform gives you. Choose several at once to import them together."
        ),
        error_messages={"required": _("Choose at least one export file or zip.")},
    )
    export_date = forms.DateField(
        label=_("Export date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "The day you downloaded the export. TikTok Studio's dates have no year; without this date it is "
            "read from the zip's name."
        ),
    )
