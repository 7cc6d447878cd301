"""The sign-off workflow: draft -> in review -> changes requested / approved / rejected.

Every transition checks its preconditions, changes the status and writes the audit trail in one
transaction. A precondition that fails raises ``WorkflowError`` with what to do about it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gonogo.reports import messages as m
from gonogo.reports.record import (
    AcceptedRisk,
    DecisionRecord,
    RecordedAction,
    RecordedOpinion,
    RecordedSignature,
    RiskAcceptance,
    StrategyAnswer,
)
from gonogo.web.assessments.models import Assessment, Result, Status
from gonogo.web.assessments.services import is_current
from gonogo.web.assessments.steps import BY_SLUG, StrategyForm
from gonogo.web.audit.models import canonical
from gonogo.web.audit.trail import record
from gonogo.web.decisions.models import ATTESTATIONS, Opinion, Signature
from gonogo.web.orgs.models import Membership, Role


class WorkflowError(Exception):
    """A transition that cannot happen now; the message says why and what to do."""


OPINION_OF_ROLE = {Role.REVIEWER: Opinion.Kind.SECURITY, Role.DPO: Opinion.Kind.DATA_PROTECTION}


def person_name(user: AbstractBaseUser) -> str:
    """Name a person for the record as they are at the time: full name with the username, "Per Lunde (director)".

    A person without a full name is named by the username alone.
    """
    username = user.get_username()
    full = str(getattr(user, "get_full_name", lambda: "")() or "").strip()
    return f"{full} ({username})" if full else username


def above_appetite(result: Result | None) -> list[dict[str, str]]:
    """Return the residual risks of the recommended option that are above the organisation's risk appetite.

    The engine decides what is above appetite (with the knowledge base's matrix and the appetite of the
    document) and says so in the recommended option's reasons and warnings as ``above_appetite``; this reads
    that verdict back from the stored result. Each risk is ``{"threat", "title", "level"}``: the threat's id,
    its title in the knowledge base's English and the level code ("high").
    """
    data = result.data if result is not None else None
    if not isinstance(data, dict):
        return []
    recommended = data.get("recommended_option")
    option = next((o for o in data.get("options") or [] if isinstance(o, dict) and o.get("id") == recommended), None)
    if option is None:
        return []
    titles = {str(k.get("threat")): str(k.get("title") or "") for k in data.get("risks") or [] if isinstance(k, dict)}
    found: dict[str, dict[str, str]] = {}
    for reason in [*(option.get("reasons") or []), *(option.get("warnings") or [])]:
        if not isinstance(reason, dict) or reason.get("code") != "above_appetite":
            continue
        params = reason.get("params") or {}
        threat = str(params.get("threat", ""))
        if threat and threat not in found:
            title = titles.get(threat) or m.title("threats", threat)
            found[threat] = {"threat": threat, "title": title, "level": str(params.get("level", ""))}
    return list(found.values())


def risk_shown(risk: dict[str, str]) -> str:
    """Say an accepted risk in the active language: "State access to app data (high)"."""
    lang = get_language() or "en"
    return f"{m.kb_text(risk.get('title') or risk.get('threat', ''), lang)} ({m.level(risk.get('level', ''), lang)})"


def _move(assessment: Assessment, to: str, user: AbstractBaseUser, action: str, summary: str) -> None:
    before = assessment.status
    assessment.status = to
    assessment.save(update_fields=["status", "updated_at"])
    record(
        action,
        actor=user,
        organisation=assessment.account.organisation,
        obj=assessment,
        summary=summary,
        before={"status": before},
        after={"status": to},
    )


def submit(assessment: Assessment, user: AbstractBaseUser) -> None:
    """Send a draft (or a version with requested changes) to review; it needs a result of its document."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if not assessment.is_editable:
            raise WorkflowError(
                _("Only a draft can be sent to review; this one is %(status)s.")
                % {"status": assessment.get_status_display()}
            )
        if not is_current(assessment, assessment.latest_result()):
            raise WorkflowError(_("Get the result of the assessment as it stands before sending it to review."))
        # The approver attests that the strategy answers are recorded, and a version in review cannot be
        # edited: asking for them now spares a round of requested changes.
        unanswered = missing_strategy(assessment.document)
        if unanswered:
            raise WorkflowError(
                _("Answer the strategy questions in the step '%(step)s' before sending it to review: %(questions)s")
                % {"questions": "; ".join(unanswered), "step": BY_SLUG["strategy"].title}
            )
        _move(assessment, Status.IN_REVIEW, user, "decision.submit", f"{assessment} sent to review")


