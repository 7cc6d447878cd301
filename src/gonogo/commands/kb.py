"""``gonogo kb validate``: check every knowledge-base file; ``gonogo kb show``: what it holds."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from gonogo.core.kb import load_knowledge_base
from gonogo.documents import read_kb_extra


def register(sub: Any) -> None:
    p = sub.add_parser("kb", help="the knowledge base: validate it or list what it holds")
    inner = p.add_subparsers(dest="kb_command", metavar="ACTION", required=True)
    v = inner.add_parser("validate", help="check schema, ids, dates and sources of every file")
    v.add_argument("--kb-extra", type=Path, action="append", default=[], help="a folder of extra policies")
    v.set_defaults(func=validate)
    s = inner.add_parser("show", help="list the catalogues and their versions")
    s.add_argument("--kb-extra", type=Path, action="append", default=[], help="a folder of extra policies")
    s.set_defaults(func=show)


def validate(args: argparse.Namespace) -> int:
    kb = load_knowledge_base(read_kb_extra(args.kb_extra))
    device_rules = sum(1 for r in kb.restrictions if r.role == "device_rule")
    print(
        f"knowledge base {kb.version} is valid: {len(kb.restrictions)} restrictions "
        f"({device_rules} device rules), "
        f"{len(kb.platforms)} platforms, {len(kb.threats)} threats, {len(kb.safeguards)} safeguards, "
        f"{len(kb.roles)} roles, {len(kb.kinds)} kinds of body"
    )
    return 0


def show(args: argparse.Namespace) -> int:
    kb = load_knowledge_base(read_kb_extra(args.kb_extra))
    print(f"knowledge base {kb.version}")
    for kind, version in sorted(kb.files.items()):
        print(f"  {kind:<40} {version}")
    return 0
