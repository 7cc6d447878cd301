"""The portfolio: one row per account with its standing decision and what needs attention."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from gonogo.web.assessments.models import Account, Assessment, Result, Status
from gonogo.web.orgs.models import Organisation


def predates_kb_change(result: Result | None, kb_version: str | None) -> bool:
    """Tell whether ``result`` was computed with another knowledge base than the current one."""
    return result is not None and kb_version is not None and result.kb_version != kb_version


def review_due(result: Result | None, today: dt.date) -> bool:
    """Tell whether the review date of ``result`` has come."""
    return result is not None and result.review_date is not None and result.review_date <= today


@dataclass(frozen=True)
class Attention:
    """What needs attention on one version with a result: the same flags as its row in the portfolio."""

    result: Result
    kb_version: str | None
    overdue_actions: int
    today: dt.date

    @property
    def kb_changed(self) -> bool:
        return predates_kb_change(self.result, self.kb_version)

    @property
    def review_due(self) -> bool:
        return review_due(self.result, self.today)

    def __bool__(self) -> bool:
        return self.kb_changed or self.review_due or self.overdue_actions > 0


def attention(
    assessment: Assessment, result: Result | None, today: dt.date, kb_version: str | None
) -> Attention | None:
    """Return what needs attention on ``assessment`` (None without a result)."""
    if result is None:
        return None
    late = assessment.actions.filter(done_at__isnull=True, due__lt=today).count()
    return Attention(result=result, kb_version=kb_version, overdue_actions=late, today=today)


@dataclass(frozen=True)
class Row:
    """An account with its standing decision, or, before any decision, its latest version's result as a draft's.

    The conditions, review date and knowledge-base flags are those of the version shown (``shown``).
    """

    account: Account
    latest: Assessment | None
    decided: Assessment | None
    shown: Assessment | None
    result: Result | None
    open_actions: int
    overdue_actions: int
    kb_changed: bool
    today: dt.date

    @property
    def is_draft(self) -> bool:
        """The result shown is a version's not yet decided."""
        return self.decided is None and self.result is not None

    @property
    def review_due(self) -> bool:
        return review_due(self.result, self.today)


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
        out.append(
            Row(
                account=account,
                latest=latest.get(account.pk),
                decided=decided.get(account.pk),
                shown=item,
                result=result,
                open_actions=getattr(item, "open_actions", 0),
                overdue_actions=getattr(item, "overdue_actions", 0),
                kb_changed=predates_kb_change(result, kb_version),
                today=today,
            )
        )
    return out
