"""The fast schema check and the one that explains errors always agree on whether a document is valid."""

import copy
from pathlib import Path

import jsonschema
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gonogo.core.assessment import _dates_to_text, assessment_schema, schema_errors
from gonogo.core.kb import load_knowledge_base

KB = load_knowledge_base()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DOCS = [_dates_to_text(yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted(EXAMPLES.glob("*.yaml"))]
EXPLAINING = jsonschema.Draft202012Validator(assessment_schema(KB))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10_000_000),
    st.floats(-2, 2, allow_nan=False),
    st.sampled_from(["", "x", "2023-04-15", "police", "tiktok", "mfa", "medium", "NO-46", "existing"]),
    st.just([]),
    st.just({}),
)


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, (*prefix, i))


@st.composite
def mutated(draw):
    doc = copy.deepcopy(draw(st.sampled_from(DOCS)))
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.sampled_from(list(paths(doc))[1:]))
        parent = doc
        for part in where[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[where[-1]] = draw(scalars)
        elif action == "delete" and isinstance(parent, dict):
            del parent[where[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "kind", "count", "value", "notes"]))] = draw(scalars)
    return doc


@settings(max_examples=300, deadline=None)
@given(mutated())
def test_the_fast_check_accepts_exactly_the_documents_the_schema_accepts(doc):
    expected_valid = not any(True for _ in EXPLAINING.iter_errors(doc))
    assert (schema_errors(doc, KB) == []) == expected_valid


def test_the_examples_are_valid_and_a_broken_one_names_its_field():
    assert all(schema_errors(d, KB) == [] for d in DOCS)
    broken = copy.deepcopy(DOCS[0])
    broken["organisation"]["risk_appetite"] = "reckless"
    errors = schema_errors(broken, KB)
    assert [e.location for e in errors] == ["organisation.risk_appetite"]
