"""Uploaded comments of an account, analysed: one ``CommentUpload`` per file, one ``Comment`` row per comment.

The raw file is not kept: the upload keeps its name, size and SHA-256 and the summary of the analysis; each
comment keeps its text (until a data-protection officer or admin deletes the texts), its optional date, video
and likes, the sentiment with its three scores, and the triage flags with their scores. ``Review`` records a
person's reading of a queued comment; ``AnalysisJob`` runs the accurate model after the fast one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonogo.evidence.comments.triage import CATEGORIES

CATEGORY_LABELS = {
    "child_safety": _("Child safety or grooming disclosure"),
    "self_harm": _("Self-harm"),
    "threat_harassment": _("Threats and harassment"),
    "hate": _("Hate"),
    "crime_report": _("Report of a crime"),
    "help_request": _("Request for help"),
}
assert set(CATEGORY_LABELS) == set(CATEGORIES)

SENTIMENT_LABELS = {"positive": _("Positive"), "neutral": _("Neutral"), "negative": _("Negative")}
MODEL_LABELS = {
    "fast": _("the fast model (character n-grams)"),
    "accurate": _("the accurate model (multilingual-e5-small embeddings with the fast model)"),
}
FORMAT_LABELS = {"csv": _("CSV"), "json": _("TikTok comment JSON"), "txt": _("text, one comment per line")}


class CommentUpload(models.Model):
    """One comment file of an account, read and analysed all or nothing."""

    account = models.ForeignKey("assessments.Account", on_delete=models.CASCADE, related_name="comment_uploads")
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    format = models.CharField(max_length=4)
    # The CSV columns read: {"text": ..., "date": ..., "video": ..., "likes": ...} (names as in the file).
    columns = models.JSONField(default=dict)
    n = models.PositiveIntegerField()
    model = models.CharField(max_length=10)  # the model whose figures are stored now
    # ``summary()`` of the analysis without comment texts: counts, shares, balance, flagged per category.
    summary = models.JSONField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_by_name = models.CharField(max_length=150, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    analysed_at = models.DateTimeField()
    texts_deleted_at = models.DateTimeField(null=True, blank=True)
    texts_deleted_by_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["account", "sha256"], name="one_comment_file_per_account")]

    def __str__(self) -> str:
        return f"{self.name} ({self.n} comments)"

    @property
    def model_label(self) -> str:
        return str(MODEL_LABELS.get(self.model, self.model))

    @property
    def format_label(self) -> str:
        return str(FORMAT_LABELS.get(self.format, self.format))

    @property
    def texts_deleted(self) -> bool:
        return self.texts_deleted_at is not None

    def latest_job(self) -> AnalysisJob | None:
        return self.jobs.order_by("-pk").first()


class Comment(models.Model):
    upload = models.ForeignKey(CommentUpload, on_delete=models.CASCADE, related_name="comments")
    position = models.PositiveIntegerField()  # 0-based, in file order
    where = models.CharField(max_length=60)  # "line 4" or "data.comments[3]"
    text = models.TextField(blank=True)  # emptied when the texts are deleted
    date = models.CharField(max_length=40, blank=True)
    video = models.CharField(max_length=100, blank=True)
    likes = models.PositiveBigIntegerField(null=True, blank=True)
    sentiment = models.CharField(max_length=8)
    negative = models.FloatField()
    neutral = models.FloatField()
    positive = models.FloatField()
    flags = models.JSONField(default=list)  # [{"category": ..., "score": ...}], highest first
    priority = models.FloatField()  # the highest triage score in any category

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["upload", "position"], name="one_comment_per_position")]

    def __str__(self) -> str:
        return f"{self.upload_id}:{self.where}"

    @property
    def where_shown(self) -> str:
        """Where the comment was in its file, in the page's language ("line 4"; JSON fields as they are)."""
        number = self.where.removeprefix("line ")
        return str(_("line %(n)s") % {"n": number}) if number.isdigit() else self.where

    def score_in(self, category: str) -> float | None:
        for flag in self.flags:
            if flag["category"] == category:
                return float(flag["score"])
        return None


class Verdict(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    NOT_A_CONCERN = "not_a_concern", _("Not a concern")


class Review(models.Model):
    """A person's reading of a comment in one triage category's queue."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reviews")
    category = models.CharField(max_length=20)
    verdict = models.CharField(max_length=14, choices=Verdict)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "category"], name="one_review_per_category")]

    def __str__(self) -> str:
        return f"{self.comment} {self.category}: {self.verdict}"


class JobState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class AnalysisJob(models.Model):
    """The accurate model's analysis of an upload, run by a worker (``gonogo manage comments_worker``)."""

    upload = models.ForeignKey(CommentUpload, on_delete=models.CASCADE, related_name="jobs")
    model = models.CharField(max_length=10)
    state = models.CharField(max_length=8, choices=JobState, default=JobState.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["state", "started_at"])]

    def __str__(self) -> str:
        return f"{self.model} analysis of {self.upload_id}: {self.state}"
