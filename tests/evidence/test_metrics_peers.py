from __future__ import annotations

from datetime import date

import pytest
from evidence_builders import full_tiktok_export

from gonogo.core.errors import InputError
from gonogo.evidence.importers import Territory, import_evidence
from gonogo.evidence.metrics import (
    IMPORTED,
    SELF_REPORTED,
    account_metrics,
    estimate,
    home_share,
    per_100_inhabitants,
    posting_consistency,
)
from gonogo.evidence.peers import compare_with_peers, load_peers
from gonogo.evidence.population import country_code, country_population, population_served


def test_imported_evidence_has_a_narrower_interval_than_self_reported():
    imported = estimate(100.0, IMPORTED, "x")
    typed = estimate(100.0, SELF_REPORTED, "x")
    assert typed.low < imported.low < imported.value < imported.high < typed.high


def test_followers_per_100_inhabitants():
    assert per_100_inhabitants(823_000, 5_400_000, IMPORTED).value == pytest.approx(15.24, abs=0.01)


def test_home_share_is_read_from_top_territories_and_bounded():
    territories = (Territory("NO", 0.98), Territory("SE", 0.02))
    share = home_share(territories, "no")
    assert share.value == 0.98
    assert share.high == 1.0


def test_a_country_outside_the_top_territories_is_below_the_smallest_listed_share():
    share = home_share((Territory("NO", 0.9), Territory("SE", 0.04), Territory("Others", 0.06)), "DK")
    assert (share.value, share.low, share.high) == (0.0, 0.0, 0.04)


def test_posting_consistency_is_the_share_of_weeks_with_a_post():
    start, end = date(2026, 1, 5), date(2026, 2, 1)  # four weeks
    posts = [date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 20)]
    assert posting_consistency(posts, start, end, IMPORTED).value == 0.5


def test_account_metrics_from_a_tiktok_import(tmp_path):
    paths = full_tiktok_export(tmp_path, date(2026, 1, 1), date(2026, 1, 30), date(2026, 2, 1))
    ev = import_evidence(paths)
    m = account_metrics(ev, population=100_000, country="NO")
    assert m["followers_per_100"].value == pytest.approx(ev.followers.latest / 1000)
    assert m["monthly_views_per_100"].value == pytest.approx(ev.views.per_month / 1000, rel=1e-5)
    assert m["home_share"].value == 0.81
    assert m["engagement_rate"].value == ev.engagement_rate
    assert m["growth_per_month"].value > 0
    assert 0 < m["posting_consistency"].value <= 1
    assert all(v.basis == IMPORTED for v in m.values() if v)


def test_the_peer_data_is_marked_as_dated_sourced_snapshots():
    peers = load_peers()
    assert len(peers) >= 10
    for p in peers:
        assert p.date
        assert p.source
        assert p.confidence in {"H", "M", "L"}


def test_politivest_has_15_followers_per_100_inhabitants():
    lines = [c.sentence() for c in compare_with_peers("Us", 1000, 100_000)]
    politivest = next(line for line in lines if line.startswith("Politivest"))
    assert politivest.startswith("Politivest: 15 followers per 100 inhabitants (823,000 followers, snapshot 2023-03")


def test_the_bodys_other_channels_are_compared_on_the_same_population():
    rows = compare_with_peers("TikTok", 5_000, 50_000, own_channels={"Facebook": 10_000}, country="NO")
    assert [(r.name, r.per_100) for r in rows] == [
        ("Facebook", 20.0),
        ("Politivest", pytest.approx(15.24, abs=0.01)),
        ("TikTok", 10.0),
    ]


def test_country_population_comes_from_geonames():
    assert 4_000_000 < country_population("NO") < 7_000_000
    assert country_code("Norway") == "NO"


def test_a_municipality_is_asked_for_its_population():
    with pytest.raises(InputError, match="--population"):
        population_served(None, "NO", "municipal")
    assert population_served(285_000, None, "municipal") == (285_000, "given")


def test_an_unknown_country_is_a_clear_error():
    with pytest.raises(InputError, match="ISO 3166"):
        country_population("XX")


def test_the_cli_prints_the_peer_comparison(tmp_path, capsys):
    from gonogo.cli import main

    full_tiktok_export(tmp_path, date(2026, 1, 1), date(2026, 1, 30), date(2026, 2, 1))
    assert main(["evidence", str(tmp_path), "--population", "5400000", "--peers", "--name", "Vest"]) == 0
    out = capsys.readouterr().out
    assert "Politivest: 15 followers per 100 inhabitants" in out
    assert "Vest: " in out
