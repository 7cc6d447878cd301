"""Content-addressed storage of uploaded exports: ``<var>/evidence/files/<account>/<sha[:2]>/<sha256>``.

A file is kept once per account. It is moved into place inside the transaction that records it and removed
again if that transaction fails, so a failed upload leaves no file behind.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from django.conf import settings


def root() -> Path:
    return Path(settings.EVIDENCE_DIR)


def incoming() -> Path:
    """Where uploads stream to; on the same file system as the store, so moving a file is a rename."""
    return root() / "incoming"


def path_of(account_id: int, sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a SHA-256: {sha256!r}")
    return root() / "files" / str(account_id) / sha256[:2] / sha256


def put(source: Path, account_id: int, sha256: str) -> bool:
    """Move ``source`` into the store; return whether it was not there before."""
    target = path_of(account_id, sha256)
    if target.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)
    return True


def remove(account_id: int, sha256: str) -> None:
    path_of(account_id, sha256).unlink(missing_ok=True)


def intact(account_id: int, sha256: str) -> bool:
    """Whether the stored copy is there and still has the hash it was stored under."""
    path = path_of(account_id, sha256)
    if not path.is_file():
        return False
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest() == sha256
