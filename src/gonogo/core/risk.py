"""Threat levels: likelihood and impact from the catalogue, raised by circumstances, lowered by safeguards."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from gonogo.core.assessment import Assessment
from gonogo.core.kb import KnowledgeBase, Threat
from gonogo.core.restrictions import EEA_MEMBERS, DeviceProfile

HIGH_REACH_FOLLOWERS = 100_000
MANY_OPERATORS = 5
NEGATIVE_SHARE = 0.2


@dataclass(frozen=True)
class Level:
    likelihood: int
    impact: int
    level: str
    applicable: bool = True
    why: tuple[str, ...] = ()  # codes: "base", "platform", "context:<id>", "modifier:<condition>", "safeguard:<id>"

    @property
    def score(self) -> int:
        return self.likelihood * self.impact if self.applicable else 0


def standing_conditions(a: Assessment, kb: KnowledgeBase) -> frozenset[str]:
    """The circumstances that hold whatever the option and device: who operates, for whom, how it is received."""
    held: set[str] = set()
    if any(kb.roles[o.role].target_group for o in a.operators):
        held.add("target_group_operators")
    if a.organisation.security_sensitive:
        held.add("security_sensitive_body")
    if a.organisation.jurisdiction == "EU" or a.organisation.jurisdiction.split("-")[0] in EEA_MEMBERS:
        held.add("eea_body")
    if a.account.age_min is not None and a.account.age_min < 18:
        held.add("minors_in_audience")
    followers = a.evidence.followers.value if a.evidence.followers else 0
    if followers >= HIGH_REACH_FOLLOWERS:
        held.add("high_reach")
    if a.operator_count > MANY_OPERATORS:
        held.add("many_operators")
    if any(o.role == "external_agency" for o in a.operators):
        held.add("external_agency_operator")
    if (a.evidence.sentiment_negative or 0) > NEGATIVE_SHARE:
        held.add("negative_reception")
    return frozenset(held)


def option_conditions(standing: frozenset[str], option: str, profile: DeviceProfile | None) -> frozenset[str]:
    """Add to ``standing`` what the option and its device bring."""
    held = set(standing)
    if option == "leave":
        held.add("leaving")
    if profile is not None:
        if profile.connected:
            held.add("device_connected")
        if profile.work_data:
            held.add("work_data_on_device")
        if profile.kind == "personal":
            held.add("personal_device")
        if profile.kind == "corporate":
            held.add("corporate_device")
    return frozenset(held)


def conditions(a: Assessment, kb: KnowledgeBase, option: str, profile: DeviceProfile | None) -> frozenset[str]:
    """Return the circumstances (``kb.RISK_CONDITIONS``) that hold for this option."""
    return option_conditions(standing_conditions(a, kb), option, profile)


def before_safeguards(
    threat: Threat, kb: KnowledgeBase, platform: str, held: frozenset[str], context_effects: Mapping[str, int]
) -> tuple[int, int, list[str]]:
    """Sum likelihood and impact before safeguards and before clipping to 1-5, saying why."""
    why = ["base"]
    likelihood = threat.likelihood
    override = kb.platforms[platform].threat_likelihood.get(threat.id)
    if override is not None:
        likelihood = override
        why.append("platform")
    impact = threat.impact
    for source, steps in sorted(context_effects.items()):
        likelihood += steps
        why.append(f"context:{source}")
    for m in threat.modifiers:
        if m.when in held:
            likelihood += m.likelihood
            impact += m.impact
            why.append(f"modifier:{m.when}")
    return likelihood, impact, why


def threat_level(
    threat: Threat,
    kb: KnowledgeBase,
    platform: str,
    option: str,
    held: frozenset[str],
    safeguards: Iterable[str],
    context_effects: Mapping[str, int],
    before: tuple[int, int, Sequence[str]] | None = None,
) -> Level:
    """Compute one threat's level for one option; every step is recorded in ``why``. ``before`` is
    ``before_safeguards``'s answer when the caller already has it."""
    if option not in threat.applies_to:
        return Level(1, 1, kb.matrix.levels[0], applicable=False)
    if before is None:
        before = before_safeguards(threat, kb, platform, held, context_effects)
    likelihood, impact, why = before[0], before[1], list(before[2])
    for sid in sorted(set(safeguards)):
        mit = kb.safeguards[sid].mitigates.get(threat.id)
        if mit is not None and option not in kb.safeguards[sid].not_for:
            likelihood += mit.likelihood
            impact += mit.impact
            why.append(f"safeguard:{sid}")
    likelihood = min(5, max(1, likelihood))
    impact = min(5, max(1, impact))
    return Level(likelihood, impact, kb.matrix.level(likelihood, impact), True, tuple(why))


def context_effects_for(threat_id: str, effects: Iterable[tuple[str, Mapping[str, int]]]) -> dict[str, int]:
    """Collect ``{restriction id: steps}`` for a threat from the context entries that apply."""
    return {rid: eff[threat_id] for rid, eff in effects if threat_id in eff}


def within(level: Level, appetite_level: str, kb: KnowledgeBase) -> bool:
    return not level.applicable or kb.matrix.rank(level.level) <= kb.matrix.rank(appetite_level)
