"""Rendering results for people: terminal text, Markdown, HTML (inline SVG), PDF and JSON.

Every renderer takes the plain result dict (``gonogo.core.result.result_to_dict``) so that stored,
frozen results render exactly like fresh ones.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gonogo.core.errors import InputError
from gonogo.reports.text import render_text

__all__ = ["render_report", "render_text"]


def render_report(result: dict[str, Any], target: Path, lang: str = "en") -> None:
    """Write a report in a language (``en`` or ``nb``); the file's extension chooses the format.

    JSON stays language-neutral: codes and parameters, byte-identical for the same file and seed.
    """
    suffix = target.suffix.lower()
    if suffix in (".html", ".htm"):
        from gonogo.reports.html import render_html

        target.write_text(render_html(result, lang), encoding="utf-8")
    elif suffix == ".md":
        from gonogo.reports.markdown import render_markdown

        target.write_text(render_markdown(result, lang), encoding="utf-8")
    elif suffix == ".pdf":
        from gonogo.reports.pdf import render_pdf

        target.write_bytes(render_pdf(result, lang))
    elif suffix == ".json":
        target.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        raise InputError(f"--report {target}: unknown format; use .html, .md, .pdf or .json")
