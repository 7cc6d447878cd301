import json
from pathlib import Path

import pytest
import yaml

from factories import create_doc, create_rule
from gonogo.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def write(tmp_path, doc, name="case.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc) if name.endswith(".yaml") else json.dumps(doc), encoding="utf-8")
    return path


def test_version_is_printed(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert "gonogo" in capsys.readouterr().out


def test_assess_prints_the_recommendation_first(capsys):
    code, out, _ = run(capsys, "assess", EXAMPLES / "politivest-2023-04.yaml")
    assert code == 0
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines[1].startswith("RECOMMENDATION:")


def test_assess_json_is_one_object_with_the_documented_fields(capsys, tmp_path):
    code, out, _ = run(capsys, "assess", write(tmp_path, create_doc()), "--format", "json")
    assert code == 0
    data = json.loads(out)
    for key in (
        "outcome",
        "recommended_option",
        "robustness",
        "options",
        "restrictions",
        "risks",
        "benefits",
        "conditions",
        "flip_points",
        "review_date",
    ):
        assert key in data
    assert {o["id"] for o in data["options"]} == {
        "stay_as_is",
        "stay_with_conditions",
        "personal_phones",
        "leave",
    }


def test_assess_json_is_byte_identical_for_the_same_file_and_seed(capsys, tmp_path):
    path = write(tmp_path, create_doc())
    _, first, _ = run(capsys, "assess", path, "--format", "json")
    _, second, _ = run(capsys, "assess", path, "--format", "json")
    assert first == second


def test_json_assessment_files_are_accepted(capsys, tmp_path):
    code, out, _ = run(capsys, "assess", write(tmp_path, create_doc(), "case.json"), "--format", "json")
    assert code == 0
    assert json.loads(out)["outcome"] in ("go", "go_with_conditions", "no_go")


@pytest.mark.parametrize(
    ("changes", "field", "hint"),
    [
        ({"organisation__kind": "police_station"}, "organisation.kind", "expected one of"),
        ({"platform": "myspace"}, "platform", "expected one of"),
        ({"device": {"kind": "phone"}}, "device.kind", "corporate"),
        ({"operators": [{"role": "intern"}]}, "operators[0].role", "expected one of"),
        ({"date": "15/04/2023"}, "date", "YYYY-MM-DD"),
        ({"organisation__jurisdiction": "Norway"}, "organisation.jurisdiction", "ISO 3166"),
        ({"evidence": {"followers": -5}}, "evidence.followers", "expected"),
        ({"safeguards": ["tin_foil_hat"]}, "safeguards[0]", "expected one of"),
        ({"gonogo": 2}, "gonogo", "expected 1"),
        ({"colour": "blue"}, "(document)", "colour"),
        ({"account__official_task": False}, "safeguards[0]", "official task"),
        ({"safeguards": ["dedicated_device"], "device": {"kind": "corporate"}}, "safeguards", "contradicts"),
    ],
)
def test_a_wrong_file_names_the_field_and_exits_2(capsys, tmp_path, changes, field, hint):
    code, out, err = run(capsys, "assess", write(tmp_path, create_doc(**changes)))
    assert code == 2
    assert out == ""
    assert field in err
    assert hint in err
    assert "Traceback" not in err


def test_a_missing_required_field_is_named(capsys, tmp_path):
    code, _, err = run(capsys, "assess", write(tmp_path, create_doc(organisation__kind=None)))
    assert code == 2
    assert "organisation" in err
    assert "'kind' is required" in err


def test_a_missing_file_is_reported_without_a_traceback(capsys, tmp_path):
    code, _, err = run(capsys, "assess", tmp_path / "nope.yaml")
    assert code == 2
    assert "no such file" in err


def test_broken_yaml_names_the_line(capsys, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("gonogo: 1\norganisation: {name: x\n", encoding="utf-8")
    code, _, err = run(capsys, "assess", path)
    assert code == 2
    assert "line" in err
    assert "not valid YAML" in err


def test_reports_are_written_in_each_format(capsys, tmp_path):
    case = write(tmp_path, create_doc())
    html, md, js = tmp_path / "r.html", tmp_path / "r.md", tmp_path / "r.json"
    code, _, _ = run(capsys, "assess", case, "--report", html, "--report", md, "--report", js)
    assert code == 0
    assert "<svg" in html.read_text(encoding="utf-8")
    assert md.read_text(encoding="utf-8").startswith("# Test police district")
    assert json.loads(js.read_text(encoding="utf-8"))["organisation"] == "Test police district"


def test_lang_nb_prints_and_writes_reports_in_bokmal(capsys, tmp_path):
    case = write(tmp_path, create_doc())
    html, md = tmp_path / "r.html", tmp_path / "r.md"
    code, out, _ = run(capsys, "assess", case, "--lang", "nb", "--report", html, "--report", md)
    assert code == 0
    assert [line for line in out.splitlines() if line.strip()][1].startswith("ANBEFALING:")
    assert '<html lang="nb">' in html.read_text(encoding="utf-8")
    assert "## Anbefaling:" in md.read_text(encoding="utf-8")


def test_json_is_the_same_bytes_in_either_language(capsys, tmp_path):
    case = write(tmp_path, create_doc())
    js_en, js_nb = tmp_path / "en.json", tmp_path / "nb.json"
    _, english, _ = run(capsys, "assess", case, "--format", "json", "--report", js_en)
    _, bokmal, _ = run(capsys, "assess", case, "--format", "json", "--lang", "nb", "--report", js_nb)
    assert english == bokmal
    assert js_en.read_bytes() == js_nb.read_bytes()


def test_an_unknown_language_is_refused(capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["assess", str(write(tmp_path, create_doc())), "--lang", "sv"])
    assert exc.value.code == 2
    assert "invalid choice: 'sv'" in capsys.readouterr().err


def test_an_unknown_report_format_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "assess", write(tmp_path, create_doc()), "--report", tmp_path / "r.docx")
    assert code == 2
    assert ".html, .md, .pdf or .json" in err


def test_restrictions_lists_measures_in_force(capsys):
    code, out, _ = run(capsys, "restrictions", "--jurisdiction", "NO", "--date", "2023-04-01", "--kind", "police")
    assert code == 0
    assert "NO-NSM-2023" in out


def test_restrictions_json_lists_nothing_before_the_measures(capsys):
    code, out, _ = run(capsys, "restrictions", "-j", "NO", "-d", "2022-01-01", "--format", "json")
    assert code == 0
    assert all(r["id"] != "NO-NSM-2023" for r in json.loads(out)["restrictions"])


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["restrictions", "-j", "Norway"], "ISO 3166"),
        (["restrictions", "-j", "NO", "-d", "yesterday"], "YYYY-MM-DD"),
        (["restrictions", "-j", "NO", "--kind", "pub"], "expected one of"),
    ],
)
def test_restrictions_rejects_bad_options_clearly(capsys, argv, hint):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert hint in err


