"""The decision: restrictions, risks, benefits, options, SMAA-2 ranking, outcome, flip points, review date."""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import numpy as np

from gonogo.core.assessment import Assessment, parse_assessment
from gonogo.core.benefits import BENEFITS, Interval, other_channels, platform_benefits
from gonogo.core.kb import KnowledgeBase, Restriction
from gonogo.core.options import OPTION_IDS, Plan, Planner
from gonogo.core.restrictions import PROHIBITED, DeviceProfile, applicable_rules
from gonogo.core.result import (
    BenefitResult,
    Condition,
    ContextResult,
    FlipPoint,
    LevelView,
    OptionResult,
    Reason,
    RestrictionResult,
    Result,
    RiskResult,
    RuleView,
    SourceView,
)
from gonogo.core.risk import Level
from gonogo.core.smaa import Draws, FloatArray, SmaaOutcome, WeightSpec, draw, smaa
from gonogo.core.smaa import acceptability as first_rank

OUTCOME = {
    "stay_as_is": "go",
    "stay_with_conditions": "go_with_conditions",
    "personal_phones": "go_with_conditions",
    "leave": "no_go",
}
CLEAR, LEANING = 0.75, 0.5
FLIP_DRAWS = 2000
FLIP_GRID = 11
FLIP_STEPS = 6


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def weight_spec(a: Assessment, kb: KnowledgeBase) -> WeightSpec:
    ids = kb.criteria.ids
    w = a.weights
    if w.mode == "unknown":
        return WeightSpec("unknown")
    if w.mode == "ranking":
        return WeightSpec("ranking", order=tuple(ids.index(c) for c in w.ranking))
    if w.mode == "profile":
        p = kb.criteria.profiles[w.profile]
        s = kb.criteria.profile_spread
        return WeightSpec("ranges", tuple(p[c] * (1 - s) for c in ids), tuple(p[c] * (1 + s) for c in ids))
    return WeightSpec("ranges", tuple(w.ranges[c][0] for c in ids), tuple(w.ranges[c][1] for c in ids))


# ---------------------------------------------------------------------------------------------- values
def _risk_value(levels: Mapping[str, Level], worst_share: float, shift: int = 0) -> float:
    scores = []
    for lv in levels.values():
        if not lv.applicable:
            scores.append(0.0)
            continue
        lk = min(5, max(1, lv.likelihood + shift))
        scores.append(lk * lv.impact / 25)
    if not scores:
        return 1.0
    return 1.0 - (worst_share * max(scores) + (1 - worst_share) * sum(scores) / len(scores))


def criteria_intervals(
    plans: Mapping[str, Plan],
    a: Assessment,
    kb: KnowledgeBase,
    benefits: Mapping[str, Interval],
    leave_factor: Interval,
) -> dict[str, dict[str, tuple[float, float]]]:
    """Return, per option, each criterion's value interval in [0, 1] (higher is better)."""
    risk_params = kb.criteria.get("risk").params
    cost_params = kb.criteria.get("cost").params
    worst = float(risk_params.get("worst_share", 0.6))
    steps = int(kb.criteria.uncertainty.get("threat_steps", 1))
    scale = float(cost_params.get("scale_eur", 20000))
    spread = kb.criteria.uncertainty.get("self_reported", 0.25)
    out: dict[str, dict[str, tuple[float, float]]] = {}
    for oid, plan in plans.items():
        values: dict[str, tuple[float, float]] = {}
        for c in kb.criteria.items:
            if c.kind == "benefit":
                iv = benefits.get(c.id, Interval(0, 1, "missing"))
                if oid == "leave":
                    iv = iv.scaled(leave_factor)
                values[c.id] = (iv.low, iv.high)
            elif c.kind == "risk":
                values[c.id] = (
                    _risk_value(plan.levels, worst, steps),
                    _risk_value(plan.levels, worst, -steps),
                )
            else:
                lo_cost, hi_cost = plan.cost_eur * (1 + spread), plan.cost_eur * (1 - spread)
                values[c.id] = (1 - min(1.0, lo_cost / scale), 1 - min(1.0, hi_cost / scale))
        out[oid] = values
    return out


def _matrices(
    intervals: Mapping[str, Mapping[str, tuple[float, float]]],
    options: Sequence[str],
    criteria: Sequence[str],
) -> tuple[FloatArray, FloatArray]:
    low = np.array([[intervals[o][c][0] for c in criteria] for o in options], dtype=float)
    high = np.array([[intervals[o][c][1] for c in criteria] for o in options], dtype=float)
    return low, high


