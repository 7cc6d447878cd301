"""The portfolio across organisations, and one organisation's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gonogo.web.assessments.engine import current_kb_version
from gonogo.web.orgs import portfolio
from gonogo.web.orgs.access import get_organisation_for, membership_in, visible_organisations


@login_required
def index(request: HttpRequest) -> HttpResponse:
    organisations = visible_organisations(request)
    table = portfolio.rows(organisations, timezone.localdate(), current_kb_version())
    return render(request, "orgs/portfolio.html", {"organisations": organisations, "rows": table})


@login_required
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_organisation_for(request, pk, "view")
    table = portfolio.rows(type(org).objects.filter(pk=org.pk), timezone.localdate(), current_kb_version())
    membership = membership_in(request, org.pk)
    members = org.memberships.select_related("user").order_by("user__username")
    return render(
        request,
        "orgs/organisation.html",
        {"org": org, "rows": table, "membership": membership, "members": members},
    )