def test_schema_prints_a_json_schema(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "organisation" in schema["properties"]


def test_kb_validate_passes_on_the_bundled_knowledge_base(capsys):
    code, out, _ = run(capsys, "kb", "validate")
    assert code == 0
    assert "is valid" in out


def test_kb_validate_names_the_file_and_entry_of_a_bad_extra_policy(capsys, tmp_path):
    folder = tmp_path / "policies"
    folder.mkdir()
    bad = create_rule(id="OUR-POLICY", exemption={"requires": ["magic_shield"], "text": "x"})
    (folder / "ours.yaml").write_text(
        yaml.safe_dump({"kind": "restrictions", "version": "1", "entries": [bad]}), encoding="utf-8"
    )
    code, _, err = run(capsys, "kb", "validate", "--kb-extra", folder)
    assert code == 2
    assert "OUR-POLICY" in err
    assert "magic_shield" in err


def test_an_organisations_own_policy_changes_the_decision(capsys, tmp_path):
    folder = tmp_path / "policies"
    folder.mkdir()
    ours = create_rule(id="OUR-BAN", jurisdictions=["NO"], bodies=["police"], devices=["issued", "personal"])
    (folder / "ours.yaml").write_text(
        yaml.safe_dump({"kind": "restrictions", "version": "1", "entries": [ours]}), encoding="utf-8"
    )
    case = write(tmp_path, create_doc())
    code, out, _ = run(capsys, "assess", case, "--kb-extra", folder, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["outcome"] == "no_go"
    assert any(r["id"] == "OUR-BAN" for r in data["restrictions"])


NO_POLICE_BAN = {
    "kind": "restrictions",
    "version": "local",
    "entries": [
        {
            "id": "NO-LOCAL-BAN",
            "title": "A police district bans TikTok on issued phones",
            "role": "device_rule",
            "jurisdictions": ["NO-46"],
            "bodies": ["police"],
            "roles": ["any"],
            "devices": ["issued"],
            "platforms": ["tiktok"],
            "types": ["ban"],
            "binding": True,
            "in_force_from": "2023-01-01",
            "status": "in_force",
            "sources": [{"title": "local instruction", "url": "https://example.org/"}],
            "confidence": "high",
        }
    ],
}


def test_recheck_re_evaluates_only_the_assessments_a_new_policy_reaches(capsys, tmp_path):
    policies = tmp_path / "policies"
    policies.mkdir()
    (policies / "ban.yaml").write_text(yaml.safe_dump(NO_POLICE_BAN), encoding="utf-8")
    files = sorted(EXAMPLES.glob("*.yaml"))
    code, out, _ = run(capsys, "recheck", *files, "--kb-extra", policies, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["changed_restrictions"] == ["NO-LOCAL-BAN"]
    by_file = {Path(r["file"]).name: r for r in data["assessments"]}
    assert by_file["politivest-2023-04.yaml"]["affected"] is True
    assert by_file["politivest-2023-04.yaml"]["after"]["outcome"] == "no_go"
    assert by_file["politivest-2023-04.yaml"]["outcome_changed"] is True
    assert by_file["india-municipality-2024.yaml"] == {
        "file": str(EXAMPLES / "india-municipality-2024.yaml"),
        "affected": False,
    }
    code, out, _ = run(capsys, "recheck", *files, "--kb-extra", policies)
    assert "politivest-2023-04.yaml: OUTCOME CHANGES: go_with_conditions (clear) -> no_go (clear)" in out
    assert "3 assessments, 1 re-evaluated, 1 with a different outcome" in out


def test_recheck_stops_on_a_bad_file_before_printing_anything(capsys, tmp_path):
    bad = write(tmp_path, create_doc(platform="myspace"))
    code, out, err = run(capsys, "recheck", EXAMPLES / "politivest-2023-04.yaml", bad)
    assert code == 2
    assert out == ""
    assert "platform" in err
