"""The portfolio across organisations, and one organisation's page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonogo.web.assessments import catalogue
from gonogo.web.assessments.engine import current_kb_version
from gonogo.web.audit.trail import last_hash, record
from gonogo.web.orgs import invitations, portfolio
from gonogo.web.orgs.access import get_organisation_for, membership_in, visible_organisations
from gonogo.web.orgs.forms import InviteForm, OrganisationForm, SignUpForm
from gonogo.web.orgs.models import Invitation, Membership, Role
from gonogo.web.people import backends


@login_required
def index(request: HttpRequest) -> HttpResponse:
    organisations = visible_organisations(request)
    table = portfolio.rows(organisations, timezone.localdate(), current_kb_version())
    context = {"organisations": organisations, "rows": table, "may_create": may_create_organisations(request.user)}
    return render(request, "orgs/portfolio.html", context)


@login_required
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_organisation_for(request, pk, "view")
    today, kb_version = timezone.localdate(), current_kb_version()
    membership = membership_in(request, org.pk)
    assert membership is not None  # get_organisation_for checked it
    # Every change to an organisation's records writes its audit trail, so the last entry's hash (with the
    # day and the knowledge base) says when the cached page is stale. The accounts and people are read only
    # when it is.
    stamp = last_hash(org.pk)
    context = {
        "org": org,
        "rows": lambda: portfolio.rows(type(org).objects.filter(pk=org.pk), today, kb_version),
        "page_key": f"{stamp}:{today.isoformat()}:{kb_version}",
        "membership": membership,
        "members": org.memberships.select_related("user").order_by(
            "user__last_name", "user__first_name", "user__username"
        ),
        "invitations": invitations.open_invitations(org) if membership.role == Role.ADMIN else [],
        "roles": Role.choices,
        "kind_title": lambda: catalogue.title_of("kinds", org.kind),
    }
    return render(request, "orgs/organisation.html", context)


def may_create_organisations(user: object) -> bool:
    """``GONOGO_ORG_CREATION``: staff (the default) or anyone logged in."""
    return settings.GONOGO_ORG_CREATION == "anyone" or bool(getattr(user, "is_staff", False))


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    """A new organisation; its creator becomes its administrator."""
    if not may_create_organisations(request.user):
        raise PermissionDenied("Only staff create organisations here")
    form = OrganisationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            org = form.save()
            Membership.objects.create(user=request.user, organisation=org, role=Role.ADMIN)
            record(
                "organisation.create",
                actor=request.user,
                organisation=org,
                obj=org,
                summary=str(org),
                after=org.as_document(),
            )
        messages.success(request, _("Created %(org)s; you are its administrator.") % {"org": org})
        return redirect("organisation", pk=org.pk)
    return render(request, "orgs/organisation_form.html", {"form": form, "org": None})


@login_required
def organisation_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's settings, for its administrators."""
    org = get_organisation_for(request, pk, "admin")
    before = org.as_document()
    form = OrganisationForm(request.POST if request.method == "POST" else None, instance=org)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            org = form.save()
            if org.as_document() != before:
                record(
                    "organisation.update",
                    actor=request.user,
                    organisation=org,
                    obj=org,
                    summary=str(org),
                    before=before,
                    after=org.as_document(),
                )
        messages.success(request, _("Saved."))
        return redirect("organisation", pk=org.pk)
    return render(request, "orgs/organisation_form.html", {"form": form, "org": org})


@login_required
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_organisation_for(request, pk, "admin")
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        invitations.invite(org, form.cleaned_data["email"], form.cleaned_data["role"], request.user, request=request)
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("organisation", pk=org.pk)
    return render(request, "orgs/invite.html", {"org": org, "form": form})


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Join with the invited role.

    Logged in as the invited person (the account's e-mail address is the invited one), in one click; logged in
    as someone else, a page that says so and offers to log out. Logged out, after creating a login, or after
    logging in to an existing account (the log-in page comes back here).
    """
    invitation = invitations.find(token)
    if invitation is None:
        return render(request, "orgs/invitation_invalid.html", status=404)
    here = request.get_full_path()
    if request.user.is_authenticated:
        if not invitations.addressed_to(invitation, request.user):
            context = {"invitation": invitation, "here": here}
            return render(request, "orgs/invitation_other_person.html", context, status=403)
        if request.method == "POST":
            try:
                invitations.accept(invitation, request.user)
            except invitations.Closed:
                return render(request, "orgs/invitation_invalid.html", status=404)
            return _welcome(request, invitation)
        return render(request, "orgs/invitation.html", {"invitation": invitation})
    form = SignUpForm(request.POST if request.method == "POST" else None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
                invitations.accept(invitation, user)
        except invitations.Closed:
            return render(request, "orgs/invitation_invalid.html", status=404)
        login(request, user, backend=backends.PATH)
        return _welcome(request, invitation)
    login_url = f"{reverse('login')}?{urlencode({'next': here})}"
    return render(request, "orgs/invitation.html", {"invitation": invitation, "form": form, "login_url": login_url})


def _welcome(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    messages.success(request, _("Welcome to %(org)s.") % {"org": invitation.organisation})
    return redirect("organisation", pk=invitation.organisation_id)


@login_required
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    """Withdraw an open invitation (administrators only, by POST): its link stops working."""
    org = get_organisation_for(request, pk, "admin")
    invitation = invitations.open_invitations(org).filter(pk=invitation_pk).first()
    if invitation is None or request.method != "POST":
        raise Http404("No such open invitation")
    invitations.revoke(invitation, request.user)
    messages.success(
        request, _("The invitation to %(email)s is withdrawn; its link no longer works.") % {"email": invitation.email}
    )
    return redirect("organisation", pk=org.pk)


@login_required
def member_role(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """Change a member's role or remove them (admins only; the last admin stays)."""
    org = get_organisation_for(request, pk, "admin")
    member = org.memberships.select_related("user").filter(pk=member_pk).first()
    if member is None or request.method != "POST":
        raise Http404("No such member")
    role = request.POST.get("role", "")
    admins = org.memberships.filter(role=Role.ADMIN).count()
    if member.role == Role.ADMIN and admins == 1 and role != Role.ADMIN:
        messages.error(request, _("An organisation keeps at least one administrator."))
        return redirect("organisation", pk=org.pk)
    with transaction.atomic():
        before = {"user": member.user.get_username(), "role": member.role}
        if role == "remove":
            member.delete()
            record("member.remove", actor=request.user, organisation=org, summary=before["user"], before=before)
        elif role in Role.values:
            member.role = role
            member.save(update_fields=["role"])
            record(
                "member.role",
                actor=request.user,
                organisation=org,
                obj=member,
                summary=before["user"],
                before=before,
                after={"user": before["user"], "role": role},
            )
        else:
            raise Http404("No such role")
    messages.success(request, _("Saved."))
    return redirect("organisation", pk=org.pk)
