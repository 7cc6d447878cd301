"""Sign-off: submit, opinions, requested changes, signature, and starting a new version."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from gonogo.web.assessments import services
from gonogo.web.assessments.models import Assessment
from gonogo.web.decisions import workflow
from gonogo.web.orgs.access import check, get_for, post_only
from gonogo.web.orgs.models import PERMISSIONS


def _get_assessment_for(request: HttpRequest, pk: int, need: str) -> Assessment:
    queryset = Assessment.objects.select_related("account__organisation")
    return get_for(request, queryset, pk, "account__organisation_id", need)


def _done(request: HttpRequest, item: Assessment, error: Exception | None, ok: str) -> HttpResponse:
    if error is not None:
        messages.error(request, str(error))
    else:
        messages.success(request, ok)
    return redirect("assessment", pk=item.pk)


@login_required
@post_only(Assessment, "account__organisation_id")
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_assessment_for(request, pk, "edit")
    try:
        workflow.submit(item, request.user)
    except workflow.WorkflowError as exc:
        return _done(request, item, exc, "")
    return _done(request, item, None, _("Sent to review."))


@login_required
@post_only(Assessment, "account__organisation_id")
def opinion(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_assessment_for(request, pk, "review")
    membership = check(request, item.account.organisation_id, "review")
    try:
        workflow.give_opinion(item, membership, request.POST.get("verdict", ""), request.POST.get("text", ""))
    except workflow.WorkflowError as exc:
        return _done(request, item, exc, "")
    return _done(request, item, None, _("Opinion recorded."))


@login_required
@post_only(Assessment, "account__organisation_id")
def request_changes(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_assessment_for(request, pk, "view")
    membership = check(request, item.account.organisation_id, "view")
    if membership.role not in PERMISSIONS["review"] | PERMISSIONS["approve"]:
        check(request, item.account.organisation_id, "review")
    try:
        workflow.request_changes(item, request.user, request.POST.get("reason", ""))
    except workflow.WorkflowError as exc:
        return _done(request, item, exc, "")
    return _done(request, item, None, _("Changes requested."))


@login_required
@post_only(Assessment, "account__organisation_id")
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_assessment_for(request, pk, "approve")
    expires_raw = request.POST.get("risk_acceptance_expires", "").strip()
    try:
        expires = dt.date.fromisoformat(expires_raw) if expires_raw else None
    except ValueError:
        return _done(
            request,
            item,
            workflow.WorkflowError(_("Give the risk acceptance's expiry as a date (YYYY-MM-DD).")),
            "",
        )
    try:
        workflow.sign(
            item,
            request.user,
            decision=request.POST.get("decision", ""),
            attestations=request.POST.getlist("attestations"),
            statement=request.POST.get("statement", ""),
            risk_acceptance_reason=request.POST.get("risk_acceptance_reason", ""),
            risk_acceptance_expires=expires,
        )
    except workflow.WorkflowError as exc:
        return _done(request, item, exc, "")
    return _done(request, item, None, _("Signed."))


@login_required
@post_only(Assessment, "account__organisation_id")
def new_version(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_assessment_for(request, pk, "edit")
    latest = item.account.current_assessment()
    if latest is not None and latest.is_editable:
        messages.info(request, _("Version %(v)s is already open for editing.") % {"v": latest.version})
        return redirect("assessment", pk=latest.pk)
    fresh = services.start_assessment(item.account, request.user)
    messages.success(request, _("Version %(v)s started.") % {"v": fresh.version})
    return redirect("assessment", pk=fresh.pk)
