"""The JSON API: the same records and the same permission checks as the pages, with token authentication.

Send ``Authorization: Bearer <token>``. Errors are JSON: ``{"error": ..., "fields": [...]}``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import BadRequest, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from gonogo.core.errors import DocumentError
from gonogo.web.api.models import ApiToken, hash_token
from gonogo.web.assessments import catalogue, engine, services
from gonogo.web.assessments.actions import EDITABLE_FIELDS, action_form, patch_data, save_action
from gonogo.web.assessments.forms import DEVICE, OPERATOR, AccountForm, SafeguardForm
from gonogo.web.assessments.models import Account, ActionItem, Assessment, FrozenError, Result, Safeguard
from gonogo.web.assessments.steps import DeviceForm
from gonogo.web.decisions import workflow
from gonogo.web.decisions.models import ATTESTATIONS
from gonogo.web.orgs.access import check, ensure_visible, get_for, get_organisation_for, visible_organisations
from gonogo.web.orgs.models import PERMISSIONS, Organisation

View = Callable[..., Any]


def _error(status: int, message: str, fields: list[dict[str, str]] | None = None) -> JsonResponse:
    body: dict[str, Any] = {"error": message}
    if fields:
        body["fields"] = fields
    return JsonResponse(body, status=status)


# The record a route's ``pk`` names: its model and the lookup from it to its organisation id.
Record = tuple[type[Model], str]
ORGANISATION: Record = (Organisation, "pk")
ACCOUNT: Record = (Account, "organisation_id")
ASSESSMENT: Record = (Assessment, "account__organisation_id")
ACTION: Record = (ActionItem, "assessment__account__organisation_id")


def api(methods: tuple[str, ...] = ("GET",), of: Record | None = None) -> Callable[[View], View]:
    """Authenticate by token, allow ``methods``, turn results into JSON and exceptions into JSON errors.

    ``of`` names the record of a route with a ``pk``: a wrong method answers 404 when the person cannot see
    that record, exactly as the right method would, and 405 (with an Allow header) only when they can.
    """

    def wrap(view: View) -> View:
        @csrf_exempt  # token authentication only: no cookies, so no cross-site requests to forge
        @functools.wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            header = request.headers.get("Authorization", "")
            token = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
            row = ApiToken.objects.select_related("user").filter(key_hash=hash_token(token)).first() if token else None
            if row is None or not row.user.is_active:
                return _error(401, "send a valid token: Authorization: Bearer <token>")
            if row.last_used is None or (timezone.now() - row.last_used).total_seconds() > 60:
                ApiToken.objects.filter(pk=row.pk).update(last_used=timezone.now())
            request.user = row.user
            if request.method not in methods:
                if "pk" in kwargs:
                    if of is None:
                        raise TypeError(f"{view.__name__} takes a pk: name its record with api(of=...)")
                    try:
                        ensure_visible(request, of[0], int(kwargs["pk"]), of[1])
                    except Http404:
                        return _error(404, "not found")
                response = _error(405, f"use {' or '.join(methods)}")
                response["Allow"] = ", ".join(methods)
                return response
            try:
                result = view(request, *args, **kwargs)
            except Http404:
                return _error(404, "not found")
            except PermissionDenied as exc:
                return _error(403, str(exc) or "your role does not allow this")
            except BadRequest as exc:
                return _error(400, str(exc))
            if isinstance(result, HttpResponse):
                return result
            return JsonResponse(result, safe=False, json_dumps_params={"ensure_ascii": False})

        return inner

    return wrap


PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


def _whole(request: HttpRequest, name: str, default: int, high: int) -> int:
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if not 1 <= value <= high:
        raise BadRequest(f"{name}: expected a whole number from 1 to {high}, found {raw!r}")
    return value


def paginated(request: HttpRequest, items: Any, serialise: Callable[[Any], Any]) -> dict[str, Any]:
    """A page of a long list: ``?page=N`` (from 1) and ``?per_page=M`` (default 100, at most 500).

    Returns ``items`` with ``count`` (in all), ``page``, ``pages``, and the ``next`` and ``previous`` pages'
    addresses (null at either end). A page out of range answers 400 saying which pages there are.
    """
    per_page = _whole(request, "per_page", PAGE_SIZE, MAX_PAGE_SIZE)
    paginator = Paginator(items, per_page)
    number = _whole(request, "page", 1, max(paginator.num_pages, 1))
    page = paginator.page(number)

    def link(n: int) -> str:
        query = request.GET.copy()
        query["page"] = str(n)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "items": [serialise(item) for item in page.object_list],
        "count": paginator.count,
        "page": number,
        "pages": paginator.num_pages,
        "next": link(number + 1) if page.has_next() else None,
        "previous": link(number - 1) if page.has_previous() else None,
    }


def _text_fields(data: dict[str, Any], allowed: Sequence[str], verb: str, problem: str) -> JsonResponse | None:
    """Refuse (400) a body with fields other than ``allowed`` or values other than text and null; else None."""
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        return _error(400, f"cannot {verb} {', '.join(unknown)}: send any of {', '.join(allowed)}")
    wrong = [name for name in data if data[name] is not None and not isinstance(data[name], str)]
    if wrong:
        return _error(
            400,
            problem,
            [{"location": name, "message": "expected text (dates as YYYY-MM-DD) or null"} for name in wrong],
        )
    return None


def _organisation(org: Organisation) -> dict[str, Any]:
    return {
        "id": org.pk,
        "name": org.name,
        "kind": org.kind,
        "jurisdiction": org.jurisdiction,
        "population_served": org.population_served,
        "risk_appetite": org.risk_appetite,
    }


ACCOUNT_FIELDS = ("id", "organisation_id", "platform", "handle", "status", "purpose", "operators", "device")


def _account(account: Account) -> dict[str, Any]:
    return {"id": account.pk, "organisation": account.organisation_id, **account.facts()}


def _assessment(item: Assessment, *, document: bool = False) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": item.pk,
        "account": item.account_id,
        "version": item.version,
        "status": item.status,
        "updated_at": item.updated_at.isoformat(),
        "sealed_hash": item.sealed_hash or None,
    }
    if document:
        body["document"] = item.document
        body["actions"] = [_action(a) for a in item.actions.all()]
    return body


def _action(action: ActionItem) -> dict[str, Any]:
    return {
        "id": action.pk,
        "assessment": action.assessment_id,
        "safeguard": action.safeguard,
        "title": action.title,
        "verify": action.verify,
        "owner": action.owner,
        "due": action.due.isoformat() if action.due else None,
        "evidence": action.evidence,
        "done_at": action.done_at.isoformat() if action.done_at else None,
    }


def _result(result: Result) -> dict[str, Any]:
    return {
        "assessment": result.assessment_id,
        "outcome": result.outcome,
        "robustness": result.robustness,
        "review_date": result.review_date.isoformat() if result.review_date else None,
        "kb_version": result.kb_version,
        "content_hash": result.content_hash,
        "created_at": result.created_at.isoformat(),
        "result": result.data,
    }


def _get_assessment_for(request: HttpRequest, pk: int, need: str = "view") -> Assessment:
    return get_for(request, Assessment.objects.all(), pk, "account__organisation_id", need)


def _get_account_for(request: HttpRequest, pk: int, need: str = "view") -> Account:
    return get_for(request, Account.objects.all(), pk, "organisation_id", need)


@api()
def organisations(request: HttpRequest) -> Any:
    return paginated(request, visible_organisations(request).order_by("name", "pk"), _organisation)


@api(of=ORGANISATION)
def organisation(request: HttpRequest, pk: int) -> Any:
    return _organisation(get_organisation_for(request, pk))


@api(("GET", "POST"), of=ORGANISATION)
def organisation_accounts(request: HttpRequest, pk: int) -> Any:
    """List the organisation's accounts; POST an account to create it (editor or admin)."""
    if request.method == "GET":
        org = get_organisation_for(request, pk)
        accounts = org.accounts.only(*ACCOUNT_FIELDS).order_by("platform", "handle", "pk")
        return paginated(request, accounts, _account)
    org = get_organisation_for(request, pk, "edit")
    return _save_account(request, Account(organisation=org), status=201)


