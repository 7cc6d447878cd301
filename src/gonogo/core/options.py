"""The four options and the search for the cheapest conditions that make an option allowed and acceptable.

For ``stay_with_conditions`` (and ``personal_phones``) the engine looks for the cheapest set of safeguards
that (1) takes the device out of the scope of every prohibition it can escape by separating the device,
(2) meets every exemption condition of the binding rules and advice in scope, and (3) brings every
threat within the body's risk appetite (threats with a recorded, unexpired risk acceptance excepted).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from gonogo.core.assessment import Assessment
from gonogo.core.kb import KnowledgeBase, Restriction
from gonogo.core.restrictions import (
    ADVISED_AGAINST,
    ALLOWED_IF,
    PROHIBITED,
    DeviceProfile,
    RuleStatus,
    meetable,
    rule_status,
)
from gonogo.core.risk import (
    Level,
    before_safeguards,
    context_effects_for,
    option_conditions,
    standing_conditions,
    threat_level,
    within,
)

OPTION_IDS = ("stay_as_is", "stay_with_conditions", "personal_phones", "leave")
DEVICE_SAFEGUARDS = ("dedicated_device", "not_on_internal_network", "no_work_data_on_device")
EXIT_PLAN = ("records_archiving", "decommission_plan", "owned_channel_mirror", "impersonation_monitoring")
MAX_FIX_SET = 4
Step = tuple[int, int]  # likelihood and impact steps


@dataclass(frozen=True)
class Plan:
    option: str
    profile: DeviceProfile | None
    safeguards: frozenset[str]  # in place under the option, added ones included
    added: tuple[str, ...]  # conditions to put in place, cheapest first
    statuses: Mapping[str, RuleStatus]  # device rule id -> status
    levels: Mapping[str, Level]  # threat id -> residual level
    cost_eur: float
    blockers: tuple[str, ...]  # reason codes that make the option impossible or unacceptable
    over_before: tuple[str, ...] = ()  # threats above appetite before the added safeguards


_STEPS: dict[tuple[str, str, str], dict[str, Step]] = {}


def _steps(kb: KnowledgeBase, threat: str, option: str) -> dict[str, Step]:
    """The likelihood and impact steps each safeguard takes off a threat under an option, per knowledge base."""
    key = (kb.fingerprint, threat, option)
    found = _STEPS.get(key)
    if found is None:
        if len(_STEPS) > 4096:
            _STEPS.clear()
        found = _STEPS[key] = {
            sid: (sg.mitigates[threat].likelihood, sg.mitigates[threat].impact)
            for sid, sg in kb.safeguards.items()
            if threat in sg.mitigates and option not in sg.not_for
        }
    return found


def device_profile(a: Assessment) -> DeviceProfile:
    d = a.device
    return DeviceProfile(d.kind, d.connected_to_internal_systems, d.has_work_data)


def with_effects(profile: DeviceProfile, safeguards: Iterable[str], kb: KnowledgeBase) -> DeviceProfile:
    """Apply what safeguards change about a device (a dedicated device is no longer a corporate one...)."""
    p = profile
    for sid in sorted(set(safeguards)):
        eff = kb.safeguards[sid].device_effect
        if not eff:
            continue
        if "kind" in eff and p.kind == "corporate":
            p = replace(p, kind=str(eff["kind"]))
        if eff.get("connected_to_internal_systems") is False:
            p = replace(p, connected=False)
        if any(eff.get(k) is False for k in ("work_email", "work_contacts", "work_calendar")):
            p = replace(p, work_data=False)
    return p


class Planner:
    """Evaluate and search options for one assessment; holds what every option shares."""

    def __init__(
        self, a: Assessment, kb: KnowledgeBase, rules: Sequence[Restriction], context: Sequence[Restriction]
    ) -> None:
        self.a = a
        self.kb = kb
        self.rules = rules
        self.appetite = kb.matrix.appetite[a.organisation.risk_appetite]
        self.accepted = frozenset(r.threat for r in a.risk_acceptances if r.expires >= a.date)
        effects = [(r.id, r.threat_effects) for r in context if r.threat_effects]
        self.context_effects = {t: context_effects_for(t, effects) for t in kb.threats}
        # For the search: each threat's mitigations by safeguard, and memoised base levels.
        self._mitigations = {
            t: {sid: sg.mitigates[t] for sid, sg in kb.safeguards.items() if t in sg.mitigates} for t in kb.threats
        }
        self._held: dict[tuple[str, DeviceProfile | None], frozenset[str]] = {}
        self._standing = standing_conditions(a, kb)
        self._befores: dict[tuple[str, frozenset[str]], tuple[int, int, tuple[str, ...]]] = {}
        # Per (threat, option, device): the level before safeguards and the steps each safeguard takes off.
        self._fast: dict[tuple[str, str, DeviceProfile | None], tuple[tuple[int, int] | None, dict[str, Step]]] = {}
        appetite_rank = kb.matrix.rank(self.appetite)
        self._within_cell = tuple(
            tuple(kb.matrix.rank(kb.matrix.level(lk, im)) <= appetite_rank for im in range(1, 6)) for lk in range(1, 6)
        )
        self._device_effects = frozenset(sid for sid, sg in kb.safeguards.items() if sg.device_effect)
        self._profiles: dict[tuple[DeviceProfile, frozenset[str]], DeviceProfile] = {}

    # -------------------------------------------------------------------------------------- evaluation
    def statuses(self, option: str, profile: DeviceProfile | None, safeguards: Iterable[str]) -> dict[str, RuleStatus]:
        have = frozenset(safeguards)
        return {r.id: rule_status(r, self.a, self.kb, option, profile, have) for r in self.rules}

    def levels(self, option: str, profile: DeviceProfile | None, safeguards: Iterable[str]) -> dict[str, Level]:
        held = self._conditions(option, profile)
        have = tuple(safeguards)
        return {
            t.id: threat_level(
                t, self.kb, self.a.platform, option, held, have, self.context_effects[t.id], self._before(t.id, held)
            )
            for t in self.kb.threats.values()
        }

    def level(self, threat: str, option: str, profile: DeviceProfile | None, safeguards: Iterable[str]) -> Level:
        """One threat's level under an option, a device and safeguards, with every step in ``why``."""
        held = self._conditions(option, profile)
        t = self.kb.threats[threat]
        return threat_level(
            t,
            self.kb,
            self.a.platform,
            option,
            held,
            safeguards,
            self.context_effects[threat],
            self._before(threat, held),
        )

    def _conditions(self, option: str, profile: DeviceProfile | None) -> frozenset[str]:
        key = (option, profile)
        held = self._held.get(key)
        if held is None:
            held = self._held[key] = option_conditions(self._standing, option, profile)
        return held

    def _before(self, threat: str, held: frozenset[str]) -> tuple[int, int, tuple[str, ...]]:
        """``before_safeguards`` for one threat under the circumstances ``held``, remembered."""
        key = (threat, held)
        found = self._befores.get(key)
        if found is None:
            lk, im, why = before_safeguards(
                self.kb.threats[threat], self.kb, self.a.platform, held, self.context_effects[threat]
            )
            found = self._befores[key] = (lk, im, tuple(why))
        return found

    def _base_level(self, threat: str, option: str, held: frozenset[str]) -> tuple[int, int] | None:
        """Likelihood and impact before safeguards (None: the threat does not apply to the option)."""
        if option not in self.kb.threats[threat].applies_to:
            return None
        lk, im, _ = self._before(threat, held)
        return lk, im

    def within_fast(self, threat: str, option: str, profile: DeviceProfile | None, have: Iterable[str]) -> bool:
        """Tell whether one threat is within appetite, without recording why (the search's hot path)."""
        if threat in self.accepted:
            return True
        key = (threat, option, profile)
        entry = self._fast.get(key)
        if entry is None:
            entry = self._fast[key] = (
                self._base_level(threat, option, self._conditions(option, profile)),
                _steps(self.kb, threat, option),
            )
        base, steps = entry
        if base is None:
            return True
        likelihood, impact = base
        for sid in have:
            step = steps.get(sid)
            if step is not None:
                likelihood += step[0]
                impact += step[1]
        return self._within_cell[min(5, max(1, likelihood)) - 1][min(5, max(1, impact)) - 1]

    def profile_with(self, base: DeviceProfile, safeguards: Iterable[str]) -> DeviceProfile:
        """``with_effects`` remembered per device and the safeguards among ``safeguards`` that change it."""
        key = (base, self._device_effects.intersection(safeguards))
        p = self._profiles.get(key)
        if p is None:
            p = self._profiles[key] = with_effects(base, key[1], self.kb)
        return p

    def over_fast(self, option: str, profile: DeviceProfile | None, have: Iterable[str]) -> list[str]:
        have_t = tuple(have)
        return [t for t in self.kb.threats if not self.within_fast(t, option, profile, have_t)]

    def over_appetite(self, levels: Mapping[str, Level]) -> list[str]:
        return [t for t, lv in levels.items() if t not in self.accepted and not within(lv, self.appetite, self.kb)]

    def cost(self, added: Iterable[str]) -> float:
        return sum(self.kb.safeguards[s].first_year_cost for s in added)

    def _plan(self, option: str, base: DeviceProfile, have: frozenset[str], added: Iterable[str]) -> Plan:
        added_t = tuple(sorted(set(added), key=lambda s: (self.kb.safeguards[s].first_year_cost, s)))
        allset = have | set(added_t)
        profile = self.profile_with(base, allset)
        statuses = self.statuses(option, profile, allset)
        levels = self.levels(option, profile, allset)
        blockers = [f"prohibited:{rid}" for rid, st in statuses.items() if st.status == PROHIBITED]
        blockers += [f"missing:{rid}" for rid, st in statuses.items() if st.status == ALLOWED_IF and st.missing]
        blockers += [f"above_appetite:{t}" for t in self.over_appetite(levels)]
        before = tuple(self.over_fast(option, self.profile_with(base, have), have))
        return Plan(
            option, profile, frozenset(allset), added_t, statuses, levels, self.cost(added_t), tuple(blockers), before
        )

    # -------------------------------------------------------------------------------------- the options
    def stay_as_is(self) -> Plan:
        return self._plan("stay_as_is", device_profile(self.a), self.a.safeguard_ids, ())

    def stay_with_conditions(self) -> Plan:
        return self._search("stay_with_conditions", device_profile(self.a), self.a.safeguard_ids)

    def personal_phones(self) -> Plan:
        option = "personal_phones"
        implied = {s.id for s in self.a.safeguards if s.implied_by_device}
        have = frozenset(
            s for s in self.a.safeguard_ids if s not in implied and option not in self.kb.safeguards[s].not_for
        )
        # Staff's own phones start as ordinary phones; keeping work data off them is a condition.
        base = DeviceProfile("personal", connected=False, work_data=True)
        return self._search(option, base, have)

    def leave(self) -> Plan:
        option = "leave"
        have = frozenset(self.a.safeguard_ids)
        added = tuple(s for s in EXIT_PLAN if s not in have and s in self.kb.safeguards)
        levels = self.levels(option, None, have | set(added))
        exit_cost = float(self.kb.criteria.get("cost").params.get("exit_cost_eur", 0))
        blockers = tuple(f"above_appetite:{t}" for t in self.over_appetite(levels))
        added_sorted = tuple(sorted(added, key=lambda s: (self.kb.safeguards[s].first_year_cost, s)))
        before = tuple(self.over_fast(option, None, have))
        return Plan(
            option, None, have | set(added), added_sorted, {}, levels, exit_cost + self.cost(added), blockers, before
        )

    # -------------------------------------------------------------------------------------- the search
    def _candidates(self, option: str, have: Iterable[str]) -> list[str]:
        taken = set(have)
        return [
            s for s in sorted(self.kb.safeguards) if s not in taken and meetable(self.kb.safeguards[s], self.a, option)
        ]

    def _search(self, option: str, base: DeviceProfile, have: frozenset[str]) -> Plan:
        chosen: set[str] = set()
        if option == "personal_phones" and "no_work_data_on_device" not in have:
            chosen.add("no_work_data_on_device")
        # (1) and (2): escape prohibitions by separating the device, then meet the exemptions in scope.
        for _ in range(6):
            current = have | chosen
            profile = self.profile_with(base, current)
            statuses = self.statuses(option, profile, current)
            prohibited = [rid for rid, st in statuses.items() if st.status == PROHIBITED]
            if prohibited:
                escape = self._escape(option, base, current, prohibited)
                if escape is None:
                    return self._plan(option, base, have, chosen)
                chosen |= escape
                continue
            needed = {
                s
                for st in statuses.values()
                if st.status in (ALLOWED_IF, ADVISED_AGAINST)
                for s in st.missing
                if meetable(self.kb.safeguards[s], self.a, option)
            }
            if needed <= chosen:
                break
            chosen |= needed
        # (3): bring every threat within appetite at the least cost.
        fixed = self._fix_risks(option, base, have | chosen)
        if fixed is not None:
            chosen |= fixed
        return self._plan(option, base, have, chosen)

    def _escape(
        self, option: str, base: DeviceProfile, current: frozenset[str], prohibited: Sequence[str]
    ) -> set[str] | None:
        pool = [s for s in DEVICE_SAFEGUARDS if s not in current and meetable(self.kb.safeguards[s], self.a, option)]
        subsets = [set(c) for k in range(1, len(pool) + 1) for c in combinations(pool, k)]
        subsets.sort(key=lambda c: (self.cost(c), sorted(c)))
        for extra in subsets:
            trial = current | extra
            statuses = self.statuses(option, self.profile_with(base, trial), trial)
            if all(statuses[rid].status != PROHIBITED for rid in prohibited):
                return extra
        return None

    def _fix_risks(self, option: str, base: DeviceProfile, current: frozenset[str]) -> set[str] | None:
        def fixed(threat: str, extra: Iterable[str]) -> bool:
            trial = current | set(extra)
            return self.within_fast(threat, option, self.profile_with(base, trial), trial)

        def over_with(extra: Iterable[str]) -> list[str]:
            trial = current | set(extra)
            return self.over_fast(option, self.profile_with(base, trial), trial)

        over = over_with(())
        if not over:
            return set()
        candidates = self._candidates(option, current)
        # Minimal fixing sets per threat (a threat depends only on the safeguards that touch it).
        fixes: dict[str, list[frozenset[str]]] = {}
        for t in over:
            pool = [s for s in candidates if s in self._mitigations[t] or self.kb.safeguards[s].device_effect]
            found: list[frozenset[str]] = []
            for k in range(1, min(MAX_FIX_SET, len(pool)) + 1):
                for combo in combinations(pool, k):
                    fs = frozenset(combo)
                    if any(f <= fs for f in found):
                        continue
                    if fixed(t, fs):
                        found.append(fs)
            if not found:
                return None
            fixes[t] = sorted(found, key=lambda f: (self.cost(f), sorted(f)))
        best: list[tuple[float, list[str], frozenset[str]]] = []

        def dfs(i: int, acc: frozenset[str]) -> None:
            cost = self.cost(acc)
            if best and cost > best[0][0]:
                return
            if i == len(over):
                if not over_with(acc):
                    key = (cost, sorted(acc), acc)
                    if not best or key[:2] < best[0][:2]:
                        best[:] = [key]
                return
            t = over[i]
            if fixed(t, acc):
                dfs(i + 1, acc)
                return
            for f in fixes[t]:
                dfs(i + 1, acc | f)

        dfs(0, frozenset())
        return set(best[0][2]) if best else None

    def all(self) -> dict[str, Plan]:
        return {
            "stay_as_is": self.stay_as_is(),
            "stay_with_conditions": self.stay_with_conditions(),
            "personal_phones": self.personal_phones(),
            "leave": self.leave(),
        }
