"""Train the accurate sentiment model: an e5 embedding head stacked with the fast n-gram model.

Usage: python training/embed_cache.py && python training/train_accurate.py

1. Embedding head: three seeded one-hidden-layer MLPs (256 ReLU units, alpha 0.01, 60 epochs), their
   probabilities averaged, on the cached multilingual-e5-small embeddings of the training texts (XLM-T
   European languages, all of NoReC train, the TweetEval sentiment tweets that are not in XLM-T
   English). This setting was chosen on the dev sets among a few (see the model card).
2. Stacking: out-of-fold probabilities of both the fast model and the embedding head on the training
   texts (5 folds, seeded) train a small multinomial logistic regression over their log-probabilities.
   It learns how far to trust each model and calibrates the result. It never sees dev data.
3. Cascade: a logistic regression over the fast model's out-of-fold log-probabilities gives the
   probabilities of the comments that are not embedded; the threshold on the fast model's top
   probability is the lowest whose out-of-fold macro-F1 (mean over the training sets) stays within
   CASCADE_TOLERANCE of embedding every comment. Chosen on the training texts only, never on dev.

Writes ``models/accurate_sentiment.npz`` and prints dev macro-F1 per dataset for the fast model, the
embedding head and the stacked model (dev scores: C was selected on them).
"""

from __future__ import annotations

import itertools
import json
import warnings

import numpy as np
from common import MODELS, REPO, SEED, concat, datasets_root, fit_idf, macro_f1, matrix, sentiment_dev
from embed_cache import jobs
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.neural_network import MLPClassifier

from gonogo.evidence.comments.models import FastSentiment, softmax

CACHE = REPO / "var" / "embeddings"
MLP_HIDDEN = 256
MLP_ALPHA = 1e-2
MLP_EPOCHS = 60
MLP_MEMBERS = 3  # seeded MLPs whose probabilities are averaged
FAST_C = 10.0
FOLDS = 5
CASCADE_THRESHOLDS = tuple(round(0.4 + 0.025 * i, 3) for i in range(23))  # 0.400 ... 0.950
CASCADE_TOLERANCE = 0.5  # macro-F1 points the cascade may lose out of fold against embedding everything


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


class Ensemble:
    """Seeded one-hidden-layer MLPs trained for a fixed number of epochs; probabilities averaged."""

    def __init__(self, members: list[MLPClassifier]) -> None:
        self.members = members

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return np.mean([m.predict_proba(x) for m in self.members], axis=0)

    def predict(self, x: np.ndarray) -> np.ndarray:
        return self.predict_proba(x).argmax(axis=1)


