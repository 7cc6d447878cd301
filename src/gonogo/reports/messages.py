"""Wording for the codes in a result, in English or Norwegian bokmål. Everything shown to people is built here.

Each function takes ``lang`` (``en`` or ``nb``; see ``gonogo.reports.i18n``). The tables hold the English
message ids; they are translated when shown.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

import yaml

from gonogo.reports.i18n import N_, number, percent, score, translate, translator

OUTCOMES = {"go": N_("GO"), "go_with_conditions": N_("GO WITH CONDITIONS"), "no_go": N_("NO-GO")}
OPTIONS = {
    "stay_as_is": N_("Stay as is"),
    "stay_with_conditions": N_("Stay with conditions"),
    "personal_phones": N_("Use personal phones"),
    "leave": N_("Leave / do not join"),
}
OPTIONS_PLANNED = {**OPTIONS, "stay_as_is": N_("Join as planned"), "stay_with_conditions": N_("Join with conditions")}
ROBUSTNESS = {
    "clear": N_("clear (the option ranks first in at least 75% of the simulations)"),
    "leaning": N_("leaning (the option ranks first in 50-75% of the simulations)"),
    "contested": N_("contested (the option ranks first in fewer than half of the simulations)"),
}
STATUS = {
    "prohibited": N_("prohibited"),
    "allowed_if": N_("allowed if"),
    "advised_against": N_("advised against"),
    "not_applicable": N_("not applicable"),
}
CRITERIA = {
    "reach": N_("Reach"),
    "audience_fit": N_("Audience fit"),
    "engagement": N_("Engagement"),
    "reception": N_("Reception"),
    "mission_fit": N_("Mission fit"),
    "risk": N_("Residual risk"),
    "cost": N_("Cost"),
    "other_channels": N_("Replaced by other channels"),
}
BASIS = {
    "imported": N_("imported analytics"),
    "self_reported": N_("self-reported"),
    "survey": N_("published survey"),
    "comments": N_("comment analysis"),
    "declared": N_("declared in the assessment"),
    "missing": N_("no evidence: full range"),
}
OWNERS = {
    "it": N_("IT"),
    "security_officer": N_("security officer"),
    "data_protection_officer": N_("data-protection officer"),
    "communications_lead": N_("communications lead"),
    "director": N_("director"),
    "records_manager": N_("records manager"),
}
LEVELS = {"low": N_("low"), "medium": N_("medium"), "high": N_("high"), "very_high": N_("very high")}
WHY_PROHIBITED = {
    "no_exemption": N_("it has no exemption route"),
    "not_eligible": N_("this kind of body cannot use its exemption"),
}
DIRECTIONS = {"up": N_("up"), "down": N_("down"), "none": N_("nowhere")}
UNITS = {
    "followers_per_100": N_("followers per 100 inhabitants"),
    "monthly_views_per_100": N_("monthly views per 100 inhabitants"),
    "rate": N_("engagement rate"),
    "balance": N_("sentiment balance"),
    "share": N_("share"),
}
VERIFIED = {
    "primary": N_("checked against the primary source"),
    "secondary": N_("checked against a secondary source"),
}


def label(table: Mapping[str, str], code: str, lang: str = "en") -> str:
    """Say a code from one of the tables above; an unknown code is shown as it is."""
    return translate(table[code], lang) if code in table else code


def outcome(code: str, lang: str = "en") -> str:
    return label(OUTCOMES, code, lang)


def option_name(oid: str, planned: bool = False, lang: str = "en") -> str:
    return label(OPTIONS_PLANNED if planned else OPTIONS, oid, lang)


def level(code: str, lang: str = "en") -> str:
    return label(LEVELS, code, lang)


def owner(code: str, lang: str = "en") -> str:
    return label(OWNERS, code, lang)


def criterion(code: str, lang: str = "en") -> str:
    return label(CRITERIA, code, lang)


def kb_text(text: str, lang: str = "en") -> str:
    """Say a knowledge-base label (a threat's or safeguard's title, how to verify it...) in the language."""
    return translate(text, lang)


@functools.cache
def _titles(kind: str) -> dict[str, str]:
    path = resources.files("gonogo") / "data" / f"{kind}.yaml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    # platforms carry a name (a proper noun, not translated); the other kinds a title
    return {str(e["id"]): str(e.get("title") or e.get("name") or e["id"]) for e in data.get("entries", []) if "id" in e}


def title(kind: str, entry_id: str, lang: str = "en") -> str:
    """Say a knowledge-base entry (``threats``, ``safeguards``...) by its title; an unknown id is shown as it is."""
    known = _titles(kind).get(entry_id)
    return entry_id if known is None else translate(known, lang)


def platform(code: str) -> str:
    """A platform's name as the knowledge base spells it ("TikTok" for ``tiktok``); an unknown code as it is."""
    return _titles("platforms").get(code, code)


