"""Turning the paths a person gives (files, zips, folders) into the CSV members inside them."""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

from .model import ImportFormatError

MAX_MEMBER_BYTES = 512 * 1024 * 1024
# What the zip module can raise on a damaged archive: bad CRC or deflate data, truncated or garbled headers.
READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    struct.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    IndexError,
    KeyError,
    OverflowError,
)
# While streaming a member's data (the headers were read already).
STREAM_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError)
_TS = re.compile(r"(?<!\d)(1[0-9]{9})(?!\d)")


@dataclass(frozen=True)
class Member:
    """One CSV file to read: on disk, or inside a zip."""

    name: str  # shown in messages: "Overview_x.zip:Overview.csv" or the path as given
    basename: str  # "Overview.csv"
    origin: str  # the file the person gave (the zip or the CSV), as given
    opener: Callable[[], IO[bytes]]
    modified: date
    export_date_hint: date | None  # from a unix timestamp in the zip or file name

    def read(self) -> bytes:
        try:
            with self.opener() as fh:
                data = fh.read(MAX_MEMBER_BYTES + 1)
        except READ_ERRORS as exc:
            raise ImportFormatError(self.name, None, None, f"a readable file ({exc})") from None
        if len(data) > MAX_MEMBER_BYTES:
            raise ImportFormatError(self.name, None, None, f"a file under {MAX_MEMBER_BYTES // 2**20} MB")
        return data

    def head(self, size: int = 65536) -> bytes:
        try:
            with self.opener() as fh:
                return fh.read(size)
        except READ_ERRORS as exc:
            raise ImportFormatError(self.name, None, None, f"a readable file ({exc})") from None


def export_date_from_name(name: str) -> date | None:
    """TikTok Studio zips end in the unix timestamp of the export: ``Overview_..._1747400000_handle.zip``."""
    for match in reversed(_TS.findall(Path(name).name)):
        try:
            return datetime.fromtimestamp(int(match), tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            continue
    return None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _mtime(path: Path) -> date:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date()


def _zip_members(path: Path, shown: str) -> Iterator[Member]:
    try:
        archive = zipfile.ZipFile(path)
        infos = archive.infolist()
    except READ_ERRORS as exc:
        raise ImportFormatError(shown, None, None, f"a readable zip archive ({exc})") from None
    hint = export_date_from_name(path.name)
    modified = _mtime(path)
    for info in infos:
        inner = info.filename
        base = inner.rsplit("/", 1)[-1]
        if not base or inner.startswith("__MACOSX/") or base.startswith("."):
            continue
        if not base.lower().endswith(".csv"):
            continue
        if info.file_size > MAX_MEMBER_BYTES:
            raise ImportFormatError(f"{shown}:{inner}", None, None, "a file under 512 MB")

        def opener(info: zipfile.ZipInfo = info) -> IO[bytes]:
            try:
                return zipfile.ZipFile(path).open(info)
            except READ_ERRORS as exc:
                raise ImportFormatError(f"{shown}:{info.filename}", None, None, f"a readable file ({exc})") from None

        yield Member(f"{shown}:{inner}", base, shown, opener, modified, hint)


def _file_member(path: Path, shown: str) -> Member:
    def opener() -> IO[bytes]:
        return path.open("rb")

    return Member(shown, path.name, shown, opener, _mtime(path), export_date_from_name(path.name))


def collect(paths: list[Path]) -> tuple[list[Member], dict[str, str]]:
    """All CSV members under the given paths, and the SHA-256 of every file given (zip or CSV)."""
    members: list[Member] = []
    hashes: dict[str, str] = {}
    for given in paths:
        shown = str(given)
        if given.is_dir():
            found = sorted(p for p in given.rglob("*") if p.is_file() and p.suffix.lower() in (".csv", ".zip"))
            if not found:
                raise ImportFormatError(shown, None, None, "a folder holding .csv or .zip exports")
            for p in found:
                members.extend(_one(p, str(p), hashes))
        elif given.is_file():
            members.extend(_one(given, shown, hashes))
        else:
            raise ImportFormatError(shown, None, None, "an existing file, zip or folder")
    return members, hashes


def _one(path: Path, shown: str, hashes: dict[str, str]) -> list[Member]:
    hashes[shown] = sha256_of(path)
    if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        found = list(_zip_members(path, shown))
        if not found:
            raise ImportFormatError(shown, None, None, "a zip holding at least one .csv export")
        return found
    return [_file_member(path, shown)]


def text_stream(member: Member) -> tuple[IO[str], Callable[[], None]]:
    """A text stream over a member for streaming parsers (UTF-8 with or without BOM, or UTF-16 with BOM)."""
    start = member.head(2)
    encoding = "utf-16" if start in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    stream = io.TextIOWrapper(member.opener(), encoding=encoding, newline="")
    return stream, stream.close