def fit_head(x: np.ndarray, labels: np.ndarray) -> Ensemble:
    members = []
    for k in range(MLP_MEMBERS):
        with warnings.catch_warnings():  # a fixed number of epochs is meant: no convergence warning
            warnings.simplefilter("ignore", ConvergenceWarning)
            mlp = MLPClassifier(
                hidden_layer_sizes=(MLP_HIDDEN,),
                alpha=MLP_ALPHA,
                max_iter=MLP_EPOCHS,
                n_iter_no_change=MLP_EPOCHS,
                tol=0.0,
                random_state=SEED + k,
            )
            members.append(mlp.fit(x, labels))
    return Ensemble(members)


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

    head = fit_head(emb, y)
    scores = [macro_f1(np.array(d.labels), head.predict(e)) for d, e in zip(dev, dev_emb, strict=True)]
    print(f"embedding head ({MLP_MEMBERS} MLPs): dev mean {np.mean(scores):.1f}", flush=True)

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
        oof_emb[te] = fit_head(emb[tr], y[tr]).predict_proba(emb[te])
        print(f"fold {k + 1}/{FOLDS} done", flush=True)

    def stack_features(p_fast: np.ndarray, p_emb: np.ndarray) -> np.ndarray:
        return np.log(np.clip(np.hstack([p_fast, p_emb]), 1e-6, 1.0))

    def fit_lr(x: np.ndarray, labels: np.ndarray) -> LogisticRegression:
        return LogisticRegression(C=1.0, max_iter=1000, random_state=SEED).fit(x, labels)

    stack_x = stack_features(oof_fast, oof_emb)
    stacker = fit_lr(stack_x, y)
    # the cascade's fast-only branch: a recalibration of the fast model's log-probabilities
    fast_x = np.log(np.clip(oof_fast, 1e-6, 1.0))
    fast_only = fit_lr(fast_x, y)
    # out-of-fold predictions of both (the stacker's own folds), to choose the cascade threshold on the
    # training texts only: the lowest threshold (fewest comments embedded) whose out-of-fold macro-F1,
    # averaged over the training sets, is within CASCADE_TOLERANCE points of embedding every comment
    oof_stacked = np.zeros((len(texts), 3))
    oof_fast_only = np.zeros((len(texts), 3))
    for tr, te in folds.split(stack_x, y):
        oof_stacked[te] = fit_lr(stack_x[tr], y[tr]).predict_proba(stack_x[te])
        oof_fast_only[te] = fit_lr(fast_x[tr], y[tr]).predict_proba(fast_x[te])
    offsets = np.cumsum([0] + [len(d.texts) for _, d in train_parts])
    scored = [
        (offsets[i], offsets[i + 1]) for i, (k, _) in enumerate(train_parts) if k != "tweeteval-sentiment-extra"
    ]

    def oof_mean_f1(pred: np.ndarray) -> float:
        return float(np.mean([macro_f1(y[a:b], pred[a:b]) for a, b in scored]))

    confidence = oof_fast.max(axis=1)
    full_f1 = oof_mean_f1(oof_stacked.argmax(1))
    print(f"out-of-fold mean macro-F1 on the training sets: fast {oof_mean_f1(oof_fast.argmax(1)):.1f}, "
          f"stacked {full_f1:.1f}")
    threshold = 2.0
    for t in CASCADE_THRESHOLDS:
        routed = confidence < t
        pred = np.where(routed, oof_stacked.argmax(1), oof_fast_only.argmax(1))
        f1 = oof_mean_f1(pred)
        print(f"cascade threshold {t:.3f}: embeds {100 * routed.mean():.1f}% (out-of-fold), "
              f"out-of-fold mean macro-F1 {f1:.1f}", flush=True)
        if threshold > 1.0 and f1 >= full_f1 - CASCADE_TOLERANCE:
            threshold = t
    print(f"chosen cascade threshold {threshold}")

    report = {}
    for d, e, pf in zip(dev, dev_emb, dev_fast, strict=True):
        labels = np.array(d.labels)
        pe = head.predict_proba(e)
        ps = softmax(stack_features(pf, pe) @ stacker.coef_.T + stacker.intercept_)
        pf_only = softmax(np.log(np.clip(pf, 1e-6, 1.0)) @ fast_only.coef_.T + fast_only.intercept_)
        routed = pf.max(axis=1) < threshold
        pc = np.where(routed[:, None], ps, pf_only)
        report[d.name] = {
            "fast": round(macro_f1(labels, pf.argmax(1)), 1),
            "embedding": round(macro_f1(labels, pe.argmax(1)), 1),
            "stacked": round(macro_f1(labels, ps.argmax(1)), 1),
            "stacked_ece": round(ece(ps, labels), 1),
            "cascade": round(macro_f1(labels, pc.argmax(1)), 1),
            "cascade_embedded_pct": round(100 * float(routed.mean()), 1),
        }
    for key in ("fast", "embedding", "stacked", "cascade", "cascade_embedded_pct"):
        report[f"mean_{key}"] = round(float(np.mean([report[d.name][key] for d in dev])), 1)
    print(json.dumps(report, indent=1))
    members = head.members
    head_arrays = {
        "hidden_weights": np.stack([m.coefs_[0] for m in members]).astype(np.float32),
        "hidden_bias": np.stack([m.intercepts_[0] for m in members]).astype(np.float32),
        "head_weights": np.stack([m.coefs_[1] for m in members]).astype(np.float32),
        "head_bias": np.stack([m.intercepts_[1] for m in members]).astype(np.float64),
    }
    np.savez_compressed(
        MODELS / "accurate_sentiment.npz",
        **head_arrays,
        stack_weights=stacker.coef_.T.astype(np.float64),
        stack_bias=stacker.intercept_.astype(np.float64),
        fast_only_weights=fast_only.coef_.T.astype(np.float64),
        fast_only_bias=fast_only.intercept_.astype(np.float64),
        cascade_threshold=np.float64(threshold),
    )


if __name__ == "__main__":
    main()