def give_opinion(assessment: Assessment, membership: Membership, verdict: str, text: str) -> Opinion:
    """Record the reviewer's or the data-protection officer's opinion on a version in review."""
    kind = OPINION_OF_ROLE.get(Role(membership.role))
    if kind is None:
        raise WorkflowError(_("Only the security reviewer and the data-protection officer give opinions."))
    if verdict not in Opinion.Verdict.values:
        choices = "; ".join(f"{value} ({label})" for value, label in Opinion.Verdict.choices)
        raise WorkflowError(_("Choose one of: %(values)s.") % {"values": choices})
    if not text.strip():
        raise WorkflowError(_("Write the opinion: what you checked and what you conclude."))
    user = membership.user
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.status != Status.IN_REVIEW:
            raise WorkflowError(_("Opinions are given while the assessment is in review."))
        opinion = Opinion.objects.create(
            assessment=assessment,
            kind=kind,
            verdict=verdict,
            text=text.strip(),
            author=user,
            author_name=person_name(user),
        )
        record(
            "decision.opinion",
            actor=user,
            organisation=assessment.account.organisation,
            obj=assessment,
            summary=f"{opinion.get_kind_display()}: {opinion.get_verdict_display()}",
            after={"kind": kind, "verdict": verdict, "text": opinion.text},
        )
    return opinion


def request_changes(assessment: Assessment, user: AbstractBaseUser, reason: str) -> None:
    if not reason.strip():
        raise WorkflowError(_("Say what should change."))
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.status != Status.IN_REVIEW:
            raise WorkflowError(_("Changes can be requested while the assessment is in review."))
        _move(assessment, Status.CHANGES_REQUESTED, user, "decision.request_changes", reason.strip()[:300])


def is_superseded(opinion: Opinion, result: Result | None) -> bool:
    """Tell whether an opinion was given on an earlier result than ``result`` (the latest), so it no longer counts.

    Only opinions given on the result as it stands count: an edit after "changes requested" needs a new result,
    and the opinions given before it were about another recommendation.
    """
    return result is not None and opinion.given_at < result.created_at


def weighed_opinions(assessment: Assessment) -> list[tuple[Opinion, bool]]:
    """Return every opinion on the version, oldest first, each with whether it is superseded."""
    result = assessment.latest_result()
    return [(o, is_superseded(o, result)) for o in assessment.opinions.order_by("given_at", "pk")]


def strategy_answers(document: dict[str, Any]) -> list[tuple[str, str]]:
    """Each strategy question in the person's language with the document's answer ("" when unanswered)."""
    answers = document.get("strategy")
    answers = answers if isinstance(answers, dict) else {}
    return [(str(field.label), str(answers.get(key) or "").strip()) for key, field in StrategyForm.base_fields.items()]


def missing_strategy(document: dict[str, Any]) -> list[str]:
    """Return the strategy questions the document leaves unanswered (empty when all are answered)."""
    return [question for question, answer in strategy_answers(document) if not answer]


def still_needed(assessment: Assessment) -> list[tuple[str, str]]:
    """Return what must happen before the version can be approved, each with who does it and where.

    Empty when nothing is missing. Strategy answers cannot be entered while the version is in review: the
    editor enters them after a reviewer or approver requests changes, and the list says so.
    """
    needed: list[tuple[str, str]] = []
    kinds = {o.kind for o, superseded in weighed_opinions(assessment) if not superseded}
    if Opinion.Kind.SECURITY not in kinds:
        needed.append(
            (_("the security reviewer's opinion"), _("The security reviewer gives it on this page, under Sign-off."))
        )
    if Opinion.Kind.DATA_PROTECTION not in kinds:
        needed.append(
            (
                _("the data-protection officer's opinion"),
                _("The data-protection officer gives it on this page, under Sign-off."),
            )
        )
    unanswered = missing_strategy(assessment.document)
    if unanswered:
        needed.append(
            (
                _("answers to the strategy questions in the step '%(step)s': %(questions)s")
                % {"questions": "; ".join(unanswered), "step": BY_SLUG["strategy"].title},
                _(
                    "A reviewer or approver requests changes; then an editor answers them in the step and sends "
                    "the version to review again."
                )
                if assessment.status == Status.IN_REVIEW
                else _("An editor answers them in the step."),
            )
        )
    for action in assessment.actions.all():
        if not action.owner or action.due is None:
            needed.append(
                (
                    _("an owner and a due date for the condition '%(title)s'") % {"title": action.title_shown},
                    _("An editor or administrator sets them on the result page, under the action plan."),
                )
            )
    return needed


