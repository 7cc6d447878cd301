"""The decision record that goes with a report: who decided what, on what basis, and whether the seal holds.

Plain data, free of Django: the web app fills it from what it stored (the status of the version, the strategy
answers, the opinions, the signature, the seal, the action items with their owners) and passes it to
``render_html`` / ``render_pdf``. A report without a record (the command line's) shows the engine's result only.

Labels the web app owns (the status's name, the kinds of opinion, the verdicts, the strategy questions, the
attestations, the decision) arrive already in the report's language; the record's own sentences are translated
here. Times are shown as given (the web app passes them in local time).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gonogo.reports.i18n import translator

UNDECIDED = frozenset({"draft", "changes_requested", "in_review"})


@dataclass(frozen=True)
class StrategyAnswer:
    question: str
    answer: str  # empty when not answered


@dataclass(frozen=True)
class RecordedOpinion:
    kind: str  # "Security review", "Data-protection opinion"
    verdict: str  # "I support the recommendation"...
    text: str
    by: str
    at: dt.datetime
    superseded: bool = False  # given on an earlier result; it does not count towards approval


@dataclass(frozen=True)
class RecordedSignature:
    approved: bool  # False: rejected
    by: str
    at: dt.datetime
    attestations: tuple[str, ...] = ()  # the full texts the signer attested
    statement: str = ""


@dataclass(frozen=True)
class AcceptedRisk:
    """A residual risk above appetite that the signer accepted."""

    title: str  # the threat's title in the knowledge base's English; translated when shown
    level: str  # the level code: "high", "very_high"...


@dataclass(frozen=True)
class RiskAcceptance:
    reason: str
    expires: dt.date | None
    risks: tuple[AcceptedRisk, ...] = ()  # empty in records signed before the risks were named


@dataclass(frozen=True)
class RecordedAction:
    """A condition as recorded: its owner, due date, evidence and completion, as people entered them."""

    title: str  # the knowledge base's English; translated when shown
    verify: str
    owner: str
    due: dt.date | None
    evidence: str = ""
    done_at: dt.date | None = None


@dataclass(frozen=True)
class DecisionRecord:
    version: int
    status: str  # draft, in_review, changes_requested, approved or rejected
    status_label: str  # the status's name in the report's language
    strategy: tuple[StrategyAnswer, ...]
    opinions: tuple[RecordedOpinion, ...]
    signature: RecordedSignature | None
    actions: tuple[RecordedAction, ...]
    kb_version: str
    result_hash: str
    risk_acceptance: RiskAcceptance | None = None
    sealed_hash: str = ""
    sealed_at: dt.datetime | None = None
    seal_verifies: bool | None = None  # None when the version is not sealed


def when(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def status_note(record: DecisionRecord, lang: str = "en") -> str:
    """Say in one sentence where the version stands: undecided and unsigned, approved or rejected."""
    _ = translator(lang)
    signature = record.signature
    if record.status in UNDECIDED or signature is None:
        return _("Version {version} has not been decided and is not signed.").format(version=record.version)
    if signature.approved:
        return _("Version {version} was approved and signed by {by} on {at}.").format(
            version=record.version, by=signature.by, at=when(signature.at)
        )
    return _("Version {version} was rejected by {by} on {at}.").format(
        version=record.version, by=signature.by, at=when(signature.at)
    )


def seal_note(record: DecisionRecord, lang: str = "en") -> str:
    """Say whether the version is sealed and whether it still matches its seal."""
    _ = translator(lang)
    if not record.sealed_hash:
        return _("Not sealed: a version is sealed when it is approved.")
    if record.seal_verifies:
        return _("Sealed on {at}; the record still matches its seal.").format(at=when(record.sealed_at))
    return _("Sealed on {at}; the record NO LONGER matches its seal: it was changed after approval.").format(
        at=when(record.sealed_at)
    )
