"""``gonogo restrictions``: query the register of measures in force."""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from gonogo.core.errors import InputError
from gonogo.core.kb import load_knowledge_base
from gonogo.core.restrictions import query
from gonogo.documents import read_kb_extra


def register(sub: Any) -> None:
    p = sub.add_parser("restrictions", help="list the restrictions in force for a jurisdiction on a date")
    p.add_argument("--jurisdiction", "-j", required=True, help="ISO 3166 code (NO, NO-46, US-TX) or EU")
    p.add_argument("--date", "-d", default=None, help="YYYY-MM-DD (default: today)")
    p.add_argument("--kind", help="only measures covering this kind of body (police, ministry, ...)")
    p.add_argument("--platform", help="only measures about this platform (tiktok, telegram, ...)")
    p.add_argument("--context", action="store_true", help="include context: rulings, fines, divest laws")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--kb-extra", type=Path, action="append", default=[], help="a folder of extra policies")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    kb = load_knowledge_base(read_kb_extra(args.kb_extra))
    jurisdiction = args.jurisdiction.strip().upper()
    if not re.match(r"^([A-Z]{2}(-[A-Z0-9]{1,3})?|EU|EEA)$", jurisdiction):
        raise InputError(
            f"--jurisdiction: expected an ISO 3166 code such as NO, NO-46 or US-TX, or EU; got {args.jurisdiction!r}"
        )
    try:
        when = date.fromisoformat(args.date) if args.date else date.today()
    except ValueError:
        raise InputError(f"--date: expected YYYY-MM-DD; got {args.date!r}") from None
    if args.kind and args.kind not in kb.kinds:
        raise InputError(f"--kind: expected one of {', '.join(sorted(kb.kinds))}; got {args.kind!r}")
    if args.platform and args.platform not in kb.platforms:
        raise InputError(f"--platform: expected one of {', '.join(sorted(kb.platforms))}; got {args.platform!r}")
    found = query(kb, jurisdiction, when, kind=args.kind, platform=args.platform, include_context=args.context)
    if args.format == "json":
        rows = [
            {
                "id": r.id,
                "title": r.title,
                "role": r.role,
                "jurisdictions": list(r.jurisdictions),
                "types": list(r.types),
                "binding": r.binding,
                "bodies": list(r.bodies),
                "devices": list(r.devices),
                "in_force_from": r.in_force_from.isoformat() if r.in_force_from else None,
                "in_force_until": r.in_force_until.isoformat() if r.in_force_until else None,
                "exemption_requires": list(r.exemption.requires) if r.exemption else None,
                "source": {"title": r.sources[0].title, "url": r.sources[0].url} if r.sources else None,
                "confidence": r.confidence,
            }
            for r in found
        ]
        print(
            json.dumps(
                {"jurisdiction": jurisdiction, "date": when.isoformat(), "restrictions": rows},
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    print(
        f"{len(found)} measure(s) in force for {jurisdiction} on {when.isoformat()}"
        + (f" covering {args.kind}" if args.kind else "")
    )
    for r in found:
        kind = "binding" if r.binding else ("advice" if r.role == "device_rule" else "context")
        start = r.in_force_from.isoformat() if r.in_force_from else "?"
        print(f"\n{r.id}  [{', '.join(r.types)}; {kind}; since {start}; {', '.join(r.jurisdictions)}]")
        print(f"  {r.title}")
        if r.exemption:
            print(f"  exemption requires: {', '.join(r.exemption.requires) or '(see text)'}")
        elif r.role == "device_rule":
            print("  no exemption route")
        if r.sources:
            print(f"  source: {r.sources[0].title} <{r.sources[0].url}>")
    return 0
