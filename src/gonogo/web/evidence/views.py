"""Evidence pages: an account's uploads with their metrics and charts, uploading and deleting.

Uploads stream to disk (``uploads.py``): the upload view swaps in its upload handler before the body is
read, so it checks the CSRF token itself, after the person's access has been checked.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from gonogo.web.assessments.forms import error_lines
from gonogo.web.assessments.models import Account
from gonogo.web.evidence import store
from gonogo.web.evidence.forms import UploadForm
from gonogo.web.evidence.models import Upload
from gonogo.web.evidence.presenting import present
from gonogo.web.evidence.services import UploadRefused, delete_upload, import_upload
from gonogo.web.evidence.uploads import HashingUploadHandler
from gonogo.web.orgs.access import get_for, membership_in, post_only


def _account_for(request: HttpRequest, pk: int, need: str = "view") -> Account:
    return get_for(request, Account.objects.select_related("organisation"), pk, "organisation_id", need)


def _upload_for(request: HttpRequest, pk: int, need: str = "view") -> Upload:
    queryset = Upload.objects.select_related("account__organisation")
    return get_for(request, queryset, pk, "account__organisation_id", need)


def _page(
    request: HttpRequest,
    account: Account,
    shown: Upload | None,
    form: UploadForm | None = None,
    problems: list[str] | None = None,
) -> HttpResponse:
    uploads = list(account.evidence_uploads.select_related("uploaded_by").prefetch_related("files"))
    if shown is None and uploads:
        shown = uploads[0]
    context: dict[str, Any] = {
        "account": account,
        "org": account.organisation,
        "membership": membership_in(request, account.organisation_id),
        "uploads": uploads,
        "form": form or UploadForm(),
        "problems": problems or [],
        "limit_mb": settings.EVIDENCE_MAX_UPLOAD_BYTES // 2**20,
        "detail": present(shown, account.organisation, f"@{account.handle}") if shown else None,
    }
    return render(request, "evidence/evidence.html", context)


@login_required
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _account_for(request, pk), None)


@login_required
def upload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    upload = _upload_for(request, pk)
    return _page(request, upload.account, upload)


@csrf_exempt  # checked by ``_receive`` once the upload handler is in place
@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Receive export files; nothing is stored unless every file parses."""
    account = _account_for(request, pk, "edit")  # before a byte of the body is read
    if request.method != "POST":
        return redirect("evidence", pk=account.pk)
    handler = HashingUploadHandler(request, store.incoming(), settings.EVIDENCE_MAX_UPLOAD_BYTES)
    request.upload_handlers = [handler]
    try:
        return _receive(request, account, handler)
    finally:
        handler.cleanup()


@csrf_protect
def _receive(request: HttpRequest, account: Account, handler: HashingUploadHandler) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    limit_mb = settings.EVIDENCE_MAX_UPLOAD_BYTES // 2**20
    problems = [
        _("%(name)s is larger than %(limit)s MB, the limit for one file: split the export or ask for a higher limit.")
        % {"name": name, "limit": limit_mb}
        for name in handler.too_large
    ]
    if problems or not form.is_valid():
        return _page(request, account, None, form, problems or error_lines(form))
    try:
        outcome = import_upload(
            account,
            form.cleaned_data["files"],
            form.cleaned_data["export_date"],
            request.user,
            form.cleaned_data["columns"],
        )
    except UploadRefused as exc:
        return _page(request, account, None, form, exc.problems)
    if outcome.created:
        messages.success(
            request,
            _("Imported %(n)s file(s): %(source)s, %(start)s to %(end)s.")
            % {
                "n": outcome.upload.files.count(),
                "source": outcome.upload.source_label,
                "start": outcome.upload.period_start.isoformat(),
                "end": outcome.upload.period_end.isoformat(),
            },
        )
    else:
        messages.info(
            request,
            _("These files were uploaded already, on %(date)s; nothing was added.")
            % {"date": outcome.upload.uploaded_at.date().isoformat()},
        )
    return redirect("evidence_upload", pk=outcome.upload.pk)


@login_required
@post_only(Upload, "account__organisation_id")
def upload_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = _upload_for(request, pk, "edit")
    account = item.account
    names = ", ".join(f.name for f in item.files.all())
    delete_upload(item, request.user)
    messages.success(request, _("Deleted the upload of %(names)s.") % {"names": names})
    return redirect("evidence", pk=account.pk)
