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


def test_the_demo_accounts_list_the_safeguards_their_assessment_says_are_in_place(db: None) -> None:
    import datetime as dt

    import yaml

    call_command("demo", examples=str(EXAMPLES), stdout=StringIO())
    document = yaml.safe_load((EXAMPLES / "politivest-2023-04.yaml").read_text(encoding="utf-8"))
    account = Account.objects.get(handle="politivest")
    assert sorted(s.safeguard for s in account.safeguards.all()) == sorted(document["safeguards"])
    assert {s.in_place_since for s in account.safeguards.all()} == {dt.date(2023, 4, 15)}
    assert AuditEntry.objects.filter(action="safeguard.set").count() >= len(document["safeguards"])


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


def test_the_demo_imports_the_politivest_analytics_export_once_and_shows_its_figures(db: None, client) -> None:
    from gonogo.web.evidence.models import Upload

    out = StringIO()
    call_command("demo", examples=str(EXAMPLES), stdout=out)
    upload = Upload.objects.get()
    assert upload.account.handle == "politivest"
    assert upload.source == "tiktok_studio"
    assert (upload.period_start.isoformat(), upload.period_end.isoformat()) == ("2023-01-14", "2023-04-14")
    assert upload.summary["followers"]["latest"] == 823_000  # as the worked example says
    assert 3_800_000 < upload.summary["views"]["per_month"] < 4_200_000
    assert "politivest-2023-04: 7 analytics export files imported" in out.getvalue()
    call_command("demo", examples=str(EXAMPLES), stdout=StringIO())
    assert Upload.objects.count() == 1

    client.force_login(upload.account.organisation.memberships.get(role="editor").user)
    page = client.get(f"/accounts/{upload.account.pk}/evidence/").content.decode()
    assert "823,000" in page or "823 000" in page
    assert "<svg" in page  # followers over time, views per day
