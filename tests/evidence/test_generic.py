from __future__ import annotations

import codecs
from datetime import date

import pytest

from gonogo.core.errors import InputError
from gonogo.evidence.importers import ImportFormatError, import_evidence
from gonogo.evidence.importers.generic import Mapping


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    if encoding == "utf-16":
        path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    else:
        path.write_text(text, encoding=encoding)
    return path


def test_rows_of_the_same_day_are_summed_and_followers_take_the_last_value(tmp_path):
    text = 'Day,Plays,Likes,Fans\n2026-01-01,100,5,10\n2026-01-01,50,1,12\n2026-01-02,1,"1,000",15\n'
    path = write(tmp_path, "plays.csv", text)
    ev = import_evidence([path], mapping=Mapping.parse("date=Day,views=Plays,likes=Likes,followers=Fans"))
    assert ev.source == "generic"
    assert [(d.date, d.views, d.likes, d.followers) for d in ev.daily] == [
        (date(2026, 1, 1), 150, 6, 12),
        (date(2026, 1, 2), 1, 1000, 15),
    ]
    assert ev.followers.latest == 15
    assert ev.followers.change == 3


def test_columns_are_matched_case_insensitively_and_missing_values_stay_missing(tmp_path):
    path = write(tmp_path, "plays.csv", "DAY,plays\n2026-01-01,\n2026-01-02,7\n")
    ev = import_evidence([path], mapping=Mapping.parse("date=Day,views=Plays"))
    assert ev.daily[0].views is None
    assert ev.views.total == 7


def test_a_date_format_can_be_given(tmp_path):
    path = write(tmp_path, "plays.csv", "Dag;Visninger\n".replace(";", ",") + "15.05.2026,3\n")
    ev = import_evidence([path], mapping=Mapping.parse("date=Dag,views=Visninger,date_format=%d.%m.%Y"))
    assert ev.period.start == date(2026, 5, 15)


def test_a_mapping_file_is_read(tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("date: Day\nviews: Plays\n", encoding="utf-8")
    path = write(tmp_path, "plays.csv", "Day,Plays\n2026-01-01,3\n", encoding="utf-16")
    ev = import_evidence([path], mapping=Mapping.parse(str(mapping)))
    assert ev.views.total == 3


def test_a_missing_column_names_it(tmp_path):
    path = write(tmp_path, "plays.csv", "Day,Views\n2026-01-01,3\n")
    with pytest.raises(ImportFormatError, match=r"plays.csv, line 1, column Plays: expected a column named 'Plays'"):
        import_evidence([path], mapping=Mapping.parse("date=Day,views=Plays"))


def test_a_bad_value_deep_in_the_file_names_its_line(tmp_path):
    rows = "".join(f"2026-01-01,{i}\n" for i in range(1000))
    path = write(tmp_path, "plays.csv", "Day,Plays\n" + rows + "2026-01-02,many\n")
    with pytest.raises(ImportFormatError, match=r"line 1002, column Plays: expected a whole number"):
        import_evidence([path], mapping=Mapping.parse("date=Day,views=Plays"))


def test_a_bad_date_names_the_expected_format(tmp_path):
    path = write(tmp_path, "plays.csv", "Day,Plays\n01/13/2026x,3\n")
    with pytest.raises(ImportFormatError, match=r"line 2, column Day: expected a date"):
        import_evidence([path], mapping=Mapping.parse("date=Day,views=Plays"))


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("views=Plays", "map the date column"),
        ("date=Day", "at least one metric"),
        ("date=Day,plays=Plays", "unknown field"),
        ("date=Day,views", "field=Column pairs"),
    ],
)
def test_a_bad_mapping_says_what_to_write(spec, message):
    with pytest.raises(InputError, match=message):
        Mapping.parse(spec)


def test_the_cli_takes_a_mapping(tmp_path, capsys):
    import json

    from gonogo.cli import main

    path = write(tmp_path, "plays.csv", "Day,Plays,Likes\n2026-01-01,100,10\n2026-01-02,300,10\n")
    assert main(["evidence", str(path), "--map", "date=Day,views=Plays,likes=Likes", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["source"] == "generic"
    assert out["views"]["total"] == 400
    assert out["engagement_rate"] == 0.05


def test_a_mapping_typed_in_a_form_is_never_read_as_a_file(tmp_path):
    on_disk = tmp_path / "mapping.yaml"
    on_disk.write_text("date: Day\nviews: Plays\n", encoding="utf-8")
    with pytest.raises(InputError, match="field=Column pairs"):
        Mapping.from_text(str(on_disk), "columns")


@pytest.mark.parametrize(
    "spec",
    ["date=Day,views=Plays", "date=Dag,views=Visninger,likes=Liker,date_format=%d.%m.%Y", "date=Day,followers=Fans"],
)
def test_a_mapping_written_out_reads_back_the_same(spec):
    mapping = Mapping.from_text(spec)
    assert Mapping.from_text(mapping.as_text()) == mapping
