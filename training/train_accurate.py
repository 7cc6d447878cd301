"""Train the accurate sentiment model: an e5 embedding head stacked with the fast n-gram model.

Usage: python training/embed_cache.py && python training/train_accurate.py

1. Embedding head: logistic regression (or a one-hidden-layer MLP, whichever scores better on dev; so far
   the linear head wins) on the cached multilingual-e5-small embeddings of the training texts (XLM-T
   European languages, a seeded NoReC sample, the TweetEval sentiment tweets that are not in XLM-T
   English). C (or the MLP's alpha) is chosen on the dev sets.
2. Stacking: out-of-fold probabilities of both the fast model and the embedding head on the training
   texts (5 folds, seeded) train a small multinomial logistic regression over their log-probabilities.
   It learns how far to trust each model and calibrates the result. It never sees dev data.

Writes ``models/accurate_sentiment.npz`` and prints dev macro-F1 per dataset for the fast model, the
embedding head and the stacked model (dev scores: C was selected on them).
"""

from __future__ import annotations

import itertools
import json

import numpy as np
from common import MODELS, REPO, SEED, concat, datasets_root, fit_idf, macro_f1, matrix, sentiment_dev
from embed_cache import jobs
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.neural_network import MLPClassifier

from gonogo.evidence.comments.models import FastSentiment, softmax

CACHE = REPO / "var" / "embeddings"
HEAD_C = (1.0, 3.0, 10.0)
MLP_ALPHA = (1e-3, 1e-2)
MLP_HIDDEN = 256
FAST_C = 10.0
FOLDS = 5


def load_cached(key: str) -> tuple[np.ndarray, np.ndarray]:
    with np.load(CACHE / f"{key}.npz") as data:
        return data["emb"].astype(np.float32), data["labels"].astype(np.int64)


def ece(probs: np.ndarray, labels: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error of the top-class probability."""
    conf = probs.max(axis=1)
    correct = probs.argmax(axis=1) == labels
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in itertools.pairwise(edges):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            total += mask.mean() * abs(conf[mask].mean() - correct[mask].mean())
    return total * 100


def main() -> None:
    root = datasets_root()
    train_parts = [(k, d) for k, d in jobs(root) if not k.endswith((".val", ".dev"))]
    texts, y = concat([d for _, d in train_parts])
    emb = np.vstack([load_cached(k)[0] for k, _ in train_parts])
    assert len(emb) == len(texts)
    dev = sentiment_dev(root)
    dev_keys = [f"{d.name}.val" if d.name.startswith("xlmt") else "norec.dev" for d in dev]
    dev_emb = [load_cached(k)[0] for k in dev_keys]
    fast = FastSentiment()
    dev_fast = [fast.predict_proba(d.texts) for d in dev]

    def fit_head(x: np.ndarray, labels: np.ndarray, setting: tuple[str, float]):  # type: ignore[no-untyped-def]
        kind, value = setting
        if kind == "linear":
            return LogisticRegression(C=value, max_iter=2000, random_state=SEED).fit(x, labels)
        return MLPClassifier(
            hidden_layer_sizes=(MLP_HIDDEN,),
            alpha=value,
            early_stopping=True,
            max_iter=200,
            random_state=SEED,
        ).fit(x, labels)

    best = None
    settings = [("linear", c) for c in HEAD_C] + [("mlp", a) for a in MLP_ALPHA]
    for setting in settings:
        head = fit_head(emb, y, setting)
        scores = [macro_f1(np.array(d.labels), head.predict(e)) for d, e in zip(dev, dev_emb, strict=True)]
        print(f"embedding head {setting}: dev mean {np.mean(scores):.1f}", flush=True)
        if best is None or np.mean(scores) > best[0]:
            best = (float(np.mean(scores)), setting, head)
    assert best is not None
    head_setting, head = best[1], best[2]
    print(f"chosen head {head_setting}")

    # out-of-fold probabilities on the training texts for both models
    oof_path = (
        CACHE / "oof_fast.npy"
    )  # the fast model's out-of-fold probabilities do not change with the head
    oof_fast = np.load(oof_path) if oof_path.exists() else None
    oof_emb = np.zeros((len(texts), 3))
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    if oof_fast is None or len(oof_fast) != len(texts):
        oof_fast = np.zeros((len(texts), 3))
        for tr, te in folds.split(emb, y):
            tr_texts = [texts[i] for i in tr]
            idf = fit_idf(tr_texts)
            model = LogisticRegression(C=FAST_C, max_iter=300, random_state=SEED)
            model.fit(matrix(tr_texts, idf), y[tr])
            oof_fast[te] = model.predict_proba(matrix([texts[i] for i in te], idf))
        np.save(oof_path, oof_fast)
    for k, (tr, te) in enumerate(folds.split(emb, y)):
        oof_emb[te] = fit_head(emb[tr], y[tr], head_setting).predict_proba(emb[te])
        print(f"fold {k + 1}/{FOLDS} done", flush=True)

    def stack_features(p_fast: np.ndarray, p_emb: np.ndarray) -> np.ndarray:
        return np.log(np.clip(np.hstack([p_fast, p_emb]), 1e-6, 1.0))

    stacker = LogisticRegression(C=1.0, max_iter=1000, random_state=SEED).fit(
        stack_features(oof_fast, oof_emb), y
    )
    report = {}
    for d, e, pf in zip(dev, dev_emb, dev_fast, strict=True):
        labels = np.array(d.labels)
        pe = head.predict_proba(e)
        ps = softmax(stack_features(pf, pe) @ stacker.coef_.T + stacker.intercept_)
        report[d.name] = {
            "fast": round(macro_f1(labels, pf.argmax(1)), 1),
            "embedding": round(macro_f1(labels, pe.argmax(1)), 1),
            "stacked": round(macro_f1(labels, ps.argmax(1)), 1),
            "stacked_ece": round(ece(ps, labels), 1),
        }
    for key in ("fast", "embedding", "stacked"):
        report[f"mean_{key}"] = round(float(np.mean([report[d.name][key] for d in dev])), 1)
    print(json.dumps(report, indent=1))
    if head_setting[0] == "linear":
        head_arrays = {"head_weights": head.coef_.T.astype(np.float32), "head_bias": head.intercept_}
    else:
        head_arrays = {
            "hidden_weights": head.coefs_[0].astype(np.float32),
            "hidden_bias": head.intercepts_[0].astype(np.float32),
            "head_weights": head.coefs_[1].astype(np.float32),
            "head_bias": head.intercepts_[1].astype(np.float64),
        }
    np.savez_compressed(
        MODELS / "accurate_sentiment.npz",
        **head_arrays,
        stack_weights=stacker.coef_.T.astype(np.float64),
        stack_bias=stacker.intercept_.astype(np.float64),
    )


if __name__ == "__main__":
    main()