# ---------------------------------------------------------------------------------------------- admissibility
def _reasons_for(plan: Plan) -> tuple[list[Reason], list[Reason]]:
    """Return (reasons the option is inadmissible, warnings)."""
    reasons: list[Reason] = []
    warnings: list[Reason] = []
    for b in plan.blockers:
        code, _, ref = b.partition(":")
        if code == "prohibited":
            reasons.append(Reason("prohibited_by", {"restriction": ref, "why": plan.statuses[ref].reason}))
        elif code == "missing":
            reasons.append(Reason("exemption_unmet", {"restriction": ref, "missing": list(plan.statuses[ref].missing)}))
        elif code == "above_appetite":
            level = plan.levels[ref].level
            target = warnings if plan.option == "leave" else reasons
            target.append(Reason("above_appetite", {"threat": ref, "level": level}))
    if plan.option == "stay_with_conditions" and not plan.added and not reasons:
        reasons.append(Reason("same_as_stay_as_is", {}))
    for rid, st in plan.statuses.items():
        if st.status == "advised_against":
            warnings.append(Reason("advised_against", {"restriction": rid, "missing": list(st.missing)}))
    return reasons, warnings


def _level_view(lv: Level) -> LevelView:
    return LevelView(lv.likelihood, lv.impact, lv.level, lv.applicable, lv.why)


def _device_view(profile: DeviceProfile | None) -> dict[str, Any] | None:
    if profile is None:
        return None
    return {
        "kind": profile.kind,
        "connected_to_internal_systems": profile.connected,
        "work_data": profile.work_data,
    }


def _sources(r: Restriction) -> tuple[SourceView, ...]:
    return tuple(SourceView(s.title, s.url, s.date) for s in r.sources)


def _condition(sid: str, plan: Plan, a: Assessment, kb: KnowledgeBase) -> Condition:
    sg = kb.safeguards[sid]
    basis: list[str] = []
    for rid, st in plan.statuses.items():
        if sid in st.met or sid in st.missing:
            basis.append(("rule:" if kb.restriction(rid).binding else "advice:") + rid)
    basis += [f"threat:{t}" for t in plan.over_before if t in sg.mitigates]
    if plan.option == "leave":
        basis.append("exit_plan")
    if plan.option == "personal_phones" and sid == "no_work_data_on_device":
        basis.append("personal_phones")
    if sg.device_effect and not basis:
        basis.append("device_separation")
    return Condition(
        safeguard=sid,
        title=sg.title,
        verify=sg.verify,
        owner=sg.owner,
        due=a.date + timedelta(days=sg.lead_time_days),
        cost_eur=sg.first_year_cost,
        basis=tuple(basis),
    )


# ---------------------------------------------------------------------------------------------- flip points
def _recommend(acceptability: FloatArray, options: Sequence[str]) -> str:
    return options[int(np.argmax(acceptability))]


def _flip_points(
    a: Assessment,
    kb: KnowledgeBase,
    intervals: Mapping[str, Mapping[str, tuple[float, float]]],
    options: Sequence[str],
    draws: Draws,
    benefits: Mapping[str, Interval],
    leave_factor: Interval,
    recommended: str,
) -> tuple[FlipPoint, ...]:
    """For each benefit criterion and other channels' reach, find the value that flips the recommendation."""
    criteria = kb.criteria.ids
    sub = draws.head(min(FLIP_DRAWS, draws.n))
    base_low, base_high = _matrices(intervals, options, criteria)
    leave_idx = options.index("leave") if "leave" in options else None

    def rec_with(criterion: str, x: float) -> str:
        low, high = base_low.copy(), base_high.copy()
        if criterion == "other_channels":
            if leave_idx is None:
                return recommended
            for j, c in enumerate(criteria):
                if kb.criteria.get(c).kind == "benefit":
                    iv = benefits[c]
                    low[leave_idx, j], high[leave_idx, j] = iv.low * x, iv.high * x
        else:
            j = criteria.index(criterion)
            for i, o in enumerate(options):
                factor = (leave_factor.low, leave_factor.high) if o == "leave" else (1.0, 1.0)
                low[i, j], high[i, j] = x * factor[0], x * factor[1]
        return _recommend(first_rank(low, high, sub), options)

    out = []
    for criterion in (*BENEFITS, "other_channels"):
        current_iv = leave_factor if criterion == "other_channels" else benefits[criterion]
        current = current_iv.mid
        if criterion == "other_channels" and leave_idx is None:
            continue
        grid = [i / (FLIP_GRID - 1) for i in range(FLIP_GRID)]
        recs = {x: rec_with(criterion, x) for x in grid}
        flips = [x for x in grid if recs[x] != recommended]
        if not flips:
            out.append(FlipPoint(criterion, current, None, "none", None, current_iv.raw, None, current_iv.unit))
            continue
        target = min(flips, key=lambda x: (abs(x - current), x))
        # The nearest grid point on the current side that still gives today's recommendation.
        same = [x for x in grid if recs[x] == recommended]
        near = min(same, key=lambda x: (abs(x - target), x)) if same else current
        lo_x, hi_x = near, target
        to = recs[target]
        for _ in range(FLIP_STEPS):
            mid = (lo_x + hi_x) / 2
            r = rec_with(criterion, mid)
            if r == recommended:
                lo_x = mid
            else:
                hi_x, to = mid, r
        flips_at = hi_x
        out.append(
            FlipPoint(
                criterion,
                current,
                flips_at,
                "up" if flips_at > current else "down",
                to,
                current_iv.raw,
                _raw(criterion, flips_at, a, kb),
                current_iv.unit,
            )
        )
    return tuple(out)


