"""The guided assessment's evidence step offers the account's uploads; choosing them fills the evidence.

The figures are written the way ``resolve_evidence`` writes them from files (value, source, file, period), so
the engine treats them as imported, and ``evidence.imported`` keeps each file's name and SHA-256 and the
period, so a decision stays verifiable after the upload is deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonogo.web.assessments.models import Account
from gonogo.web.evidence.models import Upload
from gonogo.web.evidence.services import fill_from_uploads

TYPED = ("followers", "monthly_views", "engagement_rate")


def _label(upload: Upload) -> str:
    names = ", ".join(f.name for f in upload.files.all())
    return _("%(source)s, %(start)s to %(end)s: %(files)s (uploaded %(date)s)") % {
        "source": upload.source_label,
        "start": upload.period_start.isoformat(),
        "end": upload.period_end.isoformat(),
        "files": names,
        "date": upload.uploaded_at.date().isoformat(),
    }


def uploads_field(account: Account) -> forms.MultipleChoiceField | None:
    """A choice of the account's uploads, or None when it has none."""
    uploads = list(account.evidence_uploads.prefetch_related("files"))
    if not uploads:
        return None
    return forms.MultipleChoiceField(
        label=gettext_lazy("Use these uploaded exports"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(str(u.pk), _label(u)) for u in uploads],
        help_text=gettext_lazy(
            "Their followers, views per month and engagement rate replace the numbers below and count as "
            "imported evidence. Choose exports of one platform; choose none to type the numbers yourself."
        ),
    )


def chosen_uploads(doc: dict[str, Any]) -> list[str]:
    imported = (doc.get("evidence") or {}).get("imported") or {}
    return [str(pk) for pk in imported.get("uploads") or []]


def choose(account: Account, chosen: Sequence[str], before: Sequence[str], typed: dict[str, Any]) -> Any:
    """What the step stores for the chosen uploads.

    Returns the evidence section filled from the uploads; ``False`` when the person unticked uploads that
    still exist (their figures become typed numbers again); None to keep the document's evidence as it is
    (nothing chosen before, or the uploads chosen before were deleted since). Raises ``UploadRefused``.
    """
    if chosen:
        rows = {str(u.pk): u for u in account.evidence_uploads.filter(pk__in=[int(c) for c in chosen])}
        uploads = [rows[c] for c in chosen if c in rows]
        evidence = {k: typed[k] for k in TYPED if typed.get(k) is not None}
        fill_from_uploads(evidence, uploads)
        imported = evidence["imported"]
        imported["replaced"] = [r for r in imported["replaced"] if r["typed"] != r["imported"]]
        return evidence
    if before and account.evidence_uploads.filter(pk__in=[int(b) for b in before]).exists():
        return False
    return None
