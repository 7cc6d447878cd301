"""Languages of the reports: English (the messages' own text) and Norwegian bokmål.

Wording is translated with Python's gettext from the catalogue ``locale/<lang>/LC_MESSAGES/gonogo.mo`` (domain
``gonogo``). Message ids are the English texts: the reports' own phrases (marked ``_("...")`` or ``N_("...")``
in this package) and the knowledge base's labels (threats, safeguards, criteria, roles, kinds of body),
translated by their English text, so a label whose English changes shows in English until it is translated
again (and the catalogue test fails). Placeholders are ``{name}`` fields filled with ``str.format``.

``python -m gonogo.reports.catalogue`` brings the catalogue up to date with the code and the knowledge base
and compiles it.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

LANGUAGES = ("en", "nb")
DOMAIN = "gonogo"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; it is translated where it is shown."""
    return message


def language_of(code: str | None) -> str:
    """Map a language tag (``nb``, ``nb-NO``, ``no``, ``en-GB``...) to one of ``LANGUAGES``; English otherwise."""
    tag = (code or "").lower().replace("_", "-")
    if tag.split("-")[0] in ("nb", "no"):
        return "nb"
    return "en"


@functools.cache
def _translations(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang])


def translator(lang: str | None) -> Callable[[str], str]:
    """Return the ``gettext`` of a language (unknown languages give English)."""
    return _translations(language_of(lang)).gettext


def translate(text: str, lang: str | None) -> str:
    """Translate one message or knowledge-base label; text without a translation stays as it is."""
    if not text or not text.strip():
        return text
    _ = translator(lang)
    said = _(text)
    if said is text and text != text.strip():  # labels are catalogued without surrounding white space
        said = _(text.strip())
    return said


NBSP = "\u00a0"


def _localised(text: str, lang: str | None) -> str:
    """Turn a number written the English way (``-5,600.25``) into the language's way (bokmål: ``-5 600,25``)."""
    if text.lstrip("-").strip("0.,") == "":  # -0.0 rounds to zero: no minus sign
        text = text.lstrip("-")
    if language_of(lang) == "nb":
        return text.replace(",", NBSP).replace(".", ",")
    return text


def number(value: float, lang: str | None, places: int | None = None, significant: int | None = None) -> str:
    """A number the way the language writes it: ``5,600.25`` in English, ``5 600,25`` in bokmål.

    Bokmål groups thousands with a (no-break) space and puts a comma before the decimals. With ``places`` the
    number has that many decimals; otherwise it is rounded to ``significant`` digits (when given) and shown
    with the decimals it needs (``0.2``, ``15.24``, ``1``), never in exponent notation. Every number the reports
    and the web pages show is written here (and in ``percent`` and ``money``), so they read the same everywhere.
    """
    if places is not None:
        return _localised(f"{value:,.{places}f}", lang)
    if significant is not None:
        value = float(f"{value:.{significant}g}")
    exact = Decimal(repr(float(value))).normalize()
    return _localised(f"{exact:,f}", lang)


def score(value: float, lang: str | None) -> str:
    """A criterion's value on its 0 to 1 scale, with two decimals: ``0.09`` in English, ``0,09`` in bokmål."""
    return number(value, lang, places=2)


def interval(low: float, high: float, lang: str | None) -> str:
    """A criterion's interval on its 0 to 1 scale: ``0.09–0.15`` in English, ``0,09–0,15`` in bokmål."""
    return f"{score(low, lang)}\u2013{score(high, lang)}"


def money(amount: float, lang: str | None, currency: str = "EUR") -> str:
    """An amount in whole units of its currency: ``EUR 5,600`` in English, ``5 600 EUR`` in bokmål."""
    figure = number(amount, lang, places=0)
    if language_of(lang) == "nb":
        return f"{figure}{NBSP}{currency}"
    return f"{currency} {figure}"


def percent(share: float, lang: str | None, places: int = 0) -> str:
    """A share (0.81) as a percentage the way the language writes it: ``81%`` in English, ``81 %`` in bokmål.

    Bokmål puts a (no-break) space before the sign and a comma before the decimals: ``12,5 %``. Every
    percentage the reports and the web pages show is written here, so they read the same everywhere.
    """
    figure = _localised(f"{share * 100:.{places}f}", lang)
    if language_of(lang) == "nb":
        return figure + NBSP + "%"
    return figure + "%"
