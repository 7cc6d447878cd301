"""Rank comments for safeguarding review: a ranking aid that a person confirms, never a verdict.

Each category's score (0-1) is the largest of three signals:

* seed phrases written for gonogo in the supported languages (``data/triage_seeds.json``), combined as
  ``1 - prod(1 - weight)`` over the distinct phrases found;
* for ``hate`` and ``threat_harassment``, the hate-speech and offensive-language models
  (character n-grams trained on TweetEval and GermEval 2018), scaled down because offensive is not threat;
* when the embedding model is available, similarity to the seed example comments relative to ordinary
  comments, which carries the categories into wordings and languages the phrases miss.

A comment is flagged in a category when its score reaches ``FLAG_THRESHOLD``. The weights and threshold
were set by hand before the evaluation set was written; they are not fitted to it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from gonogo.evidence.comments import embedding
from gonogo.evidence.comments.models import MODELS, load_abuse

CATEGORIES = ("child_safety", "self_harm", "threat_harassment", "hate", "crime_report", "help_request")
FLAG_THRESHOLD = 0.5
NOTICE = (
    "Triage flags are a ranking aid for human review, not an automatic verdict: "
    "a person must read and confirm every flagged comment."
)
SEEDS = Path(__file__).resolve().parent / "data" / "triage_seeds.json"
HATE_MODEL_WEIGHT = 0.7
OFFENSIVE_MODEL_WEIGHT = 0.55
EMBEDDING_WEIGHT = 0.8
EMBEDDING_MARGIN = 0.03
EMBEDDING_SLOPE = 60.0


@dataclass(frozen=True)
class Flag:
    category: str
    score: float


def _phrase_pattern(phrase: str) -> str:
    """The phrase as a pattern that starts at a word boundary (checked once per alternation, see below)."""
    wildcard = phrase.endswith("*")
    body = re.escape(phrase.rstrip("*").lower())
    return body + (r"\w*" if wildcard else r"(?!\w)")


def alternation(phrases: list[str]) -> str:
    """One pattern for many phrases, longest first.

    The look-behind for the start of a word comes once, before the group: written before every phrase, it
    hides the phrases' first letters from the regular-expression engine, which then tries every phrase at
    every position (about fourteen times slower, with the same matches).
    """
    return r"(?<!\w)(?:" + "|".join(sorted({_phrase_pattern(p) for p in phrases}, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class _Lexicon:
    # per category: list of (compiled alternation, weight)
    patterns: dict[str, list[tuple[re.Pattern[str], float]]]


@lru_cache(maxsize=1)
def _seeds() -> dict[str, object]:
    data: dict[str, object] = json.loads(SEEDS.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    categories = _seeds()["categories"]
    assert isinstance(categories, dict)
    patterns: dict[str, list[tuple[re.Pattern[str], float]]] = {}
    for category in CATEGORIES:
        groups = []
        for weight, phrases in categories[category]["phrases"].items():
            groups.append((re.compile(alternation(phrases)), float(weight)))
        patterns[category] = groups
    return _Lexicon(patterns)


def lexicon_scores(texts: list[str]) -> np.ndarray:
    """Return (n, categories) scores from the seed phrases alone."""
    lex = _lexicon()
    out = np.zeros((len(texts), len(CATEGORIES)))
    for i, text in enumerate(texts):
        lowered = " ".join(text.lower().replace("’", "'").split())
        for j, category in enumerate(CATEGORIES):
            keep = 1.0
            for pattern, weight in lex.patterns[category]:
                found = set(pattern.findall(lowered))
                keep *= (1.0 - weight) ** len(found)
            out[i, j] = 1.0 - keep
    return out


@lru_cache(maxsize=1)
def _example_embeddings() -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Return (example embeddings, their category index or -1 for ordinary) or None when unavailable."""
    path = MODELS / "triage_examples.npz"
    if not path.exists() or not embedding.available():
        return None
    with np.load(path, allow_pickle=False) as data:
        return data["embeddings"].astype(np.float32), data["category"], data["categories"]


def embedding_scores(embeddings: np.ndarray) -> np.ndarray:
    """Return (n, categories) scores from similarity to the seed examples (zeros when unavailable)."""
    examples = _example_embeddings()
    out = np.zeros((len(embeddings), len(CATEGORIES)))
    if examples is None or len(embeddings) == 0:
        return out
    vectors, category, names = examples
    sims = embeddings @ vectors.T
    ordinary = sims[:, category == -1].max(axis=1)
    for j, name in enumerate(CATEGORIES):
        idx = int(np.flatnonzero(names == name)[0])
        margin = sims[:, category == idx].max(axis=1) - ordinary
        out[:, j] = 1.0 / (1.0 + np.exp(-EMBEDDING_SLOPE * (margin - EMBEDDING_MARGIN)))
    return out


def triage_scores(texts: list[str], embeddings: np.ndarray | None = None) -> np.ndarray:
    """Return (n, categories) triage scores in [0, 1]; ``embeddings`` adds the similarity signal."""
    scores = lexicon_scores(texts)
    if texts:
        abuse = load_abuse().predict(texts)
        hate = CATEGORIES.index("hate")
        threat = CATEGORIES.index("threat_harassment")
        scores[:, hate] = np.maximum(scores[:, hate], HATE_MODEL_WEIGHT * abuse[:, 1])
        scores[:, threat] = np.maximum(scores[:, threat], OFFENSIVE_MODEL_WEIGHT * abuse[:, 0])
    if embeddings is not None:
        scores = np.maximum(scores, EMBEDDING_WEIGHT * embedding_scores(embeddings))
    return scores


def flags_from_scores(row: np.ndarray) -> list[Flag]:
    """Return the categories at or above the threshold, highest first."""
    flags = [Flag(c, round(float(s), 3)) for c, s in zip(CATEGORIES, row, strict=True) if s >= FLAG_THRESHOLD]
    return sorted(flags, key=lambda f: -f.score)
