"""English wording for the codes in a result. Everything shown to people is built here from codes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

OUTCOMES = {"go": "GO", "go_with_conditions": "GO WITH CONDITIONS", "no_go": "NO-GO"}
OPTIONS = {
    "stay_as_is": "Stay as is",
    "stay_with_conditions": "Stay with conditions",
    "personal_phones": "Use personal phones",
    "leave": "Leave / do not join",
}
OPTIONS_PLANNED = {**OPTIONS, "stay_as_is": "Join as planned", "stay_with_conditions": "Join with conditions"}
ROBUSTNESS = {
    "clear": "clear (the option ranks first in at least 75% of the simulations)",
    "leaning": "leaning (the option ranks first in 50-75% of the simulations)",
    "contested": "contested (the option ranks first in fewer than half of the simulations)",
}
STATUS = {
    "prohibited": "prohibited",
    "allowed_if": "allowed if",
    "advised_against": "advised against",
    "not_applicable": "not applicable",
}
CRITERIA = {
    "reach": "Reach",
    "audience_fit": "Audience fit",
    "engagement": "Engagement",
    "reception": "Reception",
    "mission_fit": "Mission fit",
    "risk": "Residual risk",
    "cost": "Cost",
    "other_channels": "Replaced by other channels",
}
BASIS = {
    "imported": "imported analytics",
    "self_reported": "self-reported",
    "survey": "published survey",
    "comments": "comment analysis",
    "declared": "declared in the assessment",
    "missing": "no evidence: full range",
}
OWNERS = {
    "it": "IT",
    "security_officer": "security officer",
    "data_protection_officer": "data-protection officer",
    "communications_lead": "communications lead",
    "director": "director",
    "records_manager": "records manager",
}
LEVELS = {"low": "low", "medium": "medium", "high": "high", "very_high": "very high"}
WHY_PROHIBITED = {
    "no_exemption": "it has no exemption route",
    "not_eligible": "this kind of body cannot use its exemption",
}


def option_name(oid: str, planned: bool = False) -> str:
    return (OPTIONS_PLANNED if planned else OPTIONS).get(oid, oid)


def why_prohibited(code: str) -> str:
    if code.startswith("unmeetable:"):
        sid = code.split(":", 1)[1]
        return f"its exemption needs '{sid}', which this option cannot meet"
    return WHY_PROHIBITED.get(code, code)


def reason(code: str, params: Mapping[str, Any]) -> str:
    """Say one reason in a sentence."""
    p = params
    if code == "prohibited_by":
        return f"Prohibited by {p['restriction']}: {why_prohibited(str(p.get('why', '')))}."
    if code == "exemption_unmet":
        return f"Does not meet the exemption of {p['restriction']}: missing {', '.join(p['missing'])}."
    if code == "above_appetite":
        return f"Residual risk '{p['threat']}' is {LEVELS.get(p['level'], p['level'])}, above the risk appetite."
    if code == "same_as_stay_as_is":
        return "Nothing needs adding: the account already meets every rule and the risk appetite."
    if code == "advised_against":
        missing = p.get("missing") or []
        tail = f" (missing {', '.join(missing)})" if missing else ""
        return f"Advised against by {p['restriction']}{tail}."
    if code == "recommended":
        return f"{option_name(p['option'])} ranks first in {p['acceptability']:.0%} of the simulations."
    if code == "inadmissible":
        return f"{option_name(p['option'])} is not admissible."
    if code == "binding_prohibition":
        return "At least one binding rule prohibits an option."
    if code == "twelve_months":
        return "twelve months after the assessment"
    if code == "safeguard_expires":
        return f"the safeguard '{p['safeguard']}' expires"
    if code == "approval_expires":
        return f"'{p['safeguard']}' must be renewed"
    if code == "risk_acceptance_expires":
        return f"the risk acceptance for '{p['threat']}' expires"
    if code == "restriction_review":
        return f"{p['restriction']} is due for review"
    if code == "restriction_ends":
        return f"{p['restriction']} ends"
    return code


def evidence_origin(benefit: Mapping[str, Any]) -> str:
    """Say where an imported figure came from: importer, file and period."""
    if not benefit.get("source"):
        return BASIS.get(benefit["basis"], benefit["basis"])
    text = f"imported from {benefit['file'] or benefit['source']} ({benefit['source']})"
    if benefit.get("period"):
        text += f", {benefit['period'][0]} to {benefit['period'][1]}"
    return text


UNITS = {
    "followers_per_100": "followers per 100 inhabitants",
    "monthly_views_per_100": "monthly views per 100 inhabitants",
    "rate": "engagement rate",
    "balance": "sentiment balance",
    "share": "share",
}


def flip_point(f: Mapping[str, Any], planned: bool = False) -> str:
    """Say what value of a criterion would change the recommendation, in the evidence's own unit too."""
    name = CRITERIA.get(f["criterion"], f["criterion"])
    if f["flips_at"] is None:
        return f"{name}: no value would change the recommendation."
    text = f"{name}: if it went {f['direction']} from {f['current']:.2f} to {f['flips_at']:.2f}"
    if f.get("raw_current") is not None and f.get("raw_flips_at") is not None and f.get("unit") in UNITS:
        text += f" ({UNITS[f['unit']]} {f['raw_current']:g} -> {f['raw_flips_at']:.3g})"
    return f"{text}, the recommendation would become {option_name(f['to_option'], planned)}."


def acceptability(option: Mapping[str, Any]) -> str:
    return "not admissible" if option["acceptability"] is None else f"{option['acceptability']:.0%}"
