"""The guided assessment: one plain-language form per step, each reading and writing part of the document."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gonogo.web.assessments import catalogue
from gonogo.web.assessments.documents import ORGANISATION_FACTS, in_line_with, safeguard_entry, safeguard_ids

Doc = dict[str, Any]

DEVICE_KINDS = [
    ("dedicated", _("A separate phone used only for this account")),
    ("corporate", _("An ordinary work phone (with other work apps)")),
    ("personal", _("Staff's own phones")),
    ("web_only", _("Only through a web browser, no app")),
]


def _present(data: dict[str, Any], before: dict[str, Any], keys: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """The answers for ``keys``: those in ``data``, and for a key missing from it (its answer did not pass
    its check while saving as you type) the value it had in ``before``, so a wrong answer never blanks one."""
    return {k: data[k] if k in data else before.get(k) for k in keys if k in data or k in before}


def _kb_help(kind: str, choices: list[tuple[str, str]]) -> str:
    lines = [f"{title}: {catalogue.describe(kind, key)}" for key, title in choices if catalogue.describe(kind, key)]
    return " ".join(lines)


FROM_ORGANISATION = _(
    "Taken from the organisation's settings; an administrator of the organisation changes them there."
)


class OrganisationForm(forms.Form):
    """The organisation step. Its facts are the organisation record's, shown fixed: that record is the source
    (administrators change it in the organisation's settings). Only the date of the assessment is answered here."""

    uses_account = True
    name = forms.CharField(
        label=_("Name of the organisation"), max_length=200, required=False, disabled=True, help_text=FROM_ORGANISATION
    )
    kind = forms.ChoiceField(
        label=_("What kind of public body is it?"), required=False, disabled=True, help_text=FROM_ORGANISATION
    )
    jurisdiction = forms.CharField(label=_("Where is it?"), required=False, disabled=True, help_text=FROM_ORGANISATION)
    population_served = forms.IntegerField(
        label=_("How many people does it serve?"), required=False, disabled=True, help_text=FROM_ORGANISATION
    )
    risk_appetite = forms.ChoiceField(
        label=_("How much risk will it accept?"),
        choices=[("low", _("Low")), ("medium", _("Medium")), ("high", _("High"))],
        required=False,
        disabled=True,
        help_text=FROM_ORGANISATION,
    )
    date = forms.DateField(
        label=_("Date of the assessment"),
        help_text=_("Rules in force on this date apply."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, account: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = catalogue.choices("kinds")
        if account is not None:
            facts = account.organisation.as_document()
            self.initial = {**self.initial, **{k: facts.get(k) for k in ORGANISATION_FACTS}}
            if facts["kind"] not in dict(kinds):
                kinds.append((str(facts["kind"]), str(facts["kind"])))
        self.fields["kind"].choices = [("", "---"), *kinds]

    @staticmethod
    def load(doc: Doc) -> dict[str, Any]:
        day = doc.get("date")
        with contextlib.suppress(ValueError):  # as a date, so an unchanged date is not taken for a change
            day = dt.date.fromisoformat(day) if isinstance(day, str) else day
        return {**doc.get("organisation", {}), "date": day}

    @staticmethod
    def store(doc: Doc, data: dict[str, Any]) -> None:
        # The organisation's facts are not taken from the form: ``Step.apply`` sets them from the record.
        if data.get("date"):
            doc["date"] = data["date"].isoformat()


FROM_ACCOUNT = _("Taken from the account record; to change it, edit the account (link above).")


class AccountForm(forms.Form):
    """The account step. Platform and handle are the account record's, shown fixed: that record is the source."""

    uses_account = True
    platform = forms.ChoiceField(label=_("Which platform?"), disabled=True, required=False, help_text=FROM_ACCOUNT)
    status = forms.ChoiceField(
        label=_("Do you run the account today?"),
        choices=[
            ("existing", _("Yes, we run it today")),
            ("planned", _("No, we are thinking of starting it")),
        ],
        widget=forms.RadioSelect,
        help_text=_("A planned account is assessed before it starts; an existing one as it runs today."),
    )
    handle = forms.CharField(
        label=_("Account name (handle)"), max_length=100, required=False, disabled=True, help_text=FROM_ACCOUNT
    )
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
    age_min = forms.IntegerField(
        label=_("Youngest age you want to reach"),
        min_value=0,
        max_value=120,
        required=False,
        help_text=_(
            "With the oldest age, it tells how much of the platform's users are in your target group. "
            "A youngest age under 18 means you aim at children, which raises the risk."
        ),
    )
    age_max = forms.IntegerField(
        label=_("Oldest age you want to reach"),
        min_value=0,
        max_value=120,
        required=False,
        help_text=_("Leave blank for no upper limit; used with the youngest age to measure your reach."),
    )

    def __init__(self, *args: Any, account: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        platforms = catalogue.choices("platforms")
        if account is not None:
            self.initial = {**self.initial, "platform": account.platform, "handle": account.handle}
            if account.platform not in dict(platforms):
                platforms.append((account.platform, account.platform))
        self.fields["platform"].choices = [("", "---"), *platforms]

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
        if data.get("platform"):
            doc["platform"] = data["platform"]
        before = doc.get("account", {})
        section = _present(data, before, ("status", "handle", "purpose", "official_task"))
        ages = _present(data, before.get("target_audience", {}), ("age_min", "age_max"))
        audience = {k: v for k, v in ages.items() if v is not None}
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
        before = OperatorsForm.load(doc)
        counts = _present(data, before, [key for key, _title in catalogue.choices("roles")])
        doc["operators"] = [{"role": k, "count": v} for k, v in counts.items() if v]


class DeviceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("On what is the app used?"),
        choices=DEVICE_KINDS,
        widget=forms.RadioSelect,
        help_text=_(
            "A separate phone keeps the app away from work data and is the safest choice. An ordinary work "
            "phone puts the app next to work e-mail, contacts and files, and many rules for public bodies "
            "forbid it. Staff's own phones are outside the organisation's control. A web browser keeps the "
            "app off the phone, but not the account's other risks."
        ),
    )
    connected_to_internal_systems = forms.BooleanField(
        label=_("The device is connected to internal systems, network or services"),
        required=False,
        help_text=_("For example the intranet, VPN or internal apps: what the device reaches, an app on it may reach."),
    )
    work_email = forms.BooleanField(
        label=_("It has work e-mail"),
        required=False,
        help_text=_("Work data on the same device as the app raises the risk of it being read."),
    )
    work_contacts = forms.BooleanField(
        label=_("It has work contacts"),
        required=False,
        help_text=_("Contact lists show who works with whom, which is of interest to foreign intelligence."),
    )
    work_calendar = forms.BooleanField(
        label=_("It has the work calendar"),
        required=False,
        help_text=_("Calendars show meetings, places and who takes part."),
    )

    @staticmethod
    def load(doc: Doc) -> dict[str, Any]:
        return dict(doc.get("device", {}))

    @staticmethod
    def store(doc: Doc, data: dict[str, Any]) -> None:
        doc["device"] = _present(data, doc.get("device", {}), list(DeviceForm.base_fields))


class SafeguardsForm(forms.Form):
    safeguards = forms.MultipleChoiceField(
        label=_("Which safeguards are in place today?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick only what is in place now; the assessment adds what is missing as conditions."),
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
        if "safeguards" not in data:
            return
        kept = {s["id"]: s for s in doc.get("safeguards", []) if isinstance(s, dict)}
        doc["safeguards"] = [kept.get(key, safeguard_entry(key)) for key in data["safeguards"]]


class EvidenceForm(forms.Form):
    # Built with the account, to offer its uploaded exports (``gonogo.web.evidence``).
    uses_account = True
    followers = forms.IntegerField(
        label=_("Followers"),
        min_value=0,
        required=False,
        help_text=_(
            "From the platform's analytics. Reach is counted per 100 people the body serves; "
            "100 000 followers or more is a high reach, which also raises the risk."
        ),
    )
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
            if key not in data and key in before and key not in evidence:  # its answer did not pass its check
                evidence[key] = before[key]
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
        answers = _present(data, PrioritiesForm.load(doc), [key for key, _title in catalogue.choices("criteria")])
        doc["weights"] = {k: v for k, v in answers.items() if v is not None}


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
        answers = _present(data, doc.get("strategy", {}), list(StrategyForm.base_fields))
        doc["strategy"] = {k: str(v).strip() for k, v in answers.items()}


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

    def apply(self, doc: Doc, data: dict[str, Any], account: Any = None) -> Doc:
        """Return ``doc`` with the step's answers in ``data``; an answer missing from it is left as it was.

        With ``account``, the platform and handle are brought in line with the account record and the
        organisation's facts with the organisation record: the records are the source.
        """
        new = copy.deepcopy(doc)
        self.form.store(new, data)  # type: ignore[attr-defined]
        return in_line_with(new, account) if account is not None else new


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


def operators_shown(operators: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """The operators of an account or document as ``(role title, count)``, in the person's language."""
    return [(catalogue.title_of("roles", str(o.get("role", ""))), int(o.get("count") or 0)) for o in operators]


def device_shown(device: dict[str, Any]) -> tuple[str, list[str]]:
    """The device set-up as its kind and the labels of what is on it or what it reaches; ("", []) if none."""
    kind = str(dict(DEVICE_KINDS).get(device.get("kind", ""), "")) if device.get("kind") else ""
    fields = DeviceForm.base_fields
    on_it = [str(fields[k].label) for k in fields if k != "kind" and device.get(k)]
    return kind, on_it
