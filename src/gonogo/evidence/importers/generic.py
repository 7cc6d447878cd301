"""Any other CSV, with a column mapping: ``--map date=Day,views=Plays`` or a small mapping file.

The file is streamed row by row; memory grows with the number of distinct days, not with the rows, so a
file of a million posts sums into per-day figures. ``followers`` is a level (the day's last value wins);
every other metric is summed per day.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from gonogo.core.errors import InputError

from .dates import parse_full_date
from .inputs import STREAM_ERRORS, Member, text_stream
from .model import DAY_METRICS, ImportFormatError
from .partial import Partial
from .text import MISSING, is_sep_line, norm, parse_int

SOURCE = "generic"
KEYS = ("date", *DAY_METRICS)


@dataclass(frozen=True)
class Mapping:
    """Our field name -> the file's column label; ``date_format`` is a ``strptime`` pattern if not ISO."""

    columns: tuple[tuple[str, str], ...]
    date_format: str | None = None

    @classmethod
    def from_pairs(cls, pairs: dict[str, str], where: str) -> Mapping:
        fmt = pairs.pop("date_format", None)
        unknown = sorted(set(pairs) - set(KEYS))
        if unknown:
            raise InputError(f"{where}: unknown field(s) {', '.join(unknown)}; use {', '.join(KEYS)}")
        if "date" not in pairs:
            raise InputError(f"{where}: map the date column, e.g. date=Day")
        if len(pairs) < 2:
            raise InputError(f"{where}: map at least one metric besides the date, e.g. views=Plays")
        return cls(tuple(pairs.items()), fmt)

    @classmethod
    def parse(cls, spec: str) -> Mapping:
        """``date=Day,views=Plays[,date_format=%d.%m.%Y]``, or the path of a YAML file with that mapping."""
        path = Path(spec)
        if "=" not in spec and path.is_file():
            try:
                loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (yaml.YAMLError, UnicodeDecodeError) as exc:
                raise InputError(f"{spec}: not a readable YAML mapping ({exc})") from None
            if not isinstance(loaded, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in loaded.items()
            ):
                raise InputError(f"{spec}: expected a mapping of field: column label, e.g. 'views: Plays'")
            return cls.from_pairs(dict(loaded), spec)
        return cls.from_text(spec, "--map")

    @classmethod
    def from_text(cls, spec: str, where: str = "mapping") -> Mapping:
        """``date=Day,views=Plays[,date_format=%d.%m.%Y]`` only: never read as a file's path."""
        pairs: dict[str, str] = {}
        for part in spec.split(","):
            key, sep, value = part.partition("=")
            if not sep or not key.strip() or not value.strip():
                raise InputError(f"{where}: expected field=Column pairs separated by commas, found {part.strip()!r}")
            pairs[key.strip().lower()] = value.strip()
        return cls.from_pairs(pairs, where)

    def as_text(self) -> str:
        """The mapping as ``from_text`` reads it back."""
        pairs = [f"{key}={label}" for key, label in self.columns]
        if self.date_format:
            pairs.append(f"date_format={self.date_format}")
        return ",".join(pairs)


def parse(member: Member, mapping: Mapping) -> Partial:
    name = member.name
    partial = Partial(SOURCE, "generic CSV", name, member.origin)
    stream, close = text_stream(member)
    cache: dict[str, date] = {}
    try:
        reader = csv.reader(stream, strict=True)
        line = 0
        try:
            header = next(reader)
            if is_sep_line(header):
                header = next(reader)
        except StopIteration:
            raise ImportFormatError(name, 1, None, "a header row") from None
        labels = [norm(h) for h in header]
        positions: dict[str, int] = {}
        for key, label in mapping.columns:
            if norm(label) not in labels:
                raise ImportFormatError(name, reader.line_num, label, f"a column named {label!r}", ", ".join(header))
            positions[key] = labels.index(norm(label))
        date_col = positions.pop("date")
        date_label = header[date_col]
        width = max([date_col, *positions.values()]) + 1
        for metric in positions:
            partial.metrics.add(metric)
        days = partial.days
        for row in reader:
            line = reader.line_num
            if not row:
                continue
            if len(row) < width:
                raise ImportFormatError(name, line, None, f"at least {width} fields", f"{len(row)} field(s)")
            raw = row[date_col]
            day = cache.get(raw)
            if day is None:
                day = parse_full_date(raw, name, line, date_label, mapping.date_format)
                if len(cache) < 100_000:
                    cache[raw] = day
            slot = days.get(day)
            if slot is None:
                slot = days[day] = {}
            for metric, index in positions.items():
                text = row[index]
                if text.isascii() and text.isdigit() and len(text) <= 15:
                    value: int | None = int(text)  # the common case, without the general parser
                elif text.strip().lower() in MISSING:
                    slot.setdefault(metric, None)
                    continue
                else:
                    value = parse_int(text, name, line, header[index], thousands=True)
                current = slot.get(metric)
                if metric == "followers" or current is None:
                    slot[metric] = value
                else:
                    slot[metric] = current + (value or 0)
    except csv.Error as exc:
        raise ImportFormatError(name, reader.line_num, None, f"well-formed CSV ({exc})") from None
    except UnicodeDecodeError:
        raise ImportFormatError(name, reader.line_num + 1, None, "UTF-8 or UTF-16 text") from None
    except STREAM_ERRORS as exc:
        raise ImportFormatError(name, reader.line_num + 1, None, f"a readable file ({exc})") from None
    finally:
        close()
    return partial
