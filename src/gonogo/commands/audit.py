"""``gonogo audit verify``: check that the web app's audit trail is the one that was written."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("audit", help="check the web app's audit trail")
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify", help="detect altered or deleted audit entries", description="Exit 1 if the chain is broken."
    )
    verify.set_defaults(func=handle_verify)


def handle_verify(args: argparse.Namespace) -> int:
    from gonogo.web.setup import setup_django

    setup_django()
    from gonogo.web.audit.models import AuditEntry
    from gonogo.web.audit.trail import verify

    problems = verify()
    if problems:
        for p in problems:
            print(f"entry {p.seq}: {p.message}")
        print(f"audit trail BROKEN: {len(problems)} problem(s)")
        return 1
    print(f"audit trail intact: {AuditEntry.objects.count()} entries")
    return 0
