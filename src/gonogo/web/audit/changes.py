"""What an audit entry changed, field by field, for people reading the log.

An entry stores the whole ``before`` and ``after`` (an assessment edit holds the full document); the log shows
only the leaves that differ, each under its dotted path (``evidence.followers``, ``operators[0].count``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

MISSING = object()
VALUE_CHARS = 160


@dataclass(frozen=True)
class Change:
    path: str
    before: Any  # MISSING when the field was added
    after: Any  # MISSING when the field was removed

    @property
    def before_text(self) -> str:
        return _said(self.path, self.before)

    @property
    def after_text(self) -> str:
        return _said(self.path, self.after)


def changes(before: Any, after: Any) -> list[Change]:
    """Every leaf that differs between ``before`` and ``after``, in a stable order.

    Mappings are compared key by key and lists item by item; anything else, or two values of different
    kinds, is one leaf. An entry that records only ``after`` (a creation) lists each of its fields as added,
    and one that records only ``before`` (a deletion) each as removed.
    """
    if before is None and isinstance(after, dict):
        before = {}
    if after is None and isinstance(before, dict):
        after = {}
    return _diff(before, after, None)


def _diff(before: Any, after: Any, path: str | None) -> list[Change]:
    if isinstance(before, dict) and isinstance(after, dict):
        out: list[Change] = []
        for key in sorted(set(before) | set(after), key=str):
            out += _diff(before.get(key, MISSING), after.get(key, MISSING), _join(path, str(key)))
        return out
    if isinstance(before, list) and isinstance(after, list):
        out = []
        for index in range(max(len(before), len(after))):
            old = before[index] if index < len(before) else MISSING
            new = after[index] if index < len(after) else MISSING
            out += _diff(old, new, f"{path or ''}[{index}]")
        return out
    if before is MISSING and isinstance(after, dict) and after:
        return _diff({}, after, path)
    if after is MISSING and isinstance(before, dict) and before:
        return _diff(before, {}, path)
    if before == after:  # also two missing fields
        return []
    return [Change(path if path is not None else "—", before, after)]


def _join(path: str | None, key: str) -> str:
    return key if path is None else f"{path}.{key}"


def _said(path: str, value: Any) -> str:
    """A value as the log shows it: a known code in words with the code beside it ("In review (in_review)")."""
    from gonogo.web.audit.labels import value_label

    label = value_label(path, value)
    return shown(value) if label is None else f"{label} ({value})"


def shown(value: Any) -> str:
    """A value as a short line of text: strings as they are, the rest as JSON; empty for a missing field."""
    if value is MISSING:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"
