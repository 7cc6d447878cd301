"""Engine benchmark: SMAA-2 vectorised vs a plain loop on the same draws; one assessment; a portfolio.

Prints ``BENCH engine ...`` lines. Targets (one core): one assessment with 10,000 draws under 5 ms,
SMAA at least 50x faster than the reference loop, at least 500 assessments/s for a 10,000 portfolio
re-evaluated after a knowledge-base change.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import numpy as np
import yaml

from gonogo.core.assessment import parse_assessment
from gonogo.core.benefits import other_channels, platform_benefits
from gonogo.core.engine import _matrices, criteria_intervals, evaluate, weight_spec
from gonogo.core.kb import load_knowledge_base
from gonogo.core.options import OPTION_IDS, Planner
from gonogo.core.portfolio import recheck
from gonogo.core.restrictions import applicable_rules
from gonogo.core.smaa import draw, smaa, smaa_reference

ROOT = Path(__file__).resolve().parents[1]
PORTFOLIO = 10_000


def best_of(fn, repeat: int = 7) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def generated(n: int, seed: int = 42) -> list[dict]:
    rnd = random.Random(seed)
    kinds = ["police", "municipality", "ministry", "health", "agency", "broadcaster", "defence", "education"]
    places = ["NO", "NO-46", "GB", "SE", "DK", "DE", "US-TX", "AU", "IN", "NL", "FR", "IE"]
    docs = []
    for i in range(n):
        device = rnd.choice(["corporate", "dedicated", "personal"])
        docs.append(
            {
                "gonogo": 1,
                "date": f"{rnd.choice([2023, 2024, 2025])}-0{rnd.randint(1, 9)}-15",
                "organisation": {
                    "name": f"Body {i}",
                    "kind": rnd.choice(kinds),
                    "jurisdiction": rnd.choice(places),
                    "population_served": rnd.randint(5_000, 10_000_000),
                    "risk_appetite": rnd.choice(["low", "medium", "high"]),
                },
                "platform": rnd.choice(["tiktok", "tiktok", "instagram", "facebook", "x", "youtube"]),
                "account": {
                    "status": "existing",
                    "official_task": rnd.random() < 0.8,
                    "target_audience": {"age_min": 13, "age_max": 34},
                },
                "operators": [
                    {
                        "role": rnd.choice(["communications_officer", "police_officer", "senior_official"]),
                        "count": rnd.randint(1, 6),
                    }
                ],
                "device": {
                    "kind": device,
                    "connected_to_internal_systems": device == "corporate",
                    "work_email": device == "corporate",
                    "work_contacts": False,
                    "work_calendar": False,
                },
                "safeguards": rnd.sample(
                    ["mfa", "generic_mailbox", "dpia", "moderation_policy", "privacy_notice"],
                    rnd.randint(0, 3),
                ),
                "evidence": {
                    "followers": rnd.randint(0, 500_000),
                    "engagement_rate": round(rnd.random() * 0.1, 3),
                    "other_channels_reach": round(rnd.random(), 2),
                },
                "seed": i,
            }
        )
    return docs


def main() -> None:
    kb = load_knowledge_base()
    doc = yaml.safe_load((ROOT / "examples" / "politivest-2023-04.yaml").read_text(encoding="utf-8"))
    a = parse_assessment(doc, kb)

    # SMAA on the same draws, vectorised and with a plain loop.
    rules, context = applicable_rules(a, kb)
    plans = Planner(a, kb, rules, context).all()
    intervals = criteria_intervals(plans, a, kb, platform_benefits(a, kb), other_channels(a, kb))
    low, high = _matrices(intervals, list(OPTION_IDS), kb.criteria.ids)
    draws = draw(np.random.default_rng(1), 10_000, len(kb.criteria.ids), weight_spec(a, kb))
    fast = smaa(low, high, draws).acceptability
    slow = smaa_reference(low, high, draws)
    identical = bool(np.array_equal(fast, slow))
    t_fast = best_of(lambda: smaa(low, high, draws))
    t_slow = best_of(lambda: smaa_reference(low, high, draws), repeat=2)
    print(
        f"BENCH engine case=smaa draws=10000 options=4 smaa_ms={t_fast * 1000:.2f} reference_ms={t_slow * 1000:.1f} "
        f"speedup_vs_reference={t_slow / t_fast:.0f} identical_acceptabilities={str(identical).lower()}"
    )

    t_assess = best_of(lambda: evaluate(a, kb, flip_points=False))
    t_full = best_of(lambda: evaluate(a, kb), repeat=3)
    print(
        f"BENCH engine case=one_assessment draws=10000 assess_ms={t_assess * 1000:.2f} "
        f"with_flip_points_ms={t_full * 1000:.1f} target_ms=5"
    )

    # A portfolio re-evaluated after a knowledge-base change (an organisation adds a policy).
    docs = generated(PORTFOLIO)
    policy = {
        "id": "BENCH-NEW-POLICY",
        "title": "A new national ban",
        "role": "device_rule",
        "jurisdictions": ["SE"],
        "bodies": ["any"],
        "roles": ["any"],
        "devices": ["issued"],
        "platforms": ["tiktok"],
        "types": ["ban"],
        "binding": True,
        "in_force_from": "2023-01-01",
        "status": "in_force",
        "exemption": {"requires": ["documented_work_need", "dedicated_device"], "text": "work need"},
        "sources": [{"title": "benchmark", "url": "https://example.org"}],
        "confidence": "high",
    }
    changed = load_knowledge_base(
        [("policy.yaml", yaml.safe_dump({"kind": "restrictions", "version": "bench", "entries": [policy]}))]
    )
    t0 = time.perf_counter()
    outcomes: dict[str, int] = {}
    for d in docs:
        r = evaluate(parse_assessment(d, changed), changed, flip_points=False)
        outcomes[r.outcome] = outcomes.get(r.outcome, 0) + 1
    elapsed = time.perf_counter() - t0
    mix = " ".join(f"{k}={v}" for k, v in sorted(outcomes.items()))
    print(
        f"BENCH engine case=portfolio assessments={PORTFOLIO} draws=10000 seconds={elapsed:.1f} "
        f"assessments_per_s={PORTFOLIO / elapsed:.0f} target_per_s=500 {mix}"
    )

    # The same portfolio re-checked the way gonogo recheck does it: every file is read and validated
    # against the changed knowledge base, and only those the change can affect are re-evaluated.
    t0 = time.perf_counter()
    affected = sum(r.affected for r in recheck((parse_assessment(d, changed) for d in docs), kb, changed))
    elapsed = time.perf_counter() - t0
    print(
        f"BENCH engine case=portfolio_recheck assessments={PORTFOLIO} draws=10000 seconds={elapsed:.1f} "
        f"assessments_per_s={PORTFOLIO / elapsed:.0f} re_evaluated={affected} target_per_s=500"
    )


if __name__ == "__main__":
    main()