def missing_for_approval(assessment: Assessment) -> list[str]:
    """Return what must happen before the version can be approved (empty when nothing)."""
    return [what for what, _who in still_needed(assessment)]


def sign(
    assessment: Assessment,
    user: AbstractBaseUser,
    *,
    decision: str,
    attestations: list[str],
    statement: str = "",
    risk_acceptance_reason: str = "",
    risk_acceptance_expires: dt.date | None = None,
    attestations_by_code: bool = False,
) -> Signature:
    """Approve or reject a version in review. Approval freezes it under a content hash.

    A refusal names missing attestations by their sentences, as the page shows them, or with
    ``attestations_by_code`` by their codes, as the API takes them.

    Approval needs both opinions, owners for every condition and every attestation. When residual risks of the
    recommended option are above the risk appetite, approval accepts them by name (a reason and an expiry
    within three years); a risk acceptance with nothing above appetite, or with a rejection, is refused.
    """
    if decision not in Signature.Decision.values:
        raise WorkflowError(_("Choose approve or reject."))
    accepts = bool(risk_acceptance_reason.strip())
    if risk_acceptance_expires is not None and not accepts:
        raise WorkflowError(
            _("A risk acceptance's expiry was given without a reason: say why the risk is accepted, or clear the date.")
        )
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.status != Status.IN_REVIEW:
            raise WorkflowError(_("Only an assessment in review can be signed."))
        over = above_appetite(assessment.latest_result())
        if accepts and not over:
            raise WorkflowError(_("Nothing is above the risk appetite; there is no residual risk to accept."))
        if accepts and decision == Signature.Decision.REJECT:
            raise WorkflowError(
                _("A rejection accepts no risk: clear the risk acceptance's reason and date, or approve.")
            )
        if decision == Signature.Decision.APPROVE:
            missing = missing_for_approval(assessment)
            absent = [(key, text) for key, text in ATTESTATIONS if key not in attestations]
            if absent and attestations_by_code:
                missing.append(_("the attestations %(codes)s") % {"codes": ", ".join(key for key, _text in absent)})
            elif absent:
                # the attestations are whole sentences; inside the list their full stops would double the last one
                missing += [_("your attestation: %(text)s") % {"text": str(text).rstrip(".")} for _key, text in absent]
            if over and not accepts:
                missing.append(
                    _(
                        "a risk acceptance (why, and until when) for the residual risks above the risk appetite: "
                        "%(risks)s; or reject"
                    )
                    % {"risks": "; ".join(risk_shown(r) for r in over)}
                )
            if missing:
                raise WorkflowError(
                    _("Before approving, provide %(missing)s.") % {"missing": "; ".join(str(m) for m in missing)}
                )
        elif not statement.strip():
            raise WorkflowError(_("Say why you reject it."))
        if accepts:
            today = timezone.localdate()
            if risk_acceptance_expires is None or not today < risk_acceptance_expires <= today.replace(
                year=today.year + 3
            ):
                raise WorkflowError(_("A risk acceptance needs an expiry date within the next three years."))
        signature = Signature.objects.create(
            assessment=assessment,
            decision=decision,
            attestations=sorted(set(attestations) & {key for key, _ in ATTESTATIONS}),
            statement=statement.strip(),
            accepts_residual_risk=accepts,
            risk_acceptance_reason=risk_acceptance_reason.strip(),
            risk_acceptance_expires=risk_acceptance_expires if accepts else None,
            accepted_risks=over if accepts else [],
            signer=user,
            signer_name=person_name(user),
        )
        if decision == Signature.Decision.APPROVE:
            assessment.sealed_hash = seal_hash(assessment, signature)
            assessment.sealed_at = signature.signed_at
            assessment.save(update_fields=["sealed_hash", "sealed_at", "updated_at"])
            to, action = Status.APPROVED, "decision.approve"
        else:
            to, action = Status.REJECTED, "decision.reject"
        _move(assessment, to, user, action, f"{assessment} {to} by {user.get_username()}")
    return signature


