"""``gonogo schema``: print the JSON Schema of the assessment file."""

from __future__ import annotations

import argparse
import json
from typing import Any

from gonogo.core.assessment import assessment_schema
from gonogo.core.kb import load_knowledge_base


def register(sub: Any) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the assessment file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print(json.dumps(assessment_schema(load_knowledge_base()), indent=2, ensure_ascii=False))
    return 0