@api(("GET", "PATCH"), of=ACCOUNT)
def account(request: HttpRequest, pk: int) -> Any:
    """One account; PATCH any of its facts (editor or admin): the others stay as they are."""
    if request.method == "GET":
        return _account(_get_account_for(request, pk))
    return _save_account(request, _get_account_for(request, pk, "edit"), status=200)


ACCOUNT_INPUT = ("platform", "handle", "status", "purpose", "operators", "device")


def _form_errors(form: Any, what: str, names: dict[str, str] | None = None) -> JsonResponse:
    """A 400 listing each of a form's errors under the API's name of its field (``""`` for the whole)."""
    names = names or {}
    return _error(
        400,
        what,
        [
            {"location": "" if name == "__all__" else names.get(name, name), "message": e["message"]}
            for name, items in form.errors.get_json_data().items()
            for e in items
        ],
    )


def _account_data(account: Account, changes: dict[str, Any]) -> dict[str, Any]:
    """The page form's data for the account as it stands with ``changes`` (in the API's shape) laid over it.

    Raises ``BadRequest`` naming a field that has the wrong shape, and what to send instead.
    """
    unknown = sorted(set(changes) - set(ACCOUNT_INPUT))
    if unknown:
        raise BadRequest(f"cannot set {', '.join(unknown)}: send any of {', '.join(ACCOUNT_INPUT)}")
    facts = account.facts() | changes  # a new account starts from the model's defaults (status: existing)
    data: dict[str, Any] = {}
    for name in ("platform", "handle", "status", "purpose"):
        value = facts.get(name)
        if value is not None and not isinstance(value, str):
            raise BadRequest(f"{name}: expected text")
        data[name] = value or ""
    operators = facts.get("operators") or []
    if not isinstance(operators, list) or not all(
        isinstance(o, dict) and isinstance(o.get("role"), str) and type(o.get("count", 1)) is int for o in operators
    ):
        raise BadRequest('operators: expected a list of {"role": ..., "count": a whole number}')
    roles = _roles()
    strange = sorted({o["role"] for o in operators} - set(roles))
    if strange:
        raise BadRequest(f"operators: unknown role {', '.join(strange)}: the roles are {', '.join(roles)}")
    data |= {OPERATOR + o["role"]: o.get("count", 1) for o in operators}
    device = facts.get("device") or {}
    if not isinstance(device, dict):
        raise BadRequest('device: expected an object such as {"kind": "dedicated", "work_email": false}')
    known = list(DeviceForm.base_fields)
    strange = sorted(set(device) - set(known))
    if strange:
        raise BadRequest(f"device: unknown field {', '.join(strange)}: send any of {', '.join(known)}")
    for name, value in device.items():
        if name == "kind" and value is not None and not isinstance(value, str):
            raise BadRequest("device.kind: expected text")
        if name != "kind" and not isinstance(value, bool):
            raise BadRequest(f"device.{name}: expected true or false")
        data[DEVICE + name] = value or ("" if name == "kind" else False)
    return data


