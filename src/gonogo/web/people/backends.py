"""Log-in with Django's username and password, reading with the person whether their roles need two-factor."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from gonogo.web.orgs.models import Membership

PATH = "gonogo.web.people.backends.MemberBackend"


class MemberBackend(ModelBackend):
    """Django's ``ModelBackend``; loading the person on each request also tells whether they are an approver or
    an administrator somewhere, so ``RequireTwoFactorMiddleware`` needs no query of its own."""

    def get_user(self, user_id: Any) -> Any:
        from gonogo.web.people.twofactor import ROLES_NEEDING_TOTP

        signs = Membership.objects.filter(user_id=OuterRef("pk"), role__in=ROLES_NEEDING_TOTP)
        people = get_user_model()._default_manager.annotate(gonogo_needs_totp=Exists(signs))
        user = people.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
