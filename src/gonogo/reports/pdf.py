"""The HTML report printed to PDF with WeasyPrint (no network: the HTML is self-contained)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gonogo.core.errors import InputError
from gonogo.reports.html import render_html
from gonogo.reports.record import DecisionRecord


def render_pdf(result: Mapping[str, Any], lang: str = "en", record: DecisionRecord | None = None) -> bytes:
    """Print the HTML report (with the decision record when given) to PDF."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the system's Pango libraries are missing
        raise InputError(f"PDF reports need WeasyPrint and its system libraries (Pango): {exc}") from None
    # A tagged PDF: its structure tree (headings, lists, tables) and language let screen readers follow it.
    pdf: bytes = weasyprint.HTML(string=render_html(result, lang, record)).write_pdf(pdf_tags=True)
    return pdf
