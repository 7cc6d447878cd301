"""The guided assessment's evidence step offers the account's comment analyses; choosing one fills
``evidence.comment_sentiment`` with its shares (source ``comments_model``) and records where they came from
in ``evidence.imported.comments``: the upload, the file's name and SHA-256, the model, the count and when it
was analysed, so a decision stays verifiable after the upload or its texts are deleted.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonogo.evidence.comments.readers import comment_period
from gonogo.web.assessments.models import Account
from gonogo.web.comments.models import CommentUpload
from gonogo.web.comments.presenting import percent

OFFERED = 10


def _label(upload: CommentUpload, latest: bool) -> str:
    shares = upload.summary["shares"]
    text = _("%(name)s: %(n)s comments, %(positive)s positive, %(negative)s negative (%(model)s, %(date)s)") % {
        "name": upload.name,
        "n": upload.n,
        "positive": percent(shares["positive"]),
        "negative": percent(shares["negative"]),
        "model": upload.model_label,
        "date": upload.analysed_at.date().isoformat(),
    }
    return _("%(analysis)s — the latest") % {"analysis": text} if latest else text


def analysis_field(account: Account) -> forms.ChoiceField | None:
    """A choice of the account's comment analyses (the latest first), or None when it has none."""
    uploads = list(account.comment_uploads.all()[:OFFERED])
    if not uploads:
        return None
    return forms.ChoiceField(
        label=gettext_lazy("Comment sentiment from an analysis of the account's comments"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("", gettext_lazy("None: type the shares below yourself")),
            *[(str(u.pk), _label(u, i == 0)) for i, u in enumerate(uploads)],
        ],
        help_text=gettext_lazy(
            "Its shares of positive and negative comments replace the shares below, with the number of "
            "comments counted, and the assessment records which file and model they came from."
        ),
    )


def chosen_analysis(doc: dict[str, Any]) -> str:
    imported = (doc.get("evidence") or {}).get("imported") or {}
    upload = (imported.get("comments") or {}).get("upload")
    return str(upload) if upload else ""


def figures_of(upload: CommentUpload) -> dict[str, Any]:
    """``comment_sentiment`` and its provenance, from a stored analysis."""
    shares = upload.summary["shares"]
    positive, negative = float(shares["positive"]), float(shares["negative"])
    sentiment = {
        "positive": positive,
        "neutral": max(0.0, round(1.0 - positive - negative, 4)),
        "negative": negative,
        "n": upload.n,
        "source": "comments_model",
        "file": upload.name,
        "model": upload.model,
    }
    period = comment_period(upload.comments.values_list("date", flat=True))
    if period is not None:
        sentiment["period"] = period
    provenance = {
        "upload": upload.pk,
        "file": upload.name,
        "sha256": upload.sha256,
        "model": upload.model,
        "n": upload.n,
        "analysed_at": upload.analysed_at.isoformat(),
    }
    return {"comment_sentiment": sentiment, "provenance": provenance}


def choose(account: Account, chosen: str, before: str) -> Any:
    """What the step stores for the chosen analysis.

    The figures and their provenance for a chosen analysis; ``False`` when the person chose none while the
    one chosen before still exists (the shares become typed numbers); None to keep the document as it is.
    Raises ``forms.ValidationError`` when the chosen analysis is gone.
    """
    if chosen:
        upload = account.comment_uploads.filter(pk=int(chosen)).first()
        if upload is None:
            raise forms.ValidationError(_("That comment analysis was deleted; choose another or none."))
        return figures_of(upload)
    if before and account.comment_uploads.filter(pk=int(before)).exists():
        return False
    return None


def store(evidence: dict[str, Any], before: dict[str, Any], chosen: Any, typed: dict[str, Any]) -> None:
    """Write the chosen analysis (or its removal) into ``evidence``, keeping the analytics' provenance."""
    imported = dict(evidence.get("imported") or {})
    imported.pop("comments", None)
    kept = ((before.get("imported") or {}).get("comments")) or None
    if isinstance(chosen, dict):
        evidence["comment_sentiment"] = chosen["comment_sentiment"]
        kept = chosen["provenance"]
    elif chosen is False or (kept and _changed(before.get("comment_sentiment") or {}, typed)):
        # unticked, or the shares typed over the analysis's: they are the person's own numbers now
        own = {k: typed[k] for k in ("positive", "negative") if typed.get(k) is not None}
        if own:
            evidence["comment_sentiment"] = own
        else:
            evidence.pop("comment_sentiment", None)
        kept = None
    if kept:
        imported["comments"] = kept
    if imported:
        evidence["imported"] = imported
    else:
        evidence.pop("imported", None)


def _changed(before: dict[str, Any], typed: dict[str, Any]) -> bool:
    return any(typed.get(k) is not None and typed[k] != before.get(k) for k in ("positive", "negative"))