def safeguards(ids: Iterable[str], lang: str = "en") -> str:
    """Say a list of safeguard ids (exemption conditions met or missing) by their titles."""
    return ", ".join(title("safeguards", s, lang) for s in ids)


def why_prohibited(code: str, lang: str = "en") -> str:
    _ = translator(lang)
    if code.startswith("unmeetable:"):
        sid = code.split(":", 1)[1]
        return _("its exemption needs '{safeguard}', which this option cannot meet").format(
            safeguard=title("safeguards", sid, lang)
        )
    return label(WHY_PROHIBITED, code, lang)


def reason(code: str, params: Mapping[str, Any], lang: str = "en") -> str:
    """Say one reason in a sentence."""
    _ = translator(lang)
    p = params
    if code == "prohibited_by":
        why = why_prohibited(str(p.get("why", "")), lang)
        return _("Prohibited by {restriction}: {why}.").format(restriction=p["restriction"], why=why)
    if code == "exemption_unmet":
        return _("Does not meet the exemption of {restriction}: missing {missing}.").format(
            restriction=p["restriction"], missing=safeguards(p["missing"], lang)
        )
    if code == "above_appetite":
        return _("Residual risk '{threat}' is {level}, above the risk appetite.").format(
            threat=title("threats", p["threat"], lang), level=level(p["level"], lang)
        )
    if code == "same_as_stay_as_is":
        return _("Nothing needs adding: the account already meets every rule and the risk appetite.")
    if code == "advised_against":
        missing = p.get("missing") or []
        if missing:
            return _("Advised against by {restriction} (missing {missing}).").format(
                restriction=p["restriction"], missing=safeguards(missing, lang)
            )
        return _("Advised against by {restriction}.").format(restriction=p["restriction"])
    if code == "recommended":
        return _("{option} ranks first in {share} of the simulations.").format(
            option=option_name(p["option"], lang=lang), share=percent(p["acceptability"], lang)
        )
    if code == "inadmissible":
        return _("{option} is not admissible.").format(option=option_name(p["option"], lang=lang))
    if code == "binding_prohibition":
        return _("At least one binding rule prohibits an option.")
    if code == "twelve_months":
        return _("twelve months after the assessment")
    if code == "safeguard_expires":
        return _("the safeguard '{safeguard}' expires").format(safeguard=title("safeguards", p["safeguard"], lang))
    if code == "approval_expires":
        return _("'{safeguard}' must be renewed").format(safeguard=title("safeguards", p["safeguard"], lang))
    if code == "risk_acceptance_expires":
        return _("the risk acceptance for '{threat}' expires").format(threat=title("threats", p["threat"], lang))
    if code == "restriction_review":
        return _("{restriction} is due for review").format(restriction=p["restriction"])
    if code == "restriction_ends":
        return _("{restriction} ends").format(restriction=p["restriction"])
    return code


