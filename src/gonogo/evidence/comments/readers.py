"""Read comment files: CSV with a text column, TikTok Business API comment JSON, or plain text.

Every reader is all-or-nothing: it returns every comment of the file or raises
:class:`CommentFileError`, whose message names the file, the line and the column or field to fix.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from gonogo.core.errors import InputError

FORMATS = (".csv", ".json", ".txt")
DATE_COLUMNS = ("date", "create_time", "created_at", "time")
VIDEO_COLUMNS = ("video", "video_id")
LIKES_COLUMNS = ("likes", "like_count", "digg_count")
ID_COLUMNS = ("comment_id", "id")
MAX_BYTES = 200 * 1024 * 1024


class CommentFileError(InputError):
    """A comment file cannot be read; the message says where and what was expected.

    ``code`` names the kind of problem and ``params`` its details (``file``, ``line``, ``column``, ...), so
    that an interface can say the same in another language; ``str()`` is the English message.
    """

    def __init__(self, message: str, code: str = "", **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Comment:
    """One comment as read from a file. ``where`` locates it in the file (e.g. ``line 4``)."""

    text: str
    where: str
    comment_id: str | None = None
    video_id: str | None = None
    likes: int | None = None
    date: str | None = None


@dataclass(frozen=True)
class Columns:
    """Which CSV columns hold what: the text, and optionally the date, video and likes.

    An optional column left as None is looked for under its usual names (``date``, ``video_id``, ``likes``...).
    """

    text: str = "text"
    date: str | None = None
    video: str | None = None
    likes: str | None = None


def read_comments(path: str | Path, text_column: str = "text", columns: Columns | None = None) -> list[Comment]:
    """Read every comment of ``path``; the format follows the extension (.csv, .json, .txt).

    ``columns`` names the CSV columns; without it the text is in ``text_column``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise CommentFileError(
            f"{path}: unknown comment file type {suffix or '(none)'!r}; expected one of {', '.join(FORMATS)}",
            "file_type",
            file=str(path),
            suffix=suffix,
        )
    text = _read_text(path)
    if suffix == ".csv":
        comments = _read_csv(path, text, columns or Columns(text=text_column))
    elif suffix == ".json":
        comments = _read_json(path, text)
    else:
        comments = _read_txt(text)
    if not comments:
        raise CommentFileError(f"{path}: no comments found; expected at least one", "empty", file=str(path))
    return comments


# Spreadsheet programs in languages that write the decimal comma (Norwegian, German, French...) save "CSV"
# with semicolons; exports from some tools use tabs.
DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


def csv_delimiter(first_line: str, wanted: str | None = None) -> str:
    """The delimiter of a CSV file, read from its header row.

    The one under which the header has the ``wanted`` column wins; without such a column, the one that splits
    the header into the most columns; a tie (or a header of one column) keeps the comma.
    """
    best, most = ",", 1
    for delimiter in DELIMITERS:
        try:
            header = next(csv.reader([first_line], delimiter=delimiter), [])
        except csv.Error:
            continue
        names = [h.strip().lower() for h in header]
        if wanted is not None and wanted.strip().lower() in names:
            return delimiter
        if len(header) > most:
            best, most = delimiter, len(header)
    return best


