"""Dates in exports: month names in the interface language, dates without a year, and year inference."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime

from .model import ImportFormatError

# Full month names per interface language; abbreviations are accepted as unambiguous prefixes of 3+ letters.
_MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"),
    "nb": ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "desember"),
    "de": ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "dezember"),
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december"),
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
}  # fmt: skip
# Extra short forms seen in interfaces that are not plain prefixes.
_EXTRA = {"mrz": 3, "sept": 9, "mei": 5, "mär": 3, "maj": 5, "mai": 5, "may": 5, "août": 8}
# Vietnamese: "tháng Sáu" (June) or "tháng 6".
_VI_MONTHS = ("một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai")
_VI_ALIASES = {"giêng": 1, "bốn": 4, "chạp": 12, "mười hai": 12}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().lower()


def _build_month_tokens() -> dict[str, int]:
    tokens: dict[str, int] = {}
    conflicts: set[str] = set()
    for names in _MONTH_NAMES.values():
        for number, full in enumerate(names, start=1):
            for length in range(3, len(full) + 1):
                token = full[:length]
                if tokens.get(token, number) != number:
                    conflicts.add(token)
                tokens[token] = number
    for token in conflicts:
        del tokens[token]
    tokens.update(_EXTRA)
    return tokens


MONTH_TOKENS = _build_month_tokens()
VI_MONTHS = {name: i for i, name in enumerate(_VI_MONTHS, start=1)} | _VI_ALIASES
_DAY_MONTH = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]+)\.?", re.UNICODE)
_MONTH_DAY = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})\.?", re.UNICODE)
_VI = re.compile(r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(.+)", re.UNICODE)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?")

EXPECTED_MONTH_DAY = "a day and month such as 'May 15', '15. mai', '15. Mai' or '18 tháng Sáu'"


def _month(token: str) -> int | None:
    return MONTH_TOKENS.get(token.rstrip("."))


def parse_month_day(value: str, name: str, line: int, column: str) -> tuple[int, int] | date:
    """Parse a date shown without a year; an ISO date is returned as a full ``date``."""
    text = _nfc(value)
    iso = _ISO.fullmatch(text)
    if iso:
        return _checked_date(int(iso[1]), int(iso[2]), int(iso[3]), value, name, line, column)
    month: int | None = None
    day: int | None = None
    vi = _VI.fullmatch(text)
    if vi:
        day = int(vi[1])
        rest = " ".join(vi[2].split())
        month = int(rest) if rest.isascii() and rest.isdigit() and len(rest) <= 2 else VI_MONTHS.get(rest)
    else:
        m = _DAY_MONTH.fullmatch(text) or None
        if m:
            day, month = int(m[1]), _month(m[2])
        else:
            m = _MONTH_DAY.fullmatch(text)
            if m:
                month, day = _month(m[1]), int(m[2])
    if month is None or day is None or not 1 <= month <= 12 or not 1 <= day <= _days_in(month):
        raise ImportFormatError(name, line, column, EXPECTED_MONTH_DAY, value)
    return month, day


def _days_in(month: int) -> int:
    return (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def _checked_date(y: int, m: int, d: int, value: str, name: str, line: int, column: str) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise ImportFormatError(name, line, column, "a real calendar date", value) from None


def _latest_on_or_before(month: int, day: int, limit: date) -> date | None:
    """The latest date with this month and day that is not after ``limit`` (29 February looks back)."""
    year = limit.year
    while year >= 1:
        try:
            candidate = date(year, month, day)
        except ValueError:
            year -= 1
            continue
        if candidate <= limit:
            return candidate
        year -= 1
    return None


def infer_years(
    values: Sequence[tuple[int, int] | date], export_date: date, name: str, lines: Sequence[int], column: str
) -> list[date]:
    """Give year-less dates their year from the export date.

    The rows are in date order (oldest first, as TikTok Studio writes them; newest first is also accepted).
    The newest row is the latest such day on or before the export date; walking away from it, each row takes
    the latest year that keeps the order, so a December row before a January row falls in the year before.
    Repeated days (hourly rows) keep the same date.
    """
    if not values:
        return []
    ascending = _assign(values, export_date, reverse=False)
    if ascending and (len(values) == 1 or (ascending[-1] - ascending[0]).days <= 400):
        return ascending
    descending = _assign(values, export_date, reverse=True)
    if descending and (descending[0] - descending[-1]).days <= 400:
        return descending
    raise ImportFormatError(name, lines[0], column, "rows in date order covering at most a year", f"{len(values)} rows")


def _assign(values: Sequence[tuple[int, int] | date], export_date: date, *, reverse: bool) -> list[date]:
    """Dates for the rows, or an empty list when they cannot be placed in order before the export date."""
    order = range(len(values)) if reverse else range(len(values) - 1, -1, -1)
    out: list[date] = [export_date] * len(values)
    limit = export_date
    for i in order:
        v = values[i]
        found = v if isinstance(v, date) else _latest_on_or_before(v[0], v[1], limit)
        if found is None or found > limit:
            return []
        out[i] = found
        limit = found
    return out


_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M %z",
    "%a, %b %d, %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
)


def parse_full_date(value: str, name: str, line: int, column: str, fmt: str | None = None) -> date:
    """A date with a year: ISO (with or without time), ``Sat, Sep 12, 2026``, ``2026-06-20 09:00 +0000``."""
    text = value.strip()
    formats = (fmt,) if fmt else _FORMATS
    for f in formats:
        try:
            return datetime.strptime(text, f).date()
        except ValueError:
            continue
    if not fmt:
        iso = _ISO.fullmatch(text)
        if iso:
            return _checked_date(int(iso[1]), int(iso[2]), int(iso[3]), value, name, line, column)
    expected = f"a date in the form {fmt}" if fmt else "a date such as 2026-05-15 or 'Sat, Sep 12, 2026'"
    raise ImportFormatError(name, line, column, expected, value)
