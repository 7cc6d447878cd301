"""``gonogo assess FILE``: decide for one assessment file and print or write the result."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from gonogo.core.assessment import parse_assessment
from gonogo.core.engine import evaluate
from gonogo.core.errors import InputError
from gonogo.core.kb import load_knowledge_base
from gonogo.core.result import result_to_dict
from gonogo.documents import read_document, read_kb_extra
from gonogo.evidence.resolve import resolve_evidence
from gonogo.reports import render_report, render_text
from gonogo.reports.i18n import LANGUAGES


def register(sub: Any) -> None:
    p = sub.add_parser("assess", help="decide go / go with conditions / no-go for an assessment file")
    p.add_argument("file", type=Path, help="the assessment file (YAML or JSON)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="what to print (default: text)")
    p.add_argument(
        "--report",
        type=Path,
        action="append",
        default=[],
        help="also write a report; the extension picks the format: .html, .md, .pdf or .json (repeatable)",
    )
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="language of the text output and the reports: en (English) or nb (Norwegian bokmål); JSON has codes",
    )
    p.add_argument("--seed", type=int, help="override the file's seed")
    p.add_argument("--draws", type=int, help="override the number of Monte Carlo draws")
    p.add_argument("--kb-extra", type=Path, action="append", default=[], help="a folder of extra policies")
    p.add_argument(
        "--export-date",
        type=_iso_date,
        default=None,
        help="YYYY-MM-DD: the day the analytics exports in evidence.files were downloaded (for year inference)",
    )
    p.add_argument(
        "--comments-model",
        choices=("auto", "fast", "accurate"),
        default="auto",
        help="the model that scores evidence.comment_files (default: auto, the accurate one where it runs)",
    )
    p.set_defaults(func=run)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def load_document(path: Path, export_date: date | None = None, comments_model: str = "auto") -> dict[str, Any]:
    """Read an assessment file; import the exports of ``evidence.files`` and score ``evidence.comment_files``."""
    doc = read_document(path)
    if not isinstance(doc, dict):
        raise InputError(f"{path}: expected a mapping of fields (YAML or JSON object)")
    evidence = doc.get("evidence")
    if isinstance(evidence, dict) and ("files" in evidence or "comment_files" in evidence):
        doc = resolve_evidence(doc, path.parent, export_date=export_date, comments_model=comments_model)
    return doc


def run(args: argparse.Namespace) -> int:
    kb = load_knowledge_base(read_kb_extra(args.kb_extra))
    doc = load_document(args.file, args.export_date, args.comments_model)
    if args.seed is not None:
        doc["seed"] = args.seed
    if args.draws is not None:
        doc["draws"] = args.draws
    assessment = parse_assessment(doc, kb, source=str(args.file))
    result = evaluate(assessment, kb)
    data = result_to_dict(result)
    for target in args.report:
        render_report(data, target, args.lang)
        print(f"wrote {target}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(render_text(data, args.lang))
    return 0
