"""Accounts, the guided assessment, results and exports. Each view looks up and checks access in one call."""

from __future__ import annotations

import csv
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gonogo.core.errors import DocumentError
from gonogo.reports.i18n import language_of
from gonogo.web.assessments import engine, services
from gonogo.web.assessments.actions import action_form, save_action
from gonogo.web.assessments.documents import dump_yaml, read_document
from gonogo.web.assessments.forms import AccountForm, ImportForm, SafeguardForm, error_lines
from gonogo.web.assessments.models import Account, ActionItem, Assessment, FrozenError, Result, Status
from gonogo.web.assessments.steps import BY_SLUG, STEPS, Step, device_shown, operators_shown, step_for_location
from gonogo.web.audit.trail import last_hash_of
from gonogo.web.decisions.models import ATTESTATIONS, Opinion
from gonogo.web.decisions.workflow import (
    above_appetite,
    record_for_report,
    risk_shown,
    still_needed,
    verify_seal,
    weighed_opinions,
)
from gonogo.web.orgs import portfolio
from gonogo.web.orgs.access import get_for, get_organisation_for, membership_in, post_only


def _get_account_for(request: HttpRequest, pk: int, need: str = "view") -> Account:
    return get_for(request, Account.objects.select_related("organisation"), pk, "organisation_id", need)


def _get_assessment_for(request: HttpRequest, pk: int, need: str = "view") -> Assessment:
    queryset = Assessment.objects.select_related("account__organisation")
    return get_for(request, queryset, pk, "account__organisation_id", need)


@login_required
def account_create(request: HttpRequest, org_pk: int) -> HttpResponse:
    org = get_organisation_for(request, org_pk, "edit")
    form = AccountForm(request.POST if request.method == "POST" else None, instance=Account(organisation=org))
    if request.method == "POST" and form.is_valid():
        try:
            account = services.save_account(form, request.user)
        except services.DuplicateHandle:
            pass
        else:
            return redirect("account", pk=account.pk)
    return render(request, "assessments/account_form.html", {"org": org, "form": form})


@login_required
def account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = _get_account_for(request, pk, "edit")
    form = AccountForm(request.POST if request.method == "POST" else None, instance=account)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_account(form, request.user)
        except services.DuplicateHandle:
            pass
        else:
            return redirect("account", pk=account.pk)
    return render(
        request,
        "assessments/account_form.html",
        {"org": account.organisation, "form": form, "account": account},
    )


@login_required
def account(request: HttpRequest, pk: int) -> HttpResponse:
    acct = _get_account_for(request, pk)
    device_kind, on_device = device_shown(acct.device)
    today = timezone.localdate()
    # The version the portfolio shows: the decision in force, else the latest version.
    shown = acct.assessments.filter(status=Status.APPROVED).order_by("-version").first() or acct.current_assessment()
    shown_result = shown.latest_result() if shown is not None else None
    return render(
        request,
        "assessments/account.html",
        {
            "account": acct,
            "operators": operators_shown(acct.operators),
            "device_kind": device_kind,
            "on_device": on_device,
            "org": acct.organisation,
            "membership": membership_in(request, acct.organisation_id),
            "assessments": acct.assessments.order_by("-version"),
            "safeguards": acct.safeguards.all(),
            "today": today,
            "shown": shown,
            "attention": portfolio.attention(shown, shown_result, today, engine.current_kb_version())
            if shown is not None
            else None,
            "safeguard_form": SafeguardForm(),
        },
    )


@login_required
@post_only(Account, "organisation_id")
def safeguard_add(request: HttpRequest, pk: int) -> HttpResponse:
    acct = _get_account_for(request, pk, "edit")
    form = SafeguardForm(request.POST)
    if form.is_valid():
        services.set_safeguard(acct, form.cleaned_data, request.user)
        messages.success(request, _("Safeguard saved."))
    else:
        for line in error_lines(form):
            messages.error(request, line)
    return redirect("account", pk=acct.pk)


@login_required
@post_only(Account, "organisation_id")
def assessment_start(request: HttpRequest, pk: int) -> HttpResponse:
    acct = _get_account_for(request, pk, "edit")
    latest = acct.current_assessment()
    if latest is not None and latest.is_editable:
        messages.info(request, _("Version %(v)s is still a draft; continue it.") % {"v": latest.version})
        return redirect("assessment", pk=latest.pk)
    assessment = services.start_assessment(acct, request.user)
    return redirect("assessment_step", pk=assessment.pk, step=STEPS[0].slug)


