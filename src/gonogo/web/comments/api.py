"""The JSON API's comment routes: an account's comment uploads, one upload's figures, its review queue and
its comments. Same lookups and permissions as the pages: everyone in the organisation sees the figures; the
review queue and the comments (texts) need a role that reads texts. Registered in ``gonogo.web.api.urls``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from gonogo.evidence.comments.triage import NOTICE
from gonogo.web.api.views import ACCOUNT, Record, api, paginated
from gonogo.web.assessments.models import Account
from gonogo.web.comments.models import CommentUpload
from gonogo.web.comments.presenting import comment_json, queue, upload_json
from gonogo.web.orgs.access import get_for

COMMENT_UPLOAD: Record = (CommentUpload, "account__organisation_id")


def _upload(request: HttpRequest, pk: int, need: str) -> CommentUpload:
    queryset = CommentUpload.objects.select_related("account__organisation")
    return get_for(request, queryset, pk, "account__organisation_id", need)


@api(of=ACCOUNT)
def account_comments(request: HttpRequest, pk: int) -> Any:
    account = get_for(request, Account.objects.all(), pk, "organisation_id", "view")
    return paginated(request, account.comment_uploads.prefetch_related("jobs"), upload_json)


@api(of=COMMENT_UPLOAD)
def comments_upload(request: HttpRequest, pk: int) -> Any:
    return upload_json(_upload(request, pk, "view"))


@api(of=COMMENT_UPLOAD)
def comments_queue(request: HttpRequest, pk: int) -> Any:
    upload = _upload(request, pk, "comment_texts")
    return {
        "upload": upload.pk,
        "notice": NOTICE,
        "categories": [
            {
                "category": q.category,
                "flagged": q.flagged,
                "items": [
                    {
                        **comment_json(item.comment),
                        "score": item.score,
                        "review": None
                        if item.review is None
                        else {
                            "verdict": item.review.verdict,
                            "by": item.review.by_name,
                            "at": item.review.at.isoformat(),
                        },
                    }
                    for item in q.items
                ],
            }
            for q in queue(upload)
        ],
    }


@api(of=COMMENT_UPLOAD)
def comments_list(request: HttpRequest, pk: int) -> Any:
    upload = _upload(request, pk, "comment_texts")
    return paginated(request, upload.comments.order_by("position"), comment_json)
