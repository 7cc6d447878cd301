"""No input, however broken, may raise anything but the documented import error."""

from __future__ import annotations

import codecs
import contextlib
import io
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gonogo.evidence.importers import EvidenceError, parse_member
from gonogo.evidence.importers.generic import Mapping
from gonogo.evidence.importers.generic import parse as parse_generic
from gonogo.evidence.importers.inputs import Member
from gonogo.evidence.importers.summary import combine

HEADERS = {
    "Overview.csv": ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
    "FollowerHistory.csv": ["Date", "Followers", "Difference in followers from previous day"],
    "FollowerActivity.csv": ["Date", "Hour", "Active followers"],
    "FollowerGender.csv": ["Gender", "Distribution"],
    "FollowerTopTerritories.csv": ["Top territories", "Distribution"],
    "Viewers.csv": ["Date", "Total Viewers", "New Viewers", "Returning Viewers"],
    "Content.csv": [
        "Time",
        "Video title",
        "Video link",
        "Post time",
        "Total likes",
        "Total comments",
        "Total shares",
        "Total views",
    ],
    "facebook.csv": [
        "Post ID",
        "Page ID",
        "Publish time",
        "Permalink",
        "Post type",
        "Views",
        "Reach",
        "Reactions",
        "Comments",
        "Shares",
    ],
    "instagram.csv": ["Post ID", "Publish time", "Permalink", "Post type", "Views", "Likes", "Comments"],
    "Table data.csv": ["Content", "Video title", "Video publish time", "Views", "Subscribers"],
    "Chart data.csv": ["Date", "Content", "Video title", "Video publish time", "Duration", "Views"],
    "Totals.csv": ["Date", "Views"],
    "tweet_activity_metrics.csv": [
        "Tweet id",
        "Tweet permalink",
        "Tweet text",
        "time",
        "impressions",
        "engagements",
        "retweets",
        "replies",
        "likes",
    ],
    "account_analytics_content.csv": ["Post id", "Date", "Post text", "Impressions", "Likes", "Reposts"],
    "account_overview_analytics.csv": [
        "Date",
        "Impressions",
        "Likes",
        "Engagements",
        "New follows",
        "Unfollows",
    ],
}
PREAMBLES = {
    "Views.csv": ["sep=,", '"Views"', '"Date","Primary"'],
    "Audience.csv": ["Top countries"],
}

cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["undefined", "", "-3", "12", "1,200", "0.5", "45%", "May 15", "15. mai", "31. Dez.",
                     "18 tháng Sáu", "Feb 29", "2026-05-15", "Total", "Sat, Sep 12, 2026",
                     "2026-06-20 09:00 +0000", "99999999999999999999", "NO", "Others", '"', "\x00"]),
)  # fmt: skip


def member(name: str, data: bytes) -> Member:
    return Member(name, name, name, lambda: io.BytesIO(data), date(2026, 5, 16), None)


def check(name: str, data: bytes) -> None:
    try:
        partial = parse_member(member(name, data), date(2026, 5, 16))
        result = combine([partial], {name: "0" * 64}, None)
        result.as_dict()
    except EvidenceError:
        pass