@login_required
def assessment_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a new version from an uploaded assessment file; the file is checked before anything is stored."""
    acct = _get_account_for(request, pk, "edit")
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document = read_document(upload.read(), upload.name)
            assessment, replaced = services.import_document(acct, document, request.user, f"imported {upload.name}")
        except DocumentError as exc:
            problems = exc.errors
        else:
            text = _("Imported %(name)s.") % {"name": upload.name}
            if replaced:
                said = _("%(field)s: the file said %(said)s; the organisation's settings say %(record)s.")
                text = " ".join(
                    [
                        text,
                        _(
                            "The organisation's facts come from its settings, so these values of the file "
                            "were replaced:"
                        ),
                        *(r.shown(said) for r in replaced),
                    ]
                )
            messages.success(request, text)
            return redirect("assessment", pk=assessment.pk)
    return render(
        request,
        "assessments/import.html",
        {"account": acct, "org": acct.organisation, "form": form, "problems": problems},
    )


@login_required
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_assessment_for(request, pk)
    result = item.latest_result()
    membership = membership_in(request, item.account.organisation_id)
    return render(
        request,
        "assessments/assessment.html",
        {
            "assessment": item,
            "account": item.account,
            "org": item.account.organisation,
            "membership": membership,
            "steps": STEPS,
            "result": result,
            "result_is_current": services.is_current(item, result),
            "attention": portfolio.attention(item, result, timezone.localdate(), engine.current_kb_version()),
            "opinions": weighed_opinions(item),
            "signatures": item.signatures.all(),
            "missing": still_needed(item) if item.status == "in_review" else [],
            "above_appetite": [risk_shown(r) for r in above_appetite(result)] if item.status == "in_review" else [],
            "attestations": ATTESTATIONS,
            "verdicts": Opinion.Verdict.choices,
            "seal_ok": verify_seal(item) if item.sealed_hash else None,
            "document_yaml": dump_yaml(item.document),
            "organisation_changes": [
                change.shown(_("%(field)s: this draft says %(said)s; the organisation's settings say %(record)s."))
                for change in services.organisation_changes(item)
            ],
        },
    )


@login_required
def assessment_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    item = _get_assessment_for(request, pk, "edit")
    current = BY_SLUG.get(step)
    if current is None:
        raise Http404("No such step")
    if not item.is_editable:
        messages.error(
            request,
            _(
                "This version is in review. To change it, a reviewer or approver requests changes; "
                "then it opens for editing again."
            )
            if item.status == "in_review"
            else _("This version is %(s)s and cannot change; start a new version.") % {"s": item.get_status_display()},
        )
        return redirect("assessment", pk=item.pk)
    form = current.build(request.POST if request.method == "POST" else None, item.document, item.account)
    if request.method == "POST" and request.headers.get("HX-Request") == "true":
        return _autosave(request, item, current, form)
    if request.method == "POST" and form.is_valid():
        services.save_document(
            item, current.apply(item.document, form.cleaned_data, item.account), request.user, f"step {current.slug}"
        )
        index = STEPS.index(current)
        if "next" in request.POST and index + 1 < len(STEPS):
            return redirect("assessment_step", pk=item.pk, step=STEPS[index + 1].slug)
        messages.success(request, _("Saved."))
        return redirect("assessment", pk=item.pk)
    index = STEPS.index(current)
    return render(
        request,
        "assessments/step.html",
        {
            "assessment": item,
            "account": item.account,
            "org": item.account.organisation,
            "step": current,
            "form": form,
            "steps": STEPS,
            "number": index + 1,
            "has_next": index + 1 < len(STEPS),
            "membership": membership_in(request, item.account.organisation_id),
        },
    )


def _autosave(request: HttpRequest, item: Assessment, step: Step, form: Form) -> HttpResponse:
    """Save a step while the person types (htmx posts on every change); answer with a status line.

    Every answer that passes its check is saved, even when others in the step do not yet; those keep what
    the document had, and the status line names them. The full submit still checks the whole step.
    """
    valid = form.is_valid()
    before = item.document
    services.save_document(item, step.apply(before, form.cleaned_data, item.account), request.user, f"step {step.slug}")
    time = timezone.localtime().strftime("%H:%M:%S")
    if valid:
        text = _("Saved at %(time)s.") % {"time": time}
    else:
        to_fix = ", ".join(_label(form, f) for f in form.errors)
        saved = [_label(form, f) for f in form.changed_data if f in form.cleaned_data and f not in form.errors]
        if saved and item.document != before:
            text = _("Saved at %(time)s: %(saved)s. Still to fix: %(fields)s.") % {
                "time": time,
                "saved": ", ".join(saved),
                "fields": to_fix,
            }
        else:
            text = _("Nothing new saved yet. Still to fix: %(fields)s.") % {"fields": to_fix}
    return HttpResponse(escape(text), content_type="text/html; charset=utf-8")


def _label(form: Form, name: str) -> str:
    """A field's label; for a problem of the whole step, the problem itself."""
    if name in form.fields:
        return _("“%(label)s”") % {"label": form.fields[name].label}
    return " ".join(str(e) for e in form.errors[name])


@login_required
@post_only(Assessment, "account__organisation_id")
def assessment_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_assessment_for(request, pk, "edit")
    try:
        data, kb_version = engine.evaluate_document(item.document)
    except DocumentError as exc:
        for error in exc.errors:
            where = step_for_location(error.location)
            label = where.title if where else error.location
            messages.error(request, f"{label} ({error.location}): {error.message}")
        return redirect("assessment", pk=item.pk)
    try:
        services.store_result(item, data, kb_version, request.user)
    except FrozenError as exc:
        messages.error(request, str(exc))
        return redirect("assessment", pk=item.pk)
    return redirect("assessment_result", pk=item.pk)


