"""Reading export files: decoding (BOMs, UTF-16), CSV rows with line numbers, numbers with their quirks."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator

from .model import ImportFormatError

MISSING = {"", "undefined", "null", "n/a", "--", "—"}
_INT = re.compile(r"-?\d{1,15}")
_INT_THOUSANDS = re.compile(r"-?\d{1,3}(?:[,\u00a0 ]\d{3}){1,4}")
_FLOAT = re.compile(r"-?\d{1,15}(?:[.,]\d{1,12})?")
MAX_FIELD = 1_000_000

csv.field_size_limit(MAX_FIELD)


def decode(data: bytes, name: str) -> str:
    """Return the text of an export: UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[3:]
    elif data.startswith(codecs.BOM_UTF16_LE):
        encoding, body = "utf-16-le", data[2:]
    elif data.startswith(codecs.BOM_UTF16_BE):
        encoding, body = "utf-16-be", data[2:]
    else:
        encoding, body = "utf-8", data
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1 if encoding == "utf-8" else None
        raise ImportFormatError(name, line, None, f"text in {encoding.upper()}") from None


def norm(cell: str) -> str:
    """Normalise a header cell for matching: case, surrounding space, inner runs of space."""
    return " ".join(cell.replace("\ufeff", "").strip().lower().split())


def is_sep_line(row: list[str]) -> bool:
    """Excel's ``sep=,`` hint, which the CSV reader splits at its own comma."""
    return bool(row) and norm(row[0]).startswith("sep=") and all(not c.strip() for c in row[1:])


def csv_rows(lines: Iterable[str], name: str) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, fields)``, skipping blank lines and a leading ``sep=,`` line."""
    reader = csv.reader(lines, strict=True)
    first = True
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFormatError(name, reader.line_num, None, f"well-formed CSV ({exc})") from None
        if first:
            first = False
            if is_sep_line(row):
                continue
        if not row or all(not c.strip() for c in row):
            continue
        yield reader.line_num, row


def text_rows(text: str, name: str) -> list[tuple[int, list[str]]]:
    return list(csv_rows(io.StringIO(text, newline=""), name))


def is_missing(value: str) -> bool:
    return value.strip().lower() in MISSING


def parse_int(
    value: str, name: str, line: int, column: str, *, thousands: bool = False, missing_ok: bool = True
) -> int | None:
    """A whole number; ``undefined`` or empty is None (missing), never 0. Negative numbers are kept."""
    v = value.strip()
    if missing_ok and v.lower() in MISSING:
        return None
    if _INT.fullmatch(v):
        return int(v)
    if thousands and _INT_THOUSANDS.fullmatch(v):
        return int(re.sub(r"[,\u00a0 ]", "", v))
    if re.fullmatch(r"-?\d{1,15}\.0+", v):
        return int(v.split(".")[0])
    expected = "a whole number" + (" (thousands separators allowed)" if thousands else "")
    if missing_ok:
        expected += " or 'undefined'"
    raise ImportFormatError(name, line, column, expected, value)


def parse_float(value: str, name: str, line: int, column: str, *, percent: bool = False) -> float | None:
    """A decimal number, ``12.5`` or ``12,5``; with a ``%`` sign or ``percent=True`` it is divided by 100."""
    v = value.strip()
    if v.lower() in MISSING:
        return None
    is_pct = v.endswith("%")
    if is_pct:
        v = v[:-1].strip()
    if not _FLOAT.fullmatch(v):
        raise ImportFormatError(name, line, column, "a number" + (" or a percentage" if percent else ""), value)
    number = float(v.replace(",", "."))
    return number / 100 if (is_pct or percent) else number


def header_index(header: list[str], wanted: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Map our field names to column positions, matching any of the accepted labels case-insensitively."""
    positions = {norm(h): i for i, h in enumerate(header)}
    out: dict[str, int] = {}
    for key, labels in wanted.items():
        for label in labels:
            if label in positions:
                out[key] = positions[label]
                break
    return out


def cell(row: list[str], index: int) -> str:
    return row[index] if index < len(row) else ""


def require_width(row: list[str], width: int, name: str, line: int) -> None:
    if len(row) < width:
        raise ImportFormatError(name, line, None, f"{width} fields", f"{len(row)} field(s)")
