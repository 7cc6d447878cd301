from __future__ import annotations

import codecs
from datetime import date

import pytest

from gonogo.evidence.importers import EvidenceError, ImportFormatError, import_evidence

FACEBOOK_HEADER = (
    "Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,Caption type,Permalink,"
    "Post type,Languages,Custom labels,Funded content status,Data comment,Date,Views,Reach,"
    '"Reactions, comments and shares",Reactions,Comments,Shares,Total clicks,Seconds viewed,'
    "Average Seconds viewed,Estimated earnings (USD),Negative feedback from users: Hide all"
)


def facebook_row(post: int, published: str, views: int, reactions: int, comments: int, shares: int) -> str:
    total = reactions + comments + shares
    cells = [str(post), "99", "Politiet", "", "A post", "", published, "", f"https://facebook.com/{post}",
             "Photos", "", "", "", "", "Lifetime", str(views), str(views // 2),
             str(total), str(reactions), str(comments), str(shares), "3", "", "", "", "0"]  # fmt: skip
    return ",".join(cells)


def utf16_series(metric: str, rows: list[tuple[str, str]]) -> bytes:
    lines = ["sep=,", f'"{metric}"', '"Date","Primary"', *[f'"{d}","{v}"' for d, v in rows]]
    return codecs.BOM_UTF16_LE + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else codecs.BOM_UTF8 + data.encode("utf-8"))
    return path


def test_a_facebook_content_export_counts_posts_on_their_publish_day(tmp_path):
    text = "\n".join(
        [
            FACEBOOK_HEADER,
            facebook_row(1, "08/01/2025 09:00", 1000, 40, 5, 5),
            facebook_row(2, "08/01/2025 15:30", 3000, 100, -1, 11),
            facebook_row(3, "08/03/2025 10:00", 500, 10, 0, 0),
        ]
    )
    ev = import_evidence([write(tmp_path, "Aug-01-2025_Aug-31-2025.csv", text)])
    assert ev.source == "meta"
    assert ev.period.start == date(2025, 8, 1)
    assert ev.daily[0].posts == 2
    assert ev.daily[0].views == 4000
    assert ev.daily[0].comments == 4
    assert ev.engagement_rate == pytest.approx((150 + 4 + 16) / 4500, abs=1e-6)
    assert len(ev.post_dates) == 3


def test_content_columns_are_matched_whatever_their_case_and_extra_columns_are_ignored(tmp_path):
    header = "post id,PUBLISH TIME,Permalink,Post type,Views,Reach,Likes,Shares,Follows,Comments,Saves,New thing"
    text = f"{header}\n17,2025-09-02T10:00:00,https://instagram.com/p/1,Reel,1,200,2,3,4,5,6,7,x\n"
    text = text.replace("1,200", '"1,200"')
    ev = import_evidence([write(tmp_path, "instagram.csv", text)])
    assert ev.daily[0].views == 1200
    assert ev.daily[0].likes == 3


def test_the_utf16_daily_series_with_its_preamble_is_read(tmp_path):
    views = write(
        tmp_path,
        "Views.csv",
        utf16_series("Views", [("2025-08-01T00:00:00", "20"), ("2025-08-02T00:00:00", "30")]),
    )
    follows = write(
        tmp_path,
        "Follows.csv",
        utf16_series("Facebook follows", [("2025-08-01T00:00:00", "2"), ("2025-08-02T00:00:00", "3")]),
    )
    inter = write(
        tmp_path,
        "Interactions.csv",
        utf16_series("Content interactions", [("2025-08-01T00:00:00", "4"), ("2025-08-02T00:00:00", "1")]),
    )
    ev = import_evidence([views, follows, inter])
    assert ev.source == "meta"
    assert [d.views for d in ev.daily] == [20, 30]
    assert ev.followers.change == 5
    assert ev.followers.latest is None
    assert ev.engagement_rate == pytest.approx(5 / 50)


def test_an_unknown_daily_metric_is_refused(tmp_path):
    path = write(tmp_path, "Odd.csv", utf16_series("Mood", [("2025-08-01T00:00:00", "20")]))
    with pytest.raises(ImportFormatError, match="line 2: expected a metric name"):
        import_evidence([path])


AUDIENCE = """Age & gender
,Women,Men
18-24,10.5%,12.1%
25-34,20%,18%

Top cities
Bergen,40%
Oslo,10%

Top countries
Norway,85.2%
Sweden,4.1%

Top pages
Politiet,1000

Follows
Date,Follows
2025-08-01,3
2025-08-02,4
"""


def test_audience_blocks_give_top_countries_and_follows(tmp_path):
    ev = import_evidence([write(tmp_path, "Audience.csv", AUDIENCE)])
    assert [(t.code, round(t.share, 3)) for t in ev.top_territories] == [("NO", 0.852), ("SE", 0.041)]
    assert ev.followers.change == 7


def test_audience_countries_can_be_laid_out_in_a_row(tmp_path):
    text = "Top countries\nNorway,Sweden,Denmark\n80.1,5.2,3\n"
    ev_text = text + "Follows\n2025-08-01,1\n"
    ev = import_evidence([write(tmp_path, "Audience.csv", ev_text)])
    assert [t.code for t in ev.top_territories] == ["NO", "SE", "DK"]


def test_a_bad_share_in_audience_names_the_line(tmp_path):
    text = AUDIENCE.replace("Sweden,4.1%", "Sweden,lots")
    with pytest.raises(ImportFormatError, match=r"Audience.csv, line 12"):
        import_evidence([write(tmp_path, "Audience.csv", text)])


def test_meta_and_tiktok_files_together_are_refused(tmp_path):
    views = write(tmp_path, "Views.csv", utf16_series("Views", [("2025-08-01T00:00:00", "20")]))
    overview = write(
        tmp_path,
        "Overview.csv",
        '"Date","Video Views","Profile Views","Likes","Comments","Shares"\n"Aug 1","1","1","1","1","1"\n',
    )
    with pytest.raises(EvidenceError, match="more than one platform"):
        import_evidence([views, overview], export_date=date(2025, 8, 3))
