"""Shared helpers for the training scripts: data loading, features as sparse matrices, metrics."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.metrics import f1_score

from gonogo.evidence.comments import corpora
from gonogo.evidence.comments.features import BITS, hashed_counts, tfidf_rows

REPO = Path(__file__).resolve().parents[1]
MODELS = REPO / "src" / "gonogo" / "evidence" / "comments" / "models"
SEED = 20261122


def datasets_root() -> Path:
    root = corpora.default_root(REPO)
    if not (root / "MANIFEST.md").exists():
        raise SystemExit(f"shared datasets not found at {root}")
    return root


def tweeteval_sentiment_extra(root: Path) -> corpora.Labelled:
    """TweetEval sentiment val less every text that is also in XLM-T English (train or val).

    XLM-T English is drawn from the same SemEval 2017 tweets: all 324 XLM-T English val texts are in
    TweetEval sentiment val, so using it whole would train on the English dev set.
    """
    full = corpora.tweeteval(root, "sentiment", "val")
    seen = set(corpora.xlmt(root, "english", "val").texts) | set(corpora.xlmt(root, "english", "train").texts)
    keep = [i for i, t in enumerate(full.texts) if t not in seen]
    return corpora.Labelled(
        "tweeteval-sentiment-extra", "en", [full.texts[i] for i in keep], [full.labels[i] for i in keep]
    )


def sentiment_train(root: Path) -> list[corpora.Labelled]:
    """Training data for sentiment. TweetEval sentiment is used for training only, never scored."""
    out = [corpora.xlmt(root, language, "train") for language in corpora.XLMT_LANGUAGES]
    out.append(corpora.norec(root, "train"))
    out.append(tweeteval_sentiment_extra(root))
    return out


def sentiment_dev(root: Path) -> list[corpora.Labelled]:
    out = [corpora.xlmt(root, language, "val") for language in corpora.XLMT_LANGUAGES]
    out.append(corpora.norec(root, "dev"))
    return out


def germeval_split(root: Path) -> tuple[corpora.Labelled, corpora.Labelled]:
    """GermEval 2018 has only a training file here: hold out a seeded fifth as dev."""
    full = corpora.germeval(root)
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(full.texts))
    cut = len(order) // 5
    dev_idx, train_idx = sorted(order[:cut]), sorted(order[cut:])

    def take(idx: list[int], name: str) -> corpora.Labelled:
        return corpora.Labelled(name, "de", [full.texts[i] for i in idx], [full.labels[i] for i in idx])

    return take(train_idx, "germeval2018-train"), take(dev_idx, "germeval2018-dev")


def concat(parts: list[corpora.Labelled]) -> tuple[list[str], np.ndarray]:
    texts = [t for p in parts for t in p.texts]
    labels = np.array([y for p in parts for y in p.labels])
    return texts, labels


def fit_idf(texts: list[str], bits: int = BITS) -> np.ndarray:
    _, cols, _ = hashed_counts(texts, bits)
    df = np.bincount(cols, minlength=1 << bits)
    return (np.log((1 + len(texts)) / (1 + df)) + 1.0).astype(np.float32)


def matrix(texts: list[str], idf: np.ndarray, bits: int = BITS) -> sparse.csr_matrix:
    rows, cols, values = tfidf_rows(texts, idf, bits)
    return sparse.csr_matrix((values, (rows, cols)), shape=(len(texts), 1 << bits))


def macro_f1(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    return float(f1_score(y_true, y_pred, average="macro")) * 100
