"""Reading, analysing, reviewing and deleting uploaded comments.

Every change is one transaction that also writes the audit trail. The file is read and analysed before
anything is stored, so a file the readers refuse changes nothing; the raw file is never kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonogo.evidence.comments.analysis import CommentResult, analyse_comments, summary
from gonogo.evidence.comments.readers import Columns, CommentFileError, read_comments
from gonogo.web.assessments.models import Account
from gonogo.web.audit.trail import record
from gonogo.web.comments.messages import describe
from gonogo.web.comments.models import CATEGORY_LABELS, AnalysisJob, Comment, CommentUpload, Review, Verdict
from gonogo.web.evidence.uploads import HashedFile, UploadRefused, copied_from_disk

FORMATS = {".csv": "csv", ".json": "json", ".txt": "txt"}
BATCH = 1000


@dataclass(frozen=True)
class Outcome:
    upload: CommentUpload
    created: bool  # False when the same file was on the account already


def figures(results: list[CommentResult], model: str) -> dict[str, Any]:
    """The summary kept on the upload: counts, shares, balance and flags per category, without any text."""
    full = summary(results, model, top=0)
    return {k: full[k] for k in ("model", "n", "counts", "shares", "balance", "comment_sentiment", "flagged")}


def import_comments(
    account: Account, upload: HashedFile, columns: Columns, user: AbstractBaseUser, model: str = "fast"
) -> Outcome:
    """Read and analyse a comment file; store the upload and one row per comment only if all of it reads."""
    name = str(upload.name)
    fmt = FORMATS.get(Path(name).suffix.lower())
    if fmt is None:
        raise UploadRefused([_("%(file)s: not a comment file; choose a .csv, .json or .txt file") % {"file": name}])
    existing = CommentUpload.objects.filter(account=account, sha256=upload.sha256).first()
    if existing is not None:
        return Outcome(existing, created=False)
    try:
        comments = read_comments(upload.path, columns=columns)
    except CommentFileError as exc:
        raise UploadRefused([describe(exc, {str(upload.path): name})]) from None
    results = analyse_comments(comments, model)
    summary_ = figures(results, model)
    used = {"text": columns.text, "date": columns.date, "video": columns.video, "likes": columns.likes}
    with transaction.atomic():
        Account.objects.select_for_update().filter(pk=account.pk).first()
        if CommentUpload.objects.filter(account=account, sha256=upload.sha256).exists():
            raise UploadRefused([_("Someone uploaded the same file a moment ago; reload the page.")])
        row = CommentUpload.objects.create(
            account=account,
            name=name,
            size=upload.size or 0,
            sha256=upload.sha256,
            format=fmt,
            columns=used if fmt == "csv" else {},
            n=len(results),
            model=model,
            summary=summary_,
            uploaded_by=user,
            uploaded_by_name=user.get_username(),
            analysed_at=timezone.now(),
        )
        Comment.objects.bulk_create((_row(row, r) for r in results), batch_size=BATCH)
        record(
            "comments.upload",
            actor=user,
            organisation=account.organisation,
            obj=row,
            summary=f"{account}: {name}, {len(results)} comments"[:300],
            after=upload_record(row),
        )
        from gonogo.web.comments import jobs

        jobs.queue_accurate(row)
    return Outcome(row, created=True)


def import_path(account: Account, path: Path, columns: Columns, user: AbstractBaseUser) -> Outcome:
    """Import a comment file from disk as an upload would (for the demo and scripts); the file is not moved."""
    with copied_from_disk([path], Path(settings.COMMENTS_DIR) / "incoming") as sent:
        return import_comments(account, sent[0], columns, user)


def _row(upload: CommentUpload, r: CommentResult) -> Comment:
    c = r.comment
    return Comment(
        upload=upload,
        position=r.index,
        where=c.where[:60],
        text=c.text,
        date=(c.date or "")[:40],
        video=(c.video_id or "")[:100],
        likes=c.likes,
        sentiment=r.sentiment,
        negative=r.scores[0],
        neutral=r.scores[1],
        positive=r.scores[2],
        flags=[{"category": f.category, "score": f.score} for f in r.flags],
        priority=r.priority,
    )


def upload_record(upload: CommentUpload) -> dict[str, Any]:
    """What the audit trail and the API keep of an upload: the file, how it was read, and the figures."""
    return {
        "account": upload.account_id,
        "file": {"name": upload.name, "sha256": upload.sha256, "size": upload.size},
        "format": upload.format,
        "columns": upload.columns or None,
        "n": upload.n,
        "model": upload.model,
        "counts": upload.summary["counts"],
        "shares": upload.summary["shares"],
        "balance": upload.summary["balance"],
        "flagged": upload.summary["flagged"],
    }


def mark(comment: Comment, category: str, verdict: str, user: AbstractBaseUser) -> Review:
    """Record a person's reading of a queued comment (changing it is audited with before and after)."""
    if category not in CATEGORY_LABELS or comment.score_in(category) is None:
        raise ValueError(_("This comment is not in the review queue of that category."))
    if verdict not in Verdict.values:
        raise ValueError(_("Choose “confirmed” or “not a concern”."))
    upload = comment.upload
    with transaction.atomic():
        review = Review.objects.select_for_update().filter(comment=comment, category=category).first()
        before = {"verdict": review.verdict, "by": review.by_name} if review else None
        if review is None:
            review = Review(comment=comment, category=category)
        review.verdict = verdict
        review.by = user  # type: ignore[assignment]
        review.by_name = user.get_username()
        review.save()
        record(
            "comments.review",
            actor=user,
            organisation=upload.account.organisation,
            obj=review,
            summary=f"{upload.name} {comment.where}: {category} {verdict}"[:300],
            before=before,
            after={"upload": upload.pk, "comment": comment.where, "category": category, "verdict": verdict},
        )
    return review


def delete_texts(upload: CommentUpload, user: AbstractBaseUser) -> int:
    """Empty every comment text of the upload, keeping its figures, flags and reviews; returns how many."""
    with transaction.atomic():
        locked = CommentUpload.objects.select_for_update().get(pk=upload.pk)
        if locked.texts_deleted_at is not None:
            return 0
        count = locked.comments.exclude(text="").update(text="")
        locked.texts_deleted_at = timezone.now()
        locked.texts_deleted_by_name = user.get_username()
        locked.save(update_fields=["texts_deleted_at", "texts_deleted_by_name"])
        AnalysisJob.objects.filter(upload=locked, state="queued").update(
            state="failed",
            finished_at=timezone.now(),
            error="the comment texts were deleted before the accurate model read them",
        )
        record(
            "comments.delete_texts",
            actor=user,
            organisation=locked.account.organisation,
            obj=locked,
            summary=f"{locked.account}: {locked.name}, {count} texts deleted"[:300],
            before={"texts": count},
            after=upload_record(locked),
        )
    upload.refresh_from_db()
    return count


def delete_upload(upload: CommentUpload, user: AbstractBaseUser) -> None:
    with transaction.atomic():
        record(
            "comments.delete",
            actor=user,
            organisation=upload.account.organisation,
            obj=upload,
            summary=f"{upload.account}: {upload.name}"[:300],
            before=upload_record(upload),
        )
        upload.delete()


def max_upload_mb() -> int:
    return int(settings.COMMENTS_MAX_UPLOAD_BYTES // 2**20)
