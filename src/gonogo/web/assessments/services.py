"""Changes to accounts and assessments. Each one is a transaction that also writes the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gonogo.core.errors import DocumentError, FieldError
from gonogo.web.assessments import engine
from gonogo.web.assessments.documents import (
    Difference,
    account_mismatches,
    in_line_with,
    initial_document,
    organisation_differences,
)
from gonogo.web.assessments.forms import AccountForm
from gonogo.web.assessments.models import Account, ActionItem, Assessment, FrozenError, Result, Safeguard
from gonogo.web.audit.models import plain
from gonogo.web.audit.trail import record


def start_assessment(account: Account, user: AbstractBaseUser) -> Assessment:
    """Create the next version of the account's assessment, starting from the previous one's answers."""
    with transaction.atomic():
        previous = account.assessments.select_for_update().order_by("-version").first()
        assessment = Assessment.objects.create(
            account=account,
            version=(previous.version + 1) if previous else 1,
            document=initial_document(account, previous.document if previous else None),
            created_by=user,
        )
        record(
            "assessment.create",
            actor=user,
            organisation=account.organisation,
            obj=assessment,
            summary=f"{account} version {assessment.version}",
            after=assessment.document,
        )
    return assessment


def import_document(
    account: Account, document: dict[str, Any], user: AbstractBaseUser, what: str
) -> tuple[Assessment, list[Difference]]:
    """Store an uploaded document as the account's draft version, all or nothing.

    The document must parse and be this account's (platform, handle and organisation name); otherwise
    ``DocumentError`` names each field with the file's value and the account's, and nothing is stored.
    The draft being edited takes it, or a new version starts. The organisation's facts are the organisation
    record's: returned with the version are the file's values they replaced, to tell the person.
    """
    problems: list[FieldError] = []
    try:
        engine.validate_document(document)
    except DocumentError as exc:
        problems.extend(exc.errors)
    problems.extend(account_mismatches(document, account))
    if problems:
        raise DocumentError(what, problems)
    replaced = organisation_differences(document, account.organisation)
    with transaction.atomic():
        latest = account.current_assessment()
        assessment = latest if latest is not None and latest.is_editable else start_assessment(account, user)
        save_document(assessment, in_line_with(document, account), user, what)
    return assessment, replaced


def organisation_changes(assessment: Assessment) -> list[Difference]:
    """For a version still being edited, each organisation fact its document has otherwise than the record
    (the organisation's settings changed since); saving any step brings them in line. None for a decided one."""
    if not assessment.is_editable:
        return []
    return organisation_differences(assessment.document, assessment.account.organisation)


def save_document(assessment: Assessment, document: dict[str, Any], user: AbstractBaseUser, what: str) -> None:
    """Store a changed document; an approved or rejected version refuses (start a new version)."""
    if not assessment.is_editable:
        raise FrozenError(
            _("Version %(v)s is %(status)s; start a new version.")
            % {"v": assessment.version, "status": assessment.get_status_display()}
        )
    document = plain(document)  # dates read from YAML become ISO text, as in a JSON file
    with transaction.atomic():
        before = assessment.document
        if before == document:
            return
        assessment.document = document
        assessment.save(update_fields=["document", "updated_at"])
        record(
            "assessment.edit",
            actor=user,
            organisation=assessment.account.organisation,
            obj=assessment,
            summary=what,
            before=before,
            after=document,
        )


def store_result(assessment: Assessment, data: dict[str, Any], kb_version: str, user: AbstractBaseUser) -> Result:
    """Freeze the engine's result for the current document and turn its conditions into action items.

    A condition whose safeguard was in the previous result keeps everything people recorded on it (owner, due
    date, evidence, done date); only a new condition takes the engine's due date. Conditions no longer in the
    result are removed, and the audit entry names them with what had been recorded.
    """
    if not assessment.is_editable:
        raise FrozenError(
            _("Version %(v)s is %(status)s; start a new version.")
            % {"v": assessment.version, "status": assessment.get_status_display()}
        )
    review = data.get("review_date")
    with transaction.atomic():
        result = Result.objects.create(
            assessment=assessment,
            data=data,
            document=assessment.document,
            kb_version=kb_version,
            content_hash=Result.hash_of(assessment.document, data, kb_version),
            outcome=str(data.get("outcome", "")),
            robustness=str(data.get("robustness") or ""),
            review_date=dt.date.fromisoformat(review) if review else None,
        )
        kept = {a.safeguard: a for a in assessment.actions.all()}
        for condition in data.get("action_plan") or data.get("conditions") or []:
            safeguard = str(condition.get("safeguard", ""))
            title = str(condition.get("title", ""))[:300]
            verify = str(condition.get("verify") or "")
            old = kept.pop(safeguard, None)
            if old is not None:  # what people recorded on it (owner, due, evidence, done) stays
                if (old.title, old.verify) != (title, verify):
                    old.title, old.verify = title, verify
                    old.save(update_fields=["title", "verify"])
                continue
            due = condition.get("due") or condition.get("due_date")
            ActionItem.objects.create(
                assessment=assessment,
                safeguard=safeguard,
                title=title,
                verify=verify,
                due=dt.date.fromisoformat(due) if due else None,
            )
        removed = sorted(kept.values(), key=lambda a: a.pk)
        ActionItem.objects.filter(pk__in=[a.pk for a in removed]).delete()
        summary = f"{assessment}: {result.outcome} ({result.robustness}), knowledge base {kb_version}"
        if removed:
            summary += f"; conditions no longer in the result, removed: {', '.join(a.safeguard for a in removed)}"
        record(
            "assessment.evaluate",
            actor=user,
            organisation=assessment.account.organisation,
            obj=assessment,
            summary=summary[:300],
            after={
                "outcome": result.outcome,
                "robustness": result.robustness,
                "content_hash": result.content_hash,
                "removed_conditions": [
                    {
                        "safeguard": a.safeguard,
                        "title": a.title,
                        "owner": a.owner,
                        "due": a.due,
                        "evidence": a.evidence,
                        "done_at": a.done_at,
                    }
                    for a in removed
                ],
            },
        )
    return result


def is_current(assessment: Assessment, result: Result | None) -> bool:
    """Tell whether ``result`` was computed from the document as it stands.

    Both are compared as they read back from a JSON column, so a date and its ISO text, or the same
    mapping in another key order (as a round trip through an exported file gives them), are the same answers.
    """
    return result is not None and plain(result.document) == plain(assessment.document)


class DuplicateHandle(Exception):
    """The organisation already has an account with this handle on this platform."""


def save_account(form: AccountForm, user: AbstractBaseUser) -> Account:
    """Save a valid account form (a new account or changes to one) with its audit entry, in one transaction.

    A handle the organisation already has on that platform raises ``DuplicateHandle`` and stores nothing; the
    form then carries the error on its handle.
    """
    account = form.instance
    action, before = "account.create", None
    if account.pk:
        action, before = "account.edit", Account.objects.get(pk=account.pk).facts()
    try:
        with transaction.atomic():
            account = form.save()
            record(
                action,
                actor=user,
                organisation=account.organisation,
                obj=account,
                summary=str(account),
                before=before,
                after=account.facts(),
            )
    except IntegrityError:
        form.add_error("handle", _("This organisation already has an account with this handle there."))
        raise DuplicateHandle from None
    return account


def set_safeguard(account: Account, data: dict[str, Any], user: AbstractBaseUser) -> tuple[Safeguard, bool]:
    """Record a safeguard in place for the account (a valid safeguard form's data), replacing what was recorded
    for the same safeguard; return the row and whether it is new."""
    with transaction.atomic():
        row, created = account.safeguards.update_or_create(
            safeguard=data["safeguard"],
            defaults={k: data[k] for k in ("evidence", "in_place_since", "expires")},
        )
        record(
            "safeguard.set",
            actor=user,
            organisation=account.organisation,
            obj=row,
            summary=f"{account}: {row.safeguard}",
            after=data,
        )
    return row, created
