"""The one place the web app calls the engine. It converts at the edge: document in, plain dict out."""

from __future__ import annotations

from typing import Any


def evaluate_document(document: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Evaluate an assessment document; return the result dict and the knowledge-base version.

    Raises ``gonogo.core.errors.DocumentError`` naming each field to fix.
    """
    from gonogo.core.assessment import parse_assessment
    from gonogo.core.engine import evaluate
    from gonogo.core.kb import load_knowledge_base
    from gonogo.core.result import result_to_dict

    kb = load_knowledge_base()
    assessment = parse_assessment(document, kb)
    return result_to_dict(evaluate(assessment, kb)), kb.version


def validate_document(document: dict[str, Any]) -> None:
    """Raise ``DocumentError`` if the document would not parse; the engine is not run."""
    from gonogo.core.assessment import parse_assessment
    from gonogo.core.kb import load_knowledge_base

    parse_assessment(document, load_knowledge_base())


def knowledge_base_version() -> str:
    from gonogo.core.kb import load_knowledge_base

    return str(load_knowledge_base().version)


def current_kb_version() -> str | None:
    """Return the installed knowledge base's version, or None when it cannot be loaded."""
    try:
        return knowledge_base_version()
    except ImportError:
        return None
