"""The portfolio: one row per account with its standing decision and what needs attention."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from gonogo.web.assessments.models import Account, Assessment, Result, Status
from gonogo.web.orgs.models import Organisation


@dataclass(frozen=True)
class Row:
    account: Account
    latest: Assessment | None
    decided: Assessment | None
    result: Result | None
    open_actions: int
    overdue_actions: int
    kb_changed: bool

    @property
    def review_due(self) -> bool:
        return (
            self.result is not None
            and self.result.review_date is not None
            and self.result.review_date <= dt.date.today()
        )


def rows(organisations: QuerySet[Organisation], today: dt.date, kb_version: str | None) -> list[Row]:
    """Return a row per account of ``organisations``, in four queries whatever the number of accounts."""
    accounts = list(Account.objects.filter(organisation__in=organisations).select_related("organisation"))
    versions = (
        Assessment.objects.filter(account_id__in=[a.pk for a in accounts])
        .only("id", "account_id", "version", "status")
        .annotate(
            open_actions=Count("actions", filter=Q(actions__done_at__isnull=True)),
            overdue_actions=Count("actions", filter=Q(actions__done_at__isnull=True, actions__due__lt=today)),
        )
    )
    latest: dict[int, Assessment] = {}
    decided: dict[int, Assessment] = {}
    for item in versions:
        if item.account_id not in latest or item.version > latest[item.account_id].version:
            latest[item.account_id] = item
        if item.status == Status.APPROVED and (
            item.account_id not in decided or item.version > decided[item.account_id].version
        ):
            decided[item.account_id] = item
    shown = {a.pk: decided.get(a.pk) or latest.get(a.pk) for a in accounts}
    results: dict[int, Result] = {}
    stored = Result.objects.filter(assessment_id__in=[s.pk for s in shown.values() if s is not None])
    for result in stored.defer("data", "document").order_by("assessment_id", "created_at", "pk"):
        results[result.assessment_id] = result
    out = []
    for account in accounts:
        item = shown[account.pk]
        result = results.get(item.pk) if item is not None else None
        standing = decided.get(account.pk)
        out.append(
            Row(
                account=account,
                latest=latest.get(account.pk),
                decided=standing,
                result=result,
                open_actions=getattr(standing, "open_actions", 0),
                overdue_actions=getattr(standing, "overdue_actions", 0),
                kb_changed=result is not None and kb_version is not None and result.kb_version != kb_version,
            )
        )
    return out
