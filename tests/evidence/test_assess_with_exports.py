"""Round trip: analytics exports named in an assessment file feed the engine and show in the report."""

from __future__ import annotations

import json
from datetime import date

import yaml
from evidence_builders import full_tiktok_export

from factories import create_doc
from gonogo.cli import main


def write_case(tmp_path, **changes):
    exports = tmp_path / "exports"
    exports.mkdir()
    zips = full_tiktok_export(exports, date(2023, 1, 1), date(2023, 3, 31), export=date(2023, 4, 2))
    doc = create_doc(evidence={"files": [f"exports/{z.name}" for z in zips], "other_channels_reach": 0.3}, **changes)
    case = tmp_path / "case.yaml"
    case.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return case


def test_imported_figures_replace_typed_ones_with_a_narrow_interval(tmp_path, capsys):
    case = write_case(tmp_path)
    assert main(["assess", str(case), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    reach = next(b for b in result["benefits"] if b["criterion"] == "reach")
    assert reach["basis"] == "imported"
    assert reach["source"] == "tiktok_studio"
    assert reach["file"].startswith("exports/")
    assert reach["period"] == ["2023-01-01", "2023-03-31"]
    engagement = next(b for b in result["benefits"] if b["criterion"] == "engagement")
    assert engagement["basis"] == "imported"
    assert engagement["high"] - engagement["low"] < 0.1


def test_the_report_names_the_export_and_its_period(tmp_path, capsys):
    case = write_case(tmp_path)
    html = tmp_path / "r.html"
    assert main(["assess", str(case), "--report", str(html)]) == 0
    text = html.read_text(encoding="utf-8")
    assert "imported from exports/" in text
    assert "2023-01-01 to 2023-03-31" in text


def test_a_broken_export_stops_the_assessment_with_the_file_named(tmp_path, capsys):
    case = write_case(tmp_path)
    broken = next((tmp_path / "exports").glob("Overview_*.zip"))
    broken.write_bytes(b"not a zip at all")
    assert main(["assess", str(case)]) == 2
    err = capsys.readouterr().err
    assert broken.name in err
    assert "Traceback" not in err