def _roles() -> list[str]:
    return [key for key, _title in catalogue.choices("roles")]


def _account_field_names() -> dict[str, str]:
    """The API's name of each of the page form's fields named otherwise: operators.<role>, device.<field>."""
    names = {OPERATOR + role: f"operators.{role}" for role in _roles()}
    return names | {DEVICE + name: f"device.{name}" for name in DeviceForm.base_fields}


def _save_account(request: HttpRequest, account: Account, status: int) -> Any:
    """Create or change an account from the request's JSON with the page's form, its rules and audit entry."""
    try:
        changes = _body(request)
    except ValueError as exc:
        return _error(400, str(exc))
    form = AccountForm(_account_data(account, changes), instance=account)
    if not form.is_valid():
        return _form_errors(form, "the account has problems", _account_field_names())
    try:
        saved = services.save_account(form, request.user)
    except services.DuplicateHandle:
        return _error(
            409,
            f"handle: the organisation already has the account {account.handle} on {account.platform}; "
            "change that one (PATCH /api/accounts/<id>/) or send another handle",
            [{"location": "handle", "message": "already in use on this platform in this organisation"}],
        )
    return JsonResponse(_account(saved), status=status, json_dumps_params={"ensure_ascii": False})


def _safeguard(row: Safeguard) -> dict[str, Any]:
    return {
        "id": row.pk,
        "account": row.account_id,
        "safeguard": row.safeguard,
        "title": row.title_shown,
        "evidence": row.evidence,
        "in_place_since": row.in_place_since.isoformat() if row.in_place_since else None,
        "expires": row.expires.isoformat() if row.expires else None,
        "valid_today": row.is_valid_on(timezone.localdate()),
    }


SAFEGUARD_INPUT = ("safeguard", "evidence", "in_place_since", "expires")


@api(("GET", "POST"), of=ACCOUNT)
def account_safeguards(request: HttpRequest, pk: int) -> Any:
    """The safeguards the organisation has in place for the account; POST one to record it (editor or admin).

    Recording a safeguard already recorded replaces its evidence and dates, as the page does.
    """
    if request.method == "GET":
        return paginated(request, _get_account_for(request, pk).safeguards.order_by("safeguard", "pk"), _safeguard)
    acct = _get_account_for(request, pk, "edit")
    try:
        data = _body(request)
    except ValueError as exc:
        return _error(400, str(exc))
    refused = _text_fields(data, SAFEGUARD_INPUT, "set", "the safeguard has problems")
    if refused is not None:
        return refused
    form = SafeguardForm({k: v for k, v in data.items() if v is not None})
    if not form.is_valid():
        return _form_errors(form, "the safeguard has problems")
    row, created = services.set_safeguard(acct, form.cleaned_data, request.user)
    return JsonResponse(_safeguard(row), status=201 if created else 200, json_dumps_params={"ensure_ascii": False})


