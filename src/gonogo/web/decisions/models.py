"""Opinions of the reviewers and the approver's signature on an assessment version."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Opinion(models.Model):
    class Kind(models.TextChoices):
        SECURITY = "security", _("Security review")
        DATA_PROTECTION = "data_protection", _("Data-protection opinion")

    class Verdict(models.TextChoices):
        SUPPORT = "support", _("I support the recommendation")
        SUPPORT_WITH_REMARKS = "support_with_remarks", _("I support it, with remarks")
        OBJECT = "object", _("I object")

    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.CASCADE, related_name="opinions")
    kind = models.CharField(max_length=20, choices=Kind)
    verdict = models.CharField(max_length=24, choices=Verdict)
    text = models.TextField(_("opinion"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_name = models.CharField(max_length=300)  # "Per Lunde (director)" as they were named when they wrote it
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["given_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.author_name}: {self.verdict}"


ATTESTATIONS: list[tuple[str, str]] = [
    ("read_binding_rules", _("I have read the binding rules that apply and what their exemptions require.")),
    ("read_opinions", _("I have read the security review and the data-protection opinion.")),
    ("conditions_have_owners", _("Every condition has an owner and a due date.")),
    ("strategy_recorded", _("The strategy answers (audience, message, trust) are recorded.")),
]


class Signature(models.Model):
    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")

    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.CASCADE, related_name="signatures")
    decision = models.CharField(max_length=10, choices=Decision)
    attestations = models.JSONField(default=list)
    statement = models.TextField(_("statement"), blank=True)
    accepts_residual_risk = models.BooleanField(default=False)
    risk_acceptance_reason = models.TextField(blank=True)
    risk_acceptance_expires = models.DateField(null=True, blank=True)
    # the residual risks above appetite that were accepted: [{"threat", "title", "level"}]
    accepted_risks = models.JSONField(default=list, blank=True)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(max_length=300)  # "Per Lunde (director)" as they were named when they signed
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_at"]

    def __str__(self) -> str:
        return f"{self.decision} by {self.signer_name}"

    @property
    def decision_shown(self) -> str:
        """What was decided, as the record says it ("Approved", "Rejected"), in the reader's language."""
        return str(_("Approved") if self.decision == self.Decision.APPROVE else _("Rejected"))

    @property
    def accepted_risks_shown(self) -> list[str]:
        """The accepted risks in the reader's language: "State access to app data (high)"."""
        from gonogo.web.decisions.workflow import risk_shown

        return [risk_shown(r) for r in self.accepted_risks]

    @property
    def attestation_texts(self) -> list[str]:
        """The attestations signed, as the sentences the signer confirmed, in the order the form asks them."""
        return [str(text) for key, text in ATTESTATIONS if key in self.attestations]
