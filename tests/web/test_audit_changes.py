"""The audit log shows, for each entry, the fields it changed with their values before and after."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from web_records import PASSWORD

from gonogo.web.audit.changes import MISSING, VALUE_CHARS, changes, shown
from gonogo.web.audit.trail import record


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ({"owner": "", "due": None}, {"owner": "Kari", "due": None}, [("owner", "", "Kari")]),
        ({"status": "draft"}, {"status": "in_review"}, [("status", "draft", "in_review")]),
        (
            {"evidence": {"followers": 1000, "views": 5}},
            {"evidence": {"followers": 1200, "views": 5}},
            [("evidence.followers", 1000, 1200)],
        ),
        (
            {"operators": [{"role": "police_officer", "count": 4}]},
            {"operators": [{"role": "police_officer", "count": 5}, {"role": "minister", "count": 1}]},
            [
                ("operators[0].count", 4, 5),
                ("operators[1].count", MISSING, 1),
                ("operators[1].role", MISSING, "minister"),
            ],
        ),
        (
            None,
            {"name": "Politivest", "kind": "police"},
            [("kind", MISSING, "police"), ("name", MISSING, "Politivest")],
        ),
        ({"purpose": "old"}, {}, [("purpose", "old", MISSING)]),
        ({"same": [1, 2]}, {"same": [1, 2]}, []),
        (None, None, []),
        ("text", "other", [("—", "text", "other")]),
        ({"": None}, {"": {}}, [("", None, {})]),
        ({"a": {"b": 1}}, None, [("a.b", 1, MISSING)]),
    ],
)
def test_an_entry_lists_exactly_the_fields_that_changed(before: Any, after: Any, expected: list[Any]) -> None:
    assert [(c.path, c.before, c.after) for c in changes(before, after)] == expected


json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5))
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=12,
)


@given(before=json_value, after=json_value)
def test_no_change_is_listed_between_a_value_and_itself_and_every_listed_change_differs(
    before: Any, after: Any
) -> None:
    assert changes(before, before) == []
    listed = changes(before, after)
    assert all(c.before != c.after for c in listed)
    assert (listed == []) == (before == after or (before is None and after == {}) or (before == {} and after is None))


def test_a_long_value_is_cut_to_a_readable_length() -> None:
    assert len(shown("x" * 1000)) == VALUE_CHARS
    assert shown(MISSING) == ""
    assert shown({"b": 1, "a": "ø"}) == '{"a": "ø", "b": 1}'


@pytest.mark.parametrize(("language", "summary_word"), [("en", "1 change"), ("nb", "1 endring")])
def test_the_audit_log_page_shows_what_an_entry_changed_before_and_after(
    org: Any, alice: Any, language: str, summary_word: str
) -> None:
    record(
        "action.edit",
        actor=alice,
        organisation=org,
        obj=org,
        summary="MFA on the account",
        before={"owner": "Kari", "due": "2026-12-31"},
        after={"owner": "Per Lunde", "due": "2026-12-31"},
    )
    client = Client()
    assert client.login(username="alice", password=PASSWORD)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    page = unescape(client.get(f"/orgs/{org.pk}/audit/").content.decode())
    assert summary_word in page
    assert "<td><code>owner</code></td><td>Kari</td><td>Per Lunde</td>" in page
    assert "<code>due</code>" not in page


@pytest.mark.parametrize(
    ("language", "before", "after"),
    [
        ("en", "Draft (draft)", "In review (in_review)"),
        ("nb", "Utkast (draft)", "Til vurdering (in_review)"),
    ],
)
def test_statuses_and_verdicts_are_said_in_words_with_their_codes(language: str, before: str, after: str) -> None:
    from django.utils import translation

    [change] = changes({"status": "draft"}, {"status": "in_review"})
    with translation.override(language):
        assert (change.before_text, change.after_text) == (before, after)
    [verdict] = changes(None, {"verdict": "support_with_remarks"})
    assert "(support_with_remarks)" in verdict.after_text
    [other] = changes({"kind": "municipality"}, {"kind": "police"})
    assert other.after_text == "police"