def decision_record(assessment: Assessment, signature: Signature | None = None) -> dict[str, object]:
    """Return what an approval freezes: inputs, knowledge-base version, result, opinions and signature."""
    result = assessment.latest_result()
    return {
        "account": str(assessment.account),
        "version": assessment.version,
        "document": assessment.document,
        "kb_version": result.kb_version if result else None,
        "result": result.data if result else None,
        "result_hash": result.content_hash if result else None,
        "opinions": [
            {"kind": o.kind, "verdict": o.verdict, "text": o.text, "by": o.author_name, "at": o.given_at}
            for o in assessment.opinions.order_by("given_at", "pk")
        ],
        "actions": [
            {"safeguard": a.safeguard, "owner": a.owner, "due": a.due} for a in assessment.actions.order_by("pk")
        ],
        "signature": None
        if signature is None
        else {
            "decision": signature.decision,
            "attestations": signature.attestations,
            "statement": signature.statement,
            "risk_acceptance_reason": signature.risk_acceptance_reason,
            "risk_acceptance_expires": signature.risk_acceptance_expires,
            # only when there are some, so that versions sealed before risks were named still verify
            **({"accepted_risks": signature.accepted_risks} if signature.accepted_risks else {}),
            "by": signature.signer_name,
            "at": signature.signed_at,
        },
    }


def seal_hash(assessment: Assessment, signature: Signature) -> str:
    return hashlib.sha256(canonical(decision_record(assessment, signature)).encode("utf-8")).hexdigest()


def verify_seal(assessment: Assessment) -> bool:
    """Tell whether an approved version still matches the hash it was sealed with."""
    signature = assessment.signatures.filter(decision=Signature.Decision.APPROVE).order_by("-signed_at").first()
    return (
        bool(assessment.sealed_hash)
        and signature is not None
        and seal_hash(assessment, signature) == assessment.sealed_hash
    )


def record_for_report(assessment: Assessment) -> DecisionRecord:
    """Gather what the HTML and PDF exports show of the decision, in the active language.

    The conditions are the action items as recorded (owners, dates, evidence, completion), not the engine's
    default owners; opinions given on an earlier result are marked superseded.
    """
    result = assessment.latest_result()
    signature = assessment.signatures.order_by("-signed_at", "-pk").first()
    recorded_signature = None
    risk_acceptance = None
    if signature is not None:
        recorded_signature = RecordedSignature(
            approved=signature.decision == Signature.Decision.APPROVE,
            by=signature.signer_name,
            at=timezone.localtime(signature.signed_at),
            attestations=tuple(signature.attestation_texts),
            statement=signature.statement,
        )
        if signature.accepts_residual_risk:
            risk_acceptance = RiskAcceptance(
                signature.risk_acceptance_reason,
                signature.risk_acceptance_expires,
                tuple(
                    AcceptedRisk(str(r.get("title") or r.get("threat") or ""), str(r.get("level") or ""))
                    for r in signature.accepted_risks
                ),
            )
    return DecisionRecord(
        version=assessment.version,
        status=assessment.status,
        status_label=str(assessment.get_status_display()),
        strategy=tuple(StrategyAnswer(q, a) for q, a in strategy_answers(assessment.document)),
        opinions=tuple(
            RecordedOpinion(
                kind=str(o.get_kind_display()),
                verdict=str(o.get_verdict_display()),
                text=o.text,
                by=o.author_name,
                at=timezone.localtime(o.given_at),
                superseded=superseded,
            )
            for o, superseded in weighed_opinions(assessment)
        ),
        signature=recorded_signature,
        risk_acceptance=risk_acceptance,
        actions=tuple(
            RecordedAction(
                title=a.title, verify=a.verify, owner=a.owner, due=a.due, evidence=a.evidence, done_at=a.done_at
            )
            for a in assessment.actions.all()
        ),
        kb_version=result.kb_version if result else "",
        result_hash=result.content_hash if result else "",
        sealed_hash=assessment.sealed_hash,
        sealed_at=timezone.localtime(assessment.sealed_at) if assessment.sealed_at else None,
        seal_verifies=verify_seal(assessment) if assessment.sealed_hash else None,
    )