def csv_header(path: str | Path) -> list[str]:
    """The column names of a CSV file's first row (empty when it has none or cannot be read)."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as fh:
            first = fh.readline()
        return [h.strip() for h in next(csv.reader([first], delimiter=csv_delimiter(first)), []) if h.strip()]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CommentFileError(
                f"{path}: file is larger than {MAX_BYTES // 2**20} MB; split it",
                "too_large",
                file=str(path),
                limit=MAX_BYTES // 2**20,
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise CommentFileError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise CommentFileError(f"{path}: is a folder; expected a comment file") from None
    except OSError as exc:
        raise CommentFileError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CommentFileError(
            f"{path}, line {line}: byte {exc.start} is not UTF-8; save the file as UTF-8",
            "not_utf8",
            file=str(path),
            line=line,
            byte=exc.start,
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise CommentFileError(
            f"{path}, line {line}: contains a NUL character; expected text", "nul", file=str(path), line=line
        )
    return text


def _read_txt(text: str) -> list[Comment]:
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if line:
            out.append(Comment(text=line, where=f"line {number}"))
    return out


def _pick(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def _int_field(value: str, where: str, thousands: str = ",", **params: Any) -> int | None:
    for separator in (thousands, " ", "\u00a0", "\u202f"):  # grouping: 1,234 / 1.234 / 1 234
        value = value.replace(separator, "")
    value = value.strip()
    if not value:
        return None
    if not value.isdigit() or not value.isascii():
        raise CommentFileError(
            f"{where}: expected a whole number of 0 or more, found {value!r}", "not_count", found=value, **params
        )
    return int(value)


def _named(path: Path, header: list[str], name: str, hint: str, code: str) -> int:
    lowered = [h.strip().lower() for h in header]
    if name.strip().lower() not in lowered:
        found = ", ".join(repr(h) for h in header)
        raise CommentFileError(
            f"{path}, line 1: no column named {name!r} (found {found}); {hint}",
            code,
            file=str(path),
            line=1,
            column=name,
            found=found,
        )
    return lowered.index(name.strip().lower())


def _read_csv(path: Path, text: str, columns: Columns) -> list[Comment]:
    delimiter = csv_delimiter(text.split("\n", 1)[0], columns.text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise CommentFileError(
            f"{path}: not a readable CSV file ({exc})", "not_csv", file=str(path), detail=str(exc)
        ) from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise CommentFileError(
            f"{path}, line 1: expected a header row with a {columns.text!r} column",
            "no_header",
            file=str(path),
            line=1,
            column=columns.text,
        )
    header = rows[0]
    col_text = _named(path, header, columns.text, "name the comment column with --text-column", "no_text_column")

    def optional(name: str | None, usual: tuple[str, ...]) -> int | None:
        if name is None:
            return _pick(header, usual)
        return _named(path, header, name, "name a column of the file or none", "no_column")

    col_date = optional(columns.date, DATE_COLUMNS)
    col_video = optional(columns.video, VIDEO_COLUMNS)
    col_likes = optional(columns.likes, LIKES_COLUMNS)
    col_id = _pick(header, ID_COLUMNS)
    out = []
    line = 1 + sum(cell.count("\n") for cell in header)  # last physical line read so far
    for row in rows[1:]:
        line += 1
        first_line = line
        line += sum(cell.count("\n") for cell in row)
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise CommentFileError(
                f"{path}, line {first_line}: {len(row)} fields but the header has {len(header)}; "
                f"quote fields that contain {DELIMITER_NAMES[delimiter]}",
                "field_count",
                file=str(path),
                line=first_line,
                fields=len(row),
                expected=len(header),
                separator="tab" if delimiter == "\t" else delimiter,
            )

        def cell(index: int | None, row: list[str] = row) -> str | None:
            return row[index].strip() or None if index is not None else None

        body = row[col_text].strip()
        if not body:
            raise CommentFileError(
                f"{path}, line {first_line}, column {header[col_text]!r}: empty comment; expected text",
                "empty_comment",
                file=str(path),
                line=first_line,
                column=header[col_text],
            )
        likes = None
        if col_likes is not None:
            likes = _int_field(
                row[col_likes],
                f"{path}, line {first_line}, column {header[col_likes]!r}",
                thousands="," if delimiter == "," else ".",
                file=str(path),
                line=first_line,
                column=header[col_likes],
            )
        out.append(
            Comment(
                text=body,
                where=f"line {first_line}",
                comment_id=cell(col_id),
                video_id=cell(col_video),
                likes=likes,
                date=cell(col_date),
            )
        )
    return out


def _json_items(path: Path, doc: Any) -> tuple[list[Any], str]:
    if isinstance(doc, list):
        return doc, ""
    if isinstance(doc, dict):
        data = doc.get("data", doc)
        if isinstance(data, dict) and isinstance(data.get("comments"), list):
            prefix = "data.comments" if "data" in doc else "comments"
            return data["comments"], prefix
        if isinstance(data, list):
            return data, "data"
    raise CommentFileError(
        f"{path}: expected a list of comments, or an object with data.comments (TikTok Business API)",
        "json_shape",
        file=str(path),
    )


def _optional_id(value: Any, where: str, **params: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise CommentFileError(
            f"{where}: expected a string or number id, found {type(value).__name__}",
            "json_id",
            found=type(value).__name__,
            **params,
        )
    return str(value)


def _read_json(path: Path, text: str) -> list[Comment]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommentFileError(
            f"{path}, line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})",
            "json_invalid",
            file=str(path),
            line=exc.lineno,
            column=exc.colno,
            detail=exc.msg,
        ) from None
    except RecursionError:
        raise CommentFileError(f"{path}: JSON is nested too deeply", "json_deep", file=str(path)) from None
    items, prefix = _json_items(path, doc)
    out = []
    for index, item in enumerate(items):
        field = f"{prefix}[{index}]" if prefix else f"[{index}]"
        where = f"{path}, field {field}"
        if not isinstance(item, dict):
            raise CommentFileError(
                f"{where}: expected an object with a 'text' field", "json_item", file=str(path), field=field
            )
        body = item.get("text")
        if not isinstance(body, str) or not body.strip():
            raise CommentFileError(
                f"{where}.text: expected the comment text as a non-empty string",
                "json_text",
                file=str(path),
                field=f"{field}.text",
            )
        likes = item.get("likes", item.get("like_count"))
        if likes is not None and (isinstance(likes, bool) or not isinstance(likes, int) or likes < 0):
            raise CommentFileError(
                f"{where}.likes: expected a whole number of 0 or more, found {likes!r}",
                "json_count",
                file=str(path),
                field=f"{field}.likes",
                found=repr(likes),
            )
        created = item.get("create_time")
        if created is not None and (isinstance(created, bool) or not isinstance(created, (int, str))):
            raise CommentFileError(
                f"{where}.create_time: expected Unix seconds, found {created!r}",
                "json_time",
                file=str(path),
                field=f"{field}.create_time",
                found=repr(created),
            )
        out.append(
            Comment(
                text=body.strip(),
                where=f"{prefix}[{index}]" if prefix else f"[{index}]",
                comment_id=_optional_id(
                    item.get("comment_id"), f"{where}.comment_id", file=str(path), field=f"{field}.comment_id"
                ),
                video_id=_optional_id(
                    item.get("video_id"), f"{where}.video_id", file=str(path), field=f"{field}.video_id"
                ),
                likes=likes,
                date=None if created is None else str(created),
            )
        )
    return out


def comment_day(value: str | None) -> date | None:
    """The day of a comment's date field: an ISO date or time, or a Unix timestamp (TikTok's create_time)."""
    if not value:
        return None
    text = value.strip()
    try:
        if text.isdigit():
            return datetime.fromtimestamp(int(text), tz=UTC).date()
        return date.fromisoformat(text[:10])
    except (ValueError, OverflowError, OSError):
        return None


def comment_period(values: Iterable[str | None]) -> dict[str, str] | None:
    """``{start, end}``: the first and last day among comments' date fields; None when none has a date."""
    days = [d for d in map(comment_day, values) if d is not None]
    if not days:
        return None
    return {"start": min(days).isoformat(), "end": max(days).isoformat()}
