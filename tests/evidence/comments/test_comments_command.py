import json

from gonogo.cli import main


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_jsonl_prints_one_object_per_comment_in_order(tmp_path, capsys):
    path = write(tmp_path, "c.csv", "text,likes\nFantastisk!,2\nFælt,0\nHva?,1\n")
    assert main(["comments", str(path), "--format", "jsonl", "--model", "fast"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in rows] == ["Fantastisk!", "Fælt", "Hva?"]
    for r in rows:
        assert r["sentiment"] in {"negative", "neutral", "positive"}
        assert abs(sum(r["scores"].values()) - 1) < 1e-9
        assert isinstance(r["flags"], list)


def test_json_prints_the_comment_sentiment_block(tmp_path, capsys):
    path = write(tmp_path, "c.txt", "Bra\nDårlig\n")
    assert main(["comments", str(path), "--format", "json", "--model", "fast"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["comment_sentiment"]["n"] == 2
    assert "not an automatic verdict" in result["notice"]


def test_table_summary_lists_comments_to_review_and_says_a_person_confirms(tmp_path, capsys):
    path = write(tmp_path, "c.txt", "Fin video\nJeg vil ta mitt eget liv\n")
    assert main(["comments", str(path), "--model", "fast"]) == 0
    out = capsys.readouterr().out
    assert "positive" in out
    assert "balance" in out
    assert "Review first:" in out
    assert "self_harm" in out
    assert "a person must read and confirm" in out


def test_errors_exit_2_with_a_message_and_no_traceback(tmp_path, capsys):
    path = write(tmp_path, "c.csv", "body\nHei\n")
    assert main(["comments", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert "--text-column" in err
    assert "Traceback" not in err
    assert main(["comments", str(tmp_path / "missing.txt")]) == 2
