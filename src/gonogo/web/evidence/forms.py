"""The upload form: export files or zips, the export date for TikTok Studio's dates, columns for other CSVs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gonogo.core.errors import InputError
from gonogo.evidence.importers.generic import KEYS, Mapping


def _columns_help() -> str:
    # a function, so that the fields are filled in after the text is translated into the page's language
    text = gettext(
        "Only for a CSV file that is not a platform export: which column holds the date and which hold the "
        "figures, e.g. date=Day,views=Plays,likes=Likes (add date_format=%%d.%%m.%%Y for dates that are not "
        "written 2024-05-31). Fields you can map: %(fields)s."
    )
    return text % {"fields": ", ".join(KEYS)}


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
    columns = forms.CharField(
        label=_("Columns of another CSV file (optional)"),
        required=False,
        max_length=500,
        help_text=lazy(_columns_help, str)(),
    )

    def clean_columns(self) -> Mapping | None:
        spec = self.cleaned_data.get("columns", "").strip()
        if not spec:
            return None
        try:
            return Mapping.from_text(spec, str(_("Columns")))
        except InputError as exc:
            raise forms.ValidationError(str(exc)) from None
