"""Train the fast comment models: hashed character n-gram tf-idf + logistic regression.

Usage: python training/train_fast.py

Writes ``models/fast_sentiment.npz`` (sentiment, 3 classes) and ``models/fast_abuse.npz`` (offensive and
hate heads used by triage). Prints dev macro-F1 per dataset. C is chosen on the dev sets, so the printed
dev scores are selection scores, not test scores.
"""

from __future__ import annotations

import json

import numpy as np
from common import (
    MODELS,
    SEED,
    concat,
    datasets_root,
    fit_idf,
    germeval_split,
    macro_f1,
    matrix,
    sentiment_dev,
    sentiment_train,
)
from sklearn.linear_model import LogisticRegression

from gonogo.evidence.comments import corpora

SENTIMENT_C = (3.0, 10.0)
BINARY_C = 5.0


def fit(x, y, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, max_iter=300, random_state=SEED)
    return model.fit(x, y)


def main() -> None:
    root = datasets_root()
    train_texts, train_y = concat(sentiment_train(root))
    idf = fit_idf(train_texts)
    x_train = matrix(train_texts, idf)
    dev = sentiment_dev(root)
    best = None
    for c in SENTIMENT_C:
        model = fit(x_train, train_y, c)
        scores = {d.name: macro_f1(np.array(d.labels), model.predict(matrix(d.texts, idf))) for d in dev}
        mean = float(np.mean(list(scores.values())))
        print(
            f"sentiment C={c}: dev mean macro-F1 {mean:.1f} "
            + json.dumps({k: round(v, 1) for k, v in scores.items()})
        )
        if best is None or mean > best[0]:
            best = (mean, c, model, scores)
    assert best is not None
    mean, c, model, scores = best
    print(f"chosen C={c}")
    MODELS.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        MODELS / "fast_sentiment.npz",
        idf=idf.astype(np.float16),
        weights=model.coef_.T.astype(np.float16),
        bias=model.intercept_.astype(np.float64),
        classes=np.array(["negative", "neutral", "positive"]),
    )

    # offensive (English OffensEval + German GermEval) and hate (English HatEval), one idf for both
    germ_train, germ_dev = germeval_split(root)
    off_train = [corpora.tweeteval(root, "offensive", "train"), germ_train]
    hate_train = [corpora.tweeteval(root, "hate", "train")]
    off_texts, off_y = concat(off_train)
    hate_texts, hate_y = concat(hate_train)
    idf2 = fit_idf(off_texts + hate_texts)
    off = fit(matrix(off_texts, idf2), off_y, BINARY_C)
    hate = fit(matrix(hate_texts, idf2), hate_y, BINARY_C)
    for d in (corpora.tweeteval(root, "offensive", "val"), germ_dev):
        score = macro_f1(np.array(d.labels), off.predict(matrix(d.texts, idf2)))
        print(f"offensive dev {d.name}: macro-F1 {score:.1f}")
    d = corpora.tweeteval(root, "hate", "val")
    score = macro_f1(np.array(d.labels), hate.predict(matrix(d.texts, idf2)))
    print(f"hate dev {d.name}: macro-F1 {score:.1f}")
    np.savez_compressed(
        MODELS / "fast_abuse.npz",
        idf=idf2.astype(np.float16),
        weights=np.stack([off.coef_[0], hate.coef_[0]], axis=1).astype(np.float16),
        bias=np.array([off.intercept_[0], hate.intercept_[0]], dtype=np.float64),
        classes=np.array(["offensive", "hate"]),
    )


if __name__ == "__main__":
    main()
