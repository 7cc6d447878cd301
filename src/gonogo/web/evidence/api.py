"""The JSON API's evidence routes: an account's uploads with their metrics, and one upload with its days.

Same lookups and permissions as the pages (``view``); registered in ``gonogo.web.api.urls``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from gonogo.web.api.views import ACCOUNT, Record, api, paginated
from gonogo.web.assessments.models import Account
from gonogo.web.evidence.models import Upload
from gonogo.web.evidence.presenting import metrics_json
from gonogo.web.evidence.services import upload_record
from gonogo.web.orgs.access import get_for

UPLOAD: Record = (Upload, "account__organisation_id")


def _upload(upload: Upload) -> dict[str, Any]:
    return {
        "id": upload.pk,
        **upload_record(upload),
        "uploaded_at": upload.uploaded_at.isoformat(),
        "uploaded_by": upload.uploaded_by_name,
        "metrics": metrics_json(upload, upload.account.organisation),
    }


@api(of=ACCOUNT)
def account_evidence(request: HttpRequest, pk: int) -> Any:
    account = get_for(request, Account.objects.select_related("organisation"), pk, "organisation_id", "view")
    uploads = account.evidence_uploads.select_related("account__organisation").prefetch_related("files")
    return paginated(request, uploads, _upload)


@api(of=UPLOAD)
def evidence_upload(request: HttpRequest, pk: int) -> Any:
    queryset = Upload.objects.select_related("account__organisation").prefetch_related("files")
    upload = get_for(request, queryset, pk, "account__organisation_id", "view")
    return {**_upload(upload), "daily": upload.summary.get("daily", [])}
