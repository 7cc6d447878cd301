"""Comparing an account with public-authority peers and with the body's own other channels.

The peers are dated snapshots from articles (``data/peers.yaml``): each line carries its date and source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from gonogo.core.errors import InputError

from .population import country_population


@dataclass(frozen=True, slots=True)
class Peer:
    id: str
    name: str
    body: str
    country: str
    scope: str
    followers: int
    date: str
    source: str
    confidence: str
    population: int | None = None
    population_note: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    """One line of a comparison: a name, its followers, and followers per 100 inhabitants where known."""

    name: str
    followers: int
    per_100: float | None
    population: int | None
    population_basis: str | None
    date: str | None
    source: str | None
    own: bool

    def sentence(self) -> str:
        ratio = (
            f"{_fmt(self.per_100)} followers per 100 inhabitants"
            if self.per_100 is not None
            else "no population to compare with"
        )
        detail = f"{self.followers:,} followers"
        if self.date:
            detail += f", snapshot {self.date}"
        if self.source:
            detail += f", {self.source}"
        return f"{self.name}: {ratio} ({detail})"


def _fmt(value: float) -> str:
    if value >= 10:
        return f"{value:,.0f}"
    return f"{value:.1f}" if value >= 1 else f"{value:.2g}"


@cache
def load_peers() -> tuple[Peer, ...]:
    """The bundled, dated peer snapshots."""
    text = resources.files("gonogo.evidence").joinpath("data/peers.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not data.get("snapshot"):
        raise ValueError("peers.yaml must be marked snapshot: true")
    return tuple(Peer(**entry) for entry in data["peers"])


def _peer_population(peer: Peer) -> tuple[int | None, str | None]:
    if peer.population:
        return peer.population, peer.population_note or "as given by the source"
    if peer.scope == "national":
        return country_population(
            peer.country
        ), f"GeoNames population of {peer.country} (today's, not at the snapshot date)"
    return None, None


def per_100(followers: int, population: int | None) -> float | None:
    if not population:
        return None
    return followers / population * 100


def compare_with_peers(
    name: str,
    followers: int,
    population: int,
    *,
    own_channels: dict[str, int] | None = None,
    peers: tuple[Peer, ...] | None = None,
    country: str | None = None,
) -> list[Comparison]:
    """The account, the body's other channels (same population) and the peers, highest ratio first.

    ``country`` limits the peers to one country; without it all peers are listed.
    """
    if population <= 0:
        raise InputError("the population served must be a positive number")
    rows = [Comparison(name, followers, per_100(followers, population), population, "given", None, None, True)]
    for channel, count in (own_channels or {}).items():
        rows.append(Comparison(channel, count, per_100(count, population), population, "given", None, None, True))
    for peer in peers if peers is not None else load_peers():
        if country and peer.country != country.upper():
            continue
        pop, basis = _peer_population(peer)
        rows.append(
            Comparison(
                peer.name,
                peer.followers,
                per_100(peer.followers, pop),
                pop,
                basis,
                peer.date,
                peer.source,
                False,
            )
        )
    return sorted(rows, key=lambda r: (r.per_100 is None, -(r.per_100 or 0.0), r.name))
