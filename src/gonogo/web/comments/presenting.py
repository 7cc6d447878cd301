"""What the results page and the API show of an upload: the distribution, the balance and the review queue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gonogo.evidence.comments.triage import CATEGORIES
from gonogo.reports.i18n import percent as percent_in
from gonogo.web.comments.charts import Distribution, distribution
from gonogo.web.comments.models import CATEGORY_LABELS, SENTIMENT_LABELS, Comment, CommentUpload, Review

QUEUE_TOP = 25
ORDER = ("positive", "neutral", "negative")


def whole(value: float) -> str:
    return number_format(round(value), 0, use_l10n=True, force_grouping=True)


def percent(value: float) -> str:
    """A share as a percentage with one decimal, in the page's language (``12.5%``, ``12,5 %``)."""
    return percent_in(value, get_language(), 1)


def signed(value: float) -> str:
    text = number_format(abs(value), 2, use_l10n=True)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


@dataclass(frozen=True)
class Listed:
    """An upload as the account's list of uploads shows it: its shares as on its own page, and the model's name."""

    upload: CommentUpload
    positive: str
    negative: str
    model: str


def listed(upload: CommentUpload) -> Listed:
    shares = upload.summary.get("shares") or {}
    return Listed(
        upload=upload,
        positive=percent(shares["positive"]) if "positive" in shares else "—",
        negative=percent(shares["negative"]) if "negative" in shares else "—",
        model=upload.model_label,
    )


def chart(upload: CommentUpload) -> Distribution:
    counts, shares = upload.summary["counts"], upload.summary["shares"]
    rows = [
        (key, str(SENTIMENT_LABELS[key]), shares[key], f"{whole(counts[key])} ({percent(shares[key])})")
        for key in ORDER
    ]
    description = _("%(n)s comments: %(positive)s positive, %(neutral)s neutral, %(negative)s negative.") % {
        "n": whole(upload.n),
        "positive": percent(shares["positive"]),
        "neutral": percent(shares["neutral"]),
        "negative": percent(shares["negative"]),
    }
    return distribution(_("Sentiment of the comments"), description, rows)


@dataclass(frozen=True)
class Queued:
    comment: Comment
    score: float
    review: Review | None


@dataclass(frozen=True)
class Queue:
    category: str
    label: str
    flagged: int  # comments flagged in the category, of which ``items`` are the top ones
    items: list[Queued]
    reviewed: int


def queue(upload: CommentUpload, top: int = QUEUE_TOP) -> list[Queue]:
    """Per triage category, the flagged comments by that category's score (highest first, then file order)."""
    flagged = list(upload.comments.filter(priority__gte=0.49).prefetch_related("reviews"))
    out = []
    for category in CATEGORIES:
        scored = [(c.score_in(category), c) for c in flagged]
        ranked = sorted(((s, c) for s, c in scored if s is not None), key=lambda sc: (-sc[0], sc[1].position))
        items = []
        for score, comment in ranked[:top]:
            review = next((r for r in comment.reviews.all() if r.category == category), None)
            items.append(Queued(comment, score, review))
        out.append(
            Queue(
                category,
                str(CATEGORY_LABELS[category]),
                len(ranked),
                items,
                sum(1 for q in items if q.review is not None),
            )
        )
    return out


def sentiment_rows(upload: CommentUpload) -> list[tuple[str, str, str]]:
    counts, shares = upload.summary["counts"], upload.summary["shares"]
    return [(str(SENTIMENT_LABELS[k]), whole(counts[k]), percent(shares[k])) for k in ORDER]


def upload_json(upload: CommentUpload) -> dict[str, Any]:
    """The API's view of an upload: the file, how it was read, the model, the figures and the job."""
    from gonogo.web.comments.services import upload_record

    job = upload.latest_job()
    return {
        "id": upload.pk,
        **upload_record(upload),
        "comment_sentiment": upload.summary["comment_sentiment"],
        "uploaded_at": upload.uploaded_at.isoformat(),
        "uploaded_by": upload.uploaded_by_name,
        "analysed_at": upload.analysed_at.isoformat(),
        "texts_deleted_at": upload.texts_deleted_at.isoformat() if upload.texts_deleted_at else None,
        "job": None
        if job is None
        else {"model": job.model, "state": job.state, "attempts": job.attempts, "error": job.error or None},
    }


def comment_json(comment: Comment) -> dict[str, Any]:
    return {
        "position": comment.position,
        "where": comment.where,
        "text": comment.text or None,
        "date": comment.date or None,
        "video": comment.video or None,
        "likes": comment.likes,
        "sentiment": comment.sentiment,
        "scores": {"negative": comment.negative, "neutral": comment.neutral, "positive": comment.positive},
        "flags": comment.flags,
    }
