import contextlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gonogo.core.errors import InputError
from gonogo.evidence.comments.readers import CommentFileError, read_comments


def write(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding)
    return path


def test_csv_is_read_with_optional_columns(tmp_path):
    path = write(
        tmp_path,
        "c.csv",
        'comment_id,video_id,date,text,likes\n1,v9,2024-01-02,"Bra, takk!",4\n2,v9,2024-01-03,Nei,\n',
    )
    comments = read_comments(path)
    assert [c.text for c in comments] == ["Bra, takk!", "Nei"]
    assert comments[0].comment_id == "1"
    assert comments[0].video_id == "v9"
    assert comments[0].date == "2024-01-02"
    assert comments[0].likes == 4
    assert comments[1].likes is None
    assert comments[1].where == "line 3"


def test_csv_with_a_byte_order_mark_is_read(tmp_path):
    path = write(tmp_path, "c.csv", "\ufefftext\nHei\n")
    assert [c.text for c in read_comments(path)] == ["Hei"]


def test_csv_text_column_can_be_named(tmp_path):
    path = write(tmp_path, "c.csv", "Kommentar;x\n".replace(";", ",") + "Hei,1\n")
    assert [c.text for c in read_comments(path, text_column="kommentar")] == ["Hei"]


@pytest.mark.parametrize(
    ("content", "columns", "expected"),
    [
        pytest.param(
            "\ufeffKommentar;Dato;Liker\r\nBra, takk!;2024-05-01;1\u00a0234\r\nNei;2024-05-02;3\r\n",
            {"text": "Kommentar", "likes": "Liker"},
            [("Bra, takk!", 1234), ("Nei", 3)],
            id="a spreadsheet saved in Norwegian: semicolons, a comma in the text, 1 234 likes",
        ),
        pytest.param(
            "text;likes\nGut gemacht;1.234\n",
            {},
            [("Gut gemacht", 1234)],
            id="German grouping with a full stop in a semicolon file",
        ),
        pytest.param(
            'text\tlikes\n"Hei; du"\t2\n',
            {},
            [("Hei; du", 2)],
            id="tab-separated",
        ),
        pytest.param(
            'text,likes\n"Hei; du",1,234\n'.replace(",1,234", ',"1,234"'),
            {},
            [("Hei; du", 1234)],
            id="commas as before, a semicolon inside the text",
        ),
    ],
)
def test_csv_files_with_semicolons_or_tabs_are_read(tmp_path, content, columns, expected):
    from gonogo.evidence.comments.readers import Columns

    path = write(tmp_path, "c.csv", content)
    comments = read_comments(path, columns=Columns(**columns))
    assert [(c.text, c.likes) for c in comments] == expected


def test_the_header_of_a_semicolon_file_lists_its_columns(tmp_path):
    from gonogo.evidence.comments.readers import csv_header

    path = write(tmp_path, "c.csv", "Kommentar;Dato;Liker\nHei;2024-05-01;1\n")
    assert csv_header(path) == ["Kommentar", "Dato", "Liker"]


def test_a_row_of_a_semicolon_file_with_an_unquoted_semicolon_says_to_quote_semicolons(tmp_path):
    path = write(tmp_path, "c.csv", "text;likes\nHei; du;2\n")
    with pytest.raises(
        CommentFileError, match=r"line 2: 3 fields but the header has 2; quote fields that contain semicolons"
    ):
        read_comments(path)


def test_csv_line_numbers_count_quoted_newlines(tmp_path):
    path = write(tmp_path, "c.csv", 'text,likes\n"two\nlines",1\nok,many\n')
    with pytest.raises(CommentFileError, match=r"line 4, column 'likes'.*whole number"):
        read_comments(path)


def test_csv_without_the_text_column_names_the_columns_found(tmp_path):
    path = write(tmp_path, "c.csv", "body,likes\nHei,1\n")
    with pytest.raises(CommentFileError, match=r"c\.csv, line 1: no column named 'text' \(found 'body', 'likes'\)"):
        read_comments(path)


def test_csv_row_with_too_many_fields_names_the_line(tmp_path):
    path = write(tmp_path, "c.csv", "text,likes\nHei,1\nHei, du,2\n")
    with pytest.raises(CommentFileError, match=r"line 3: 3 fields but the header has 2"):
        read_comments(path)


def test_csv_empty_comment_names_line_and_column(tmp_path):
    path = write(tmp_path, "c.csv", "text,likes\n  ,1\n")
    with pytest.raises(CommentFileError, match=r"line 2, column 'text': empty comment"):
        read_comments(path)


def test_file_that_is_not_utf8_names_the_line(tmp_path):
    path = write(tmp_path, "c.csv", "text\nok\nbl\xe5b\xe6r\n".encode("latin-1"))
    with pytest.raises(CommentFileError, match=r"line 3: byte \d+ is not UTF-8"):
        read_comments(path)