def render(rows: list[list[str]], encoding: str, quote: bool) -> bytes:
    def field(v: str) -> str:
        return '"' + v.replace('"', '""') + '"' if quote else v

    text = "\r\n".join(",".join(field(v) for v in row) for row in rows)
    if encoding == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le", "surrogatepass")
    return codecs.BOM_UTF8 + text.encode("utf-8", "surrogatepass")


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(name=st.sampled_from(sorted(HEADERS) + sorted(PREAMBLES)), data=st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_the_import_error(name, data):
    check(name, data)


@FUZZ
@given(
    name=st.sampled_from(sorted(HEADERS)),
    rows=st.lists(st.lists(cells, min_size=0, max_size=10), max_size=12),
    encoding=st.sampled_from(["utf-8", "utf-16"]),
    quote=st.booleans(),
)
def test_known_headers_with_random_rows_raise_only_the_import_error(name, rows, encoding, quote):
    try:
        data = render([HEADERS[name], *rows], encoding, quote)
    except UnicodeEncodeError:
        return
    check(name, data)


@FUZZ
@given(
    name=st.sampled_from(sorted(PREAMBLES)),
    rows=st.lists(st.lists(cells, min_size=0, max_size=6), max_size=12),
)
def test_meta_preamble_files_with_random_rows_raise_only_the_import_error(name, rows):
    try:
        data = render([[line] for line in PREAMBLES[name]] + rows, "utf-16", False)
    except UnicodeEncodeError:
        return
    check(name, data)


@FUZZ
@given(
    rows=st.lists(st.tuples(cells, cells, cells), max_size=20),
    day=st.sampled_from(["en", "mixed"]),
    data=st.data(),
)
def test_tiktok_overview_with_year_less_dates_in_any_order_raises_only_the_import_error(rows, day, data):
    months = ["Jan", "Feb", "Dec", "jan.", "des.", "Dez.", "tháng Mười Hai"]
    body = []
    for views, likes, comments in rows:
        d = data.draw(st.integers(1, 31))
        m = data.draw(st.sampled_from(months if day == "mixed" else months[:3]))
        shown = f"{d} {m}" if m.startswith("tháng") else f"{m} {d}"
        body.append([shown, views, "1", likes, comments, "0"])
    try:
        raw = render([HEADERS["Overview.csv"], *body], "utf-8", True)
    except UnicodeEncodeError:
        return
    check("Overview.csv", raw)


@FUZZ
@given(
    rows=st.lists(st.lists(cells, min_size=0, max_size=4), max_size=15),
    fmt=st.sampled_from([None, "%d.%m.%Y"]),
    encoding=st.sampled_from(["utf-8", "utf-16"]),
)
def test_generic_csv_with_random_rows_raises_only_the_import_error(rows, fmt, encoding):
    try:
        data = render([["Day", "Plays", "Fans"], *rows], encoding, False)
    except UnicodeEncodeError:
        return
    pairs = {"date": "Day", "views": "Plays", "followers": "Fans"}
    if fmt:
        pairs["date_format"] = fmt
    mapping = Mapping.from_pairs(pairs, "test")
    try:
        partial = parse_generic(member("g.csv", data), mapping)
        combine([partial], {"g.csv": "0" * 64}, None).as_dict()
    except EvidenceError:
        pass


@FUZZ
@given(data=st.binary(max_size=300))
def test_generic_csv_with_arbitrary_bytes_raises_only_the_import_error(data):
    mapping = Mapping.from_pairs({"date": "Day", "views": "Plays"}, "test")
    with contextlib.suppress(EvidenceError):
        parse_generic(member("g.csv", data), mapping)


def _valid_zip() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        rows = [HEADERS["Overview.csv"]] + [[f"May {d}", "10", "1", "2", "-1", "0"] for d in range(1, 29)]
        z.writestr("Overview.csv", render(rows, "utf-8", True))
    return buffer.getvalue()


VALID_ZIP = _valid_zip()


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, len(VALID_ZIP) - 1), st.integers(0, 255)), min_size=1, max_size=4))
def test_damaged_zips_raise_only_the_import_error(tmp_path_factory, flips):
    from gonogo.evidence.importers import import_evidence
    from gonogo.evidence.importers.generic import Mapping

    data = bytearray(VALID_ZIP)
    for position, value in flips:
        data[position] = value
    path = tmp_path_factory.mktemp("zips") / "Overview_x_1747400000_h.zip"
    path.write_bytes(bytes(data))
    for mapping in (None, Mapping.from_pairs({"date": "Date", "views": "Video Views"}, "test")):
        with contextlib.suppress(EvidenceError):
            import_evidence([path], mapping=mapping)


@FUZZ
@given(text=st.text(max_size=30), fmt=st.sampled_from([None, "%d.%m.%Y", "%Y"]))
def test_date_parsers_raise_only_the_import_error_on_any_text(text, fmt):
    from gonogo.evidence.importers.dates import parse_full_date, parse_month_day

    with contextlib.suppress(EvidenceError):
        parse_month_day(text, "f.csv", 2, "Date")
    with contextlib.suppress(EvidenceError):
        parse_full_date(text, "f.csv", 2, "Date", fmt)
    with contextlib.suppress(EvidenceError):
        parse_month_day(f"18 tháng {text}", "f.csv", 2, "Date")