def _raw(criterion: str, x: float, a: Assessment, kb: KnowledgeBase) -> float | None:
    """Translate a criterion value back into the evidence unit people know (followers per 100, rate...)."""
    if criterion == "reach":
        s = float(kb.criteria.get("reach").params.get("scale", {}).get("followers_per_100", 10))
        return None if x >= 1 else -math.log(1 - x) * s
    if criterion == "engagement":
        s = float(kb.criteria.get("engagement").params.get("scale", {}).get("engagement_rate", 0.05))
        return None if x >= 1 else -math.log(1 - x) * s
    if criterion == "reception":
        return 2 * x - 1
    return x


# ---------------------------------------------------------------------------------------------- review date
def _review(a: Assessment, kb: KnowledgeBase, plan: Plan, rules: Sequence[Restriction]) -> tuple[date, list[Reason]]:
    candidates: list[tuple[date, Reason]] = [(add_months(a.date, 12), Reason("twelve_months", {}))]
    for s in a.safeguards:
        if s.expires is not None:
            candidates.append((s.expires, Reason("safeguard_expires", {"safeguard": s.id})))
    for sid in plan.added:
        months = kb.safeguards[sid].validity_months
        if months:
            candidates.append((add_months(a.date, months), Reason("approval_expires", {"safeguard": sid})))
    for r in a.risk_acceptances:
        if r.expires >= a.date:
            candidates.append((r.expires, Reason("risk_acceptance_expires", {"threat": r.threat})))
    for rule in rules:
        if rule.review_every_months:
            start = rule.in_force_from or a.date
            due = start
            while due <= a.date:
                due = add_months(due, rule.review_every_months)
            candidates.append((due, Reason("restriction_review", {"restriction": rule.id})))
        if rule.in_force_until and rule.in_force_until > a.date:
            candidates.append((rule.in_force_until, Reason("restriction_ends", {"restriction": rule.id})))
    first = min(d for d, _ in candidates)
    return first, [r for d, r in candidates if d == first]


