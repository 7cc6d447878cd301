from __future__ import annotations

import json
from datetime import date

from evidence_builders import days_between, full_tiktok_export, overview

from gonogo.cli import main


def test_json_output_is_one_object_with_the_documented_fields(tmp_path, capsys):
    full_tiktok_export(tmp_path, date(2025, 5, 15), date(2026, 5, 14), date(2026, 5, 16), "nb")
    code = main(["evidence", str(tmp_path), "--format", "json", "--population", "5400000", "--country", "NO"])
    captured = capsys.readouterr()
    assert code == 0
    out = json.loads(captured.out)
    assert out["source"] == "tiktok_studio"
    assert out["period"] == {"start": "2025-05-15", "end": "2026-05-14"}
    assert set(out["followers"]) >= {"latest", "change"}
    assert set(out["views"]) >= {"total", "per_month"}
    assert 0 < out["engagement_rate"] < 1
    assert len(out["daily"]) == 365
    assert out["daily"][0]["date"] == "2025-05-15"
    assert out["top_territories"][0] == {"code": "NO", "share": 0.81}
    followers_per_100 = out["metrics"]["followers_per_100"]
    assert followers_per_100["value"] == round(13_640 / 5_400_000 * 100, 6)
    assert followers_per_100["low"] < followers_per_100["value"] < followers_per_100["high"]
    assert out["metrics"]["home_share"]["value"] == 0.81
    assert "recognised" in captured.err
    assert "TikTok Studio Overview" in captured.err


def test_table_output_says_what_was_recognised_and_summarises(tmp_path, capsys):
    full_tiktok_export(tmp_path, date(2026, 1, 1), date(2026, 1, 31), date(2026, 2, 2))
    assert main(["evidence", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "2026-01-01 to 2026-01-31 (31 days)" in captured.out
    assert "TikTok Studio FollowerHistory" in captured.out


def test_export_date_option_sets_the_year(tmp_path, capsys):
    path = tmp_path / "Overview.csv"
    path.write_bytes(overview(days_between(date(2022, 12, 30), date(2023, 1, 2))))
    assert main(["evidence", str(path), "--format", "json", "--export-date", "2023-01-04"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["period"] == {"start": "2022-12-30", "end": "2023-01-02"}


def test_a_malformed_file_exits_2_with_file_line_and_column(tmp_path, capsys):
    path = tmp_path / "Overview.csv"
    path.write_bytes(b'"Date","Video Views","Profile Views","Likes","Comments","Shares"\n"May 1","x","1","1","1","1"\n')
    assert main(["evidence", str(path), "--export-date", "2026-05-03"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert "Overview.csv, line 2, column Video Views: expected a whole number" in err
    assert "Traceback" not in err


def test_a_missing_path_exits_2(tmp_path, capsys):
    assert main(["evidence", str(tmp_path / "nope.zip")]) == 2
    assert "expected an existing file, zip or folder" in capsys.readouterr().err


def test_a_municipality_must_give_its_population(tmp_path, capsys):
    full_tiktok_export(tmp_path, date(2026, 1, 1), date(2026, 1, 31), date(2026, 2, 2))
    assert main(["evidence", str(tmp_path), "--country", "NO", "--scope", "municipal"]) == 2
    assert "--population" in capsys.readouterr().err


def test_an_unknown_country_code_exits_2(tmp_path, capsys):
    full_tiktok_export(tmp_path, date(2026, 1, 1), date(2026, 1, 31), date(2026, 2, 2))
    assert main(["evidence", str(tmp_path), "--country", "QQ"]) == 2
    assert "unknown country code" in capsys.readouterr().err


def test_a_bad_export_date_is_a_usage_error(tmp_path, capsys):
    import pytest

    with pytest.raises(SystemExit) as caught:
        main(["evidence", str(tmp_path), "--export-date", "15/05/2026"])
    assert caught.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
