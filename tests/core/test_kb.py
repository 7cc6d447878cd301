import pytest
import yaml

from factories import create_rule
from gonogo.core.errors import DocumentError
from gonogo.core.kb import load_knowledge_base, parse_kb_date


def extra(*entries, kind="restrictions"):
    return [("ours.yaml", yaml.safe_dump({"kind": kind, "version": "1", "entries": list(entries)}))]


def test_the_bundled_knowledge_base_loads_with_every_catalogue():
    kb = load_knowledge_base()
    assert {"tiktok", "instagram", "facebook", "x", "youtube", "snapchat", "telegram"} <= set(kb.platforms)
    assert len(kb.threats) >= 8
    assert {"dedicated_device", "documented_work_need", "mfa", "dpia", "records_archiving"} <= set(kb.safeguards)
    assert {"minister", "political_adviser", "security_cleared", "police_officer"} <= set(kb.roles)
    assert kb.roles["minister"].target_group
    assert not kb.roles["communications_officer"].target_group
    assert kb.matrix.level(5, 5) == "very_high"
    assert kb.matrix.level(1, 1) == "low"
    assert kb.version


def test_every_bundled_entry_that_states_facts_cites_a_source():
    kb = load_knowledge_base()
    for group in (kb.restrictions, kb.platforms.values(), kb.threats.values(), kb.safeguards.values()):
        for item in group:
            assert item.sources, item.id
            assert all(s.url.startswith("http") for s in item.sources), item.id


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            create_rule(id="X", exemption={"requires": ["magic_shield"], "text": "t"}),
            "unknown safeguard 'magic_shield'",
        ),
        (create_rule(id="X", in_force_from="the spring"), "expected YYYY-MM-DD or YYYY-MM"),
        (create_rule(id="X", sources=[]), "at least one source"),
        (create_rule(id="X", platforms=["myspace"]), "unknown platform 'myspace'"),
        (create_rule(id="X", bodies=["pub"]), "unknown kind of body 'pub'"),
        (create_rule(id="X", types=["ban", "curfew"]), "unknown value 'curfew'"),
        (create_rule(id="X", jurisdictions=["Norway"]), "not an ISO 3166"),
        (
            create_rule(id="X", in_force_from="2024-01-01", in_force_until="2023-01-01"),
            "ends before it starts",
        ),
        (create_rule(id="X", devices=[]), "needs a device scope"),
        (create_rule(id="NO-NSM-2023"), "id used twice"),
        (create_rule(id="X", confidence="certain"), "expected high, medium or low"),
    ],
)
def test_a_bad_policy_entry_is_reported_with_its_id(entry, message):
    with pytest.raises(DocumentError) as exc:
        load_knowledge_base(extra(entry))
    text = str(exc.value)
    assert message in text
    assert entry["id"] in text


def test_every_problem_in_a_file_is_reported_at_once():
    entries = [create_rule(id="A", platforms=["myspace"]), create_rule(id="B", bodies=["pub"])]
    with pytest.raises(DocumentError) as exc:
        load_knowledge_base(extra(*entries))
    assert len(exc.value.errors) == 2


def test_duplicate_ids_within_a_file_are_refused():
    with pytest.raises(DocumentError, match="duplicate id 'A'"):
        load_knowledge_base(extra(create_rule(id="A"), create_rule(id="A")))


def test_a_file_of_the_wrong_kind_is_refused():
    with pytest.raises(DocumentError, match="expected one of"):
        load_knowledge_base(extra(create_rule(), kind="rumours"))


def test_extra_files_cannot_replace_the_risk_matrix():
    with pytest.raises(DocumentError, match="extra files may add"):
        load_knowledge_base(extra({"id": "m"}, kind="matrix"))


def test_broken_yaml_is_reported_with_line_and_column():
    with pytest.raises(DocumentError) as exc:
        load_knowledge_base([("ours.yaml", "kind: restrictions\nentries: [\n")])
    assert "line" in str(exc.value)


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2023-03-16", False, "2023-03-16"),
        ("2023-03", False, "2023-03-01"),
        ("2023-02", True, "2023-02-28"),
        ("2024-02", True, "2024-02-29"),
        ("2023-12", True, "2023-12-31"),
        ("2023", False, "2023-01-01"),
        ("2023", True, "2023-12-31"),
    ],
)
def test_partial_dates_read_as_the_start_or_end_of_their_period(text, end, expected):
    assert parse_kb_date(text, end=end).isoformat() == expected