# ---------------------------------------------------------------------------------------------- evaluate
def evaluate(a: Assessment, kb: KnowledgeBase, *, flip_points: bool = True) -> Result:
    """Decide go / go with conditions / no-go for one assessment; deterministic given its seed."""
    rules, context = applicable_rules(a, kb)
    planner = Planner(a, kb, rules, context)
    plans = planner.all()
    benefits = platform_benefits(a, kb)
    leave_factor = other_channels(a, kb)
    intervals = criteria_intervals(plans, a, kb, benefits, leave_factor)

    judged = {oid: _reasons_for(plans[oid]) for oid in OPTION_IDS}
    admissible = [oid for oid in OPTION_IDS if not judged[oid][0]]
    criteria = kb.criteria.ids
    rng = np.random.default_rng(a.seed)
    draws = draw(rng, a.draws, len(criteria), weight_spec(a, kb))
    low, high = _matrices(intervals, admissible, criteria)
    outcome: SmaaOutcome = smaa(low, high, draws)
    recommended = _recommend(outcome.acceptability, admissible)
    top = float(outcome.acceptability[admissible.index(recommended)])
    robustness = "clear" if top >= CLEAR else "leaning" if top >= LEANING else "contested"

    option_results = []
    for oid in OPTION_IDS:
        plan = plans[oid]
        reasons, warnings = judged[oid]
        i = admissible.index(oid) if oid in admissible else None
        option_results.append(
            OptionResult(
                id=oid,
                admissible=i is not None,
                acceptability=None if i is None else float(outcome.acceptability[i]),
                rank_acceptability=None if i is None else tuple(float(x) for x in outcome.rank_acceptability[i]),
                confidence=None if i is None else float(outcome.confidence[i]),
                central_weights=None
                if i is None or outcome.acceptability[i] == 0
                else {c: float(outcome.central_weights[i][j]) for j, c in enumerate(criteria)},
                reasons=tuple(reasons),
                warnings=tuple(warnings),
                conditions=plan.added,
                cost_eur=plan.cost_eur,
                device=_device_view(plan.profile),
                values=intervals[oid],
            )
        )

    restriction_results = tuple(
        RestrictionResult(
            id=r.id,
            title=r.title,
            binding=r.binding,
            types=r.types,
            jurisdictions=r.jurisdictions,
            issuing_body=r.issuing_body,
            instrument=r.instrument,
            in_force_from=r.in_force_from,
            summary=r.summary,
            exemption_text=r.exemption.text if r.exemption else "",
            exemption_requires=r.exemption.requires if r.exemption else (),
            sources=_sources(r),
            confidence=r.confidence,
            verified=r.verified,
            origin=r.origin,
            status={
                oid: RuleView(st.status, st.met, st.missing, st.reason)
                for oid in OPTION_IDS
                for st in [plans[oid].statuses.get(r.id)]
                if st is not None
            }
            | ({"leave": RuleView("not_applicable", (), (), "")}),
        )
        for r in rules
    )
    context_results = tuple(
        ContextResult(c.id, c.title, c.types, c.summary, _sources(c), c.threat_effects) for c in context
    )

    # Inherent: the platform on an ordinary work phone (connected, with work data) and no safeguards.
    ordinary = DeviceProfile("corporate", connected=True, work_data=True)
    accepted = {r.threat: r.expires for r in a.risk_acceptances if r.expires >= a.date}
    risk_results = []
    for t in kb.threats.values():
        inherent_option = "stay_as_is" if "stay_as_is" in t.applies_to else t.applies_to[0]
        inherent = planner.level(t.id, inherent_option, ordinary if inherent_option == "stay_as_is" else None, ())
        risk_results.append(
            RiskResult(
                threat=t.id,
                title=t.title,
                inherent=_level_view(inherent),
                current=_level_view(plans["stay_as_is"].levels[t.id]),
                residual={oid: _level_view(plans[oid].levels[t.id]) for oid in OPTION_IDS},
                accepted_until=accepted.get(t.id),
            )
        )

    benefit_results = tuple(
        BenefitResult(c, title, iv.low, iv.high, iv.basis, iv.raw, iv.unit, iv.source, iv.file, iv.period)
        for c, title, iv in [
            *((c, kb.criteria.get(c).title, iv) for c, iv in benefits.items()),
            ("other_channels", "Replaced by other channels", leave_factor),
        ]
    )

    conditions_b = tuple(
        _condition(s, plans["stay_with_conditions"], a, kb) for s in plans["stay_with_conditions"].added
    )
    rec_plan = plans[recommended]
    action_plan = tuple(_condition(s, rec_plan, a, kb) for s in rec_plan.added)

    flips = (
        _flip_points(a, kb, intervals, admissible, draws, benefits, leave_factor, recommended)
        if flip_points and len(admissible) > 1
        else ()
    )
    review_date, review_reasons = _review(a, kb, rec_plan, rules)

    reasons = [Reason("recommended", {"option": recommended, "acceptability": top})]
    for oid in OPTION_IDS:
        if oid not in admissible:
            reasons.append(Reason("inadmissible", {"option": oid, "why": [r.code for r in judged[oid][0]]}))
    if any(st.status == PROHIBITED for p in plans.values() for st in p.statuses.values()):
        reasons.append(Reason("binding_prohibition", {}))

    spec = weight_spec(a, kb)
    return Result(
        format=1,
        assessment_date=a.date,
        organisation=a.organisation.name,
        kind=a.organisation.kind,
        jurisdiction=a.organisation.jurisdiction,
        platform=a.platform,
        account_status=a.account.status,
        risk_appetite=a.organisation.risk_appetite,
        kb_version=kb.version,
        seed=a.seed,
        draws=a.draws,
        outcome=OUTCOME[recommended],
        recommended_option=recommended,
        robustness=robustness,
        reasons=tuple(reasons),
        options=tuple(option_results),
        restrictions=restriction_results,
        context=context_results,
        risks=tuple(risk_results),
        benefits=benefit_results,
        weights={
            "mode": a.weights.mode,
            "profile": a.weights.profile or None,
            "low": dict(zip(criteria, spec.low, strict=True)) if spec.low else None,
            "high": dict(zip(criteria, spec.high, strict=True)) if spec.high else None,
            "ranking": list(a.weights.ranking) or None,
        },
        conditions=conditions_b,
        action_plan=action_plan,
        flip_points=flips,
        review_date=review_date,
        review_reasons=tuple(review_reasons),
        strategy=a.strategy,
    )


def assess_document(doc: Any, kb: KnowledgeBase, source: str = "assessment") -> Result:
    """Parse and evaluate an assessment document in one step."""
    return evaluate(parse_assessment(doc, kb, source), kb)
