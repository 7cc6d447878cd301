"""Which restrictions bind a body on a date, and what each means for each option's device set-up."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gonogo.core.assessment import Assessment
from gonogo.core.kb import KnowledgeBase, Restriction, Safeguard

EU_MEMBERS = frozenset(
    {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"}
    | {"IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
)
EEA_MEMBERS = EU_MEMBERS | {"IS", "LI", "NO"}
_ENDED = ("superseded", "expired", "repealed", "annulled")

# Statuses of a device rule for one option.
PROHIBITED = "prohibited"
ALLOWED_IF = "allowed_if"
ADVISED_AGAINST = "advised_against"
NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class DeviceProfile:
    """What an option's device is like, as far as restrictions and risks care."""

    kind: str  # corporate | dedicated | personal | web_only
    connected: bool
    work_data: bool

    @property
    def issued(self) -> bool:
        return self.kind in ("corporate", "dedicated", "web_only")


@dataclass(frozen=True)
class RuleStatus:
    status: str
    met: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    reason: str = ""  # code explaining a prohibition: no_exemption | not_eligible | unmeetable:<safeguard>


def contains(outer: str, inner: str, *, device_rule: bool) -> bool:
    """Tell whether jurisdiction ``outer`` contains ``inner`` (``NO`` contains ``NO-46``).

    EU and EEA contain their member states for context entries; a device rule of the EU binds EU
    institutions only, so it contains nothing but ``EU`` itself.
    """
    if outer == inner:
        return True
    country = inner.split("-", 1)[0]
    if outer == "EU":
        return not device_rule and (country in EU_MEMBERS)
    if outer == "EEA":
        return inner == "EU" or country in EEA_MEMBERS
    return inner.startswith(outer + "-")


def in_force(rule: Restriction, when: date) -> bool:
    """Tell whether the rule is in force on ``when``: started, not ended, not pending."""
    if rule.status == "pending":
        return False
    if rule.in_force_from is not None and when < rule.in_force_from:
        return False
    if rule.in_force_until is not None:
        return when <= rule.in_force_until
    return rule.status not in _ENDED


def applies(rule: Restriction, a: Assessment) -> bool:
    """Match everything but the device: platform, date, jurisdiction, level, kind of body and roles."""
    if a.platform not in rule.platforms or not in_force(rule, a.date):
        return False
    device_rule = rule.role == "device_rule"
    if not any(contains(j, a.organisation.jurisdiction, device_rule=device_rule) for j in rule.jurisdictions):
        return False
    if rule.levels and a.organisation.level not in rule.levels:
        return False
    if "any" not in rule.bodies and a.organisation.kind not in rule.bodies:
        return False
    return "any" in rule.roles or any(op.role in rule.roles for op in a.operators)


def device_in_scope(rule: Restriction, profile: DeviceProfile) -> bool:
    """Tell whether an option's device falls under the rule's device scope.

    A browser-only set-up is outside rules about the app, but inside network blocks (when on the
    internal network) and national bans.
    """
    app_rule = not (set(rule.types) & {"network_block", "national_ban"}) or len(rule.types) > 1
    for scope in rule.devices:
        if scope == "any":
            return True
        if scope == "network" and profile.connected:
            return True
        if profile.kind == "web_only" and app_rule and scope != "network":
            continue
        if (
            (scope == "issued" and profile.issued)
            or (scope == "connected" and profile.connected)
            or (scope == "work_data" and profile.work_data)
            or (scope == "personal" and profile.kind == "personal")
        ):
            return True
    return False


def meetable(safeguard: Safeguard, a: Assessment, option: str) -> bool:
    """Tell whether the body could put this safeguard in place for this option."""
    if option in safeguard.not_for:
        return False
    return not (safeguard.requires_official_task and not a.account.official_task)


def rule_status(
    rule: Restriction,
    a: Assessment,
    kb: KnowledgeBase,
    option: str,
    profile: DeviceProfile | None,
    in_place: Iterable[str],
) -> RuleStatus:
    """Say what a device rule that applies to the body means for one option's device and safeguards."""
    if profile is None or not device_in_scope(rule, profile):
        return RuleStatus(NOT_APPLICABLE)
    have = set(in_place)
    ex = rule.exemption
    if ex is None:
        return RuleStatus(PROHIBITED if rule.binding else ADVISED_AGAINST, reason="no_exemption")
    if "any" not in ex.eligible_bodies and a.organisation.kind not in ex.eligible_bodies:
        return RuleStatus(PROHIBITED if rule.binding else ADVISED_AGAINST, reason="not_eligible")
    met = tuple(s for s in ex.requires if s in have)
    missing = tuple(s for s in ex.requires if s not in have)
    for s in missing:
        if not meetable(kb.safeguards[s], a, option):
            status = PROHIBITED if rule.binding else ADVISED_AGAINST
            return RuleStatus(status, met, missing, reason=f"unmeetable:{s}")
    if not rule.binding and missing:
        return RuleStatus(ADVISED_AGAINST, met, missing)
    return RuleStatus(ALLOWED_IF, met, missing)


def applicable_rules(a: Assessment, kb: KnowledgeBase) -> tuple[list[Restriction], list[Restriction]]:
    """Return the device rules and the context entries that apply to the assessment's body and date."""
    rules: list[Restriction] = []
    context: list[Restriction] = []
    for r in kb.restrictions:
        if applies(r, a):
            (rules if r.role == "device_rule" else context).append(r)
    return rules, context


def query(
    kb: KnowledgeBase,
    jurisdiction: str,
    when: date,
    *,
    kind: str | None = None,
    platform: str | None = None,
    include_context: bool = False,
) -> list[Restriction]:
    """List measures in force on ``when`` for a jurisdiction: those containing it and those inside it."""
    out = []
    for r in kb.restrictions:
        device_rule = r.role == "device_rule"
        if not device_rule and not include_context:
            continue
        if platform is not None and platform not in r.platforms:
            continue
        if not in_force(r, when):
            continue
        related = any(
            contains(j, jurisdiction, device_rule=device_rule) or contains(jurisdiction, j, device_rule=False)
            for j in r.jurisdictions
        )
        if not related:
            continue
        if kind is not None and "any" not in r.bodies and kind not in r.bodies:
            continue
        out.append(r)
    return sorted(out, key=lambda r: (r.in_force_from or date.min, r.id))
