"""Arrange the engine's result dict for the result page. No calculation: only order and labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gonogo.reports import messages
from gonogo.reports.i18n import interval, language_of, percent, score
from gonogo.web.assessments import catalogue
from gonogo.web.assessments.models import OUTCOMES, ROBUSTNESS
from gonogo.web.assessments.steps import StrategyForm

OPTIONS = {
    "stay_as_is": _("Stay (or start) as is"),
    "stay_with_conditions": _("Stay with conditions"),
    "personal_phones": _("Use personal phones"),
    "leave": _("Leave (or do not join)"),
}
RULE_STATUS = {
    "prohibited": _("prohibited"),
    "allowed_if": _("allowed if"),
    "advised_against": _("advised against"),
    "not_applicable": _("not applicable"),
}
LEVEL_COLOURS = {"low": "#d8f0d2", "medium": "#fbe7a1", "high": "#f7b977", "very_high": "#e57368"}


def lang() -> str:
    """The reports' language for the person's current language (English or bokmål)."""
    return language_of(get_language())


def _strategy_label(key: str) -> str:
    """The strategy step's question for an answer's key (``audience``...), in the person's language."""
    field = StrategyForm.base_fields.get(key)
    return str(field.label) if field is not None and field.label else key


def reason_text(reason: dict[str, Any]) -> str:
    """Return the report's wording for a reason code with its parameters, in the person's language."""
    return messages.reason(str(reason.get("code", "")), reason.get("params") or {}, lang())


def _level(view: dict[str, Any] | None) -> dict[str, Any]:
    view = dict(view or {})
    view["label"] = messages.level(str(view.get("level", "")), lang()) if view.get("applicable", True) else "—"
    return view


@dataclass
class Cell:
    x: int
    y: int
    colour: str
    level: str  # the code (low, medium...), for the colour
    label: str  # the level in the person's language
    threats: list[str] = field(default_factory=list)

    @property
    def label_y(self) -> int:
        return self.y + 34


@dataclass
class HeatMap:
    title: str
    cells: list[Cell]
    size: int = 5

    @property
    def described(self) -> list[str]:
        return [f"{', '.join(c.threats)}: {c.label}" for c in self.cells if c.threats]


def _matrix() -> list[list[str]]:
    for entry in catalogue.entries("matrix"):
        cells = entry.get("cells")
        if isinstance(cells, list) and len(cells) == 5:
            return [[str(level) for level in row] for row in cells]
    return [["" for _i in range(5)] for _l in range(5)]


def heat_map(title: str, points: list[tuple[str, dict[str, Any]]]) -> HeatMap:
    """Place each threat on a 5x5 grid: likelihood upwards, impact to the right, 56 px per cell."""
    matrix = _matrix()
    grid: dict[tuple[int, int], Cell] = {}
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            level = matrix[likelihood - 1][impact - 1]
            grid[(likelihood, impact)] = Cell(
                x=40 + (impact - 1) * 56,
                y=10 + (5 - likelihood) * 56,
                colour=LEVEL_COLOURS.get(level, "#eeeeee"),
                level=level,
                label=messages.level(level, lang()),
            )
    for name, view in points:
        if not view or not view.get("applicable", True):
            continue
        key = (int(view["likelihood"]), int(view["impact"]))
        if key in grid:
            grid[key].threats.append(name)
    return HeatMap(title=title, cells=list(grid.values()))


def present(data: dict[str, Any]) -> dict[str, Any]:
    """Return the result arranged for the page: recommendation first, then the reasons behind it."""
    recommended = data.get("recommended_option", "")
    options = [
        {
            **o,
            "title": OPTIONS.get(o["id"], o["id"]),
            "percent": None if o.get("acceptability") is None else percent(o["acceptability"], get_language()),
            "reason_lines": [reason_text(r) for r in o.get("reasons", [])],
            "warning_lines": [reason_text(r) for r in o.get("warnings", [])],
            "recommended": o["id"] == recommended,
        }
        for o in data.get("options", [])
    ]
    restrictions = sorted(data.get("restrictions", []), key=lambda r: (not r.get("binding"), r.get("id", "")))
    for r in restrictions:
        # The project's own wording of the rule is translated; its sources' titles are citations, kept as published.
        for text in ("title", "summary", "exemption_text"):
            r[text] = messages.kb_text(r.get(text) or "", lang())
        r["per_option"] = [
            {
                **v,
                "option": OPTIONS.get(k, k),
                "status": RULE_STATUS.get(v.get("status"), v.get("status")),
                "met": [messages.title("safeguards", s, lang()) for s in v.get("met") or []],
                "missing": [messages.title("safeguards", s, lang()) for s in v.get("missing") or []],
            }
            for k, v in (r.get("status") or {}).items()
        ]
        r["requires_titles"] = [catalogue.title_of("safeguards", s) for s in r.get("exemption_requires", [])]
    risks = [
        {
            **r,
            "title": messages.kb_text(r["title"], lang()),
            "inherent": _level(r.get("inherent")),
            "current": _level(r.get("current")),
            "after": _level((r.get("residual") or {}).get(recommended)),
        }
        for r in data.get("risks", [])
    ]
    before = heat_map(str(_("Now")), [(r["title"], r.get("current") or {}) for r in risks])
    after = heat_map(str(_("After the recommended option")), [(r["title"], r["after"]) for r in risks])
    benefits = [
        {
            **b,
            "title": messages.criterion(b.get("criterion", ""), lang())
            if b.get("criterion") in messages.CRITERIA
            else messages.kb_text(b.get("title", ""), lang()),
            "basis_label": messages.evidence_origin(b, lang()) if "basis" in b else "",
            "interval": interval(float(b.get("low", 0)), float(b.get("high", 0)), lang()),
            "left": round(100 * float(b.get("low", 0))),
            "width": max(1, round(100 * (float(b.get("high", 0)) - float(b.get("low", 0))))),
        }
        for b in data.get("benefits", [])
    ]
    flips = [
        {
            **f,
            "to_title": OPTIONS.get(f.get("to_option") or "", f.get("to_option") or ""),
            "criterion_label": messages.criterion(f.get("criterion", ""), lang()),
            "current_shown": score(float(f["current"]), lang()),
            "flips_at_shown": score(float(f["flips_at"]), lang()),
        }
        for f in data.get("flip_points", [])
        if f.get("flips_at") is not None
    ]
    return {
        "outcome": data.get("outcome", ""),
        "outcome_label": OUTCOMES.get(data.get("outcome", ""), data.get("outcome", "")),
        "recommended": OPTIONS.get(recommended, recommended),
        "robustness": data.get("robustness", ""),
        "robustness_label": str(ROBUSTNESS.get(data.get("robustness", ""), data.get("robustness", ""))),
        "reasons": [reason_text(r) for r in data.get("reasons", [])],
        "options": options,
        "restrictions": restrictions,
        "binding_count": sum(1 for r in restrictions if r.get("binding")),
        "rules_heading": messages.rules_heading(restrictions, lang()),
        "risks": risks,
        "recommended_id": recommended,
        "heat_maps": [before, after],
        "benefits": benefits,
        "flips": flips,
        "review_date": data.get("review_date"),
        "review_reasons": [reason_text(r) for r in data.get("review_reasons", [])],
        "kb_version": data.get("kb_version", ""),
        "strategy": {_strategy_label(k): v for k, v in (data.get("strategy") or {}).items()},
    }