@api(("GET", "POST"), of=ACCOUNT)
def account_assessments(request: HttpRequest, pk: int) -> Any:
    """List an account's versions; POST an assessment document to store it as a new draft version."""
    if request.method == "GET":
        acct = _get_account_for(request, pk)
        versions = acct.assessments.defer("document").order_by("-version")
        return paginated(request, versions, _assessment)
    acct = _get_account_for(request, pk, "edit")
    try:
        document = json.loads(request.body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return _error(400, f"the body is not JSON: {exc}")
    if not isinstance(document, dict):
        return _error(400, "send the assessment document as a JSON object")
    try:
        item, replaced = services.import_document(acct, document, request.user, "stored through the API")
    except DocumentError as exc:
        return _error(
            400, "the document has problems", [{"location": e.location, "message": e.message} for e in exc.errors]
        )
    # The organisation's facts are the organisation record's: each value of the document they replaced.
    body = _assessment(item, document=True) | {
        "replaced": [{"location": r.location, "document": r.said, "settings": r.record} for r in replaced]
    }
    return JsonResponse(body, status=201)


@api(of=ASSESSMENT)
def assessment(request: HttpRequest, pk: int) -> Any:
    return _assessment(_get_assessment_for(request, pk), document=True)


@api(("POST",), of=ASSESSMENT)
def assessment_evaluate(request: HttpRequest, pk: int) -> Any:
    item = _get_assessment_for(request, pk, "edit")
    try:
        data, kb_version = engine.evaluate_document(item.document)
        result = services.store_result(item, data, kb_version, request.user)
    except DocumentError as exc:
        return _error(
            400, "the document has problems", [{"location": e.location, "message": e.message} for e in exc.errors]
        )
    except FrozenError as exc:
        return _error(409, str(exc))
    return JsonResponse(_result(result), status=201)


@api(of=ASSESSMENT)
def assessment_result(request: HttpRequest, pk: int) -> Any:
    result = _get_assessment_for(request, pk).latest_result()
    if result is None:
        raise Http404
    return _result(result)


@api(of=ASSESSMENT)
def assessment_decision(request: HttpRequest, pk: int) -> Any:
    return _decision(_get_assessment_for(request, pk))


def _decision(item: Assessment) -> dict[str, Any]:
    return {
        "assessment": item.pk,
        "status": item.status,
        "sealed_hash": item.sealed_hash or None,
        "sealed_at": item.sealed_at.isoformat() if item.sealed_at else None,
        "opinions": [
            {"kind": o.kind, "verdict": o.verdict, "text": o.text, "by": o.author_name, "at": o.given_at.isoformat()}
            for o in item.opinions.all()
        ],
        "signatures": [
            {
                "decision": s.decision,
                "attestations": s.attestations,
                "statement": s.statement,
                "risk_acceptance_reason": s.risk_acceptance_reason,
                "risk_acceptance_expires": s.risk_acceptance_expires.isoformat() if s.risk_acceptance_expires else None,
                "accepted_risks": s.accepted_risks,
                "by": s.signer_name,
                "at": s.signed_at.isoformat(),
            }
            for s in item.signatures.all()
        ],
        "actions": [
            {
                "id": a.pk,
                "safeguard": a.safeguard,
                "title": a.title,
                "owner": a.owner,
                "due": a.due.isoformat() if a.due else None,
                "done_at": a.done_at.isoformat() if a.done_at else None,
            }
            for a in item.actions.all()
        ],
    }


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        raise ValueError("send a JSON object")
    return data


def _workflow_call(
    request: HttpRequest,
    pk: int,
    need: str,
    action: Callable[[Assessment, dict[str, Any]], None],
    roles: frozenset[str] | None = None,
) -> Any:
    """Run a workflow step on the assessment ``pk`` when the person has ``need`` on its organisation (and,
    given ``roles``, one of them); a JSON error when the step is refused, else the decision as it now stands."""
    item = _get_assessment_for(request, pk, need)
    membership = check(request, item.account.organisation_id, need)
    if roles is not None and membership.role not in roles:
        raise PermissionDenied(f"Your role ({membership.get_role_display()}) cannot do this.")
    try:
        data = _body(request)
    except ValueError as exc:
        return _error(400, str(exc))
    try:
        action(item, data)
    except ValueError as exc:
        return _error(400, str(exc))
    except workflow.WorkflowError as exc:
        return _error(409, str(exc))
    item.refresh_from_db()
    return _decision(item)


@api(("POST",), of=ASSESSMENT)
def decision_submit(request: HttpRequest, pk: int) -> Any:
    """Send a draft to review (editor or admin)."""
    return _workflow_call(request, pk, "edit", lambda item, _data: workflow.submit(item, request.user))


@api(("POST",), of=ASSESSMENT)
def decision_opinion(request: HttpRequest, pk: int) -> Any:
    """Record the reviewer's or data-protection officer's opinion: {verdict, text}."""

    def give(item: Assessment, data: dict[str, Any]) -> None:
        membership = check(request, item.account.organisation_id, "review")
        workflow.give_opinion(item, membership, str(data.get("verdict", "")), str(data.get("text", "")))

    return _workflow_call(request, pk, "review", give)


@api(("POST",), of=ASSESSMENT)
def decision_request_changes(request: HttpRequest, pk: int) -> Any:
    """Send a version in review back to its editors: {reason} (reviewer, data-protection officer or approver)."""

    def ask(item: Assessment, data: dict[str, Any]) -> None:
        reason = data.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise BadRequest('reason: say what should change, as text: {"reason": "..."}')
        workflow.request_changes(item, request.user, reason)

    return _workflow_call(request, pk, "view", ask, PERMISSIONS["review"] | PERMISSIONS["approve"])


ATTESTATION_CODES = [code for code, _text in ATTESTATIONS]


@api(("POST",), of=ASSESSMENT)
def decision_sign(request: HttpRequest, pk: int) -> Any:
    """Approve or reject (approver): {decision, attestations, statement, risk_acceptance_reason, ..._expires}."""

    def sign(item: Assessment, data: dict[str, Any]) -> None:
        expires = data.get("risk_acceptance_expires")
        try:
            expires_date = dt.date.fromisoformat(expires) if expires else None
        except (TypeError, ValueError):
            raise ValueError("risk_acceptance_expires: expected a date, YYYY-MM-DD") from None
        attestations = data.get("attestations") or []
        if not isinstance(attestations, list) or not all(isinstance(a, str) for a in attestations):
            raise BadRequest(f"attestations: expected a list of codes, any of {', '.join(ATTESTATION_CODES)}")
        unknown = sorted(set(attestations) - set(ATTESTATION_CODES))
        if unknown:
            raise BadRequest(
                f"attestations: unknown {', '.join(unknown)}: the codes are {', '.join(ATTESTATION_CODES)}"
            )
        workflow.sign(
            item,
            request.user,
            decision=str(data.get("decision", "")),
            attestations=attestations,
            attestations_by_code=True,
            statement=str(data.get("statement", "")),
            risk_acceptance_reason=str(data.get("risk_acceptance_reason", "")),
            risk_acceptance_expires=expires_date,
        )

    return _workflow_call(request, pk, "approve", sign)


@api(("GET", "PATCH"), of=ACTION)
def action(request: HttpRequest, pk: int) -> Any:
    """An action item (a condition); PATCH {owner, due, evidence, done_at} (editor or admin), any of them.

    The rules are the page's: owner and due date until the version is approved or rejected, evidence and the
    done date at any time; the done date cannot be in the future and needs evidence.
    """
    queryset = ActionItem.objects.select_related("assessment__account__organisation")
    if request.method == "GET":
        return _action(get_for(request, queryset, pk, ACTION[1], "view"))
    item = get_for(request, queryset, pk, ACTION[1], "edit")
    try:
        changes = _body(request)
    except ValueError as exc:
        return _error(400, str(exc))
    refused = _text_fields(changes, EDITABLE_FIELDS, "change", "the action item has problems")
    if refused is not None:
        return refused
    form = action_form(item, patch_data(item, changes))
    if not save_action(form, request.user):
        errors = form.errors.get_json_data()
        return _error(
            400,
            "the action item has problems",
            [
                {"location": "" if name == "__all__" else name, "message": e["message"]}
                for name, items in errors.items()
                for e in items
            ],
        )
    item.refresh_from_db()
    return _action(item)


def openapi(request: HttpRequest) -> HttpResponse:
    from gonogo.web.api.schema import document

    return JsonResponse(document(), json_dumps_params={"indent": 2})
