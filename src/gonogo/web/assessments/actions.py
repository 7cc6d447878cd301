"""Recording progress on an action item (a condition): the one way the page and the API change it.

Owners and due dates can be set until the version is approved or rejected; evidence and the done date can
always be recorded (``ActionItemForm`` holds the rules). Every change writes the audit trail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from gonogo.web.assessments.forms import ActionItemForm
from gonogo.web.assessments.models import ActionItem
from gonogo.web.audit.trail import record

EDITABLE_FIELDS = ("owner", "due", "evidence", "done_at")


def _snapshot(action: ActionItem) -> dict[str, object]:
    return {"owner": action.owner, "due": action.due, "evidence": action.evidence, "done_at": action.done_at}


def action_form(action: ActionItem, data: Mapping[str, Any] | None = None) -> ActionItemForm:
    """The form for an action item, frozen (owner and due date kept) once its version is decided."""
    return ActionItemForm(data, instance=action, frozen=action.assessment.is_final)


def save_action(form: ActionItemForm, user: AbstractBaseUser) -> bool:
    """Save a bound form's changes to its action item and audit them; False (nothing saved) when it is invalid."""
    action = form.instance
    before = _snapshot(ActionItem.objects.get(pk=action.pk))
    if not form.is_valid():
        return False
    with transaction.atomic():
        form.save()
        record(
            "action.edit",
            actor=user,
            organisation=action.assessment.account.organisation,
            obj=action,
            summary=action.title,
            before=before,
            after=_snapshot(action),
        )
    return True


def patch_data(action: ActionItem, changes: Mapping[str, Any]) -> dict[str, str]:
    """Form data for a partial change: the fields given in ``changes``, the others as they are.

    Once the version is decided the owner and due date are only sent when ``changes`` names them, so that
    the form refuses a change to them with its own message.
    """
    current = _snapshot(action)
    data: dict[str, str] = {}
    for name in EDITABLE_FIELDS:
        if name in changes:
            value = changes[name]
        elif action.assessment.is_final and name in ActionItemForm.FROZEN_FIELDS:
            continue
        else:
            value = current[name]
        data[name] = "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else str(value))
    return data
