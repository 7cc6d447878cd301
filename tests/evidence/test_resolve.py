from __future__ import annotations

import json
from datetime import date

import pytest
from evidence_builders import days_between, full_tiktok_export
from evidence_builders import overview as build_overview

from gonogo.core.errors import InputError
from gonogo.evidence.importers import ImportFormatError
from gonogo.evidence.resolve import resolve_evidence


def assessment(files, **typed):
    return {"body": {"name": "Vest politidistrikt"}, "evidence": {"files": files, **typed}}


def test_imported_numbers_are_written_as_objects_with_source_file_and_period(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    paths = full_tiktok_export(exports, date(2025, 5, 15), date(2026, 5, 14), date(2026, 5, 16))
    files = [str(p.relative_to(tmp_path)) for p in paths]
    doc = assessment(files)
    out = resolve_evidence(doc, tmp_path)
    followers = out["evidence"]["followers"]
    assert followers["value"] == 13_640
    assert followers["source"] == "tiktok_studio"
    assert followers["file"].startswith("exports/Followers_")
    assert followers["period"] == {"start": "2025-05-15", "end": "2026-05-14"}
    assert out["evidence"]["monthly_views"]["file"].startswith("exports/Overview_")
    assert 0 < out["evidence"]["engagement_rate"]["value"] < 1
    assert doc["evidence"] == {"files": files}, "the input document is left as it was"
    json.dumps(out)


def test_imported_numbers_replace_typed_ones_and_say_so(tmp_path):
    paths = full_tiktok_export(tmp_path, date(2026, 1, 1), date(2026, 1, 30), date(2026, 2, 1))
    out = resolve_evidence(assessment([p.name for p in paths], followers=50_000, reach_note="typed"), tmp_path)
    assert out["evidence"]["followers"]["value"] == 10_290
    assert out["evidence"]["imported"]["replaced"] == [{"field": "followers", "typed": 50_000, "imported": 10_290}]
    assert out["evidence"]["reach_note"] == "typed"


def test_typed_numbers_the_exports_lack_are_kept(tmp_path):
    overview = tmp_path / "Overview.csv"
    overview.write_bytes(build_overview(days_between(date(2026, 1, 1), date(2026, 1, 3))))
    out = resolve_evidence(assessment(["Overview.csv"], followers=4200), tmp_path, export_date=date(2026, 1, 5))
    assert out["evidence"]["followers"] == 4200
    assert out["evidence"]["monthly_views"]["source"] == "tiktok_studio"


def test_a_document_without_files_is_returned_unchanged(tmp_path):
    doc = {"evidence": {"followers": 10}}
    assert resolve_evidence(doc, tmp_path) == doc


def test_a_bad_files_entry_names_the_field(tmp_path):
    with pytest.raises(InputError, match=r"evidence.files"):
        resolve_evidence({"evidence": {"files": "Overview.csv"}}, tmp_path)


def test_a_malformed_export_fails_the_resolution(tmp_path):
    (tmp_path / "Overview.csv").write_text(
        '"Date","Video Views","Profile Views","Likes","Comments","Shares"\n"May 1","?","1","1","1","1"\n'
    )
    with pytest.raises(ImportFormatError, match=r"Overview\.csv, line 2"):
        resolve_evidence(assessment(["Overview.csv"]), tmp_path, export_date=date(2026, 5, 3))
