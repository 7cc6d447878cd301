from __future__ import annotations

import zipfile
from datetime import date

import pytest

from gonogo.evidence.importers import EvidenceError, ImportFormatError, import_evidence

TABLE = (
    "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,"
    "Estimated revenue (USD),Impressions,Impressions click-through rate (%)\n"
    "Total,,,,12000,300.5,40,0,90000,4.1\n"
    'abc123,Trafikk,"May 20, 2025",61,8000,200.1,30,0,50000,5.0\n'
    'def456,Vinter,"Jan 3, 2026",45,4000,100.4,10,0,40000,3.2\n'
)
CHART = (
    "Date,Content,Video title,Video publish time,Duration,Views\n"
    '2026-01-03,abc123,Trafikk,"May 20, 2025",61,100\n'
    '2026-01-03,def456,Vinter,"Jan 3, 2026",45,900\n'
    '2026-01-04,abc123,Trafikk,"May 20, 2025",61,50\n'
)
TOTALS = "Date,Views\n2026-01-03,1000\n2026-01-04,50\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_youtube_studio_zip_is_read_with_its_total_row(tmp_path):
    path = tmp_path / "Content 2026-01-03_2026-01-04 Politiet.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("Table data.csv", TABLE)
        z.writestr("Chart data.csv", CHART)
        z.writestr("Totals.csv", TOTALS)
    ev = import_evidence([path])
    assert ev.source == "youtube"
    assert (ev.period.start, ev.period.end) == (date(2026, 1, 3), date(2026, 1, 4))
    assert [d.views for d in ev.daily] == [1000, 50]
    assert ev.post_dates == (date(2025, 5, 20), date(2026, 1, 3))


def test_table_data_alone_uses_the_total_row_and_the_dates_in_the_export_name(tmp_path):
    folder = tmp_path / "Content 2025-06-01_2026-05-31 Politiet"
    folder.mkdir()
    write(folder, "Table data.csv", TABLE)
    ev = import_evidence([folder])
    assert ev.views.total == 12000
    assert ev.followers.change == 40
    assert ev.period.days == 365


def test_table_data_without_any_dates_asks_for_totals(tmp_path):
    with pytest.raises(EvidenceError, match=r"add Totals.csv or Chart data.csv"):
        import_evidence([write(tmp_path, "Table data.csv", TABLE)])


def test_table_data_without_a_total_row_is_refused(tmp_path):
    text = "\n".join(line for line in TABLE.splitlines() if not line.startswith("Total")) + "\n"
    with pytest.raises(ImportFormatError, match=r"line 2, column Content: expected a first data row 'Total'"):
        import_evidence([write(tmp_path, "Table data.csv", text)])


LEGACY = (
    '"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate",'
    '"retweets","replies","favorites","user profile clicks","url clicks","hashtag clicks","detail expands",'
    '"permalink clicks","app opens","app installs","follows","email tweet","dial phone","media views",'
    '"media engagements"\n'
    '"1","https://x.com/p/1","Hei","2026-06-20 09:00 +0000","1,200","30","0.025","4","2","20","1","0","0",'
    '"3","0","0","0","1","0","0","0","0"\n'
    '"2","https://x.com/p/2","Hallo","2026-06-21 10:00 +0000","800","10","0.0125","1","1","5","0","0","0",'
    '"1","0","0","0","0","0","0","0","0"\n'
)
OVERVIEW = (
    '"Date","Impressions","Likes","Engagements","Bookmarks","Shares","New follows","Unfollows","Replies",'
    '"Reposts","Profile visits","Create Post","Video views","Media views"\n'
    '"Sat, Sep 12, 2026","1,500","30","60","2","1","5","2","3","4","7","1","0","0"\n'
    '"Sun, Sep 13, 2026","500","10","20","0","0","1","0","1","0","2","0","0","0"\n'
)
CONTENT = (
    "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Replies,"
    "Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,Permalink Clicks\n"
    '9,"Sat, Sep 12, 2026",Hei,https://x.com/p/9,"2,000",40,80,1,2,3,4,5,6,7,8,9,10\n'
)


def test_the_legacy_x_export_with_favorites_and_thousands_separators_is_read(tmp_path):
    ev = import_evidence([write(tmp_path, "tweet_activity_metrics_politiet_20260601_20260630_en.csv", LEGACY)])
    assert ev.source == "x"
    assert [d.views for d in ev.daily] == [1200, 800]
    assert ev.daily[0].likes == 20
    assert ev.daily[0].shares == 4
    assert ev.engagement_rate == pytest.approx((20 + 2 + 4 + 5 + 1 + 1) / 2000)
    assert ev.followers.change == 1


def test_the_current_x_account_overview_is_read(tmp_path):
    ev = import_evidence([write(tmp_path, "account_overview_analytics.csv", OVERVIEW)])
    assert ev.period.start == date(2026, 9, 12)
    assert ev.views.total == 2000
    assert ev.followers.change == 5 - 2 + 1
    assert ev.daily[0].shares == 5
    assert ev.daily[0].posts == 1


def test_the_current_x_content_export_is_read(tmp_path):
    ev = import_evidence([write(tmp_path, "account_analytics_content_2026-09-01_2026-09-30.csv", CONTENT)])
    assert ev.daily[0].views == 2000
    assert ev.daily[0].shares == 2 + 5
    assert ev.daily[0].comments == 4


def test_a_malformed_x_date_names_the_line(tmp_path):
    text = OVERVIEW.replace("Sun, Sep 13, 2026", "Sunday the 13th")
    with pytest.raises(ImportFormatError, match=r"line 3, column Date: expected a date"):
        import_evidence([write(tmp_path, "account_overview_analytics.csv", text)])
