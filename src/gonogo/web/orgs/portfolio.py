"""The portfolio: one row per account with its standing decision and what needs attention."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet

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
    """Return a row per account of ``organisations``, using a fixed number of queries."""
    accounts = list(Account.objects.filter(organisation__in=organisations).select_related("organisation"))
    ids = [a.pk for a in accounts]
    latest_versions = dict(
        Assessment.objects.filter(account_id__in=ids)
        .values("account_id")
        .annotate(v=Max("version"))
        .values_list("account_id", "v")
    )
    approved_versions = dict(
        Assessment.objects.filter(account_id__in=ids, status=Status.APPROVED)
        .values("account_id")
        .annotate(v=Max("version"))
        .values_list("account_id", "v")
    )
    wanted = Q(pk__in=[])
    for account_id, version in [*latest_versions.items(), *approved_versions.items()]:
        wanted |= Q(account_id=account_id, version=version)
    assessments = (
        {
            (a.account_id, a.version): a
            for a in Assessment.objects.filter(wanted).annotate(
                open_actions=Count("actions", filter=Q(actions__done_at__isnull=True)),
                overdue_actions=Count("actions", filter=Q(actions__done_at__isnull=True, actions__due__lt=today)),
            )
        }
        if latest_versions
        else {}
    )
    results: dict[int, Result] = {}
    for result in Result.objects.filter(assessment__in=list(assessments.values())).order_by(
        "assessment_id", "created_at", "pk"
    ):
        results[result.assessment_id] = result
    out = []
    for account in accounts:
        latest = assessments.get((account.pk, latest_versions.get(account.pk)))
        decided = assessments.get((account.pk, approved_versions.get(account.pk)))
        shown = decided or latest
        result = results.get(shown.pk) if shown else None
        out.append(
            Row(
                account=account,
                latest=latest,
                decided=decided,
                result=result,
                open_actions=getattr(decided, "open_actions", 0),
                overdue_actions=getattr(decided, "overdue_actions", 0),
                kb_changed=result is not None and kb_version is not None and result.kb_version != kb_version,
            )
        )
    return out
