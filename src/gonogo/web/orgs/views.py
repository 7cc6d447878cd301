"""The portfolio across organisations, and one organisation's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gonogo.web.assessments.engine import current_kb_version
from gonogo.web.orgs import invitations, portfolio
from gonogo.web.orgs.access import get_organisation_for, membership_in, visible_organisations
from gonogo.web.orgs.forms import InviteForm, SignUpForm


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


@login_required
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_organisation_for(request, pk, "admin")
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        invitations.invite(org, form.cleaned_data["email"], form.cleaned_data["role"], request.user)
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("organisation", pk=org.pk)
    return render(request, "orgs/invite.html", {"org": org, "form": form})


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Join with the invited role: logged in, in one click; otherwise after creating a login."""
    invitation = invitations.find(token)
    if invitation is None:
        return render(request, "orgs/invitation_invalid.html", status=404)
    if request.user.is_authenticated:
        if request.method == "POST":
            invitations.accept(invitation, request.user)
            return redirect("organisation", pk=invitation.organisation_id)
        return render(request, "orgs/invitation.html", {"invitation": invitation})
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        user.email = invitation.email
        user.save()
        invitations.accept(invitation, user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("organisation", pk=invitation.organisation_id)
    return render(request, "orgs/invitation.html", {"invitation": invitation, "form": form})
