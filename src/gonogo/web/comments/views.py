"""Comment pages: an account's comment uploads, uploading a file, the results with the review queue.

Uploads stream to disk and are hashed on the way (the evidence app's upload handler); the upload view swaps
the handler in before the body is read, so it checks the CSRF token itself, after the person's access.
The raw file is removed when the request ends, whether it was read or not.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from gonogo.evidence.comments.readers import csv_header
from gonogo.web.assessments.forms import error_lines
from gonogo.web.assessments.models import Account
from gonogo.web.comments import jobs
from gonogo.web.comments.forms import CommentUploadForm
from gonogo.web.comments.messages import NOTICE
from gonogo.web.comments.models import CATEGORY_LABELS, Comment, CommentUpload, Verdict
from gonogo.web.comments.presenting import chart, listed, percent, queue, sentiment_rows, signed
from gonogo.web.comments.services import UploadRefused, delete_texts, delete_upload, import_comments, mark
from gonogo.web.evidence.uploads import HashingUploadHandler
from gonogo.web.orgs.access import get_for, membership_in, post_only

FIELD = "file"


def _account_for(request: HttpRequest, pk: int, need: str = "view") -> Account:
    return get_for(request, Account.objects.select_related("organisation"), pk, "organisation_id", need)


def upload_for(request: HttpRequest, pk: int, need: str = "view") -> CommentUpload:
    queryset = CommentUpload.objects.select_related("account__organisation", "uploaded_by")
    return get_for(request, queryset, pk, "account__organisation_id", need)


def _rights(request: HttpRequest, organisation_id: int) -> dict[str, Any]:
    membership = membership_in(request, organisation_id)
    return {
        "membership": membership,
        "can_upload": bool(membership and membership.can("edit")),
        "can_read_texts": bool(membership and membership.can("comment_texts")),
        "can_delete_texts": bool(membership and membership.can("comment_redact")),
        "can_delete": bool(membership and membership.can("comment_delete")),
    }


def _account_page(
    request: HttpRequest,
    account: Account,
    form: CommentUploadForm | None = None,
    problems: list[str] | None = None,
) -> HttpResponse:
    context: dict[str, Any] = {
        "account": account,
        "org": account.organisation,
        "uploads": [listed(u) for u in account.comment_uploads.select_related("uploaded_by")],
        "form": form or CommentUploadForm(),
        "problems": problems or [],
        "limit_mb": settings.COMMENTS_MAX_UPLOAD_BYTES // 2**20,
        **_rights(request, account.organisation_id),
    }
    return render(request, "comments/account.html", context, status=400 if problems else 200)


@login_required
def account_comments(request: HttpRequest, pk: int) -> HttpResponse:
    return _account_page(request, _account_for(request, pk))


@csrf_exempt  # checked by ``_receive`` once the upload handler is in place
@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Receive a comment file; nothing is stored unless the whole file reads."""
    account = _account_for(request, pk, "edit")  # before a byte of the body is read
    if request.method != "POST":
        return redirect("comments", pk=account.pk)
    handler = HashingUploadHandler(
        request, settings.COMMENTS_DIR / "incoming", settings.COMMENTS_MAX_UPLOAD_BYTES, field=FIELD
    )
    request.upload_handlers = [handler]
    try:
        return _receive(request, account, handler)
    finally:
        handler.cleanup()


@csrf_protect
def _receive(request: HttpRequest, account: Account, handler: HashingUploadHandler) -> HttpResponse:
    sent = request.FILES.get(FIELD)
    header = csv_header(sent.path) if sent is not None and str(sent.name).lower().endswith(".csv") else []
    form = CommentUploadForm(request.POST, request.FILES, header=header)
    problems = [
        _("%(name)s is larger than %(limit)s MB, the limit for one comment file: split it.")
        % {"name": name, "limit": settings.COMMENTS_MAX_UPLOAD_BYTES // 2**20}
        for name in handler.too_large
    ]
    if problems or not form.is_valid():
        return _account_page(request, account, form, problems or error_lines(form))
    try:
        outcome = import_comments(account, form.cleaned_data[FIELD], form.columns(), request.user)
    except UploadRefused as exc:
        return _account_page(request, account, form, exc.problems)
    if outcome.created:
        jobs.kick()  # the accurate model's job, if one was queued, when the worker is a thread in this process
        messages.success(
            request,
            _("Analysed %(n)s comments from %(name)s.") % {"n": outcome.upload.n, "name": outcome.upload.name},
        )
    elif outcome.upload.texts_deleted_at is not None:
        messages.info(
            request,
            _(
                "This file was uploaded already, on %(date)s, and its comment texts were deleted on %(deleted)s; "
                "nothing was added. To analyse it again with its texts, delete that upload first."
            )
            % {
                "date": outcome.upload.uploaded_at.date().isoformat(),
                "deleted": outcome.upload.texts_deleted_at.date().isoformat(),
            },
        )
    else:
        messages.info(
            request,
            _("This file was uploaded already, on %(date)s; nothing was added.")
            % {"date": outcome.upload.uploaded_at.date().isoformat()},
        )
    return redirect("comments_upload", pk=outcome.upload.pk)


@login_required
def upload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = upload_for(request, pk)
    rights = _rights(request, item.account.organisation_id)
    queues = queue(item)
    context: dict[str, Any] = {
        "upload": item,
        "account": item.account,
        "org": item.account.organisation,
        "chart": chart(item),
        "rows": sentiment_rows(item),
        "balance": signed(item.summary["balance"]),
        "shares": {k: percent(v) for k, v in item.summary["shares"].items()},
        "queues": queues,
        "flagged_any": any(q.flagged for q in queues),
        "job": item.latest_job(),
        "waiting": jobs.waiting(item),
        "notice": NOTICE,
        "verdicts": Verdict.choices,
        **rights,
    }
    return render(request, "comments/upload.html", context)


@login_required
@post_only(CommentUpload, "account__organisation_id")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    item = upload_for(request, pk, "comment_texts")
    comment = Comment.objects.filter(upload=item, pk=request.POST.get("comment") or 0).first()
    if comment is None:
        messages.error(request, _("That comment is not in this upload."))
        return redirect("comments_upload", pk=item.pk)
    try:
        mark(comment, request.POST.get("category", ""), request.POST.get("verdict", ""), request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Marked %(where)s.") % {"where": comment.where_shown})
    category = request.POST.get("category", "")
    anchor = f"#queue-{category}" if category in CATEGORY_LABELS else ""
    return redirect(reverse("comments_upload", kwargs={"pk": item.pk}) + anchor)


@login_required
@post_only(CommentUpload, "account__organisation_id")
def upload_delete_texts(request: HttpRequest, pk: int) -> HttpResponse:
    item = upload_for(request, pk, "comment_redact")
    count = delete_texts(item, request.user)
    messages.success(request, _("Deleted %(n)s comment texts; the figures stay.") % {"n": count})
    return redirect("comments_upload", pk=item.pk)


@login_required
@post_only(CommentUpload, "account__organisation_id")
def upload_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = upload_for(request, pk, "comment_delete")
    account, name = item.account, item.name
    delete_upload(item, request.user)
    messages.success(request, _("Deleted the comment upload %(name)s.") % {"name": name})
    return redirect("comments", pk=account.pk)
