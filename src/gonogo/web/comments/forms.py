"""The comment upload form: one file, and for a CSV file which columns hold the text, date, video and likes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gonogo.evidence.comments.readers import Columns


class CommentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Comment file"),
        allow_empty_file=True,  # the reader names an empty file and says what it expected instead
        help_text=_(
            "A CSV file with a column of comments, a TikTok Business API comment file (.json), or a .txt file "
            "with one comment per line."
        ),
        error_messages={"required": _("Choose a comment file.")},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.json,.txt,text/csv,application/json,text/plain", "data-columns": "comment-columns"}
        ),
    )
    text_column = forms.CharField(
        label=_("CSV column with the comment text"),
        initial="text",
        required=False,
        max_length=200,
        help_text=_("Only for CSV files: the name of the column, as in the file's first row (empty: text)."),
    )
    date_column = forms.CharField(
        label=_("CSV column with the date (optional)"),
        required=False,
        max_length=200,
        help_text=_("Left empty, a column named date, create_time, created_at or time is used if there is one."),
    )
    video_column = forms.CharField(
        label=_("CSV column with the video (optional)"),
        required=False,
        max_length=200,
        help_text=_("Left empty, a column named video or video_id is used if there is one."),
    )
    likes_column = forms.CharField(
        label=_("CSV column with the likes (optional)"),
        required=False,
        max_length=200,
        help_text=_("Left empty, a column named likes, like_count or digg_count is used if there is one."),
    )

    def __init__(self, *args: object, header: list[str] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # the columns of the file last sent, offered as choices (a browser with JavaScript fills them itself)
        self.header = header or []
        for name in ("text_column", "date_column", "video_column", "likes_column"):
            self.fields[name].widget.attrs["list"] = "comment-columns"

    def columns(self) -> Columns:
        data = self.cleaned_data
        return Columns(
            text=data["text_column"].strip() or "text",
            date=data["date_column"].strip() or None,
            video=data["video_column"].strip() or None,
            likes=data["likes_column"].strip() or None,
        )
