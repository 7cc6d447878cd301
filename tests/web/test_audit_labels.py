"""The audit log says each action in words, in the reader's language, and keeps the code for auditors."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from web_records import PASSWORD

from gonogo.web.audit.labels import ACTION_LABELS, action_label
from gonogo.web.audit.trail import record

WEB = Path(__file__).resolve().parents[2] / "src" / "gonogo" / "web"


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _enclosing_function(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.FunctionDef | None:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef):
            return node
    return None


def _argument(call: ast.Call, index: int, name: str) -> ast.expr | None:
    if len(call.args) > index:
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == name), None)


def _constants_assigned(function: ast.FunctionDef, name: str) -> list[str]:
    """The string constants a function assigns to ``name``, also by tuple unpacking (``to, action = x, "a.b"``)."""
    found = []
    for node in ast.walk(function):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            pairs = [(target, node.value)]
            if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                pairs = list(zip(target.elts, node.value.elts, strict=False))
            for t, v in pairs:
                if (
                    isinstance(t, ast.Name)
                    and t.id == name
                    and isinstance(v, ast.Constant)
                    and isinstance(v.value, str)
                ):
                    found.append(v.value)
    return found


def _resolve(arg: ast.expr | None, call: ast.Call, parents: dict[ast.AST, ast.AST], where: str) -> list[str]:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return [arg.value]
    if isinstance(arg, ast.Name):
        function = _enclosing_function(call, parents)
        codes = _constants_assigned(function, arg.id) if function is not None else []
        if codes:
            return codes
    raise AssertionError(f"cannot tell which action {where} records at line {call.lineno}")


def recorded_actions() -> dict[str, str]:
    """Every action code the web app passes to ``record``, with where it is recorded.

    A code passed on through a function's parameter (``_move(..., "decision.submit", ...)``) is followed to the
    calls of that function in the same module.
    """
    codes: dict[str, str] = {}
    for path in sorted(WEB.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = _parents(tree)
        where = str(path.relative_to(WEB))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
        for call in (c for c in calls if c.func.id == "record"):  # type: ignore[attr-defined]
            arg = _argument(call, 0, "action")
            function = _enclosing_function(call, parents)
            params = [a.arg for a in function.args.args] if function is not None else []
            if isinstance(arg, ast.Name) and arg.id in params and function is not None:
                index = params.index(arg.id)
                passing = [c for c in calls if c.func.id == function.name]  # type: ignore[attr-defined]
                assert passing, f"{where}: nothing calls {function.name}, so its action cannot be told"
                for outer in passing:
                    for code in _resolve(_argument(outer, index, arg.id), outer, parents, where):
                        codes[code] = where
            else:
                for code in _resolve(arg, call, parents, where):
                    codes[code] = where
    return codes


def test_the_walk_finds_the_actions_recorded_directly_and_through_the_workflow() -> None:
    codes = recorded_actions()
    assert {"comments.upload", "account.edit", "decision.submit", "decision.approve", "decision.reject"} <= set(codes)


def test_every_action_the_web_app_records_has_a_label() -> None:
    missing = {code: where for code, where in recorded_actions().items() if code not in ACTION_LABELS}
    assert missing == {}


def test_the_table_holds_no_label_for_an_action_nobody_records() -> None:
    assert set(ACTION_LABELS) - set(recorded_actions()) == set()


@pytest.mark.parametrize(
    ("language", "code", "label"),
    [
        ("en", "comments.upload", "Comment file uploaded"),
        ("nb", "comments.upload", "Kommentarfil lastet opp"),
        ("en", "decision.approve", "Approved and signed"),
        ("nb", "decision.approve", "Godkjent og signert"),
        ("nb", "account.edit", "Kontoopplysninger endret"),
        ("nb", "person.token_revoke", "API-token trukket tilbake"),
        ("nb", "something.new", "something.new"),
    ],
)
def test_an_action_is_said_in_the_active_language_or_shown_as_its_code(language: str, code: str, label: str) -> None:
    with translation.override(language):
        assert action_label(code) == label


def test_every_label_is_translated_into_bokmal() -> None:
    with translation.override("en"):
        english = {code: str(label) for code, label in ACTION_LABELS.items()}
    with translation.override("nb"):
        untranslated = [code for code, label in ACTION_LABELS.items() if str(label) == english[code]]
    assert untranslated == []


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("nb", ["Kommentarfil lastet opp", "Godkjent og signert", "Hvem"], ["Comment file uploaded"]),
        ("en", ["Comment file uploaded", "Approved and signed"], ["Kommentarfil lastet opp"]),
    ],
)
def test_the_audit_log_page_says_each_action_in_words_and_keeps_the_code(
    org: Any, alice: Any, language: str, shown: list[str], not_shown: list[str]
) -> None:
    record("comments.upload", actor=alice, organisation=org, obj=org, summary="comments.csv")
    record("decision.approve", actor=alice, organisation=org, obj=org, summary="approved")
    record("something.new", actor=alice, organisation=org, obj=org, summary="a future action")
    client = Client()
    assert client.login(username="alice", password=PASSWORD)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    page = client.get(f"/orgs/{org.pk}/audit/").content.decode()
    for text in shown:
        assert text in page
    for text in not_shown:
        assert text not in page
    assert "<code>comments.upload</code>" in page
    assert "<code>decision.approve</code>" in page
    assert "<td>something.new</td>" in page  # an unknown action: its code, once
