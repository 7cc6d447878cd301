"""The guided assessment: one plain-language form per step, each reading and writing part of the document."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from gonogo.web.assessments import catalogue
from gonogo.web.assessments.documents import safeguard_entry, safeguard_ids

Doc = dict[str, Any]

DEVICE_KINDS = [
    ("dedicated", _("A separate phone used only for this account")),
    ("corporate", _("An ordinary work phone (with other work apps)")),
    ("personal", _("Staff's own phones")),
    ("web_only", _("Only through a web browser, no app")),
]


def _kb_help(kind: str, choices: list[tuple[str, str]]) -> str:
    lines = [f"{title}: {catalogue.describe(kind, key)}" for key, title in choices if catalogue.describe(kind, key)]
    return " ".join(lines)


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    kind = forms.ChoiceField(label=_("What kind of public body is it?"))
    jurisdiction = forms.CharField(
        label=_("Where is it?"),
        help_text=_("Country or region code: NO for Norway, NO-46 for Vestland, GB, US-TX, or EU for EU bodies."),
        validators=[RegexValidator(r"^([A-Z]{2}(-[A-Z0-9]{1,3})?|EU)$", _("Use a code such as NO, NO-46 or EU."))],
    )
    population_served = forms.IntegerField(
        label=_("How many people does it serve?"),
        min_value=1,
        required=False,
        help_text=_("Inhabitants of the area it serves; reach is measured per 100 of them."),
    )
    risk_appetite = forms.ChoiceField(
        label=_("How much risk will it accept?"),
        choices=[("low", _("Low")), ("medium", _("Medium")), ("high", _("High"))],
        help_text=_("The highest risk level the organisation accepts without a recorded risk acceptance."),
    )
    date = forms.DateField(
        label=_("Date of the assessment"),
        help_text=_("Rules in force on this date apply."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = catalogue.choices("kinds")
        self.fields["kind"].choices = [("", "---"), *kinds]
        self.fields["kind"].help_text = _kb_help("kinds", kinds) or _("Rules apply by kind of body.")

    @staticmethod
    def load(doc: Doc) -> dict[str, Any]:
        return {**doc.get("organisation", {}), "date": doc.get("date")}

    @staticmethod
    def store(doc: Doc, data: dict[str, Any]) -> None:
        section = {k: data[k] for k in ("name", "kind", "jurisdiction", "risk_appetite")}
        if data.get("population_served"):
            section["population_served"] = data["population_served"]
        doc["organisation"] = {
            **{k: v for k, v in doc.get("organisation", {}).items() if k in ("level", "security_sensitive")},
            **section,
        }
        doc["date"] = data["date"].isoformat()


class AccountForm(forms.Form):
    platform = forms.ChoiceField(label=_("Which platform?"))
    status = forms.ChoiceField(
        label=_("Do you run the account today?"),
        choices=[
            ("existing", _("Yes, we run it today")),
            ("planned", _("No, we are thinking of starting it")),
        ],
        widget=forms.RadioSelect,
    )
    handle = forms.CharField(label=_("Account name (handle)"), max_length=100, required=False)
    purpose = forms.CharField(
        label=_("What is the account for?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("In a sentence or two: the job it does for the public."),
    )
    official_task = forms.BooleanField(
        label=_("It serves an official communication task (e.g. preventive messages)"),
        required=False,
        help_text=_("A documented work need is what most exemptions require."),
    )
    age_min = forms.IntegerField(label=_("Youngest age you want to reach"), min_value=0, max_value=120, required=False)
    age_max = forms.IntegerField(label=_("Oldest age you want to reach"), min_value=0, max_value=120, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["platform"].choices = [("", "---"), *catalogue.choices("platforms")]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("age_min"), data.get("age_max")
        if low is not None and high is not None and low > high:
            self.add_error("age_max", _("The oldest age must not be below the youngest."))
        return data

    @staticmethod
    def load(doc: Doc) -> dict[str, Any]:
        section = doc.get("account", {})
        audience = section.get("target_audience", {})
        return {"platform": doc.get("platform"), **section, **audience}

    @staticmethod
    def store(doc: Doc, data: dict[str, Any]) -> None:
        doc["platform"] = data["platform"]
        section = {k: data[k] for k in ("status", "handle", "purpose", "official_task")}
        audience = {k: data[k] for k in ("age_min", "age_max") if data.get(k) is not None}
        if audience:
            section["target_audience"] = audience
        doc["account"] = section


class OperatorsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, title in catalogue.choices("roles"):
            self.fields[key] = forms.IntegerField(
                label=title, min_value=0, required=False, help_text=catalogue.describe("roles", key)
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any(data.get(k) for k in self.fields):
            raise forms.ValidationError(_("Say how many people operate the account, in at least one role."))
        return data

    @staticmethod
    def load(doc: Doc) -> dict[str, Any]:
        return {o.get("role"): o.get("count", 1) for o in doc.get("operators", [])}

    @staticmethod
    def store(doc: Doc, data: dict[str, Any]) -> None:
        doc["operators"] = [{"role": k, "count": v} for k, v in data.items() if v]


class DeviceForm(forms.Form):
    kind = forms.ChoiceField(label=_("On what is the app used?"), choices=DEVICE_KINDS, widget=forms.RadioSelect)
    connected_to_internal_systems = forms.BooleanField(
        label=_("The device is connected to internal systems, network or services"), required=False
    )
    work_email = forms.BooleanField(label=_("It has work e-mail"), required=False)
    work_contacts = forms.BooleanField(label=_("It has work contacts"), required=False)
    work_calendar = forms.BooleanField(label=_("It has the work calendar"), required=False)

    @staticmethod
    def load(doc: Doc) -> dict[str, Any]:
        return dict(doc.get("device", {}))

    @staticmethod
    def store(doc: Doc, data: dict[str, Any]) -> None:
        doc["device"] = dict(data)


class SafeguardsForm(forms.Form):
    safeguards = forms.MultipleChoiceField(
        label=_("Which safeguards are in place today?"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Each choice carries the knowledge base's description, so the help is next to the box it explains.
        self.fields["safeguards"].choices = [
            (
                key,
                f"{title} — {catalogue.describe('safeguards', key)}"
                if catalogue.describe("safeguards", key)
                else title,
            )
            for key, title in catalogue.choices("safeguards")
        ]

    @staticmethod
    def load(doc: Doc) -> dict[str, Any]:
        return {"safeguards": safeguard_ids(doc)}

    @staticmethod
    def store(doc: Doc, data: dict[str, Any]) -> None:
        kept = {s["id"]: s for s in doc.get("safeguards", []) if isinstance(s, dict)}
        doc["safeguards"] = [kept.get(key, safeguard_entry(key)) for key in data["safeguards"]]


class EvidenceForm(forms.Form):
    # Built with the account, to offer its uploaded exports (``gonogo.web.evidence``).
    uses_account = True
    followers = forms.IntegerField(label=_("Followers"), min_value=0, required=False)
    monthly_views = forms.IntegerField(
        label=_("Views per month"), min_value=0, required=False, help_text=_("From the platform's analytics.")
    )
    engagement_rate = forms.FloatField(
        label=_("Engagement rate"),
        min_value=0,
        max_value=1,
        required=False,
        help_text=_("Likes, comments and shares per view, as a share: 0.08 for 8 %."),
    )
    positive = forms.FloatField(
        label=_("Share of comments that are positive"),
        min_value=0,
        max_value=1,
        required=False,
        help_text=_("As a share between 0 and 1."),
    )
    negative = forms.FloatField(
        label=_("Share of comments that are negative"),
        min_value=0,
        max_value=1,
        required=False,
        help_text=_("As a share between 0 and 1."),
    )
    other_channels_reach = forms.FloatField(
        label=_("How much of this audience could your other channels reach?"),
        min_value=0,
        max_value=1,
        required=False,
        help_text=_("0 for none of it, 1 for all of it."),
    )

    def __init__(self, *args: Any, account: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.account = account
        if account is not None:
            from gonogo.web.evidence.assessment import uploads_field

            field = uploads_field(account)
            if field is not None:
                self.fields = {"uploads": field, **self.fields}
            from gonogo.web.comments.assessment import analysis_field

            analysis = analysis_field(account)
            if analysis is not None:  # placed before the typed shares it replaces
                keys = list(self.fields)
                at = keys.index("positive")
                self.fields = {
                    **{k: self.fields[k] for k in keys[:at]},
                    "comments": analysis,
                    **{k: self.fields[k] for k in keys[at:]},
                }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("positive") or 0) + (data.get("negative") or 0) > 1:
            self.add_error("negative", _("Positive and negative shares together cannot exceed 1."))
        if "uploads" in self.fields and "uploads" not in self.errors:
            from gonogo.web.evidence.assessment import choose
            from gonogo.web.evidence.services import UploadRefused

            try:
                data["imported_evidence"] = choose(
                    self.account, data.get("uploads") or [], self.initial.get("uploads") or [], data
                )
            except UploadRefused as exc:
                for problem in exc.problems:
                    self.add_error("uploads", problem)
        if "comments" in self.fields and "comments" not in self.errors:
            from gonogo.web.comments.assessment import choose as choose_comments

            try:
                data["comment_evidence"] = choose_comments(
                    self.account, data.get("comments") or "", self.initial.get("comments") or ""
                )
            except forms.ValidationError as exc:
                self.add_error("comments", exc)
        return data

    @staticmethod
    def load(doc: Doc) -> dict[str, Any]:
        evidence = doc.get("evidence", {})
        initial = {
            k: _value(evidence.get(k))
            for k in ("followers", "monthly_views", "engagement_rate", "other_channels_reach")
        }
        initial.update(evidence.get("comment_sentiment", {}))
        initial["uploads"] = [str(pk) for pk in (evidence.get("imported") or {}).get("uploads") or []]
        initial["comments"] = str(((evidence.get("imported") or {}).get("comments") or {}).get("upload") or "")
        return initial

    @staticmethod
    def store(doc: Doc, data: dict[str, Any]) -> None:
        before = doc.get("evidence", {})
        evidence = {k: v for k, v in before.items() if k in ("target_age_share", "files")}
        # From uploads chosen in this step: a filled evidence section; False: they were unticked; None: as before.
        chosen = data.get("imported_evidence")
        if isinstance(chosen, dict):
            evidence.update(chosen)
        elif chosen is None and "imported" in before:
            evidence["imported"] = before["imported"]
        for key in ("followers", "monthly_views", "engagement_rate", "other_channels_reach"):
            if key in evidence or data.get(key) is None:
                continue
            old = before.get(key)
            # An imported measure keeps its source unless the number itself was changed here (or unticked).
            evidence[key] = old if _value(old) == data[key] and chosen is not False else data[key]
        sentiment = {k: data[k] for k in ("positive", "negative") if data.get(k) is not None}
        if sentiment:
            evidence["comment_sentiment"] = {
                **doc.get("evidence", {}).get("comment_sentiment", {}),
                **sentiment,
            }
        # From a comment analysis chosen in this step: its figures; False: unticked; None: as before.
        from gonogo.web.comments.assessment import store as store_comments

        store_comments(evidence, before, data.get("comment_evidence"), data)
        doc["evidence"] = evidence


def _value(measure: Any) -> Any:
    return measure.get("value") if isinstance(measure, dict) else measure


class PrioritiesForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, title in catalogue.choices("criteria"):
            self.fields[key] = forms.IntegerField(
                label=title,
                min_value=0,
                max_value=10,
                required=False,
                help_text=catalogue.describe("criteria", key),
            )

    @staticmethod
    def load(doc: Doc) -> dict[str, Any]:
        return {k: v for k, v in doc.get("weights", {}).items() if isinstance(v, int | float)}

    @staticmethod
    def store(doc: Doc, data: dict[str, Any]) -> None:
        points = {k: v for k, v in data.items() if v is not None}
        doc["weights"] = points


class StrategyForm(forms.Form):
    audience = forms.CharField(
        label=_("Who do we want to talk to there?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The people this account exists for, and why they are here rather than elsewhere."),
    )
    message = forms.CharField(
        label=_("What do we want to say to them?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The messages and services the account carries."),
    )
    trust = forms.CharField(
        label=_("How do we build trust and community there?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How you answer, moderate and show up over time."),
    )

    @staticmethod
    def load(doc: Doc) -> dict[str, Any]:
        return dict(doc.get("strategy", {}))

    @staticmethod
    def store(doc: Doc, data: dict[str, Any]) -> None:
        doc["strategy"] = {k: v.strip() for k, v in data.items()}


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    intro: str
    form: type[forms.Form]
    sections: tuple[str, ...]  # the document sections this step writes; field errors point back here

    def initial(self, doc: Doc) -> dict[str, Any]:
        load: Callable[[Doc], dict[str, Any]] = self.form.load  # type: ignore[attr-defined]
        return load(doc)

    def build(self, data: Any, doc: Doc, account: Any) -> forms.Form:
        """The step's form, bound to ``data`` (or None), with the account for forms that use it."""
        extra = {"account": account} if getattr(self.form, "uses_account", False) else {}
        return self.form(data, initial=self.initial(doc), **extra)

    def apply(self, doc: Doc, data: dict[str, Any]) -> Doc:
        new = copy.deepcopy(doc)
        self.form.store(new, data)  # type: ignore[attr-defined]
        return new


