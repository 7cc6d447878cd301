"""Receiving uploaded exports: each file streams to a temporary file under the var directory while it is hashed.

Nothing is held in memory beyond one chunk. A file over the size limit is skipped (its remaining bytes are
read and dropped) and named in ``too_large`` so the form can say which one it was.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

FIELD = "files"
_UNSAFE = re.compile(r"[^\w.\- ()+,@]+", re.UNICODE)


class UploadRefused(Exception):
    """An upload (analytics exports or a comment file) that cannot be stored; ``problems`` says what to fix."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def safe_name(name: str) -> str:
    """The base name of an uploaded file, kept readable but safe to use as a file name on disk."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    base = _UNSAFE.sub("_", base).lstrip(".")
    return base[:200] or "upload"


class HashedFile(UploadedFile):
    """An uploaded file already written to disk, with its SHA-256 and size."""

    def __init__(self, path: Path, name: str, size: int, sha256: str, content_type: str | None) -> None:
        super().__init__(file=None, name=name, content_type=content_type, size=size)
        self.path = path
        self.sha256 = sha256

    def temporary_file_path(self) -> str:
        return str(self.path)

    def open(self, mode: str = "rb") -> Any:
        return self.path.open(mode)

    def close(self) -> None:
        """Nothing stays open: the file is written and closed as it arrives."""


@contextmanager
def copied_from_disk(paths: Sequence[Path], incoming: Path) -> Iterator[list[HashedFile]]:
    """Files on disk as if uploaded: copied under ``incoming`` while hashed, the copies removed afterwards.

    For the demo and scripts; the originals are never moved.
    """
    incoming.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="import-", dir=incoming))
    try:
        sent = []
        for n, path in enumerate(paths):
            target = folder / str(n) / safe_name(Path(path).name)
            target.parent.mkdir()
            digest = hashlib.sha256()
            with Path(path).open("rb") as source, target.open("wb") as out:
                for chunk in iter(lambda: source.read(1 << 20), b""):
                    digest.update(chunk)
                    out.write(chunk)
            sent.append(HashedFile(target, target.name, target.stat().st_size, digest.hexdigest(), None))
        yield sent
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class HashingUploadHandler(FileUploadHandler):
    """Stream each file of the ``field`` field to ``<incoming>/<tmp>/<n>/<name>``, hashing it on the way."""

    def __init__(self, request: HttpRequest, incoming: Path, limit: int, field: str = FIELD) -> None:
        super().__init__(request)
        self.field = field
        self.incoming = incoming
        self.limit = limit
        self.directory: Path | None = None
        self.too_large: list[str] = []
        self._count = 0
        self._out: IO[bytes] | None = None
        self._path: Path | None = None
        self._digest = hashlib.sha256()
        self._size = 0

    def _folder(self) -> Path:
        if self.directory is None:
            self.incoming.mkdir(parents=True, exist_ok=True)
            self.directory = Path(tempfile.mkdtemp(prefix="upload-", dir=self.incoming))
        self._count += 1
        folder = self.directory / str(self._count)
        folder.mkdir()
        return folder

    def new_file(self, field_name: str, file_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        if field_name != self.field:
            raise SkipFile()
        if self.content_length is not None and self.content_length > self.limit:
            self.too_large.append(file_name)
            raise SkipFile()
        self._path = self._folder() / safe_name(file_name)
        self._out = self._path.open("wb")
        self._digest = hashlib.sha256()
        self._size = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if self._out is None:
            return None
        self._size += len(raw_data)
        if self._size > self.limit:
            self._drop()
            self.too_large.append(str(self.file_name))
            raise SkipFile()
        self._digest.update(raw_data)
        self._out.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> HashedFile | None:
        if self._out is None or self._path is None:
            return None
        self._out.close()
        self._out = None
        return HashedFile(self._path, str(self.file_name), self._size, self._digest.hexdigest(), self.content_type)

    def upload_interrupted(self) -> None:
        self._drop()

    def _drop(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
        if self._path is not None:
            self._path.unlink(missing_ok=True)
            self._path = None

    def cleanup(self) -> None:
        """Remove every temporary file of this request (stored files were moved out first)."""
        self._drop()
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