def evidence_origin(benefit: Mapping[str, Any], lang: str = "en") -> str:
    """Say where an imported figure came from: importer (or comment analysis), file and period."""
    _ = translator(lang)
    if not benefit.get("source"):
        return label(BASIS, benefit["basis"], lang)
    name = benefit["file"] or benefit["source"]
    if benefit["source"] == "comments_model":
        if benefit.get("period"):
            return _("comment analysis of {file}, comments from {start} to {end}").format(
                file=name, start=benefit["period"][0], end=benefit["period"][1]
            )
        return _("comment analysis of {file}").format(file=name)
    if benefit.get("period"):
        return _("imported from {file} ({source}), {start} to {end}").format(
            file=name, source=benefit["source"], start=benefit["period"][0], end=benefit["period"][1]
        )
    return _("imported from {file} ({source})").format(file=name, source=benefit["source"])


def flip_point(f: Mapping[str, Any], planned: bool = False, lang: str = "en") -> str:
    """Say what value of a criterion would change the recommendation, in the evidence's own unit too."""
    _ = translator(lang)
    name = criterion(f["criterion"], lang)
    if f["flips_at"] is None:
        return _("{criterion}: no value would change the recommendation.").format(criterion=name)
    to = option_name(f["to_option"], planned, lang)
    values = {
        "criterion": name,
        "direction": label(DIRECTIONS, f["direction"], lang),
        "current": score(f["current"], lang),
        "flips_at": score(f["flips_at"], lang),
        "option": to,
    }
    if f.get("raw_current") is not None and f.get("raw_flips_at") is not None and f.get("unit") in UNITS:
        return _(
            "{criterion}: if it went {direction} from {current} to {flips_at} "
            "({unit} {raw_current} -> {raw_flips_at}), the recommendation would become {option}."
        ).format(
            **values,
            unit=label(UNITS, f["unit"], lang),
            raw_current=number(f["raw_current"], lang, significant=6),
            raw_flips_at=number(f["raw_flips_at"], lang, significant=3),
        )
    return _(
        "{criterion}: if it went {direction} from {current} to {flips_at}, the recommendation would become {option}."
    ).format(**values)


def flip_lines(flip_points: Sequence[Mapping[str, Any]], planned: bool = False, lang: str = "en") -> list[str]:
    """Say each value that would change the recommendation, or, when there is none, that none does.

    Criteria no value of which changes it are left out, as on the result page, so every format says the same.
    """
    _ = translator(lang)
    lines = [flip_point(f, planned, lang) for f in flip_points if f["flips_at"] is not None]
    return lines or [_("No single criterion changes it within its range.")]


def evidence_value(benefit: Mapping[str, Any], lang: str = "en") -> str:
    """Say the figure a criterion's value comes from, in its unit (``15,24 (followers per 100 inhabitants)``).

    The official task is a yes or a no, so it is said in words. A benefit without a figure says nothing.
    """
    _ = translator(lang)
    raw, unit = benefit.get("raw"), benefit.get("unit") or ""
    if raw is None:
        return ""
    if unit == "official_task":
        return _("the account serves an official task") if raw else _("the account serves no official task")
    name = label(UNITS, unit, lang) if unit in UNITS else unit.replace("_", " ")
    return f"{number(raw, lang, significant=6)} ({name})"


def verified(code: str | None, lang: str = "en") -> str:
    """Say how a rule's wording was checked (``primary``, ``secondary`` or a date); nothing when it was not."""
    _ = translator(lang)
    if not code:
        return ""
    return label(VERIFIED, code, lang) if code in VERIFIED else _("verified ({date})").format(date=code)


def rules_heading(restrictions: Iterable[Mapping[str, Any]], lang: str = "en") -> str:
    """The heading over the rules that apply, counting the binding rules and the pieces of advice apart."""
    _ = translator(lang)
    found = list(restrictions)
    binding = sum(1 for x in found if x.get("binding"))
    return _("Rules and advice that apply ({binding} binding, {advice} advisory)").format(
        binding=binding, advice=len(found) - binding
    )


def acceptability(option: Mapping[str, Any], lang: str = "en") -> str:
    _ = translator(lang)
    if option["acceptability"] is None:
        return _("not admissible")
    return percent(option["acceptability"], lang)
