from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from evidence_builders import (
    days_between,
    follower_history,
    full_tiktok_export,
    overview,
    quoted_csv,
    territories,
    tiktok_day,
    tiktok_zip,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from gonogo.core.errors import InputError
from gonogo.evidence.importers import ImportFormatError, import_evidence


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_full_export_of_four_zips_is_summarised(tmp_path):
    paths = full_tiktok_export(tmp_path, date(2025, 5, 15), date(2026, 5, 14), date(2026, 5, 16))
    ev = import_evidence(paths)
    assert ev.source == "tiktok_studio"
    assert (ev.period.start, ev.period.end) == (date(2025, 5, 15), date(2026, 5, 14))
    assert ev.export_date == date(2026, 5, 16)
    assert len(ev.daily) == 365
    assert ev.followers.latest == 10_000 + 364 * 10
    assert ev.followers.change == 364 * 10
    assert ev.views.total == sum(1000 + i for i in range(365))
    assert ev.top_territories[0].code == "NO"
    assert ev.top_territories[0].share == pytest.approx(0.81)
    assert {f.name for f in ev.files} == {str(p) for p in paths}
    assert all(len(f.sha256) == 64 for f in ev.files)
    assert len(ev.post_dates) == 15


@pytest.mark.parametrize("language", ["en", "nb", "de", "vi"])
def test_dates_in_the_interface_language_are_read(tmp_path, language):
    days = days_between(date(2026, 1, 1), date(2026, 12, 31))
    path = write(tmp_path, "Overview.csv", overview(days, language))
    ev = import_evidence([path], export_date=date(2027, 1, 2))
    assert [d.date for d in ev.daily] == days


@pytest.mark.parametrize(
    ("shown", "month", "day"),
    [
        ("May 15", 5, 15),
        ("15. mai", 5, 15),
        ("15. Mai", 5, 15),
        ("18 tháng Sáu", 6, 18),
        ("18 tháng 6", 6, 18),
        ("3 tháng Mười Một", 11, 3),
        ("1. März", 3, 1),
        ("Sept 9", 9, 9),
        ("9. des.", 12, 9),
    ],
)
def test_each_localised_spelling_gives_its_month_and_day(shown, month, day):
    from gonogo.evidence.importers.dates import parse_month_day

    assert parse_month_day(shown, "f.csv", 2, "Date") == (month, day)


def test_december_rolls_over_into_january_of_the_next_year(tmp_path):
    days = days_between(date(2025, 12, 20), date(2026, 1, 10))
    path = write(tmp_path, "Overview.csv", overview(days))
    ev = import_evidence([path], export_date=date(2026, 1, 12))
    assert ev.period.start == date(2025, 12, 20)
    assert ev.period.end == date(2026, 1, 10)
    assert [d.date for d in ev.daily] == days


def test_a_full_year_starting_on_the_export_day_of_the_previous_year_is_placed_in_that_year(tmp_path):
    # May 15 -> May 14, exported May 16: the first "May 15" is last year's, not this year's.
    days = days_between(date(2025, 5, 15), date(2026, 5, 14))
    ev = import_evidence([write(tmp_path, "Overview.csv", overview(days))], export_date=date(2026, 5, 16))
    assert ev.period.start == date(2025, 5, 15)


def test_the_export_date_defaults_to_the_timestamp_in_the_zip_name(tmp_path):
    days = days_between(date(2024, 12, 1), date(2024, 12, 31))
    path = tiktok_zip(tmp_path, "Overview", {"Overview.csv": overview(days)}, date(2025, 1, 2))
    ev = import_evidence([path])
    assert ev.period.end == date(2024, 12, 31)
    assert ev.export_date == date(2025, 1, 2)


def test_the_export_date_falls_back_to_the_files_modification_date(tmp_path):
    import os
    from datetime import UTC, datetime

    days = days_between(date(2023, 3, 1), date(2023, 3, 10))
    path = write(tmp_path, "Overview.csv", overview(days))
    stamp = datetime(2023, 3, 12, 12, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    assert import_evidence([path]).period.start == date(2023, 3, 1)


def test_undefined_is_read_as_missing_not_zero(tmp_path):
    days = days_between(date(2026, 3, 1), date(2026, 3, 3))
    data = overview(days, values={days[1]: ["undefined", "undefined", "undefined", "undefined", "undefined"]})
    ev = import_evidence([write(tmp_path, "Overview.csv", data)], export_date=date(2026, 3, 5))
    assert ev.daily[1].views is None
    assert ev.daily[1].likes is None
    assert ev.views.total == ev.daily[0].views + ev.daily[2].views
    assert ev.as_dict()["daily"][1]["views"] is None


def test_negative_comment_counts_are_kept(tmp_path):
    days = days_between(date(2026, 3, 1), date(2026, 3, 2))
    data = overview(days, values={days[0]: [100, 1, 10, -3, 2], days[1]: [100, 1, 10, 1, 0]})
    ev = import_evidence([write(tmp_path, "Overview.csv", data)], export_date=date(2026, 3, 5))
    assert ev.daily[0].comments == -3
    assert ev.engagement_rate == pytest.approx((10 - 3 + 2 + 10 + 1 + 0) / 200)


def test_follower_change_is_recomputed_from_the_follower_counts(tmp_path):
    days = days_between(date(2026, 3, 1), date(2026, 3, 4))
    data = follower_history(days, start=500, per_day=7)
    ev = import_evidence([write(tmp_path, "FollowerHistory.csv", data)], export_date=date(2026, 3, 6))
    assert [d.followers_change for d in ev.daily] == [None, 7, 7, 7]
    assert ev.followers.latest == 521
    assert ev.followers.change == 21


def test_engagement_rate_is_likes_comments_and_shares_over_views(tmp_path):
    days = days_between(date(2026, 3, 1), date(2026, 3, 2))
    data = overview(days, values={days[0]: [1000, 5, 30, 10, 10], days[1]: [3000, 5, 70, 20, 10]})
    ev = import_evidence([write(tmp_path, "Overview.csv", data)], export_date=date(2026, 3, 5))
    assert ev.engagement_rate == pytest.approx(150 / 4000)
    assert ev.views.per_month == pytest.approx(2000 * 365.25 / 12, abs=0.1)


def test_unquoted_files_without_a_bom_are_read_as_well(tmp_path):
    text = "Date,Followers,Difference in followers from previous day\nMay 1,10,1\nMay 2,11,0\n"
    ev = import_evidence([write(tmp_path, "FollowerHistory.csv", text.encode())], export_date=date(2026, 5, 4))
    assert ev.followers.latest == 11


def test_a_bad_number_names_the_file_line_and_column(tmp_path):
    days = days_between(date(2026, 3, 1), date(2026, 3, 3))
    data = overview(days, values={days[2]: [100, 1, "lots", 1, 0]})
    path = write(tmp_path, "Overview.csv", data)
    with pytest.raises(ImportFormatError) as caught:
        import_evidence([path], export_date=date(2026, 3, 5))
    message = str(caught.value)
    assert str(path) in message
    assert "line 4" in message
    assert "column Likes" in message
    assert "whole number" in message
    assert isinstance(caught.value, InputError)


def test_a_date_that_is_no_date_names_what_was_expected(tmp_path):
    data = quoted_csv([["Date", "Followers"], ["Smarch 3", 10]])
    with pytest.raises(ImportFormatError, match=r"line 2, column Date: expected a day and month"):
        import_evidence([write(tmp_path, "FollowerHistory.csv", data)], export_date=date(2026, 3, 5))


def test_one_bad_file_among_good_ones_fails_the_whole_import(tmp_path):
    paths = full_tiktok_export(tmp_path, date(2026, 1, 1), date(2026, 1, 31), date(2026, 2, 2))
    bad = write(tmp_path, "FollowerTopTerritories.csv", territories([("NO", 170)]))
    with pytest.raises(ImportFormatError, match="share between 0 and 1"):
        import_evidence([*paths, bad])


def test_an_unknown_csv_is_refused_with_the_known_formats(tmp_path):
    path = write(tmp_path, "notes.csv", b"a,b\n1,2\n")
    with pytest.raises(ImportFormatError, match="expected a known export"):
        import_evidence([path])


def test_a_broken_zip_is_refused(tmp_path):
    path = write(tmp_path, "Overview_2026_1747400000_x.zip", b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFormatError, match="zip"):
        import_evidence([path])


def test_a_folder_of_zips_is_imported(tmp_path):
    full_tiktok_export(tmp_path, date(2026, 1, 1), date(2026, 1, 31), date(2026, 2, 2))
    ev = import_evidence([tmp_path])
    assert len(ev.files) == 4
    assert ev.period.days == 31


def test_territory_codes_and_shares_are_read_and_sorted(tmp_path):
    days = days_between(date(2026, 3, 1), date(2026, 3, 2))
    ov = write(tmp_path, "Overview.csv", overview(days))
    terr = write(tmp_path, "FollowerTopTerritories.csv", territories([("se", 0.1), ("NO", 0.8), ("Others", 0.1)]))
    ev = import_evidence([ov, terr], export_date=date(2026, 3, 5))
    assert [(t.code, t.share) for t in ev.top_territories] == [("NO", 0.8), ("Others", 0.1), ("SE", 0.1)]


def test_hourly_follower_activity_repeats_dates_without_moving_the_year(tmp_path):
    from evidence_builders import activity

    data = activity(date(2026, 1, 3))
    ov = write(tmp_path, "Overview.csv", overview(days_between(date(2025, 12, 28), date(2026, 1, 3))))
    act = write(tmp_path, "FollowerActivity.csv", data)
    ev = import_evidence([ov, act], export_date=date(2026, 1, 5))
    assert ev.period.start == date(2025, 12, 28)


def test_29_february_is_placed_in_a_leap_year(tmp_path):
    days = days_between(date(2024, 2, 27), date(2024, 3, 2))
    ev = import_evidence([write(tmp_path, "Overview.csv", overview(days))], export_date=date(2024, 3, 4))
    assert date(2024, 2, 29) in [d.date for d in ev.daily]


def test_tiktok_day_helper_matches_the_interface():
    assert tiktok_day(date(2026, 6, 18), "vi") == "18 tháng Sáu"
    assert tiktok_day(date(2026, 5, 15), "nb") == "15. mai"
    assert tiktok_day(date(2026, 5, 15) + timedelta(days=0), "de") == "15. Mai"


@settings(max_examples=60, deadline=None)
@given(
    end=st.dates(min_value=date(2001, 1, 1), max_value=date(2090, 12, 31)),
    length=st.integers(1, 365),
    lag=st.integers(0, 3),
    language=st.sampled_from(["en", "nb", "de", "vi"]),
)
def test_any_period_of_up_to_a_year_gets_its_years_back(end, length, lag, language):
    from gonogo.evidence.importers import parse_member
    from gonogo.evidence.importers.inputs import Member

    days = days_between(end - timedelta(days=length - 1), end)
    data = overview(days, language)
    member = Member("Overview.csv", "Overview.csv", "Overview.csv", lambda: io.BytesIO(data), end, None)
    partial = parse_member(member, end + timedelta(days=lag))
    assert sorted(partial.days) == days
