"""Evidence in the web app: uploading exports on an account, the evidence page, and using it in an assessment."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from web_records import PASSWORD, create_account, upload_exports

from evidence.evidence_builders import (
    days_between,
    follower_history,
    full_tiktok_export,
    meta_daily_series,
    overview,
    tiktok_day,
)
from gonogo.web.assessments import services
from gonogo.web.assessments.models import Assessment
from gonogo.web.audit.models import AuditEntry
from gonogo.web.audit.trail import verify
from gonogo.web.decisions.workflow import decision_record
from gonogo.web.evidence import store
from gonogo.web.evidence.models import StoredFile, Upload
from gonogo.web.evidence.uploads import safe_name

POLITIVEST = Path(__file__).resolve().parents[2] / "examples" / "politivest-2023-04.yaml"
START, END, EXPORTED = dt.date(2025, 5, 15), dt.date(2026, 5, 14), dt.date(2026, 5, 16)


@pytest.fixture
def as_bob(org: Any, client: Client) -> Client:
    client.login(username="bob", password=PASSWORD)
    return client


@pytest.fixture
def account(org: Any) -> Any:
    return create_account(org, handle="politivest")


def _stored_files() -> list[Path]:
    root = store.root() / "files"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _leftovers() -> list[Path]:
    folder = store.incoming()
    return sorted(folder.rglob("*")) if folder.exists() else []


def _post(client: Client, account: Any, paths: list[Path], **fields: Any) -> Any:
    handles = [p.open("rb") for p in paths]
    try:
        return client.post(f"/accounts/{account.pk}/evidence/upload/", {"files": handles, **fields})
    finally:
        for h in handles:
            h.close()


def test_a_tiktok_studio_export_is_stored_with_its_hashes_and_shown_with_its_figures(
    account: Any, as_bob: Client, tmp_path: Path
) -> None:
    zips = full_tiktok_export(tmp_path, START, END, EXPORTED)
    response = _post(as_bob, account, zips)
    assert response.status_code == 302, response.content.decode()[-3000:]
    upload = Upload.objects.get(account=account)
    assert (upload.source, upload.period_start, upload.period_end) == ("tiktok_studio", START, END)
    files = list(upload.files.all())
    assert sorted(f.name for f in files) == sorted(z.name for z in zips)
    for f in files:
        assert store.intact(account.pk, f.sha256)
    assert _leftovers() == []

    page = as_bob.get(response["Location"]).content.decode()
    assert "Imported 4 file(s): TikTok Studio, 2025-05-15 to 2026-05-14." in page
    for f in files:
        assert f.name in page
        assert f.sha256 in page
    latest = 10_000 + 364 * 10
    assert f"{latest:,}" in page  # followers, latest
    assert "Followers per 100 inhabitants" in page
    assert "Share of the audience in Norway" in page
    assert "81.0%" in page
    assert "Compared with other public bodies" in page
    entry = AuditEntry.objects.filter(action="evidence.upload").get()
    assert [f["sha256"] for f in entry.after["files"]] == [f.sha256 for f in files]
    assert verify() == []


def test_a_meta_utf16_daily_series_is_imported(org: Any, as_bob: Client, tmp_path: Path) -> None:
    page_account = create_account(org, handle="oslokommune", platform="facebook")
    rows = [(f"2025-08-{day:02d}", 1000 + day) for day in range(1, 31)]
    views = tmp_path / "Views.csv"
    views.write_bytes(meta_daily_series("Facebook views", rows))
    response = _post(as_bob, page_account, [views])
    assert response.status_code == 302, response.content.decode()[-3000:]
    upload = Upload.objects.get(account=page_account)
    assert upload.source == "meta"
    assert upload.summary["views"]["total"] == sum(v for _d, v in rows)
    page = as_bob.get(response["Location"]).content.decode()
    assert "Meta Business Suite, 2025-08-01 to 2025-08-30" in page


def test_a_malformed_file_changes_nothing_and_the_message_names_file_line_and_column(
    account: Any, as_bob: Client, tmp_path: Path
) -> None:
    days = days_between(dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    good = tmp_path / "FollowerHistory.csv"
    good.write_bytes(follower_history(days))
    bad = tmp_path / "Overview.csv"
    bad.write_bytes(overview(days, values={days[12]: ["n/a?", 1, 2, 3, 4]}))
    audit_before = AuditEntry.objects.count()

    response = _post(as_bob, account, [good, bad], export_date="2026-05-02")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was stored" in page
    assert "Overview.csv, line 14, column Video Views: expected a whole number" in page
    assert str(store.incoming()) not in page  # the person's file name, never a temporary path
    assert Upload.objects.count() == 0
    assert StoredFile.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before
    assert _stored_files() == []
    assert _leftovers() == []


def test_a_file_over_the_size_limit_is_refused_by_name(
    account: Any, as_bob: Client, tmp_path: Path, settings: Any
) -> None:
    settings.EVIDENCE_MAX_UPLOAD_BYTES = 2**20
    big = tmp_path / "Overview.csv"
    big.write_bytes(overview(days_between(dt.date(2026, 1, 1), dt.date(2026, 1, 31))) + b"\r\n" * 2**20)
    assert big.stat().st_size > 2**20
    page = _post(as_bob, account, [big]).content.decode()
    assert "Overview.csv is larger than 1 MB" in page
    assert Upload.objects.count() == 0
    assert _stored_files() == []
    assert _leftovers() == []


def test_the_same_file_uploaded_twice_is_recognised_and_not_duplicated(
    account: Any, as_bob: Client, tmp_path: Path
) -> None:
    zips = full_tiktok_export(tmp_path, START, END, EXPORTED)
    first = _post(as_bob, account, zips[:2])
    second = _post(as_bob, account, zips[:2])
    assert second["Location"] == first["Location"]
    assert "were uploaded already" in as_bob.get(second["Location"]).content.decode()
    assert Upload.objects.count() == 1
    assert StoredFile.objects.count() == 2
    assert len(_stored_files()) == 2

    mixed = _post(as_bob, account, zips[1:3])  # one file already here, one new: say which one to leave out
    assert f"{zips[1].name} is already on this account" in mixed.content.decode()
    assert Upload.objects.count() == 1


def test_exports_of_another_platform_are_refused(org: Any, as_bob: Client, tmp_path: Path) -> None:
    youtube = create_account(org, handle="oslo", platform="youtube")
    zips = full_tiktok_export(tmp_path, START, END, EXPORTED)
    page = _post(as_bob, youtube, zips[:1]).content.decode()
    assert "These are TikTok Studio exports, but this account is on youtube" in page
    assert Upload.objects.count() == 0
    assert _stored_files() == []


def test_deleting_an_upload_removes_its_files_and_is_audited(account: Any, as_bob: Client, tmp_path: Path) -> None:
    zips = full_tiktok_export(tmp_path, START, END, EXPORTED)
    _post(as_bob, account, zips)
    upload = Upload.objects.get()
    response = as_bob.post(f"/evidence/{upload.pk}/delete/")
    assert response.status_code == 302
    assert Upload.objects.count() == 0
    assert StoredFile.objects.count() == 0
    entry = AuditEntry.objects.filter(action="evidence.delete").get()
    assert len(entry.before["files"]) == 4
    assert verify() == []


def test_deleted_files_leave_the_store_once_the_deletion_is_committed(
    account: Any, bob: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    from gonogo.web.evidence.services import delete_upload

    upload = upload_exports(account, bob, full_tiktok_export(tmp_path, START, END, EXPORTED))
    assert len(_stored_files()) == 4
    with django_capture_on_commit_callbacks(execute=True):
        delete_upload(upload, bob)
    assert _stored_files() == []


def _points(page: str, slug: str) -> tuple[int, int]:
    """(points on the chart's lines, bars) of the chart ``slug`` on a page."""
    figure = re.search(rf'<figure class="chart" id="chart-{slug}">(.*?)</figure>', page, re.S)
    assert figure, f"no chart {slug}"
    svg = figure.group(1).split("</svg>")[0]
    lines = re.findall(r'<polyline class="series" points="([^"]*)"', svg)
    return sum(len(line.split()) for line in lines), svg.count('<rect class="bar"')


def test_the_charts_draw_one_point_per_day_with_a_figure(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path
) -> None:
    days = days_between(dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    gap = days[10]
    (tmp_path / "Overview.csv").write_bytes(overview(days, values={gap: ["undefined", 1, 2, 3, 4]}))
    (tmp_path / "FollowerHistory.csv").write_bytes(follower_history(days))
    upload = upload_exports(
        account, bob, [tmp_path / "Overview.csv", tmp_path / "FollowerHistory.csv"], dt.date(2026, 5, 2)
    )
    page = as_bob.get(f"/evidence/{upload.pk}/").content.decode()
    assert _points(page, "followers") == (30, 0)
    assert _points(page, "views") == (0, 29)  # the day marked "undefined" has no bar, not a zero
    assert _points(page, "engagement") == (29, 0)
    for slug in ("followers", "views", "engagement"):
        assert f'aria-labelledby="chart-{slug}-title chart-{slug}-desc"' in page
        assert f'<title id="chart-{slug}-title">' in page
        assert f'<desc id="chart-{slug}-desc">' in page
    # Each chart has its figures as a table: one row per day.
    tables = re.findall(r"<details>.*?</details>", page, re.S)
    assert len(tables) == 3
    assert all(t.count('<th scope="row">') == 30 for t in tables)


def test_the_charts_use_plain_coordinates_in_bokmal_too(account: Any, bob: Any, client: Client, tmp_path: Path) -> None:
    days = days_between(dt.date(2026, 4, 1), dt.date(2026, 4, 7))
    (tmp_path / "Overview.csv").write_bytes(overview(days))
    upload = upload_exports(account, bob, [tmp_path / "Overview.csv"], dt.date(2026, 5, 2))
    client.login(username="bob", password=PASSWORD)
    page = client.get(f"/evidence/{upload.pk}/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Visninger per dag" in page
    for value in re.findall(r'<rect class="bar" x="([^"]*)" y="([^"]*)"', page):
        assert "," not in "".join(value)


def test_a_viewer_sees_the_evidence_but_no_upload_or_delete_controls(
    org: Any, account: Any, bob: Any, client: Client, tmp_path: Path
) -> None:
    from web_records import add_member, create_user

    upload_exports(account, bob, full_tiktok_export(tmp_path, START, END, EXPORTED))
    viewer = create_user("vera")
    add_member(viewer, org, "viewer")
    client.login(username="vera", password=PASSWORD)
    page = client.get(f"/accounts/{account.pk}/evidence/").content.decode()
    assert "Followers over time" in page
    assert "Upload and import" not in page
    assert "/delete/" not in page


def _assessment_with_uploads(account: Any, bob: Any, client: Client, uploads: list[Upload]) -> Assessment:
    document = yaml.safe_load(POLITIVEST.read_text()) | {"date": "2026-05-20"}
    item = services.start_assessment(account, bob)
    services.save_document(item, document, bob, "test")
    typed = {k: v for k, v in document["evidence"].items() if k in ("followers", "monthly_views", "engagement_rate")}
    form_data: dict[str, Any] = {"uploads": [str(u.pk) for u in uploads], "other_channels_reach": 0.2, **typed}
    response = client.post(f"/assessments/{item.pk}/steps/evidence/", form_data)
    assert response.status_code == 302, response.content.decode()[-4000:]
    item.refresh_from_db()
    return item


def test_uploads_chosen_in_the_evidence_step_count_as_imported_in_the_result(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path
) -> None:
    upload = upload_exports(account, bob, full_tiktok_export(tmp_path, START, END, EXPORTED))
    step = as_bob.get(f"/assessments/{services.start_assessment(account, bob).pk}/steps/evidence/").content.decode()
    assert "Use these uploaded exports" in step
    assert "TikTok Studio, 2025-05-15 to 2026-05-14" in step
    Assessment.objects.all().delete()

    item = _assessment_with_uploads(account, bob, as_bob, [upload])
    evidence = item.document["evidence"]
    followers = evidence["followers"]
    assert followers["value"] == 10_000 + 364 * 10
    assert followers["source"] == "tiktok_studio"
    assert followers["file"].startswith("Followers_")
    assert followers["period"] == {"start": "2025-05-15", "end": "2026-05-14"}
    assert {f["sha256"] for f in evidence["imported"]["files"]} == {f.sha256 for f in upload.files.all()}
    assert evidence["imported"]["uploads"] == [upload.pk]
    assert {r["field"] for r in evidence["imported"]["replaced"]} == {"followers", "monthly_views", "engagement_rate"}

    assert as_bob.post(f"/assessments/{item.pk}/evaluate/").status_code == 302
    result = item.latest_result()
    assert result is not None
    reach = next(b for b in result.data["benefits"] if b["criterion"] == "reach")
    assert reach["basis"] == "imported"
    assert reach["file"] == followers["file"]
    page = as_bob.get(f"/assessments/{item.pk}/result/").content.decode()
    assert f"imported from {followers['file']} (tiktok_studio), 2025-05-15 to 2026-05-14" in page


def test_the_decision_record_keeps_file_hash_and_period_after_the_upload_is_deleted(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path
) -> None:
    upload = upload_exports(account, bob, full_tiktok_export(tmp_path, START, END, EXPORTED))
    hashes = {f.name: f.sha256 for f in upload.files.all()}
    item = _assessment_with_uploads(account, bob, as_bob, [upload])
    as_bob.post(f"/evidence/{upload.pk}/delete/")
    assert Upload.objects.count() == 0

    record = decision_record(Assessment.objects.get(pk=item.pk))
    imported = record["document"]["evidence"]["imported"]  # type: ignore[index]
    assert {f["file"]: f["sha256"] for f in imported["files"]} == hashes
    assert imported["period"] == {"start": "2025-05-15", "end": "2026-05-14"}
    # Saving the step again keeps the imported figures: the uploads are gone, not unticked.
    step = as_bob.post(f"/assessments/{item.pk}/steps/evidence/", {"followers": 13640, "other_channels_reach": 0.2})
    assert step.status_code == 302
    item.refresh_from_db()
    assert item.document["evidence"]["followers"]["source"] == "tiktok_studio"


def test_an_approved_decision_on_uploaded_evidence_stays_verifiable_after_the_upload_is_deleted(
    org: Any, account: Any, bob: Any, as_bob: Client, tmp_path: Path
) -> None:
    from web_records import add_member, create_user

    from gonogo.web.assessments.engine import evaluate_document
    from gonogo.web.decisions import workflow
    from gonogo.web.decisions.models import ATTESTATIONS

    upload = upload_exports(account, bob, full_tiktok_export(tmp_path, START, END, EXPORTED))
    item = _assessment_with_uploads(account, bob, as_bob, [upload])
    services.store_result(item, *evaluate_document(item.document), bob)
    workflow.submit(item, bob)
    for role in ("reviewer", "dpo"):
        member = add_member(create_user(f"erin-{role}"), org, role)
        workflow.give_opinion(item, member, "support", "Checked the figures against the export.")
    item.actions.update(owner="Kari (comms)", due=dt.date(2026, 12, 31))
    approver = create_user("per")
    add_member(approver, org, "approver")
    workflow.sign(item, approver, decision="approve", attestations=[key for key, _text in ATTESTATIONS])

    hashes = sorted(f.sha256 for f in upload.files.all())
    as_bob.post(f"/evidence/{upload.pk}/delete/")
    sealed = Assessment.objects.get(pk=item.pk)
    assert Upload.objects.count() == 0
    assert workflow.verify_seal(sealed)
    files = workflow.decision_record(sealed)["document"]["evidence"]["imported"]["files"]  # type: ignore[index]
    assert sorted(f["sha256"] for f in files) == hashes
    assert {f["file"] for f in files} == {z.name for z in tmp_path.glob("*.zip")}


def test_unticking_an_upload_makes_its_figures_typed_numbers_again(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path
) -> None:
    upload = upload_exports(account, bob, full_tiktok_export(tmp_path, START, END, EXPORTED))
    item = _assessment_with_uploads(account, bob, as_bob, [upload])
    followers = item.document["evidence"]["followers"]["value"]
    as_bob.post(f"/assessments/{item.pk}/steps/evidence/", {"followers": followers, "other_channels_reach": 0.2})
    item.refresh_from_db()
    assert item.document["evidence"]["followers"] == followers
    assert "imported" not in item.document["evidence"]


def test_a_missing_stored_copy_is_named_in_the_evidence_step(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path
) -> None:
    upload = upload_exports(account, bob, full_tiktok_export(tmp_path, START, END, EXPORTED))
    lost = upload.files.first()
    store.remove(account.pk, lost.sha256)
    item = services.start_assessment(account, bob)
    response = as_bob.post(f"/assessments/{item.pk}/steps/evidence/", {"uploads": [str(upload.pk)]})
    assert response.status_code == 200
    assert f"The stored copy of {lost.name} is missing or altered" in response.content.decode()


def test_the_api_lists_an_accounts_uploads_with_their_metrics(
    account: Any, bob: Any, client: Client, tmp_path: Path
) -> None:
    from gonogo.web.api.models import ApiToken

    upload = upload_exports(account, bob, full_tiktok_export(tmp_path, START, END, EXPORTED))
    _row, token = ApiToken.issue(bob, "test")
    body = client.get(f"/api/accounts/{account.pk}/evidence/", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    [item] = body["items"]
    assert item["id"] == upload.pk
    assert item["source"] == "tiktok_studio"
    assert item["period"] == {"start": "2025-05-15", "end": "2026-05-14"}
    assert {f["sha256"] for f in item["files"]} == {f.sha256 for f in upload.files.all()}
    assert item["metrics"]["followers"]["latest"] == 13_640
    assert item["metrics"]["metrics"]["followers_per_100"]["basis"] == "imported"
    one = client.get(f"/api/evidence/{upload.pk}/", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert len(one["daily"]) == 365


def test_uploads_stream_to_the_var_directory_where_they_are_stored() -> None:
    from gonogo.web import settings as configured

    assert configured.EVIDENCE_DIR == configured.VAR_DIR / "evidence"
    assert store.incoming().parent == store.root()  # same file system: storing is a rename


@given(st.text(max_size=300))
def test_a_stored_file_name_is_always_one_safe_path_component(name: str) -> None:
    safe = safe_name(name)
    assert safe
    assert "/" not in safe
    assert "\\" not in safe
    assert not safe.startswith(".")
    assert len(safe) <= 200
    assert "\x00" not in safe


def test_tiktok_dates_without_a_year_take_it_from_the_export_date_given(
    account: Any, as_bob: Client, tmp_path: Path
) -> None:
    days = days_between(dt.date(2025, 12, 20), dt.date(2026, 1, 10))
    path = tmp_path / "FollowerHistory.csv"
    path.write_bytes(follower_history(days))
    response = _post(as_bob, account, [path], export_date="2026-01-12")
    assert response.status_code == 302, response.content.decode()[-3000:]
    upload = Upload.objects.get()
    assert (upload.period_start, upload.period_end) == (dt.date(2025, 12, 20), dt.date(2026, 1, 10))
    assert upload.export_date_given == dt.date(2026, 1, 12)
    assert tiktok_day(days[0]) == "Dec 20"  # the file itself has no year


def test_the_size_limit_defaults_to_100_mb() -> None:
    assert settings.EVIDENCE_MAX_UPLOAD_BYTES == 100 * 2**20


def _plays_csv(tmp_path: Path) -> Path:
    path = tmp_path / "dashboard.csv"
    lines = ["Dag;Avspillinger;Liker".replace(";", ",")]
    lines += [f"{day:02d}.04.2026,{100 * day},{day}" for day in range(1, 31)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_csv_from_another_tool_is_imported_with_the_columns_the_person_names(
    account: Any, bob: Any, as_bob: Client, tmp_path: Path
) -> None:
    columns = "date=Dag,views=Avspillinger,likes=Liker,date_format=%d.%m.%Y"
    response = _post(as_bob, account, [_plays_csv(tmp_path)], columns=columns)
    assert response.status_code == 302, response.content.decode()[-3000:]
    upload = Upload.objects.get(account=account)
    assert upload.source == "generic"
    assert upload.summary["views"]["total"] == sum(100 * day for day in range(1, 31))
    assert upload.summary["period"] == {"start": "2026-04-01", "end": "2026-04-30"}
    assert upload.summary["mapping"] == columns
    assert AuditEntry.objects.filter(action="evidence.upload").latest("pk").after["columns"] == columns

    # chosen in an assessment, the stored file is read again with the same columns
    item = _assessment_with_uploads(account, bob, as_bob, [upload])
    assert item.document["evidence"]["monthly_views"]["source"] == "generic"


def test_a_csv_from_another_tool_without_columns_is_refused_and_says_to_name_them(
    account: Any, as_bob: Client, tmp_path: Path
) -> None:
    response = _post(as_bob, account, [_plays_csv(tmp_path)])
    assert response.status_code == 200
    page = response.content.decode()
    assert "dashboard.csv, line 1: expected a known export" in page
    assert "write which columns hold the date and the figures" in page
    assert Upload.objects.count() == 0


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ("views=Avspillinger", "map the date column"),
        ("date=Dag,plays=Avspillinger", "unknown field"),
        ("date=Dag,views=Visninger", "a column named &#x27;Visninger&#x27;"),
    ],
)
def test_wrong_columns_change_nothing_and_say_what_to_write(
    account: Any, as_bob: Client, tmp_path: Path, columns: str, message: str
) -> None:
    response = _post(as_bob, account, [_plays_csv(tmp_path)], columns=columns)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Upload.objects.count() == 0
    assert _stored_files() == []


def test_the_columns_field_is_explained_in_bokmal_with_the_fields_one_can_map() -> None:
    from django.utils import translation

    from gonogo.web.evidence.forms import UploadForm

    with translation.override("nb"):
        html = str(UploadForm()["columns"].help_text)
    assert html.startswith("Bare for en CSV-fil som ikke er en eksport")
    assert "date_format=%d.%m.%Y" in html
    assert "Felt du kan bruke: date, " in html


@pytest.mark.parametrize(
    ("language", "files", "fields", "line"),
    [
        ("en", False, {}, "Export files or zips: Choose at least one export file or zip."),
        ("nb", False, {}, "Eksportfiler eller zip-filer: Velg minst én eksportfil eller zip-fil."),
        ("en", True, {"export_date": "31.02.2026"}, "Export date (optional): Enter a valid date."),
        ("nb", True, {"export_date": "31.02.2026"}, "Eksportdato (valgfritt): Oppgi en gyldig dato."),
        ("en", True, {"columns": "views=Avspillinger"}, "Columns of another CSV file (optional): "),
    ],
)
def test_a_refused_upload_names_the_field_of_each_error(
    account: Any, as_bob: Client, tmp_path: Path, language: str, files: bool, fields: dict[str, str], line: str
) -> None:
    as_bob.post("/i18n/setlang/", {"language": language, "next": "/"})
    response = _post(as_bob, account, [_plays_csv(tmp_path)] if files else [], **fields)
    assert response.status_code == 200
    assert line in response.content.decode()
    assert Upload.objects.count() == 0


@pytest.mark.parametrize(("language", "share"), [("en", "81.0%"), ("nb", "81,0\u00a0%")])
def test_the_evidence_page_writes_percentages_as_the_language_does(
    account: Any, as_bob: Client, tmp_path: Path, language: str, share: str
) -> None:
    response = _post(as_bob, account, full_tiktok_export(tmp_path, START, END, EXPORTED))
    as_bob.post("/i18n/setlang/", {"language": language, "next": "/"})
    page = as_bob.get(response["Location"]).content.decode()
    assert share in page
    body = page.split("<body", 1)[1]
    assert re.findall(r"\d%" if language == "nb" else r"\d[ \u00a0]%", body) == []
