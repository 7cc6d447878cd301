"""``gonogo recheck FILE... --kb-extra DIR``: which assessments a change of policy affects, and how."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from gonogo.commands.assess import load_document
from gonogo.core.assessment import parse_assessment
from gonogo.core.engine import evaluate
from gonogo.core.errors import InputError
from gonogo.core.kb import load_knowledge_base
from gonogo.core.portfolio import kb_change, recheck
from gonogo.documents import read_kb_extra


def register(sub: Any) -> None:
    p = sub.add_parser(
        "recheck",
        help="re-check assessment files against changed policies; only those a change can affect are re-evaluated",
    )
    p.add_argument("files", type=Path, nargs="+", help="assessment files (YAML or JSON)")
    p.add_argument(
        "--kb-extra", type=Path, action="append", default=[], help="a folder of policies after the change (repeatable)"
    )
    p.add_argument(
        "--before-extra",
        type=Path,
        action="append",
        default=[],
        help="a folder of policies before the change (repeatable; default: the bundled knowledge base alone)",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    before = load_knowledge_base(read_kb_extra(args.before_extra))
    after = load_knowledge_base(read_kb_extra(args.kb_extra))
    # Every file is read and validated before anything is evaluated: one bad file stops the run.
    docs = {path: load_document(path) for path in args.files}
    parsed = {path: parse_assessment(doc, after, source=str(path)) for path, doc in docs.items()}
    change = kb_change(before, after)
    rows = []
    for path, checked in zip(parsed, recheck(parsed.values(), before, after), strict=True):
        row: dict[str, Any] = {"file": str(path), "affected": checked.affected}
        if checked.result is not None:
            try:
                old = evaluate(parse_assessment(docs[path], before, source=str(path)), before, flip_points=False)
            except InputError as exc:  # valid only under the new policies
                raise InputError(f"{path}: not valid before the change: {exc}") from None
            row |= {
                "before": {"outcome": old.outcome, "robustness": old.robustness},
                "after": {"outcome": checked.result.outcome, "robustness": checked.result.robustness},
                "outcome_changed": old.outcome != checked.result.outcome,
            }
        rows.append(row)
    if args.format == "json":
        out = {
            "kb_before": before.version,
            "kb_after": after.version,
            "everything_may_change": change.everything,
            "changed_restrictions": list(change.changed_ids),
            "assessments": rows,
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    what = "everything" if change.everything else ", ".join(change.changed_ids) or "nothing"
    print(f"Knowledge base {before.version} -> {after.version}; changed: {what}")
    for row in rows:
        if not row["affected"]:
            print(f"  {row['file']}: not affected (result unchanged)")
            continue
        b, a = row["before"], row["after"]
        mark = "OUTCOME CHANGES" if row["outcome_changed"] else "same outcome"
        print(f"  {row['file']}: {mark}: {b['outcome']} ({b['robustness']}) -> {a['outcome']} ({a['robustness']})")
    affected = sum(r["affected"] for r in rows)
    changed = sum(r.get("outcome_changed", False) for r in rows)
    print(f"{len(rows)} assessments, {affected} re-evaluated, {changed} with a different outcome")
    return 0