def test_tiktok_business_api_json_is_read(tmp_path):
    doc = {
        "code": 0,
        "data": {
            "comments": [
                {
                    "comment_id": "7",
                    "video_id": "123",
                    "text": "Nice",
                    "likes": 2,
                    "replies": 0,
                    "create_time": 1700000000,
                },
                {"comment_id": 8, "video_id": 123, "text": "Flott"},
            ]
        },
    }
    comments = read_comments(write(tmp_path, "c.json", json.dumps(doc)))
    assert [c.text for c in comments] == ["Nice", "Flott"]
    assert comments[0].likes == 2
    assert comments[0].date == "1700000000"
    assert comments[1].comment_id == "8"
    assert comments[1].where == "data.comments[1]"


def test_json_list_of_comments_is_read(tmp_path):
    path = write(tmp_path, "c.json", json.dumps([{"text": "a"}, {"text": "b"}]))
    assert [c.text for c in read_comments(path)] == ["a", "b"]


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (
            {"data": {"comments": [{"text": ""}]}},
            r"field data\.comments\[0\]\.text: expected the comment text",
        ),
        ([{"text": "a"}, {"text": "b", "likes": -1}], r"field \[1\]\.likes: expected a whole number"),
        ([{"text": "a"}, "b"], r"field \[1\]: expected an object"),
        ({"data": {"cursor": 1}}, r"expected a list of comments, or an object with data\.comments"),
        ([{"text": "a", "video_id": [1]}], r"field \[0\]\.video_id: expected a string or number id"),
    ],
)
def test_json_errors_name_the_field(tmp_path, doc, message):
    with pytest.raises(CommentFileError, match=message):
        read_comments(write(tmp_path, "c.json", json.dumps(doc)))


def test_invalid_json_names_line_and_column(tmp_path):
    with pytest.raises(CommentFileError, match=r"line 2, column 1: not valid JSON"):
        read_comments(write(tmp_path, "c.json", '[{"text": "a"},\n}'))


def test_txt_has_one_comment_per_line_and_skips_blank_lines(tmp_path):
    comments = read_comments(write(tmp_path, "c.txt", "første\n\n  andre 😀 \n"))
    assert [(c.text, c.where) for c in comments] == [("første", "line 1"), ("andre 😀", "line 3")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("c.txt", "\n \n", r"no comments found"),
        ("c.xlsx", "x", r"unknown comment file type '\.xlsx'"),
        ("c.txt", "a\x00b", r"line 1: contains a NUL character"),
    ],
)
def test_unusable_files_are_refused(tmp_path, name, content, message):
    with pytest.raises(CommentFileError, match=message):
        read_comments(write(tmp_path, name, content))


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(CommentFileError, match="file not found"):
        read_comments(tmp_path / "missing.csv")
    folder = tmp_path / "dir.csv"
    folder.mkdir()
    with pytest.raises(CommentFileError, match="is a folder"):
        read_comments(folder)


def test_reader_error_is_an_input_error():
    assert issubclass(CommentFileError, InputError)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=300) | st.text(max_size=300).map(lambda s: s.encode("utf-8")),
    suffix=st.sampled_from([".csv", ".json", ".txt"]),
)
def test_no_input_raises_anything_but_the_documented_error(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        comments = read_comments(path)
    except CommentFileError:
        return
    assert comments
    assert all(isinstance(c.text, str) and c.text for c in comments)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["text", "likes", "comment_id", "video_id", "create_time", "data", "comments"]),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=json_values)
def test_any_json_document_is_read_or_refused_with_the_documented_error(tmp_path, doc):
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with contextlib.suppress(CommentFileError):
        read_comments(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=4), max_size=6),
    header=st.lists(st.sampled_from(["text", "likes", "date", "video_id", "x"]), min_size=1, max_size=4),
)
def test_any_csv_table_is_read_or_refused_with_the_documented_error(tmp_path, rows, header):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path / "fuzz.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    with contextlib.suppress(CommentFileError):
        read_comments(path)


def test_csv_columns_can_be_named_for_text_date_video_and_likes(tmp_path):
    from gonogo.evidence.comments.readers import Columns

    path = write(tmp_path, "c.csv", "Kommentar,Dato,Klipp,Liker\nFlott!,2024-05-01,k1,12\n")
    [comment] = read_comments(path, columns=Columns(text="Kommentar", date="Dato", video="Klipp", likes="Liker"))
    assert (comment.text, comment.date, comment.video_id, comment.likes) == ("Flott!", "2024-05-01", "k1", 12)


def test_a_named_optional_column_missing_from_the_file_is_an_error_naming_it(tmp_path):
    from gonogo.evidence.comments.readers import Columns

    path = write(tmp_path, "c.csv", "text,date\nHei,2024-01-01\n")
    with pytest.raises(CommentFileError, match=r"no column named 'Liker' \(found 'text', 'date'\)") as info:
        read_comments(path, columns=Columns(likes="Liker"))
    assert info.value.code == "no_column"
    assert info.value.params == {"file": str(path), "line": 1, "column": "Liker", "found": "'text', 'date'"}


def test_reader_errors_carry_a_code_and_the_line_for_other_languages(tmp_path):
    path = write(tmp_path, "c.csv", "text,likes\nHei,mange\n")
    with pytest.raises(CommentFileError) as info:
        read_comments(path)
    assert (info.value.code, info.value.params["line"], info.value.params["found"]) == ("not_count", 2, "mange")