STEPS = (
    Step(
        "organisation",
        _("The organisation"),
        _("Which rules bind you depends on who you are and where."),
        OrganisationForm,
        ("organisation", "date"),
    ),
    Step(
        "account",
        _("The account and its purpose"),
        _("What the account is and what it is for."),
        AccountForm,
        ("platform", "account"),
    ),
    Step(
        "operators",
        _("Who operates it"),
        _("Rules and risks depend on the roles of the people with access."),
        OperatorsForm,
        ("operators",),
    ),
    Step(
        "device",
        _("The device"),
        _("Where the app runs decides which device rules apply."),
        DeviceForm,
        ("device",),
    ),
    Step(
        "safeguards",
        _("Safeguards in place"),
        _("What you already do to keep the account and your data safe."),
        SafeguardsForm,
        ("safeguards",),
    ),
    Step(
        "evidence",
        _("Evidence"),
        _("Numbers from your analytics; leave blank what you do not know."),
        EvidenceForm,
        ("evidence",),
    ),
    Step(
        "priorities",
        _("What matters most"),
        _("Points from 0 to 10 per criterion; leave all blank for the usual weights of your kind of body."),
        PrioritiesForm,
        ("weights",),
    ),
    Step(
        "strategy",
        _("Strategy"),
        _("The three questions every communications lead should answer, recorded in the decision."),
        StrategyForm,
        ("strategy",),
    ),
)
BY_SLUG = {s.slug: s for s in STEPS}


def step_for_location(location: str) -> Step | None:
    """Return the step that edits a document field named like ``organisation.kind``."""
    head = location.split(".", 1)[0].split("[", 1)[0]
    return next((s for s in STEPS if head in s.sections), None)
