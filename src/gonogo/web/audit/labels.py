"""Plain-language names of the action codes the audit trail records, for the audit log page.

The codes themselves stay in the trail (and on the page, for auditors); this table only says them in words.
A code missing here is shown as it is.
"""

from __future__ import annotations

import functools

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Promise] = {
    "account.create": _("Account added"),
    "account.edit": _("Account details changed"),
    "action.edit": _("Condition's owner, due date or progress changed"),
    "assessment.create": _("Assessment started"),
    "assessment.edit": _("Assessment changed"),
    "assessment.evaluate": _("Result of the assessment worked out"),
    "comments.analyse": _("Comments analysed"),
    "comments.delete": _("Comment file deleted"),
    "comments.delete_texts": _("Comment texts deleted"),
    "comments.review": _("Flagged comment reviewed"),
    "comments.upload": _("Comment file uploaded"),
    "decision.approve": _("Approved and signed"),
    "decision.opinion": _("Opinion given"),
    "decision.reject": _("Rejected and signed"),
    "decision.request_changes": _("Changes requested"),
    "decision.submit": _("Sent to review"),
    "evidence.delete": _("Evidence upload deleted"),
    "evidence.upload": _("Evidence uploaded"),
    "member.invite": _("Member invited"),
    "member.invite_revoke": _("Invitation withdrawn"),
    "member.join": _("Member joined"),
    "member.remove": _("Member removed"),
    "member.role": _("Member's role changed"),
    "organisation.create": _("Organisation created"),
    "organisation.update": _("Organisation details changed"),
    "person.profile": _("Own name or e-mail address changed"),
    "person.recovery_code_used": _("Signed in with a recovery code"),
    "person.recovery_codes_issued": _("New recovery codes made"),
    "person.token_issue": _("API token issued"),
    "person.token_revoke": _("API token revoked"),
    "person.totp_confirmed": _("Authenticator app set up"),
    "safeguard.set": _("Safeguard recorded"),
}


def action_label(code: str) -> str:
    """The action in words in the active language; the code itself when there is no label for it."""
    label = ACTION_LABELS.get(code)
    return code if label is None else str(label)


def value_label(path: str, value: object) -> str | None:
    """A coded value in words where its field is known (statuses, verdicts, decisions); None otherwise."""
    labels = _value_labels().get(path.rsplit(".", 1)[-1])
    label = labels.get(value) if labels is not None and isinstance(value, str) else None
    return None if label is None else str(label)


@functools.cache
def _value_labels() -> dict[str, dict[str, Promise | str]]:
    # Imported here: the models import the audit trail.
    from gonogo.web.assessments.models import Account, Status
    from gonogo.web.decisions.models import Opinion, Signature

    return {
        "status": {**dict(Status.choices), **dict(Account.Status.choices)},
        "verdict": dict(Opinion.Verdict.choices),
        "decision": dict(Signature.Decision.choices),
    }
