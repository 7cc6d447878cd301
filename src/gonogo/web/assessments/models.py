"""Platform accounts, their assessments (versioned documents) and the frozen results of evaluating them."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gonogo.reports.i18n import translate
from gonogo.web.assessments import catalogue
from gonogo.web.audit.models import canonical


def normalise_handle(handle: str) -> str:
    """Return a platform handle as stored: without spaces around it and without the leading "@"."""
    return handle.strip().lstrip("@").strip()


class Account(models.Model):
    """A platform account: what it is for, who operates it and on what device, in the document's shapes.

    ``operators`` is a list of ``{"role": id, "count": n}`` and ``device`` a mapping with ``kind`` and the
    work data on it, as in an assessment document, so a new assessment starts from them.
    """

    class Status(models.TextChoices):
        EXISTING = "existing", _("We run it today")
        PLANNED = "planned", _("We are thinking of starting it")

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="accounts")
    platform = models.CharField(_("platform"), max_length=40)
    handle = models.CharField(_("handle"), max_length=100)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.EXISTING)
    purpose = models.TextField(_("purpose"), blank=True)
    operators = models.JSONField(_("operators"), default=list, blank=True)
    device = models.JSONField(_("device set-up"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["platform", "handle"]
        constraints = [models.UniqueConstraint(fields=["organisation", "platform", "handle"], name="unique_account")]

    def __str__(self) -> str:
        return f"{self.platform_name}: @{self.handle}"

    @property
    def platform_name(self) -> str:
        """The platform as the knowledge base names it ("TikTok"); its code stays in URLs, files and the API."""
        return catalogue.title_of("platforms", self.platform)

    def facts(self) -> dict[str, Any]:
        """What the account records, as the audit trail and the API show it (codes, not labels)."""
        return {
            "platform": self.platform,
            "handle": self.handle,
            "status": self.status,
            "purpose": self.purpose,
            "operators": self.operators,
            "device": self.device,
        }

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.handle = normalise_handle(self.handle)
        super().save(*args, **kwargs)

    def current_assessment(self) -> Assessment | None:
        return self.assessments.order_by("-version").first()


class Safeguard(models.Model):
    """A safeguard the organisation has in place for an account, with its evidence and expiry."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="safeguards")
    safeguard = models.CharField(_("safeguard"), max_length=60)
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("Where the proof is kept."))
    in_place_since = models.DateField(_("in place since"), null=True, blank=True)
    expires = models.DateField(_("expires"), null=True, blank=True)

    class Meta:
        ordering = ["safeguard"]
        constraints = [models.UniqueConstraint(fields=["account", "safeguard"], name="one_row_per_safeguard")]

    def __str__(self) -> str:
        return self.safeguard

    @property
    def title_shown(self) -> str:
        """The safeguard's title from the knowledge base, in the person's language (its code if unknown)."""
        return catalogue.title_of("safeguards", self.safeguard)

    def is_valid_on(self, day: dt.date) -> bool:
        return self.expires is None or self.expires >= day


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


EDITABLE = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})
FINAL = frozenset({Status.APPROVED, Status.REJECTED})


class FrozenError(RuntimeError):
    """An approved or rejected assessment was about to change; start a new version instead."""


class Assessment(models.Model):
    """One version of an account's assessment: the document in the CLI's format (strategy answers included).

    Versions count up per account. Once approved or rejected a version never changes again.
    """

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="assessments")
    version = models.PositiveIntegerField()
    document = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sealed_hash = models.CharField(max_length=64, blank=True)
    sealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["account", "-version"]
        constraints = [models.UniqueConstraint(fields=["account", "version"], name="one_number_per_version")]

    def __str__(self) -> str:
        return f"{self.account} v{self.version}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_final(self) -> bool:
        return self.status in FINAL

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = Assessment.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored in FINAL:
                raise FrozenError(f"{self} is {stored}; edit a new version instead")
        super().save(*args, **kwargs)

    def latest_result(self) -> Result | None:
        return self.results.order_by("-created_at", "-pk").first()


OUTCOMES = {"go": _("Go"), "go_with_conditions": _("Go, with conditions"), "no_go": _("No-go")}
ROBUSTNESS = {
    "clear": _("clear: the recommendation holds under most plausible weights"),
    "leaning": _("leaning: it holds under many, not most, plausible weights"),
    "contested": _("contested: another option wins under many plausible weights"),
}


class Result(models.Model):
    """The engine's result for an assessment, frozen as it was computed."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="results")
    data = models.JSONField()
    document = models.JSONField(help_text=_("The document as it was evaluated."))
    kb_version = models.CharField(max_length=60)
    content_hash = models.CharField(max_length=64)
    outcome = models.CharField(max_length=24)
    robustness = models.CharField(max_length=12, blank=True)
    review_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.outcome}"

    @property
    def outcome_label(self) -> str:
        return str(OUTCOMES.get(self.outcome, self.outcome))

    @property
    def robustness_label(self) -> str:
        """How robust the recommendation is, in the person's language."""
        return str(ROBUSTNESS.get(self.robustness, self.robustness))

    @staticmethod
    def hash_of(document: Any, data: Any, kb_version: str) -> str:
        payload = canonical({"document": document, "result": data, "kb_version": kb_version})
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise FrozenError("a result never changes; evaluate again for a new one")
        super().save(*args, **kwargs)


class ActionItem(models.Model):
    """One condition of a result, as a task with an owner, a due date and the evidence that it is met."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    safeguard = models.CharField(max_length=60)
    title = models.CharField(max_length=300)
    verify = models.TextField(blank=True)
    owner = models.CharField(_("owner"), max_length=150, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    done_at = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title_shown(self) -> str:
        """The condition in the person's language (stored in the knowledge base's English)."""
        return translate(self.title, get_language())

    @property
    def verify_shown(self) -> str:
        return translate(self.verify, get_language())

    def is_overdue(self, today: dt.date) -> bool:
        return self.done_at is None and self.due is not None and self.due < today
