"""Re-checking many assessments after the knowledge base changed, re-evaluating only those it can affect.

A change that only adds, removes or edits restriction entries can change an assessment's result only
if one of those entries, before or after the change, applies to the assessment's body, platform and
date (``restrictions.applies``): the engine sees no other restriction. Every other assessment keeps
its result exactly, except the knowledge-base version it names; a test checks this on generated
assessments. A change to anything else (threats, safeguards, criteria, platforms, roles, kinds of
body, the matrix, or the order of the entries) may affect every assessment, and all are re-evaluated.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gonogo.core.assessment import Assessment
from gonogo.core.engine import evaluate
from gonogo.core.kb import KnowledgeBase, Restriction
from gonogo.core.restrictions import applies
from gonogo.core.result import Result

_OTHER_PARTS = ("platforms", "threats", "safeguards", "roles", "kinds", "matrix", "criteria")


@dataclass(frozen=True)
class KbChange:
    everything: bool  # something besides restriction entries changed: any result may change
    restrictions: tuple[tuple[Restriction | None, Restriction | None], ...]  # (before, after) per changed entry

    @property
    def changed_ids(self) -> tuple[str, ...]:
        return tuple(sorted({r.id for pair in self.restrictions for r in pair if r is not None}))


@dataclass(frozen=True)
class Recheck:
    assessment: Assessment
    affected: bool
    result: Result | None  # the new result when affected; None when the previous one still holds


def kb_change(before: KnowledgeBase, after: KnowledgeBase) -> KbChange:
    """What changed between two knowledge bases, as far as results are concerned."""
    everything = any(getattr(before, part) != getattr(after, part) for part in _OTHER_PARTS)
    old = {r.id: r for r in before.restrictions}
    new = {r.id: r for r in after.restrictions}
    changed = tuple((old.get(i), new.get(i)) for i in sorted(old.keys() | new.keys()) if old.get(i) != new.get(i))
    kept = {i for i in old if old.get(i) == new.get(i)}
    if [r.id for r in before.restrictions if r.id in kept] != [r.id for r in after.restrictions if r.id in kept]:
        everything = True  # results list rules in knowledge-base order
    return KbChange(everything, changed)


def may_change(a: Assessment, change: KbChange) -> bool:
    """Tell whether ``change`` can change the result of ``a``."""
    if change.everything:
        return True
    return any(r is not None and applies(r, a) for pair in change.restrictions for r in pair)


def recheck(
    assessments: Iterable[Assessment], before: KnowledgeBase, after: KnowledgeBase, *, flip_points: bool = False
) -> Iterator[Recheck]:
    """Re-evaluate under ``after`` each assessment that the change from ``before`` can affect."""
    change = kb_change(before, after)
    for a in assessments:
        if may_change(a, change):
            yield Recheck(a, True, evaluate(a, after, flip_points=flip_points))
        else:
            yield Recheck(a, False, None)
