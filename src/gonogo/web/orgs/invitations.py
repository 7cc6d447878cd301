"""Invite people into an organisation by e-mail, and accept an invitation."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonogo.web.audit.trail import record
from gonogo.web.orgs.models import Invitation, Membership, Organisation

VALID_DAYS = 7


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invite(
    organisation: Organisation, email: str, role: str, by: AbstractBaseUser, request: HttpRequest | None = None
) -> str:
    """Record an invitation, e-mail its link and return the link (valid for seven days, used once).

    A new invitation replaces any open one to the same address for the same organisation: the earlier link
    stops working, so only the latest role offered can be taken up.

    The link names the host the inviting person used (``request``: its host is one of ALLOWED_HOSTS, and the
    scheme follows the proxy settings); without a request, e.g. from a command, it starts with SITE_URL.
    """
    token = secrets.token_urlsafe(32)
    email = email.strip().lower()
    with transaction.atomic():
        for earlier in open_invitations(organisation).filter(email=email).select_for_update():
            revoke(earlier, by, reason="replaced")
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            token_hash=_hash(token),
            invited_by=by,
            expires_at=timezone.now() + dt.timedelta(days=VALID_DAYS),
        )
        record(
            "member.invite",
            actor=by,
            organisation=organisation,
            obj=invitation,
            summary=f"{invitation.email} as {role}",
            after={"email": invitation.email, "role": role},
        )
    path = reverse("invitation_accept", kwargs={"token": token})
    link = request.build_absolute_uri(path) if request is not None else settings.SITE_URL.rstrip("/") + path
    send_mail(
        _("You are invited to %(org)s on gonogo") % {"org": organisation.name},
        _("%(who)s invites you to join %(org)s as %(role)s. Open this link within %(days)s days:\n\n%(link)s\n")
        % {
            "who": inviter_name(by),
            "org": organisation.name,
            "role": invitation.get_role_display(),
            "days": VALID_DAYS,
            "link": link,
        },
        None,
        [invitation.email],
    )
    return link


def inviter_name(user: AbstractBaseUser) -> str:
    """The inviting person as the invited one would know them: the full name, or the username without one."""
    full = str(getattr(user, "get_full_name", lambda: "")() or "").strip()
    return full or user.get_username()


def _open() -> QuerySet[Invitation]:
    return Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


def open_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    """The organisation's invitations that can still be taken up, oldest first."""
    return _open().filter(organisation=organisation).select_related("invited_by").order_by("created_at", "pk")


def find(token: str) -> Invitation | None:
    """Return the open invitation for ``token``; None when unknown, used, withdrawn or expired."""
    return _open().select_related("organisation").filter(token_hash=_hash(token)).first()


def addressed_to(invitation: Invitation, user: AbstractBaseUser) -> bool:
    """Whether ``user`` is the person invited: their e-mail address is the invited one (in any letter case)."""
    address = str(getattr(user, "email", "") or "").strip().lower()
    return bool(address) and address == invitation.email.lower()


def revoke(invitation: Invitation, by: AbstractBaseUser, reason: str = "withdrawn") -> None:
    """Withdraw an open invitation, so its link stops working; ``reason`` is "withdrawn" or "replaced"."""
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record(
            "member.invite_revoke",
            actor=by,
            organisation=invitation.organisation,
            obj=invitation,
            summary=f"{invitation.email} as {invitation.role} ({reason})",
            before={"email": invitation.email, "role": invitation.role},
        )


class Closed(Exception):
    """The invitation was taken up or withdrawn while the person was on its page."""


def accept(invitation: Invitation, user: AbstractBaseUser) -> Membership:
    """Make ``user`` a member with the invited role (an existing membership keeps its role).

    Raises ``Closed`` when the invitation was used or withdrawn in the meantime.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None or invitation.revoked_at is not None:
            raise Closed(invitation)
        membership, _created = Membership.objects.get_or_create(
            user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        record(
            "member.join",
            actor=user,
            organisation=invitation.organisation,
            obj=membership,
            summary=f"{user.get_username()} joined as {membership.role}",
            after={"user": user.get_username(), "role": membership.role},
        )
    return membership
