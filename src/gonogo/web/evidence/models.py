"""Uploaded analytics exports of an account: one ``Upload`` per set of files parsed together.

The files themselves are kept content-addressed under the var directory (``store.py``); the rows keep their
names, sizes and SHA-256, and the summary the importers made of them, so pages never parse files again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SOURCE_LABELS = {
    "tiktok_studio": _("TikTok Studio"),
    "meta": _("Meta Business Suite"),
    "youtube": _("YouTube Studio"),
    "x": _("X analytics"),
    "generic": _("generic CSV"),
}


class Upload(models.Model):
    """Export files of one account, uploaded and imported together, all or nothing."""

    account = models.ForeignKey("assessments.Account", on_delete=models.CASCADE, related_name="evidence_uploads")
    source = models.CharField(max_length=20)
    period_start = models.DateField()
    period_end = models.DateField()
    # The export date the person gave (TikTok Studio's dates have no year); None when it came from the files.
    export_date_given = models.DateField(null=True, blank=True)
    # ``EvidenceImport.as_dict()`` plus the post dates and which file each headline figure came from.
    summary = models.JSONField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_by_name = models.CharField(max_length=150, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source} {self.period_start}..{self.period_end}"

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS.get(self.source, self.source))


class StoredFile(models.Model):
    """One file a person uploaded (a CSV or a zip), stored under its SHA-256."""

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="files")
    # The account again, so that one file is stored once per account (a second upload is recognised).
    account = models.ForeignKey("assessments.Account", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    recognised = models.JSONField(default=list)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["account", "sha256"], name="one_copy_per_account")]

    def __str__(self) -> str:
        return f"{self.name} ({self.sha256[:12]})"
