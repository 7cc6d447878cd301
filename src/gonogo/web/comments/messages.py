"""The comment readers' errors in the page's language: each kind of problem (``CommentFileError.code``) as a
message with the file's name as uploaded, never a temporary path."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gonogo.evidence.comments.readers import CommentFileError

# ``triage.NOTICE`` word for word, so that it is translated (a test keeps them equal)
NOTICE = _(
    "Triage flags are a ranking aid for human review, not an automatic verdict: "
    "a person must read and confirm every flagged comment."
)

READER_MESSAGES = {
    "file_type": _("%(file)s: not a comment file; choose a .csv, .json or .txt file"),
    "empty": _("%(file)s: no comments found; the file needs at least one comment"),
    "too_large": _("%(file)s: the file is larger than %(limit)s MB; split it"),
    "not_utf8": _("%(file)s, line %(line)s: byte %(byte)s is not UTF-8; save the file as UTF-8"),
    "nul": _("%(file)s, line %(line)s: contains a NUL character; expected text"),
    "not_csv": _("%(file)s: not a readable CSV file (%(detail)s)"),
    "no_header": _("%(file)s, line 1: expected a header row with a column “%(column)s”"),
    "no_text_column": _(
        "%(file)s, line 1: no column named “%(column)s” (found %(found)s); choose the column that holds the comments"
    ),
    "no_column": _(
        "%(file)s, line 1: no column named “%(column)s” (found %(found)s); "
        "name a column of the file or leave the field empty"
    ),
    "field_count": _(
        "%(file)s, line %(line)s: %(fields)s fields but the header has %(expected)s; "
        "put quotes around fields that contain the separator (%(separator)s)"
    ),
    "empty_comment": _("%(file)s, line %(line)s, column “%(column)s”: empty comment; expected text"),
    "not_count": _(
        "%(file)s, line %(line)s, column “%(column)s”: expected a whole number of 0 or more, found “%(found)s”"
    ),
    "json_shape": _("%(file)s: expected a list of comments, or an object with data.comments (TikTok Business API)"),
    "json_invalid": _("%(file)s, line %(line)s, column %(column)s: not valid JSON (%(detail)s)"),
    "json_deep": _("%(file)s: JSON is nested too deeply"),
    "json_item": _("%(file)s, field %(field)s: expected an object with a “text” field"),
    "json_text": _("%(file)s, field %(field)s: expected the comment text as a non-empty string"),
    "json_count": _("%(file)s, field %(field)s: expected a whole number of 0 or more, found %(found)s"),
    "json_time": _("%(file)s, field %(field)s: expected Unix seconds, found %(found)s"),
    "json_id": _("%(file)s, field %(field)s: expected a string or number id, found %(found)s"),
}


def describe(exc: CommentFileError, names: dict[str, str]) -> str:
    """The reader's error for a person, in the active language, naming the file as uploaded."""
    template = READER_MESSAGES.get(exc.code)
    if template is not None:
        params = dict(exc.params)
        if "file" in params:
            params["file"] = names.get(str(params["file"]), str(params["file"]))
        try:
            return str(template) % params
        except (KeyError, TypeError, ValueError):
            pass
    text = str(exc)
    for temporary, given in sorted(names.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(temporary, given)
    return text
