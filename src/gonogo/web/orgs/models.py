"""Organisations (the tenants) and the people in them, with one role each."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VIEWER = "viewer", _("Viewer")
    EDITOR = "editor", _("Editor (prepares assessments)")
    REVIEWER = "reviewer", _("Reviewer (security)")
    DPO = "dpo", _("Data-protection officer")
    APPROVER = "approver", _("Approver")
    ADMIN = "admin", _("Administrator")


# What each role may do in its organisation. Approval is kept apart from preparation and review on
# purpose: the person who signs should not be the one who wrote or reviewed the assessment.
PERMISSIONS: dict[str, frozenset[str]] = {
    "view": frozenset(Role),
    "edit": frozenset({Role.EDITOR, Role.ADMIN}),
    "review": frozenset({Role.REVIEWER, Role.DPO}),
    "approve": frozenset({Role.APPROVER}),
    "admin": frozenset({Role.ADMIN}),
    # Uploaded comments: who reads their texts (and works through the review queue), who may delete the
    # texts while keeping the figures, and who may delete a whole upload. The others see counts and shares.
    "comment_texts": frozenset({Role.EDITOR, Role.REVIEWER, Role.DPO, Role.ADMIN}),
    "comment_redact": frozenset({Role.DPO, Role.ADMIN}),
    "comment_delete": frozenset({Role.EDITOR, Role.DPO, Role.ADMIN}),
}


class RiskAppetite(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of body"), max_length=40)
    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=12, help_text=_("ISO 3166 code, e.g. NO or NO-46 (Vestland).")
    )
    population_served = models.PositiveBigIntegerField(_("population served"), null=True, blank=True)
    risk_appetite = models.CharField(
        _("risk appetite"), max_length=10, choices=RiskAppetite, default=RiskAppetite.MEDIUM
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def as_document(self) -> dict[str, object]:
        """Return the ``organisation`` section of an assessment document."""
        doc: dict[str, object] = {
            "name": self.name,
            "kind": self.kind,
            "jurisdiction": self.jurisdiction,
            "risk_appetite": self.risk_appetite,
        }
        if self.population_served is not None:
            doc["population_served"] = self.population_served
        return doc


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_role_per_org")]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} as {self.role}"

    def can(self, need: str) -> bool:
        return self.role in PERMISSIONS[need]

    @property
    def permission_set(self) -> str:
        """The permissions the role grants, e.g. ``edit,view``: part of the key of pages cached per viewer."""
        return ",".join(sorted(need for need, roles in PERMISSIONS.items() if self.role in roles))

    @property
    def can_edit(self) -> bool:
        return self.can("edit")

    @property
    def can_review(self) -> bool:
        return self.can("review")

    @property
    def can_approve(self) -> bool:
        return self.can("approve")


class Invitation(models.Model):
    """An invitation to join an organisation with a role, sent by e-mail; only a hash of its token is kept."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=10, choices=Role)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    # Set when an administrator withdraws the invitation, or when a newer one to the same address replaces it.
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.email} to {self.organisation} as {self.role}"
