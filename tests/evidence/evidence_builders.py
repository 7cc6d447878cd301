"""Export files written the way the platforms write them, for tests and benchmarks."""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December")  # fmt: skip
NB = ("jan.", "feb.", "mar.", "apr.", "mai", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "des.")
DE = ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.")
VI = ("Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Mười Hai")


def tiktok_day(d: date, language: str = "en") -> str:
    """A date as TikTok Studio shows it in the interface language, without a year."""
    if language == "en":
        return f"{EN[d.month - 1][:3]} {d.day}"
    if language == "nb":
        return f"{d.day}. {NB[d.month - 1]}"
    if language == "de":
        return f"{d.day}. {DE[d.month - 1]}"
    if language == "vi":
        return f"{d.day} tháng {VI[d.month - 1]}"
    raise ValueError(language)


def quoted_csv(rows: Sequence[Sequence[object]]) -> bytes:
    """UTF-8 with BOM, every field quoted, CRLF: as TikTok Studio writes its CSVs."""
    lines = [",".join('"' + str(v).replace('"', '""') + '"' for v in row) for row in rows]
    return codecs.BOM_UTF8 + ("\r\n".join(lines) + "\r\n").encode("utf-8")


def days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def overview(days: Sequence[date], language: str = "en", **overrides: dict[date, Sequence[object]]) -> bytes:
    rows: list[list[object]] = [["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]]
    for i, d in enumerate(days):
        values: list[object] = [1000 + i, 50 + i % 7, 100 + i % 10, 10 + i % 3, 5]
        if d in overrides.get("values", {}):
            values = list(overrides["values"][d])
        rows.append([tiktok_day(d, language), *values])
    return quoted_csv(rows)


def follower_history(days: Sequence[date], start: int = 10_000, per_day: int = 10, language: str = "en") -> bytes:
    rows: list[list[object]] = [["Date", "Followers", "Difference in followers from previous day"]]
    for i, d in enumerate(days):
        # The export's difference column compares with the next day, not the previous one.
        rows.append([tiktok_day(d, language), start + i * per_day, per_day if i < len(days) - 1 else 0])
    return quoted_csv(rows)


def viewers(days: Sequence[date], language: str = "en") -> bytes:
    rows: list[list[object]] = [["Date", "Total Viewers", "New Viewers", "Returning Viewers"]]
    for i, d in enumerate(days):
        rows.append([tiktok_day(d, language), 800 + i, 500 + i, 300])
    return quoted_csv(rows)


def territories(shares: Sequence[tuple[str, float]]) -> bytes:
    return quoted_csv([["Top territories", "Distribution"], *[[c, s] for c, s in shares]])


def gender() -> bytes:
    return quoted_csv([["Gender", "Distribution"], ["Female", 0.52], ["Male", 0.46], ["Other", 0.02]])


def activity(last: date, language: str = "en") -> bytes:
    rows: list[list[object]] = [["Date", "Hour", "Active followers"]]
    for d in days_between(last - timedelta(days=6), last):
        for hour in range(24):
            rows.append([tiktok_day(d, language), hour, 100 + hour])
    return quoted_csv(rows)


def content(posts: Sequence[date], snapshot: date, language: str = "en") -> bytes:
    header = ["Time", "Video title", "Video link", "Post time", "Total likes", "Total comments",
              "Total shares", "Total views"]  # fmt: skip
    rows: list[list[object]] = [header]
    for i, d in enumerate(posts):
        rows.append([tiktok_day(snapshot, language), f"Video {i}", f"https://www.tiktok.com/@x/video/{i}",
                     tiktok_day(d, language), 100, -2 if i == 0 else 4, 3, 1000])  # fmt: skip
    return quoted_csv(rows)


def export_timestamp(export: date) -> int:
    return int(datetime(export.year, export.month, export.day, 9, 30, tzinfo=UTC).timestamp())


def tiktok_zip(folder: Path, tab: str, members: dict[str, bytes], export: date, handle: str = "politivest") -> Path:
    """A per-tab zip named like TikTok Studio's: ``Overview_<date>_<unix-ts>_<handle>.zip``."""
    # The date in the name is not the export date; the timestamp is.
    path = folder / f"{tab}_2020-01-01_{export_timestamp(export)}_{handle}.zip"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def full_tiktok_export(folder: Path, start: date, end: date, export: date, language: str = "en") -> list[Path]:
    """The four zips of a TikTok Studio "Download data" for ``start`` to ``end``."""
    days = days_between(start, end)
    posts = [end - timedelta(days=3 * i) for i in range(15)]
    return [
        tiktok_zip(folder, "Overview", {"Overview.csv": overview(days, language)}, export),
        tiktok_zip(
            folder,
            "Followers",
            {
                "FollowerHistory.csv": follower_history(days, language=language),
                "FollowerActivity.csv": activity(end, language),
                "FollowerGender.csv": gender(),
                "FollowerTopTerritories.csv": territories([("NO", 0.81), ("SE", 0.06), ("Others", 0.13)]),
            },
            export,
        ),
        tiktok_zip(folder, "Viewers", {"Viewers.csv": viewers(days, language)}, export),
        tiktok_zip(folder, "Content", {"Content.csv": content(posts, end, language)}, export),
    ]


def meta_daily_series(metric: str, rows: Sequence[tuple[str, object]]) -> bytes:
    """A Meta Business Suite daily series: UTF-16 LE with BOM, ``sep=,``, the metric name, then Date, Primary."""
    lines = ["sep=,", f'"{metric}"', '"Date","Primary"', *[f'"{d}","{v}"' for d, v in rows]]
    return codecs.BOM_UTF16_LE + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")
