"""The audit trail: append-only entries, each chained to the one before by SHA-256."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from gonogo.web.audit.changes import Change, changes
from gonogo.web.audit.labels import action_label

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """Return ``value`` as canonical JSON: sorted keys, no spaces, dates as ISO strings."""
    return json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def plain(value: Any) -> Any:
    """Return ``value`` as it will read back from a JSON column (dates become strings)."""
    return json.loads(canonical(value))


class AppendOnlyError(RuntimeError):
    """An audit entry was about to be changed or deleted."""


class ChainHead(models.Model):
    """The single row that serialises writers and remembers the chain's length and last hash.

    Locking it makes concurrent appends queue up; comparing it with the entries reveals deleted tails.
    """

    length = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS)


class AuditEntry(models.Model):
    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_name = models.CharField(max_length=150, blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="audit_entries"
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["organisation", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    @property
    def action_label(self) -> str:
        """The action in words, in the active language (the code when it has no label)."""
        return action_label(self.action)

    @property
    def changes(self) -> list[Change]:
        """The fields this entry changed, with their values before and after."""
        return changes(self.before, self.after)

    def payload(self) -> dict[str, Any]:
        """Return the fields the hash covers, as stored."""
        return {
            "seq": self.seq,
            "at": self.at.isoformat(timespec="microseconds").replace("+00:00", "Z"),
            "actor": self.actor_name,
            "organisation": self.organisation_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "summary": self.summary,
            "before": self.before,
            "after": self.after,
        }

    def compute_hash(self) -> str:
        data = (self.prev_hash + canonical(self.payload())).encode("utf-8")
        return hashlib.sha256(data).hexdigest()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("audit entries cannot be deleted")
