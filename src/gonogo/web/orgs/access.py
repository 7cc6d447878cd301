"""Look an object up and check the person's access to it in one step, so no view can forget the check.

Objects of an organisation the person is not in answer 404, exactly like objects that do not exist;
a member whose role lacks the permission gets 403.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import F, Model, OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed

from gonogo.web.orgs.models import PERMISSIONS, Membership, Organisation

M = TypeVar("M", bound=Model)
View = Callable[..., HttpResponse]


def membership_in(request: HttpRequest, organisation_id: int) -> Membership | None:
    """Return the person's membership of the organisation, cached on the request."""
    cache: dict[int, Membership | None] = request.__dict__.setdefault("_gonogo_memberships", {})
    if organisation_id not in cache:
        user = request.user
        cache[organisation_id] = (
            Membership.objects.filter(user_id=user.pk, organisation_id=organisation_id)
            .select_related("organisation")
            .first()
            if user.is_authenticated
            else None
        )
    return cache[organisation_id]


def check(request: HttpRequest, organisation_id: int, need: str) -> Membership:
    """Return the membership if it grants ``need``; 404 for non-members, 403 for a role without it."""
    if need not in PERMISSIONS:
        raise ValueError(f"unknown permission {need!r}")
    membership = membership_in(request, organisation_id)
    if membership is None:
        raise Http404("No such page")
    if not membership.can(need):
        raise PermissionDenied(f"Your role ({membership.get_role_display()}) cannot do this.")
    return membership


def get_for(request: HttpRequest, queryset: QuerySet[M], pk: int, org_path: str, need: str) -> M:
    """Return the object ``pk`` from ``queryset`` after checking ``need`` on its organisation.

    ``org_path`` is the lookup from the object to its organisation id, e.g. ``"account__organisation_id"``.
    The object and its organisation id come in one query; it is returned only once the check has passed.
    """
    queryset = queryset.filter(pk=pk).annotate(_gonogo_organisation_id=F(org_path))
    user = request.user
    if user.is_authenticated:
        # The person's membership of the object's organisation comes in the same query (its id and role).
        mine = Membership.objects.filter(user_id=user.pk, organisation_id=OuterRef(org_path))
        queryset = queryset.annotate(
            _gonogo_membership_id=Subquery(mine.values("pk")[:1]), _gonogo_role=Subquery(mine.values("role")[:1])
        )
    found = list(queryset.order_by()[:1])
    if not found:
        raise Http404("No such page")
    item: Any = found[0]
    organisation_id = int(item._gonogo_organisation_id)
    cache: dict[int, Membership | None] = request.__dict__.setdefault("_gonogo_memberships", {})
    if user.is_authenticated and organisation_id not in cache:
        cache[organisation_id] = (
            None
            if item._gonogo_membership_id is None
            else Membership(
                pk=item._gonogo_membership_id,
                user_id=user.pk,
                organisation_id=organisation_id,
                role=item._gonogo_role,
            )
        )
    check(request, organisation_id, need)
    return found[0]


def ensure_visible(request: HttpRequest, model: type[Model], pk: int, org_path: str) -> None:
    """Answer 404 (raise Http404) unless the person belongs to the organisation of ``model`` ``pk``."""
    get_for(request, model._default_manager.all(), pk, org_path, "view")


def post_only(model: type[Model], org_path: str) -> Callable[[View], View]:
    """Like ``require_POST``, but first look the object ``pk`` up: an id the person cannot see answers 404
    whatever the method, so a wrong method tells nothing about another organisation's records; a wrong
    method on a visible object answers 405 with an Allow header.
    """

    def wrap(view: View) -> View:
        @functools.wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != "POST":
                ensure_visible(request, model, int(kwargs["pk"]), org_path)
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return inner

    return wrap


def get_organisation_for(request: HttpRequest, pk: int, need: str = "view") -> Organisation:
    """Return the organisation after checking ``need``: one query, the membership's, which brings it along."""
    return check(request, pk, need).organisation


def visible_organisations(request: HttpRequest) -> QuerySet[Organisation]:
    """Return the organisations the person belongs to."""
    return Organisation.objects.filter(memberships__user_id=request.user.pk).order_by("name")
