"""The audit log of one organisation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gonogo.web.orgs.access import get_organisation_for


@login_required
def log(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_organisation_for(request, pk, "view")
    entries = org.audit_entries.select_related("actor").order_by("-seq")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"org": org, "page": page})
