"""Write to and verify the audit trail. Every change in the web app goes through ``record``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Subquery

from gonogo.web.audit.models import GENESIS, AuditEntry, ChainHead, plain


def record(
    action: str,
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    organisation: Any = None,
    obj: Any = None,
    summary: str = "",
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Append one entry, chained to the last; call it inside the transaction that makes the change.

    ``obj`` names the changed object (its model name and primary key); ``before``/``after`` are plain data.
    """
    user = actor if actor is not None and actor.is_authenticated else None
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(
            seq=head.length + 1,
            at=dt.datetime.now(dt.UTC),
            actor=user,
            actor_name=user.get_username() if user is not None else "",
            organisation=organisation,
            action=action,
            object_type=obj._meta.model_name if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            summary=summary[:300],
            before=plain(before),
            after=plain(after),
            prev_hash=head.last_hash,
        )
        entry.hash = entry.compute_hash()
        entry.save()
        head.length = entry.seq
        head.last_hash = entry.hash
        head.save(update_fields=["length", "last_hash"])
    return entry


@dataclass(frozen=True)
class Problem:
    seq: int
    message: str


def verify() -> list[Problem]:
    """Return every break in the chain: altered entries, gaps from deleted ones, a truncated tail.

    An empty list means the stored trail is the one that was written.
    """
    problems: list[Problem] = []
    prev_hash = GENESIS
    expected_seq = 1
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        if entry.seq != expected_seq:
            problems.append(Problem(entry.seq, f"entries {expected_seq}..{entry.seq - 1} are missing"))
        if entry.prev_hash != prev_hash:
            problems.append(Problem(entry.seq, "does not link to the entry before it"))
        if entry.compute_hash() != entry.hash:
            problems.append(Problem(entry.seq, "its content was altered after it was written"))
        prev_hash = entry.hash
        expected_seq = entry.seq + 1
    head = ChainHead.objects.filter(pk=1).first()
    length = head.length if head else 0
    last_hash = head.last_hash if head else GENESIS
    if length != expected_seq - 1 or last_hash != prev_hash:
        problems.append(Problem(length, f"the trail should end at entry {length}; it ends at {expected_seq - 1}"))
    return problems


def last_hash_of(organisation: Any) -> Subquery:
    """``last_hash`` as a subquery, for ``organisation`` given as an ``OuterRef`` in a larger query."""
    entries = AuditEntry.objects.filter(organisation_id=organisation).order_by("-seq")
    return Subquery(entries.values("hash")[:1])


def last_hash(organisation_id: int) -> str:
    """Return the hash of the organisation's last audit entry ("" before the first).

    Every change to an organisation's records writes an entry, so this says when anything rendered from
    them is stale: cached pages carry it in their key, and any process sees the new key at once.
    """
    found = (
        AuditEntry.objects.filter(organisation_id=organisation_id)
        .order_by("-seq")
        .values_list("hash", flat=True)
        .first()
    )
    return found or ""
