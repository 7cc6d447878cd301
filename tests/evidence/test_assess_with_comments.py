"""Round trip: comment files named in an assessment feed the reception criterion and show in the report."""

from __future__ import annotations

import json

import pytest
import yaml

from factories import create_doc
from gonogo.cli import main

KIND_COMMENTS = [
    ("Tusen takk, dere er fantastiske!", "2023-03-02"),
    ("Thank you so much, great work officers", "2023-03-05"),
    ("I love you guys, amazing!", "2023-03-09"),
    ("Best police ever, thank you!", "2023-03-30"),
]


def write_comments(path, rows, header="text,date"):
    lines = [header] + [f'"{text}",{day}' for text, day in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_case(tmp_path, comment_files, **evidence):
    doc = create_doc(evidence={"comment_files": comment_files, **evidence})
    case = tmp_path / "case.yaml"
    case.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return case


def assess_json(case, capsys, *extra):
    assert main(["assess", str(case), "--format", "json", "--comments-model", "fast", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def reception(result):
    return next(b for b in result["benefits"] if b["criterion"] == "reception")


def test_comment_files_give_the_reception_its_shares_file_and_date_range(tmp_path, capsys):
    write_comments(tmp_path / "comments.csv", KIND_COMMENTS)
    result = assess_json(write_case(tmp_path, ["comments.csv"]), capsys)
    r = reception(result)
    assert r["basis"] == "comments"
    assert r["source"] == "comments_model"
    assert r["file"] == "comments.csv"
    assert r["period"] == ["2023-03-02", "2023-03-30"]
    assert r["raw"] > 0.5  # four warm comments: the balance leans clearly positive


def test_the_report_says_which_comment_file_the_reception_comes_from(tmp_path, capsys):
    write_comments(tmp_path / "comments.csv", KIND_COMMENTS)
    case = write_case(tmp_path, ["comments.csv"])
    md = tmp_path / "r.md"
    nb = tmp_path / "r-nb.md"
    assert main(["assess", str(case), "--comments-model", "fast", "--report", str(md)]) == 0
    assert main(["assess", str(case), "--comments-model", "fast", "--lang", "nb", "--report", str(nb)]) == 0
    assert "comment analysis of comments.csv, comments from 2023-03-02 to 2023-03-30" in md.read_text("utf-8")
    assert "kommentaranalyse av comments.csv" in nb.read_text("utf-8")


def test_analysed_comments_replace_typed_shares(tmp_path, capsys):
    write_comments(tmp_path / "comments.csv", KIND_COMMENTS)
    case = write_case(tmp_path, ["comments.csv"], comment_sentiment={"positive": 0.1, "negative": 0.8})
    typed_only = tmp_path / "typed.yaml"
    typed_only.write_text(
        yaml.safe_dump(create_doc(evidence={"comment_sentiment": {"positive": 0.1, "negative": 0.8}})), "utf-8"
    )
    assert reception(assess_json(case, capsys))["raw"] > 0.5
    assert reception(assess_json(typed_only, capsys))["raw"] == pytest.approx(-0.7)


def test_several_files_are_analysed_together_and_all_named(tmp_path, capsys):
    write_comments(tmp_path / "march.csv", KIND_COMMENTS[:2])
    (tmp_path / "april.txt").write_text("Amazing video, love it ❤️\nDanke, tolle Arbeit!\n", encoding="utf-8")
    custom = tmp_path / "custom.csv"
    write_comments(custom, KIND_COMMENTS[2:], header="body,date")
    files = ["march.csv", "april.txt", {"path": "custom.csv", "text_column": "body"}]
    r = reception(assess_json(write_case(tmp_path, files), capsys))
    assert r["file"] == "march.csv, april.txt, custom.csv"


def test_tiktok_comment_timestamps_give_the_date_range(tmp_path, capsys):
    data = {
        "data": {
            "comments": [
                {"comment_id": "1", "text": "Great work!", "create_time": 1680307200},  # 2023-04-01 UTC
                {"comment_id": "2", "text": "Fantastisk", "create_time": 1680652800},  # 2023-04-05 UTC
            ]
        }
    }
    (tmp_path / "comments.json").write_text(json.dumps(data), encoding="utf-8")
    r = reception(assess_json(write_case(tmp_path, ["comments.json"]), capsys))
    assert r["period"] == ["2023-04-01", "2023-04-05"]


@pytest.mark.parametrize(
    ("files", "where", "says"),
    [
        (["missing.csv"], "evidence.comment_files[0]", "no such file: missing.csv"),
        ([{"path": "comments.csv", "text_column": "body"}], "evidence.comment_files[0]", "body"),
        ([42], "evidence.comment_files[0]", "expected a path"),
        ([], "evidence.comment_files", "expected a list of comment files"),
        (["comments.csv", "notes.pdf"], "evidence.comment_files[1]", "unknown comment file type"),
    ],
)
def test_a_bad_comment_file_stops_the_assessment_naming_the_entry(tmp_path, capsys, files, where, says):
    write_comments(tmp_path / "comments.csv", KIND_COMMENTS)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    case = write_case(tmp_path, files)
    assert main(["assess", str(case), "--comments-model", "fast"]) == 2
    err = capsys.readouterr().err
    assert where in err
    assert says in err
    assert "Traceback" not in err


def test_the_same_comment_files_give_byte_identical_results(tmp_path, capsys):
    write_comments(tmp_path / "comments.csv", KIND_COMMENTS)
    case = write_case(tmp_path, ["comments.csv"])
    assert main(["assess", str(case), "--format", "json", "--comments-model", "fast"]) == 0
    first = capsys.readouterr().out
    assert main(["assess", str(case), "--format", "json", "--comments-model", "fast"]) == 0
    assert capsys.readouterr().out == first
