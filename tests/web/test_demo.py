"""``gonogo manage demo``: the worked examples, assessed, one approved; running it again changes nothing."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from django.core.management import call_command

from gonogo.web.assessments.models import Account, Assessment
from gonogo.web.audit.models import AuditEntry
from gonogo.web.audit.trail import verify

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_demo_loads_every_example_once_and_approves_politivest(db: None) -> None:
    out = StringIO()
    call_command("demo", examples=str(EXAMPLES), stdout=out)
    assert Account.objects.count() == len(list(EXAMPLES.glob("*.yaml")))
    approved = Assessment.objects.get(status="approved")
    assert approved.account.handle == "politivest"
    assert "Password for all of them" in out.getvalue()
    entries = AuditEntry.objects.count()
    call_command("demo", examples=str(EXAMPLES), stdout=StringIO())
    assert (Assessment.objects.count(), AuditEntry.objects.count()) == (Account.objects.count(), entries)
    assert verify() == []


def test_the_demo_analyses_a_comment_file_for_politivest_once(db: None) -> None:
    from gonogo.web.comments.models import CommentUpload

    out = StringIO()
    call_command("demo", examples=str(EXAMPLES), stdout=out)
    upload = CommentUpload.objects.get()
    assert upload.account.handle == "politivest"
    assert upload.n == 40
    assert upload.summary["flagged"]["self_harm"] >= 1  # the review queue has something to show
    assert "politivest-2023-04.csv: 40 comments analysed" in out.getvalue()
    call_command("demo", examples=str(EXAMPLES), stdout=StringIO())
    assert CommentUpload.objects.count() == 1