@login_required
def assessment_result(request: HttpRequest, pk: int) -> HttpResponse:
    # One query brings what the page needs before its cache: the version, its account for the title, the
    # latest result's id and hash, and the organisation's last audit entry. The rest is read on a miss only.
    latest = Result.objects.filter(assessment_id=OuterRef("pk")).order_by("-created_at", "-pk")
    queryset = (
        Assessment.objects.select_related("account")
        .only("id", "version", "status", "account__platform", "account__handle", "account__organisation_id")
        .annotate(
            result_id=Subquery(latest.values("pk")[:1]),
            result_hash=Subquery(latest.values("content_hash")[:1]),
            stamp=last_hash_of(OuterRef("account__organisation_id")),
        )
    )
    item: Any = get_for(request, queryset, pk, "account__organisation_id", "view")
    if item.result_id is None:
        messages.info(request, _("There is no result yet."))
        return redirect("assessment", pk=item.pk)
    from gonogo.web.assessments.presenting import present

    membership = membership_in(request, item.account.organisation_id)
    assert membership is not None  # get_for checked it
    result = SimpleLazyObject(lambda: Result.objects.get(pk=item.result_id))
    today, kb_version = timezone.localdate(), engine.current_kb_version()
    return render(
        request,
        "assessments/result.html",
        {
            "assessment": item,
            "account": item.account,
            "membership": membership,
            # Today and the knowledge base's version too: overdue conditions and a review that has come are
            # marked, and so is a result computed with an older knowledge base.
            "page_key": f"{item.result_id}:{item.result_hash}:{item.stamp or ''}:{today.isoformat()}:{kb_version}",
            # Everything below is read only when the page is not in the cache (see the template).
            "result": result,
            "view": SimpleLazyObject(lambda: present(result.data)),
            "actions": item.actions.all(),
            "result_is_current": lambda: services.is_current(item, result),  # type: ignore[arg-type]
            "today": today,
            "attention": SimpleLazyObject(lambda: portfolio.attention(item, result, today, kb_version)),  # type: ignore[arg-type]
        },
    )


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_for(
        request,
        ActionItem.objects.select_related("assessment__account__organisation"),
        pk,
        "assessment__account__organisation_id",
        "edit",
    )
    item = action.assessment
    # A decided version keeps the owners and due dates it was signed with; progress is recorded all the same.
    form = action_form(action, request.POST if request.method == "POST" else None)
    if request.method == "POST" and save_action(form, request.user):
        return redirect("assessment_result", pk=item.pk)
    return render(
        request,
        "assessments/action_form.html",
        {"action": action, "assessment": item, "org": item.account.organisation, "form": form},
    )


@login_required
def export_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("yaml", "json"):
        raise Http404("Unknown format")
    item = _get_assessment_for(request, pk)
    name = f"{item.account.platform}-{item.account.handle}-v{item.version}"
    if fmt == "yaml":
        response = HttpResponse(dump_yaml(item.document), content_type="application/yaml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.yaml"'
    else:
        response = HttpResponse(
            json.dumps(item.document, indent=2, ensure_ascii=False), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


@login_required
def export_result(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_assessment_for(request, pk)
    result = item.latest_result()
    if result is None:
        raise Http404("No result yet")
    body = {
        "assessment": result.document,
        "result": result.data,
        "kb_version": result.kb_version,
        "content_hash": result.content_hash,
        "status": item.status,
        "sealed_hash": item.sealed_hash or None,
    }
    response = HttpResponse(json.dumps(body, indent=2, ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="result-{item.pk}-v{item.version}.json"'
    return response


@login_required
def export_actions(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_assessment_for(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="action-plan-{item.pk}-v{item.version}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [_("safeguard"), _("condition"), _("owner"), _("due"), _("how to verify"), _("evidence"), _("done")]
    )
    for a in item.actions.all():
        writer.writerow([a.safeguard, a.title_shown, a.owner, a.due or "", a.verify_shown, a.evidence, a.done_at or ""])
    return response


@login_required
def export_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Serve the self-contained HTML report; it carries its own inline styles, so its policy allows them."""
    item = _get_assessment_for(request, pk)
    result = item.latest_result()
    if result is None:
        raise Http404("No result yet")
    from gonogo.reports.html import render_html

    html = render_html(result.data, language_of(get_language()), record_for_report(item))
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return response


@login_required
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_assessment_for(request, pk)
    result = item.latest_result()
    if result is None:
        raise Http404("No result yet")
    from gonogo.reports.pdf import render_pdf

    pdf = render_pdf(result.data, language_of(get_language()), record_for_report(item))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="decision-{item.pk}-v{item.version}.pdf"'
    return response
